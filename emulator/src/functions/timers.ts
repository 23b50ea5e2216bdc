/** Fires timer triggers on their CloudBase cron schedule, reading time from the emulator clock. */
import type { Clock } from '../clock'
import type { Logger } from '../logger'
import { nextFireTime, parseCron } from './cron'
import type { FunctionDefinition } from './loader'

export class TimerScheduler {
  private readonly timeouts = new Set<NodeJS.Timeout>()
  private running = false

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly fire: (functionName: string, triggerName: string) => void,
  ) {}

  start(definitions: FunctionDefinition[]): void {
    this.running = true
    for (const def of definitions) {
      for (const trigger of def.config.triggers ?? []) {
        if (trigger.type !== 'timer') continue
        try {
          this.schedule(def.name, trigger.name, parseCron(trigger.config))
        } catch (error) {
          this.logger.error(`timer ${def.name}/${trigger.name}: ${(error as Error).message}`)
        }
      }
    }
  }

  stop(): void {
    this.running = false
    for (const t of this.timeouts) clearTimeout(t)
    this.timeouts.clear()
  }

  private schedule(functionName: string, triggerName: string, schedule: ReturnType<typeof parseCron>): void {
    if (!this.running) return
    const next = nextFireTime(schedule, new Date(this.clock.now()))
    if (!next) return
    // Long waits are re-planned in steps so that a moved clock is noticed.
    const wait = Math.min(Math.max(0, next.getTime() - this.clock.now()), 60_000)
    const timeout = setTimeout(() => {
      this.timeouts.delete(timeout)
      if (this.clock.now() >= next.getTime()) {
        this.logger.debug(`timer ${functionName}/${triggerName} fires`)
        this.fire(functionName, triggerName)
      }
      this.schedule(functionName, triggerName, schedule)
    }, wait)
    timeout.unref()
    this.timeouts.add(timeout)
  }
}
