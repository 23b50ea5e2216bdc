/**
 * The subscribe-message queue, run by the `notify` timer (config.json: every minute). Actions
 * only store event rows (`send.state: 'pending'`); each run takes the oldest pending events,
 * resolves their audience keys to users with one lookup per kind of key (in parallel, paged
 * until complete), and sends one subscribe message per recipient with an OPENID, leaving out
 * whoever caused the event.
 *
 * Bounded: at most EVENTS_PER_RUN events and SENDS_PER_RUN messages per run, so a run costs
 * at most 1 + 4 (+1 per further thousand holders) + 2 + SENDS_PER_RUN + 1 round trips; what is
 * left stays pending for the next tick, oldest first.
 *
 * At most once: a run claims its events with one conditional write (pending → sending, tagged
 * with the run) before sending anything, and sends only what it claimed; two runs can never both
 * send an event. A run that dies between claim and finish leaves those events `sending`, and
 * their messages unsent. That is the better failure here: the event is in every party's in-app
 * inbox either way, while a second copy of a message would spend another of the user's one-time
 * subscriptions and tell them twice.
 */
import { randomBytes } from 'node:crypto'
import { parseAudienceKey, type ParsedKey } from '@honglin/shared'
import type { EventRow } from '../_runtime/announce'
import { Collections, type Db } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { sendSubscribeMessage, type Recipient, type SendOutcome } from '../_runtime/notify'
import { resolveKeys } from '../_runtime/recipients'

export const EVENTS_PER_RUN = 100
export const SENDS_PER_RUN = 300
/** Messages in flight at once. */
const CONCURRENCY = 20

export interface QueueSummary {
  /** Events whose messages this run sent. */
  events: number
  sent: number
  /** Recipients who had not subscribed (not an error). */
  refused: number
  failed: number
  /** Pending events are left for the next run. */
  more: boolean
}

type QueueContext = Pick<ActionContext, 'db' | 'cloud' | 'now'>

export async function drainQueue(ctx: QueueContext): Promise<QueueSummary> {
  const summary: QueueSummary = { events: 0, sent: 0, refused: 0, failed: 0, more: false }
  const rows = ctx.db.collection(Collections.notifications)
  const pending = (await rows.where({ 'send.state': 'pending' }).orderBy('at', 'asc').limit(EVENTS_PER_RUN).get()).data as EventRow[]
  if (pending.length === 0) return summary

  const keys = [...new Set(pending.flatMap((e) => e.audience))].map(parseAudienceKey).filter((k): k is ParsedKey => !!k)
  const byKey = await resolveKeys(ctx.db, keys)
  const planned: { event: EventRow; to: Recipient[] }[] = []
  let sends = 0
  for (const event of pending) {
    const to = recipientsOf(event, byKey)
    // The first event always goes, however many it reaches, so the queue never sticks.
    if (planned.length > 0 && sends + to.length > SENDS_PER_RUN) break
    planned.push({ event, to })
    sends += to.length
  }
  summary.more = planned.length < pending.length || pending.length === EVENTS_PER_RUN

  const run = randomBytes(8).toString('hex')
  const mine = await claim(
    ctx.db,
    run,
    ctx.now,
    planned.map((p) => p.event._id),
  )
  const claimed = planned.filter((p) => mine.has(p.event._id))
  const jobs = claimed.flatMap(({ event, to }) => to.map((r) => () => sendSubscribeMessage(ctx.cloud, r.openid!, event)))
  for (const outcome of await inWaves(jobs)) summary[outcome] += 1
  if (claimed.length > 0) {
    await rows
      .where({ _id: ctx.db.command.in(claimed.map((p) => p.event._id)), 'send.run': run })
      .update({ data: { send: { state: 'sent', doneAt: ctx.now } } })
  }
  summary.events = claimed.length
  return summary
}

/** Everyone an event reaches with a subscribe message: once each, never its actor. */
function recipientsOf(event: EventRow, byKey: Map<string, Recipient[]>): Recipient[] {
  const people = new Map<string, Recipient>()
  for (const key of event.audience) for (const r of byKey.get(key) ?? []) people.set(r.userId, r)
  return [...people.values()].filter((r) => r.openid && r.userId !== event.actorId)
}

/**
 * Takes the events still pending for this run, in one conditional write; answers the ids it
 * got. Only when another run took some meanwhile does it read which (one more round trip).
 */
export async function claim(db: Db, run: string, now: number, ids: string[]): Promise<Set<string>> {
  const rows = db.collection(Collections.notifications)
  const res = await rows
    .where({ _id: db.command.in(ids), 'send.state': 'pending' })
    .update({ data: { send: { state: 'sending', run, claimedAt: now } } })
  if (res.stats.updated === ids.length) return new Set(ids)
  if (res.stats.updated === 0) return new Set()
  const now_ = (
    await rows
      .where({ _id: db.command.in(ids) })
      .field({ send: true })
      .limit(ids.length)
      .get()
  ).data as EventRow[]
  return new Set(now_.filter((e) => e.send?.run === run).map((e) => e._id))
}

async function inWaves(jobs: (() => Promise<SendOutcome>)[]): Promise<SendOutcome[]> {
  const outcomes: SendOutcome[] = []
  for (let i = 0; i < jobs.length; i += CONCURRENCY)
    outcomes.push(...(await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()))))
  return outcomes
}
