/**
 * WeChat subscribe messages (template ids from configuration), and telling people already
 * resolved to users. A subscribe message WeChat refuses because the user did not subscribe
 * (43101) is not an error: the in-app inbox has the event either way.
 *
 * Everything announces through `publish` (announce.ts): one insert of event rows, whose
 * subscribe messages the `notify` timer's queue sends with `sendSubscribeMessage`.
 */
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
