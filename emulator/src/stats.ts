/**
 * Round-trip and document counters. Every `POST /admin` request is one round trip; database
 * handlers add the documents they read and wrote. Counters exist per function invocation
 * (tests and benchmarks read them to hold actions to their budget) and for the whole emulator.
 */
export interface InvocationStats {
  id: string
  functionName: string
  openid: string
  startedAt: number
  endedAt?: number
  roundTrips: number
  docsRead: number
  docsWritten: number
  /** Round trips by wire action, e.g. `{ 'database.getDocument': 2 }`. */
  actions: Record<string, number>
  error?: string
  /** Function invocations only: the instance that served it (`<function>#<n>`). */
  instanceId?: string
  /** The instance was started for this invocation (a cold start). */
  cold?: boolean
  /** For a cold start: process start plus loading the function, in ms. */
  coldStartMs?: number
  /** Work (active resources by type) still pending when `main` settled; frozen with the instance. */
  pending?: Record<string, number>
  /** The invocation ran past its timeout and its instance was stopped. */
  timedOut?: boolean
}

export function newStats(id: string, functionName: string, openid: string, startedAt: number): InvocationStats {
  return { id, functionName, openid, startedAt, roundTrips: 0, docsRead: 0, docsWritten: 0, actions: {} }
}

export function countRoundTrip(stats: InvocationStats, action: string): void {
  stats.roundTrips += 1
  stats.actions[action] = (stats.actions[action] ?? 0) + 1
}
