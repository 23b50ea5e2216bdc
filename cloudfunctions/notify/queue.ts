/**
 * The subscribe-message queue, run by the `notify` timer (config.json: every minute). Actions
 * only store event rows (`send.state: 'pending'`); each run takes the oldest pending events,
 * resolves the audience keys of those sent as subscribe messages (shared/notify/templates.ts;
 * other kinds are told in the in-app inbox only) to users with one lookup per kind of key (in
 * parallel, paged until complete), and sends one message per recipient who has an OPENID and a
 * one-time subscription left for the event's template, leaving out whoever caused the event.
 * People without one are skipped without a write: WeChat would refuse the message (43101).
 *
 * Each event row records how its messages went (`send.results`: per person, sent / refused
 * 43101 / invalid 47003 / failed, with WeChat's code; `send.skipped`: people with no
 * subscription left). The in-app inbox has the event whatever happened to its messages.
 *
 * Bounded: at most EVENTS_PER_RUN events and SENDS_PER_RUN messages per run, so a run costs
 * at most 1 + 4 (+1 per further thousand holders) + 1 + 2·SENDS_PER_RUN (spend a subscription,
 * send; a third write when WeChat refuses) + one write per event with recipients, and one for
 * the rest; what is left stays pending for the next tick, oldest first.
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
import { prepare, sendSubscribeMessage, subscriptionsLeft, type Prepared, type Recipient, type SendResult } from '../_runtime/notify'
import { resolveKeys } from '../_runtime/recipients'

export const EVENTS_PER_RUN = 100
export const SENDS_PER_RUN = 300
/** Messages in flight at once. */
const CONCURRENCY = 20

export interface QueueSummary {
  /** Events this run finished. */
  events: number
  sent: number
  /** WeChat answered 43101: no subscription left on its side (the count is zeroed). */
  refused: number
  /** WeChat answered 47003: the data did not fit the template. */
  invalid: number
  failed: number
  /** Recipients with no subscription left for the template: nothing sent. */
  skipped: number
  /** Pending events are left for the next run. */
  more: boolean
}

type QueueContext = Pick<ActionContext, 'db' | 'cloud' | 'now'>

interface Planned {
  event: EventRow
  prepared?: Prepared
  to: Recipient[]
  skipped: number
}

export async function drainQueue(ctx: QueueContext): Promise<QueueSummary> {
  const summary: QueueSummary = { events: 0, sent: 0, refused: 0, invalid: 0, failed: 0, skipped: 0, more: false }
  const rows = ctx.db.collection(Collections.notifications)
  const pending = (await rows.where({ 'send.state': 'pending' }).orderBy('at', 'asc').limit(EVENTS_PER_RUN).get()).data as EventRow[]
  if (pending.length === 0) return summary

  const sendable = pending.map((event) => ({ event, prepared: prepare(event) }))
  const keys = [...new Set(sendable.filter((e) => e.prepared).flatMap((e) => e.event.audience))]
    .map(parseAudienceKey)
    .filter((k): k is ParsedKey => !!k)
  const byKey = keys.length > 0 ? await resolveKeys(ctx.db, keys) : new Map<string, Recipient[]>()
  const planned: Planned[] = []
  let sends = 0
  for (const { event, prepared } of sendable) {
    const everyone = prepared ? recipientsOf(event, byKey) : []
    const to = everyone.filter((r) => subscriptionsLeft(r, prepared!.templateId) > 0)
    // The first event always goes, however many it reaches, so the queue never sticks.
    if (planned.length > 0 && sends + to.length > SENDS_PER_RUN) break
    planned.push({ event, prepared, to, skipped: everyone.length - to.length })
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
  const jobs = claimed.flatMap(({ prepared, to }, i) =>
    to.map((r) => async () => ({ i, result: await sendSubscribeMessage(ctx, r, prepared!) })),
  )
  const results = claimed.map(() => [] as SendResult[])
  const skipped = claimed.map((p) => p.skipped)
  for (const { i, result } of await inWaves(jobs)) {
    if (result) results[i]!.push(result)
    // Spent meanwhile (another device's send, a racing run): nothing was sent.
    else skipped[i]! += 1
  }
  for (const list of results) for (const r of list) summary[r.outcome] += 1
  summary.skipped = skipped.reduce((a, b) => a + b, 0)
  await finish(ctx, run, claimed, results, skipped)
  summary.events = claimed.length
  return summary
}

/** Marks the claimed events done: with their outcomes one write each, the rest in one. */
async function finish(ctx: QueueContext, run: string, claimed: Planned[], results: SendResult[][], skipped: number[]): Promise<void> {
  const rows = ctx.db.collection(Collections.notifications)
  const _ = ctx.db.command
  const plain = claimed.filter((_p, i) => results[i]!.length === 0 && skipped[i] === 0).map((p) => p.event._id)
  const writes: Promise<unknown>[] = []
  if (plain.length > 0)
    writes.push(rows.where({ _id: _.in(plain), 'send.run': run }).update({ data: { send: { state: 'sent', doneAt: ctx.now } } }))
  claimed.forEach((p, i) => {
    if (results[i]!.length === 0 && skipped[i] === 0) return
    writes.push(
      rows
        .where({ _id: p.event._id, 'send.run': run })
        .update({ data: { send: { state: 'sent', doneAt: ctx.now, results: results[i], skipped: skipped[i] } } }),
    )
  })
  for (let i = 0; i < writes.length; i += CONCURRENCY) await Promise.all(writes.slice(i, i + CONCURRENCY))
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

async function inWaves<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const outcomes: T[] = []
  for (let i = 0; i < jobs.length; i += CONCURRENCY)
    outcomes.push(...(await Promise.all(jobs.slice(i, i + CONCURRENCY).map((job) => job()))))
  return outcomes
}
