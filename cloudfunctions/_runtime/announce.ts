/**
 * Telling people what happened, on the request path at the cost of one insert: each
 * announcement is one event row (`notifications`) naming its audience by key (`user:<id>`,
 * `staff:<communityId>`, `street:<streetId>`, `unit:<unitId>`; shared/notify/audience.ts),
 * computed from the demand and the grants without looking anyone up. The in-app inbox reads the
 * events whose audience holds one of the reader's keys, so every party sees it at once; the
 * `notify` timer sends the subscribe messages later (notify/queue.ts), which the cloud allows
 * because nothing runs after `main` returns. The caller is never told about their own action:
 * their `user:` key is left out and readers skip events whose `actorId` is theirs.
 *
 * Publishing never throws: it runs after the action's write committed, so a failure is logged,
 * not answered; the action stands, and a retry would only meet the new state.
 */
import { audienceOf, userKey, type Demand, type Party } from '@honglin/shared'
import { Collections, type Db } from './db'

export type { Party } from '@honglin/shared'

export interface Announcement {
  /** What happened, e.g. `demand.accepted`; its template is shared/notify/templates.ts. */
  type: string
  /** Short (subscribe messages show 20 characters). */
  title: string
  /** Defaults to the demand's title. */
  body?: string
}

export interface Delivery {
  parties: Party[]
  message: Announcement
}

/** One announcement as `publish` takes it. */
export interface Publication {
  audience: string[]
  type: string
  title: string
  body: string
  demandId?: string
  /** Page a subscribe message opens. */
  page?: string
}

export type SendState = 'pending' | 'sending' | 'sent'

/** The stored event row. */
export interface EventRow extends Publication {
  _id: string
  /** Who caused it ('' for the system's timers). */
  actorId: string
  at: number
  send: {
    state: SendState
    run?: string
    claimedAt?: number
    doneAt?: number
    /** Per person messaged: how it went (notify/queue.ts). */
    results?: { userId: string; outcome: string; errCode?: number }[]
    /** People with no subscription left for the template. */
    skipped?: number
  }
}

export interface PublishContext {
  db: Db
  now: number
  /** Absent for timers. */
  actor?: { userId: string }
}

/** Stores `events` in one insert; events left with nobody to tell are dropped. Never throws. */
export async function publish(ctx: PublishContext, events: Publication[]): Promise<void> {
  const actorId = ctx.actor?.userId ?? ''
  const self = actorId ? userKey(actorId) : undefined
  const rows = events
    .map((e) => ({ ...e, audience: [...new Set(e.audience)].filter((k) => k && k !== self) }))
    .filter((e) => e.audience.length > 0)
    .map((e) => ({ ...e, actorId, at: ctx.now, send: { state: 'pending' as SendState } }))
  if (rows.length === 0) return
  try {
    await ctx.db.collection(Collections.notifications).add({ data: rows })
  } catch (error) {
    console.error(`notifications (${rows.map((r) => r.type).join(', ')}) not stored:`, (error as Error)?.message ?? error)
  }
}

export function announce(ctx: PublishContext, demand: Demand, parties: Party[], message: Announcement): Promise<void> {
  return announceEach(ctx, demand, [{ parties, message }])
}

/** Different messages to different parties of one demand, in one insert. */
export function announceEach(ctx: PublishContext, demand: Demand, deliveries: Delivery[]): Promise<void> {
  return publish(
    ctx,
    deliveries.map(({ parties, message }) => ({
      audience: audienceOf(demand, parties, ctx.actor?.userId),
      type: message.type,
      title: message.title,
      body: message.body ?? demand.title,
      demandId: demand._id,
      page: `pages/index/index?demandId=${demand._id}`,
    })),
  )
}
