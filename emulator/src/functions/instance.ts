/**
 * One instance of a cloud function, seen from the host: a child Node process running
 * worker.js in the function's folder. It loads the function once (the cold start), then serves
 * one request at a time; between requests it is frozen (see worker.js). Killing it is the only
 * way to stop work it has started, which is what a timeout does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { LogLevel } from '../logger'

export type InstanceState = 'starting' | 'busy' | 'idle' | 'stopped'

export interface InstanceRequest {
  /** The invocation id (also its TCB_SEQID). */
  id: string
  event: unknown
  context: Record<string, unknown>
  env: Record<string, string | undefined>
}

export interface InstanceError {
  name: string
  message: string
  stack?: string
}

export interface InstanceAnswer {
  result?: unknown
  error?: InstanceError
  /** Active resources by type (`Timeout`, `TCPSocketWrap`, …) left running when `main` settled. */
  pending: Record<string, number>
}

export interface InstanceLogLine {
  /** The request being served when the line was written; none while loading. */
  requestId?: string
  level: LogLevel
  message: string
}

export interface InstanceOptions {
  id: string
  functionName: string
  dir: string
  env: Record<string, string>
  onLog(instance: Instance, line: InstanceLogLine): void
  onExit(instance: Instance, reason: string): void
}

/** What the console lists. */
export interface InstanceInfo {
  id: string
  functionName: string
  pid?: number
  state: InstanceState
  startedAt: number
  /** Spawn to ready: process start plus loading the function. */
  coldStartMs?: number
  served: number
  lastUsedAt?: number
}

type WorkerMessage =
  | { type: 'ready'; loadMs: number }
  | { type: 'init-error'; error: InstanceError }
  | { type: 'log'; id?: string; level: LogLevel; message: string }
  | ({ type: 'done'; id: string; fatal?: boolean } & InstanceAnswer)

const WORKER = join(__dirname, 'worker.js')

export class Instance {
  readonly id: string
  readonly functionName: string
  readonly startedAt = Date.now()
  /** Started for a request, so busy (not idle) once ready. */
  state: InstanceState = 'starting'
  served = 0
  coldStartMs?: number
  lastUsedAt?: number
  /** Settles when the function is loaded; rejects with its load error. */
  readonly ready: Promise<void>
  /** Settles when the process has exited. */
  readonly exited: Promise<void>
  private readonly child: ChildProcess
  private hasEnded = false
  private serving?: { id: string; resolve(answer: InstanceAnswer): void; reject(error: Error): void }

  constructor(private readonly options: InstanceOptions) {
    this.id = options.id
    this.functionName = options.functionName
    this.child = spawn(process.execPath, [WORKER, join(options.dir, 'index.js')], {
      cwd: options.dir,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    })
    let settleReady!: { resolve(): void; reject(error: Error): void }
    this.ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }))
    // A failed cold start is answered to the request that waited for it; nobody else awaits it.
    this.ready.catch(() => undefined)
    this.exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))

    const answers = this.child.stdio[4] as Readable
    createInterface({ input: answers, crlfDelay: Infinity }).on('line', (line) => {
      let message: WorkerMessage
      try {
        message = JSON.parse(line) as WorkerMessage
      } catch {
        return this.log({ level: 'warn', message: `unreadable line from the instance: ${line}` })
      }
      switch (message.type) {
        case 'ready':
          this.coldStartMs = Date.now() - this.startedAt
          this.state = 'busy'
          return settleReady.resolve()
        case 'init-error':
          return settleReady.reject(toError(message.error))
        case 'log':
          return this.log({ requestId: message.id, level: message.level, message: message.message })
        case 'done':
          return this.finish(message)
      }
    })
    for (const [fd, level] of [
      [1, 'info'],
      [2, 'error'],
    ] as const) {
      // Output that bypassed the console and process.stdout (native code, fs.writeSync(1, …)).
      createInterface({ input: this.child.stdio[fd] as Readable, crlfDelay: Infinity }).on('line', (message) =>
        this.log({ requestId: this.serving?.id, level, message }),
      )
    }
    // A pipe to a process that died errors (EPIPE); the exit handler below reports the death.
    for (const stream of this.child.stdio) stream?.on('error', () => undefined)
    this.child.once('error', (error) => this.ended(`could not start: ${error.message}`, settleReady))
    this.child.once('exit', (code, signal) => this.ended(signal ? `killed by ${signal}` : `exited with code ${code}`, settleReady))
  }

  get pid(): number | undefined {
    return this.child.pid
  }

  /** Serves one request; rejects if the process ends first. */
  run(request: InstanceRequest): Promise<InstanceAnswer> {
    if (this.state !== 'busy' || this.serving) throw new Error(`instance ${this.id} is not ready for a request (${this.state})`)
    return new Promise<InstanceAnswer>((resolve, reject) => {
      this.serving = { id: request.id, resolve, reject }
      ;(this.child.stdio[3] as Writable).write(`${JSON.stringify(request)}\n`)
    })
  }

  /** Ends the process at once (SIGKILL): nothing it has started goes on. */
  kill(): void {
    this.state = 'stopped'
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL')
  }

  info(): InstanceInfo {
    const { id, functionName, pid, state, startedAt, coldStartMs, served, lastUsedAt } = this
    return { id, functionName, pid, state, startedAt, coldStartMs, served, lastUsedAt }
  }

  private finish(message: Extract<WorkerMessage, { type: 'done' }>): void {
    const serving = this.serving
    if (!serving || serving.id !== message.id) return
    this.serving = undefined
    this.served += 1
    this.lastUsedAt = Date.now()
    // A fatal error ends the instance; it exits right after this answer.
    if (message.fatal) this.state = 'stopped'
    serving.resolve({ result: message.result, error: message.error, pending: message.pending ?? {} })
  }

  private ended(reason: string, ready: { reject(error: Error): void }): void {
    if (this.hasEnded) return
    this.hasEnded = true
    this.state = 'stopped'
    const error = new Error(`instance ${this.id} ${reason}`)
    // No effect once loaded; otherwise the request waiting for this cold start learns why not.
    ready.reject(error)
    const serving = this.serving
    this.serving = undefined
    serving?.reject(error)
    this.options.onExit(this, reason)
  }

  private log(line: InstanceLogLine): void {
    this.options.onLog(this, line)
  }
}

function toError(error: InstanceError): Error {
  const result = new Error(error.message)
  result.name = error.name
  if (error.stack) result.stack = error.stack
  return result
}
