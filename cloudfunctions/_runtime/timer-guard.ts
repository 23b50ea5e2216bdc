/**
 * Only the platform's timer may run a timer's work (the SLA sweep, the notification queue). A
 * timer invocation carries SCF's timer event `{ Type: 'Timer', TriggerName, Time, Message }`
 * (Tencent SCF, "触发器事件消息结构汇总"), but anyone can send that payload; what they cannot
 * forge is the context: no OPENID (a mini-program call always has one), no WeChat or
 * function-to-function source, and `TRIGGER_SRC=timer`, which the platform sets for timer
 * triggers (@cloudbase/app's node adapter reads it to use the trigger's API token,
 * `WX_TRIGGER_API_TOKEN_V0`, instead of the caller's).
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
  // The platform always names the trigger that fired.
  const name = (event as { TriggerName?: unknown }).TriggerName
  if (typeof name !== 'string' || name === '') return false
  if (openid) return false
  if ((source ?? '').split(',').some((s) => CALLER_SOURCES.test(s.trim()))) return false
  return triggerSource === 'timer'
}
