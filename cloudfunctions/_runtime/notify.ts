/**
 * WeChat subscribe messages (template ids from configuration), and telling people already
 * resolved to users. A subscribe message WeChat refuses because the user did not subscribe
 * (43101) is not an error: the in-app inbox has the event either way.
 *
 * Actions announce through `publish` (announce.ts): one insert, messages sent by the `notify`
 * timer. `notify`/`notifyEach` are for code that runs in a timer and has already found its
 * recipients: the event rows are stored for the inbox (audience: their `user:` keys) already
 * marked sent, and the messages go out in the same run.
 */
import { userKey } from '@honglin/shared'
import { Collections } from './db'
import type { ActionContext } from './function'

export interface Recipient {
  userId: string
  openid?: string
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

/** WeChat's answer when the user has no subscription left for the template. */
const NOT_SUBSCRIBED = 43101

/** Template ids per message purpose; overridable with HONGLIN_SUBSCRIBE_TEMPLATES (JSON). */
export function templateIds(): { demandStatus: string; taskAssigned: string } {
  const defaults = { demandStatus: 'TPL_DEMAND_STATUS', taskAssigned: 'TPL_TASK_ASSIGNED' }
  try {
    return { ...defaults, ...(JSON.parse(process.env.HONGLIN_SUBSCRIBE_TEMPLATES ?? '{}') as object) }
  } catch {
    return defaults
  }
}

export type SendOutcome = 'sent' | 'refused' | 'failed'

/** One subscribe message (one round trip); never throws. */
export async function sendSubscribeMessage(
  cloud: ActionContext['cloud'],
  openid: string,
  message: Omit<Message, 'demandId'>,
): Promise<SendOutcome> {
  const template = message.type.startsWith('task.') ? templateIds().taskAssigned : templateIds().demandStatus
  try {
    await cloud.openapi.subscribeMessage.send({
      touser: openid,
      templateId: template,
      page: message.page ?? 'pages/index/index',
      data: { thing1: { value: message.title.slice(0, 20) }, thing2: { value: message.body.slice(0, 20) } },
    })
    return 'sent'
  } catch (error) {
    if ((error as { errCode?: number })?.errCode === NOT_SUBSCRIBED) return 'refused'
    console.warn(`subscribe message (${message.type}) not sent:`, (error as Error)?.message ?? error)
    return 'failed'
  }
}

type TimerContext = Pick<ActionContext, 'db' | 'cloud' | 'now'>

export async function notify(ctx: TimerContext, recipients: Recipient[], message: Message): Promise<void> {
  await notifyEach(ctx, [{ recipients, message }])
}

interface Delivery {
  recipients: Recipient[]
  message: Message
}

/** Several messages in one insert, and their subscribe messages now. Never throws. */
export async function notifyEach(ctx: TimerContext, deliveries: Delivery[]): Promise<void> {
  const batches = deliveries
    .map(({ recipients, message }) => ({
      message,
      unique: [...new Map(recipients.filter((r) => r.userId).map((r) => [r.userId, r])).values()],
    }))
    .filter((b) => b.unique.length > 0)
  if (batches.length === 0) return
  const rows = batches.map(({ message, unique }) => ({
    ...message,
    audience: unique.map((r) => userKey(r.userId)),
    actorId: '',
    at: ctx.now,
    send: { state: 'sent', doneAt: ctx.now },
  }))
  // The inbox and WeChat are independent channels: one failing does not hold back the other.
  const inbox = ctx.db
    .collection(Collections.notifications)
    .add({ data: rows })
    .catch((error: unknown) =>
      console.error(`notifications (${rows.map((r) => r.type).join(', ')}) not stored:`, (error as Error)?.message ?? error),
    )
  const sends = batches.flatMap(({ message, unique }) =>
    unique.filter((r) => r.openid).map((r) => sendSubscribeMessage(ctx.cloud, r.openid!, message)),
  )
  await Promise.all([inbox, ...sends])
}
