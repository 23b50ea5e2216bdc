/**
 * WeChat subscribe messages. Which template an event goes with and how its keyword values are
 * made is shared/notify/templates.ts; what differs per environment (the template ids chosen in
 * the console and the keyword names they came with) arrives in the environment variables
 * deployment sets (scripts/deploy/project.ts): HONGLIN_SUBSCRIBE_MESSAGES, per purpose
 * `{ templateId, page?, keywords: { slot: 'thing1', … } }`, and HONGLIN_SUBSCRIBE_TEMPLATES,
 * per purpose its template id. Without them the placeholders the local emulator knows are used.
 *
 * People's subscriptions are counted on their user document (`subscriptions`, template id →
 * one-time subscriptions left; user/subscribe.ts records what they accepted). A send spends one
 * first, with a conditional write, so two sends can never spend the same one; WeChat's answer
 * then settles it: 43101 (none left on WeChat's side) zeroes the count, any other failure
 * gives it back, since WeChat spends a subscription only on a message it delivers.
 */
import { PURPOSES, defaultKeywords, messageData, placeholderTemplateId, type MessageFacts, type Purpose } from '@honglin/shared'
import { Collections, type Db } from './db'
import type { ActionContext } from './function'

export interface Recipient {
  userId: string
  openid?: string
  /** One-time subscriptions left, by template id (as loaded with the recipient). */
  subscriptions?: Record<string, number>
}

export interface Message {
  /** What happened, e.g. `demand.accepted`. */
  type: string
  title: string
  body: string
  demandId?: string
  /** Page to open from the message. */
  page?: string
}

export interface PurposeConfig {
  templateId: string
  page?: string
  /** Slot → the console's keyword name. */
  keywords: Record<string, string>
}

/** WeChat: the user has no subscription (left) for the template. */
export const NOT_SUBSCRIBED = 43101
/** WeChat: the data does not fit the template's keywords. */
export const INVALID_DATA = 47003
const DEFAULT_PAGE = 'pages/index/index'

let cached: { key: string; config: Record<Purpose, PurposeConfig> } | undefined

function parsed(name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(process.env[name] ?? '{}') as unknown
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    console.warn(`${name} is not JSON; subscribe messages use the placeholder templates`)
    return {}
  }
}

/** Template id, page and keyword names per purpose, from the environment. */
export function subscribeConfig(): Record<Purpose, PurposeConfig> {
  const key = `${process.env.HONGLIN_SUBSCRIBE_MESSAGES ?? ''}\0${process.env.HONGLIN_SUBSCRIBE_TEMPLATES ?? ''}`
  if (cached?.key === key) return cached.config
  const messages = parsed('HONGLIN_SUBSCRIBE_MESSAGES')
  const ids = parsed('HONGLIN_SUBSCRIBE_TEMPLATES')
  const config = Object.fromEntries(
    PURPOSES.map((purpose) => {
      const given = (messages[purpose] ?? {}) as Partial<PurposeConfig>
      const templateId = (typeof ids[purpose] === 'string' && ids[purpose]) || given.templateId || placeholderTemplateId(purpose)
      const keywords = given.keywords && typeof given.keywords === 'object' ? given.keywords : defaultKeywords(purpose)
      return [purpose, { templateId: String(templateId), page: given.page, keywords }]
    }),
  ) as Record<Purpose, PurposeConfig>
  cached = { key, config }
  return config
}

/** Template ids per purpose. */
export function templateIds(): Record<Purpose, string> {
  const config = subscribeConfig()
  return Object.fromEntries(PURPOSES.map((p) => [p, config[p].templateId])) as Record<Purpose, string>
}

/** What one message to one person came to. */
export type SendOutcome = 'sent' | 'refused' | 'invalid' | 'failed'

export interface SendResult {
  userId: string
  outcome: SendOutcome
  /** WeChat's error code for anything but `sent`. */
  errCode?: number
}

export interface Prepared {
  templateId: string
  page: string
  data: Record<string, { value: string }>
}

/** The template and data an event is sent with; undefined when it is told in the inbox only. */
export function prepare(message: MessageFacts & { page?: string }): Prepared | undefined {
  const config = subscribeConfig()
  const purpose = messageData(message, {})?.purpose
  if (!purpose) return undefined
  const { templateId, keywords, page } = config[purpose]
  const { data } = messageData(message, keywords)!
  return { templateId, page: message.page ?? page ?? DEFAULT_PAGE, data }
}

type SendContext = Pick<ActionContext, 'cloud'> & { db: Db }

/**
 * Spends one of `to`'s subscriptions to the template and sends (two or three round trips).
 * Answers undefined when none was left to spend: nothing was sent. Never throws.
 */
export async function sendSubscribeMessage(ctx: SendContext, to: Recipient, prepared: Prepared): Promise<SendResult | undefined> {
  const _ = ctx.db.command
  const field = `subscriptions.${prepared.templateId}`
  const me = ctx.db.collection(Collections.users)
  try {
    const spent = await me.where({ _id: to.userId, [field]: _.gt(0) }).update({ data: { [field]: _.inc(-1) } })
    if (spent.stats.updated !== 1) return undefined
  } catch (error) {
    console.warn(`subscription of ${to.userId} not spent:`, (error as Error)?.message ?? error)
    return { userId: to.userId, outcome: 'failed' }
  }
  try {
    await ctx.cloud.openapi.subscribeMessage.send({
      touser: to.openid,
      templateId: prepared.templateId,
      page: prepared.page,
      data: prepared.data,
    })
    return { userId: to.userId, outcome: 'sent' }
  } catch (error) {
    const errCode = (error as { errCode?: number })?.errCode
    const outcome: SendOutcome = errCode === NOT_SUBSCRIBED ? 'refused' : errCode === INVALID_DATA ? 'invalid' : 'failed'
    if (outcome !== 'refused') console.warn(`subscribe message to ${to.userId} not sent:`, (error as Error)?.message ?? error)
    await me
      .doc(to.userId)
      .update({ data: { [field]: outcome === 'refused' ? 0 : _.inc(1) } })
      .catch((e: unknown) => console.warn(`subscription of ${to.userId} not settled:`, (e as Error)?.message ?? e))
    return { userId: to.userId, outcome, ...(errCode !== undefined ? { errCode } : {}) }
  }
}

/** One-time subscriptions `to` has left for a template, as loaded. */
export function subscriptionsLeft(to: Recipient, templateId: string): number {
  const n = to.subscriptions?.[templateId]
  return typeof n === 'number' && n > 0 ? n : 0
}
