/**
 * Notifications: every transition tells the people it concerns, in the in-app inbox (one
 * batched write) and by WeChat subscribe message (template ids from configuration). A
 * subscribe message that WeChat refuses (the user did not subscribe) is not an error.
 * Notifying never throws: it runs after the caller's write committed, and a failure here
 * (the inbox write, WeChat) is logged, never answered, so the action's answer stays the
 * committed truth and a retry does not repeat the write.
 */
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

/** Template ids per message purpose; overridable with HONGLIN_SUBSCRIBE_TEMPLATES (JSON). */
export function templateIds(): { demandStatus: string; taskAssigned: string } {
  const defaults = { demandStatus: 'TPL_DEMAND_STATUS', taskAssigned: 'TPL_TASK_ASSIGNED' }
  try {
    return { ...defaults, ...(JSON.parse(process.env.HONGLIN_SUBSCRIBE_TEMPLATES ?? '{}') as object) }
  } catch {
    return defaults
  }
}

export async function notify(ctx: Pick<ActionContext, 'db' | 'cloud' | 'now'>, recipients: Recipient[], message: Message): Promise<void> {
  await notifyEach(ctx, [{ recipients, message }])
}

/** Several messages (e.g. one for the assignee, another for the resident) in one inbox write. */
export async function notifyEach(ctx: Pick<ActionContext, 'db' | 'cloud' | 'now'>, deliveries: Delivery[]): Promise<void> {
  try {
    await deliver(ctx, deliveries)
  } catch (error) {
    const types = [...new Set(deliveries.map((d) => d.message.type))].join(', ')
    console.error(`notifications (${types}) not delivered:`, (error as Error)?.message ?? error)
  }
}

interface Delivery {
  recipients: Recipient[]
  message: Message
}

async function deliver(ctx: Pick<ActionContext, 'db' | 'cloud' | 'now'>, deliveries: Delivery[]): Promise<void> {
  const batches = deliveries.map(({ recipients, message }) => ({
    message,
    unique: [...new Map(recipients.filter((r) => r.userId).map((r) => [r.userId, r])).values()],
  }))
  const docs = batches.flatMap(({ message, unique }) =>
    unique.map((r) => ({ recipientId: r.userId, ...message, read: false, createdAt: ctx.now })),
  )
  if (docs.length === 0) return
  // The inbox and WeChat are independent channels: one failing does not hold back the other.
  const inbox = ctx.db
    .collection(Collections.notifications)
    .add({ data: docs })
    .catch((error: unknown) => console.error(`inbox write of ${docs.length} notifications failed:`, (error as Error)?.message ?? error))
  const sends = batches.flatMap(({ message, unique }) => {
    const template = message.type.startsWith('task.') ? templateIds().taskAssigned : templateIds().demandStatus
    return unique
      .filter((r) => r.openid)
      .map((r) =>
        ctx.cloud.openapi.subscribeMessage
          .send({
            touser: r.openid!,
            templateId: template,
            page: message.page ?? 'pages/index/index',
            data: { thing1: { value: message.title.slice(0, 20) }, thing2: { value: message.body.slice(0, 20) } },
          })
          .catch((error: unknown) => console.warn(`subscribe message to ${r.userId} not sent:`, (error as Error)?.message ?? error)),
      )
  })
  await Promise.all([inbox, ...sends])
}
