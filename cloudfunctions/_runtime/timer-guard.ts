/**
 * Only the platform's timer may run a timer's work (the SLA sweep, the notification queue). A
 * timer invocation carries the event `{ Type: 'Timer', TriggerName, Time }`, but anyone can send that payload; what they cannot
 * forge is the context: no OPENID (a mini-program call always has one), no WeChat or
 * function-to-function source, and `TRIGGER_SRC=timer`, which the platform sets for timer
 * triggers (the server SDK reads it to pick the trigger's API token).
 */
export interface InvocationFacts {
  event: unknown
  openid?: string
  /** `cloud.getWXContext().SOURCE`: e.g. `wx_client`, or `wx_client,scf` along a call chain. */
  source?: string
  triggerSource?: string
}

// A timer run's SOURCE is `wx_trigger` (Cloud.getWXContext reference); every other WeChat source is a caller.
const CALLER_SOURCES = /^(wx_(?!trigger$)\w+|scf)$/

export function isTimerInvocation({ event, openid, source, triggerSource }: InvocationFacts): boolean {
  if (!event || typeof event !== 'object' || (event as { Type?: unknown }).Type !== 'Timer') return false
  if (openid) return false
  if ((source ?? '').split(',').some((s) => CALLER_SOURCES.test(s.trim()))) return false
  return triggerSource === 'timer'
}
