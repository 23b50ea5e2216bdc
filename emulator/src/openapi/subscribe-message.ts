/**
 * `subscribeMessage.send`, as strict as WeChat. Nothing is delivered: the call lands in the
 * outbox. A send succeeds only when
 * - the template is one of the environment's (chosen in the console; here: configured with
 *   `subscribeTemplates`, its keyword names, each one's type its prefix: `thing3` is a
 *   `thing`) — otherwise 40037 "invalid template_id";
 * - every keyword of the template has a value of its type within its limits (the sendMessage
 *   reference, "订阅消息参数值内容限制说明") — otherwise 47003 "argument invalid!";
 * - the user has a one-time subscription left for the template (each acceptance in
 *   `wx.requestSubscribeMessage` grants one; `grant` does here) — otherwise 43101. A
 *   delivered message spends one; a refused one spends nothing.
 */
import { OK, argumentInvalid, type WxAnswer, type WxApi } from './types'

/** WeChat: the template id is not one of the account's templates. */
export const INVALID_TEMPLATE_ID = 40037
/** WeChat: the user has not subscribed, or has used up what they accepted. */
export const USER_REFUSED = 43101

/** Template id → its keyword names (`thing1`, `phrase2`, …). */
export type SubscribeTemplates = Record<string, string[]>

const HAN = /\p{Script=Han}/u
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?`
const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})`
const range = (one: string) => new RegExp(`^${one}(?:\\s*~\\s*${one})?$`)
const TIME_VALUE = range(`(?:${DATE}\\s*)?${TIME}`)
const DATE_VALUE = range(`${DATE}(?:\\s*${TIME})?`)

/** Whether a value fits a keyword type; undefined when it does, else why not. */
export function checkValue(type: string, value: string): string | undefined {
  const chars = [...value]
  const within = (n: number) => (chars.length <= n ? undefined : `exceeds limit of ${n} characters (got ${chars.length})`)
  switch (type) {
    case 'thing':
      return within(20)
    case 'number':
      return /^\d+(\.\d+)?$/.test(value) ? within(32) : 'invalid'
    case 'letter':
      return /^[A-Za-z]+$/.test(value) ? within(32) : 'invalid'
    case 'symbol':
      return /^[^\p{L}\p{N}\s]+$/u.test(value) ? within(5) : 'invalid'
    case 'character_string':
      return /^[\x21-\x7e]+$/.test(value) ? within(32) : 'invalid'
    case 'phone_number':
      return /^[\d+\-() ]+$/.test(value) ? within(17) : 'invalid'
    case 'car_number':
      return within(8)
    case 'amount':
      return /^[¥￥$]?\d{1,10}(\.\d{1,2})?元?$/.test(value) ? undefined : 'invalid'
    case 'time':
      return TIME_VALUE.test(value) ? undefined : 'invalid'
    case 'date':
      return DATE_VALUE.test(value) ? undefined : 'invalid'
    case 'phrase':
      return chars.every((c) => HAN.test(c)) ? within(5) : 'invalid'
    case 'name':
      // Any Chinese character makes it a Chinese name: 10 characters; otherwise 20 letters.
      return chars.some((c) => HAN.test(c)) ? within(10) : within(20)
    default:
      return undefined
  }
}

/** One-time subscriptions per user and template: what users accepted and messages have not spent. */
export class Subscriptions {
  private readonly left = new Map<string, number>()

  private key(openid: string, templateId: string): string {
    return `${openid}\0${templateId}`
  }

  grant(openid: string, templateId: string, count = 1): number {
    const n = this.count(openid, templateId) + count
    this.left.set(this.key(openid, templateId), n)
    return n
  }

  count(openid: string, templateId: string): number {
    return this.left.get(this.key(openid, templateId)) ?? 0
  }

  /** Spends one; false when none was left. */
  spend(openid: string, templateId: string): boolean {
    const n = this.count(openid, templateId)
    if (n <= 0) return false
    this.left.set(this.key(openid, templateId), n - 1)
    return true
  }

  /** Every user's subscriptions left, by openid then template id. */
  all(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {}
    for (const [key, n] of this.left) {
      const [openid, templateId] = key.split('\0') as [string, string]
      ;(out[openid] ??= {})[templateId] = n
    }
    return out
  }

  clear(): void {
    this.left.clear()
  }
}

export function createSendSubscribeMessage(templates: () => SubscribeTemplates, subscriptions: Subscriptions): WxApi {
  return (params) => sendSubscribeMessage(params, templates(), subscriptions)
}

export function sendSubscribeMessage(
  params: Record<string, unknown>,
  templates: SubscribeTemplates,
  subscriptions: Subscriptions,
): WxAnswer {
  for (const field of ['touser', 'template_id'] as const) {
    const value = params[field]
    if (typeof value !== 'string' || value.trim() === '') return argumentInvalid(`${field} is empty`)
  }
  const touser = params.touser as string
  const templateId = params.template_id as string
  const keywords = Object.prototype.hasOwnProperty.call(templates, templateId) ? templates[templateId] : undefined
  if (!keywords)
    return { errcode: INVALID_TEMPLATE_ID, errmsg: `invalid template_id hint: ${templateId} is not a template of this account` }
  const data = params.data
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) return argumentInvalid('data is empty')
  const given = data as Record<string, unknown>
  for (const keyword of keywords) {
    const value = (given[keyword] as { value?: unknown } | null | undefined)?.value
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value).trim() === '')
      return argumentInvalid(`data.${keyword}.value is empty`)
    const problem = checkValue(keyword.replace(/\d+$/, ''), String(value))
    if (problem) return argumentInvalid(`data.${keyword}.value ${problem}`)
  }
  if (!subscriptions.spend(touser, templateId)) return { errcode: USER_REFUSED, errmsg: 'user refuse to accept the msg' }
  return { ...OK }
}
