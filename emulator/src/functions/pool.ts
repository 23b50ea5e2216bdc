/**
 * The instances of one function, scaled as the cloud scales them: a request takes an idle
 * instance (a warm start) or, below the limit, starts a new one (a cold start); above it, it
 * waits for the first instance to free up. An instance left idle for `idleMs` is reclaimed.
 */
import { Instance, type InstanceInfo, type InstanceOptions } from './instance'

export interface Lease {
  instance: Instance
  /** The instance was started for this request. */
  cold: boolean
}

export interface PoolOptions {
  functionName: string
  /** Instances running at once, at most. */
  maxInstances: number
  /** An idle instance is stopped after this long. */
  idleMs: number
  /** Everything an instance needs except its id and exit handling. */
  instance(): Omit<InstanceOptions, 'id' | 'onExit'>
  /** `unexpected`: the instance ended by itself (a crash, process.exit()), not stopped by the pool. */
  onReclaimed?(instance: Instance, reason: string, unexpected: boolean): void
}

/** Loading a function that takes longer than this fails the request that waited for it (our choice). */
export const INIT_TIMEOUT_MS = 60_000

interface Waiter {
  resolve(lease: Lease): void
  reject(error: Error): void
}

export class FunctionPool {
  private readonly instances = new Set<Instance>()
  private readonly idleTimers = new Map<Instance, NodeJS.Timeout>()
  private readonly waiting: Waiter[] = []
  private started = 0
  private stopped = false

  constructor(private readonly options: PoolOptions) {}

  /** An instance reserved for one request; give it back with `release` (or `retire`). */
  acquire(): Promise<Lease> {
    if (this.stopped) return Promise.reject(new Error('the emulator is stopping'))
    return new Promise<Lease>((resolve, reject) => {
      this.waiting.push({ resolve, reject })
      this.dispatch()
    })
  }

  /** The request is answered: the instance waits (frozen) for the next one. */
  release(instance: Instance): void {
    if (!this.instances.has(instance) || instance.state !== 'busy') return
    instance.state = 'idle'
    this.dispatch()
    if (instance.state !== 'idle') return
    const timer = setTimeout(() => this.retire(instance, `idle for ${this.options.idleMs} ms`), this.options.idleMs)
    // Optional: under a jsdom test environment timers are plain numbers.
    timer.unref?.()
    this.idleTimers.set(instance, timer)
  }

  /** Stops an instance (timeout, idle); a request waiting for a slot may start a new one. */
  retire(instance: Instance, reason: string): void {
    if (!this.instances.delete(instance)) return
    this.clearIdle(instance)
    instance.kill()
    this.options.onReclaimed?.(instance, reason, false)
    this.dispatch()
  }

  list(): InstanceInfo[] {
    return [...this.instances].map((i) => i.info())
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the emulator is stopping'))
    const all = [...this.instances]
    for (const instance of all) this.retire(instance, 'emulator stopping')
    await Promise.all(all.map((i) => i.exited))
  }

  private dispatch(): void {
    while (this.waiting.length && !this.stopped) {
      const idle = this.mostRecentlyUsedIdle()
      if (idle) {
        this.clearIdle(idle)
        idle.state = 'busy'
        this.waiting.shift()!.resolve({ instance: idle, cold: false })
        continue
      }
      if (this.instances.size >= this.options.maxInstances) return
      const waiter = this.waiting.shift()!
      const instance = this.start()
      let deadline: NodeJS.Timeout | undefined
      const loaded = new Promise<void>((resolve, reject) => {
        deadline = setTimeout(() => reject(new Error(`instance ${instance.id} did not load within ${INIT_TIMEOUT_MS} ms`)), INIT_TIMEOUT_MS)
        instance.ready.then(resolve, reject)
      })
      loaded.then(
        () => {
          clearTimeout(deadline)
          waiter.resolve({ instance, cold: true })
        },
        (error: Error) => {
          clearTimeout(deadline)
          this.instances.delete(instance)
          instance.kill()
          waiter.reject(error)
          this.dispatch()
        },
      )
    }
  }

  /** Reusing the most recent one lets the others go idle long enough to be reclaimed, as in the cloud. */
  private mostRecentlyUsedIdle(): Instance | undefined {
    let best: Instance | undefined
    for (const instance of this.instances) {
      if (instance.state === 'idle' && (!best || (instance.lastUsedAt ?? 0) > (best.lastUsedAt ?? 0))) best = instance
    }
    return best
  }

  private start(): Instance {
    const instance = new Instance({
      ...this.options.instance(),
      id: `${this.options.functionName}#${++this.started}`,
      onExit: (exited, reason) => {
        // Killed by us (timeout, idle, stop) or gone by itself (a crash, process.exit()).
        if (this.instances.delete(exited)) {
          this.clearIdle(exited)
          this.options.onReclaimed?.(exited, reason, true)
          this.dispatch()
        }
      },
    })
    this.instances.add(instance)
    return instance
  }

  private clearIdle(instance: Instance): void {
    clearTimeout(this.idleTimers.get(instance))
    this.idleTimers.delete(instance)
  }
}
