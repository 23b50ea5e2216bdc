/**
 * One logger for the whole emulator. Services and functions get children with a scope; every
 * line also goes into a bounded in-memory ring that the console page and tests read.
 */
export const LogLevels = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LogLevels)[number]

export interface LogEntry {
  time: number
  level: LogLevel
  scope: string
  message: string
}

export class Logger {
  private constructor(
    private readonly sink: LogSink,
    readonly scope: string,
  ) {}

  static create(options: { level?: LogLevel; capacity?: number; quiet?: boolean } = {}): Logger {
    return new Logger(new LogSink(options.level ?? 'info', options.capacity ?? 2000, options.quiet ?? false), 'emulator')
  }

  child(scope: string): Logger {
    return new Logger(this.sink, `${this.scope}:${scope}`)
  }

  debug(message: string): void {
    this.sink.write('debug', this.scope, message)
  }
  info(message: string): void {
    this.sink.write('info', this.scope, message)
  }
  warn(message: string): void {
    this.sink.write('warn', this.scope, message)
  }
  error(message: string): void {
    this.sink.write('error', this.scope, message)
  }

  /** Most recent entries first would surprise a reader of logs: this is oldest first. */
  entries(filter: { scopePrefix?: string; limit?: number } = {}): LogEntry[] {
    const all = this.sink.ring.filter((e) => !filter.scopePrefix || e.scope.startsWith(filter.scopePrefix))
    return filter.limit ? all.slice(-filter.limit) : all
  }
}

class LogSink {
  readonly ring: LogEntry[] = []
  constructor(
    private readonly level: LogLevel,
    private readonly capacity: number,
    private readonly quiet: boolean,
  ) {}

  write(level: LogLevel, scope: string, message: string): void {
    const entry = { time: Date.now(), level, scope, message }
    this.ring.push(entry)
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity)
    if (this.quiet || LogLevels.indexOf(level) < LogLevels.indexOf(this.level)) return
    const line = `[${new Date(entry.time).toISOString()}] ${level.padEnd(5)} ${scope} ${message}\n`
    ;(level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line)
  }
}
