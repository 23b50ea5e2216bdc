/**
 * One SLA run: the demands whose `wakeAt` has passed, oldest first, through the `wake` index
 * {wakeAt}, and nothing else. For each (shared/demand/sla.ts `slaDue`): a missed deadline is
 * marked overdue and community staff told (level 1); still waiting after the street's grace,
 * street staff are told (level 2); done work the resident left unconfirmed is confirmed by
 * the system (a real transition, with its timeline entry).
 *
 * Bounded work at any backlog: one query of at most `batchSize()` items, then one conditional
 * update per group of items that get the same update (values that differ per demand come
 * from the demand itself: `_.inc` of its wakeAt, `rename` of its prepared mark), and one call
 * to tell. An item handled gets a later `wakeAt` or none, so the next run goes on from where
 * this one stopped. Every update is conditional on the item still being due at the level
 * read: a demand someone moved on meanwhile is left alone (its new deadline decides), and
 * none is escalated twice. Items past the run's write or audience budget wait for the next run.
 */
import {
  DAY,
  HOUR,
  SlaStageLabels,
  assertAllowed,
  slaDue,
  slaFields,
  slaTermsFor,
  DefaultSlaPolicy,
  type Demand,
  type DemandSla,
  type SlaDue,
  type TimelineEntry,
} from '@honglin/shared'
import { Collections, writeDemandIfUnchanged, type Db } from '../_runtime/db'
import { slaChanges, toPatch } from '../_runtime/transition'
import { AUDIENCES_PER_RUN, tell, type Notice } from './tell'
import type cloud from 'wx-server-sdk'

/** Items one run reads (HONGLIN_SLA_BATCH overrides it, e.g. to test a backlog of many runs). */
export const BATCH = 500
/** Conditional updates one run sends. */
export const WRITES_PER_RUN = 24

const batchSize = () => Number(process.env.HONGLIN_SLA_BATCH) || BATCH

/** What a run reads of a demand: what the rules and the notices need, not photos or timeline. */
const FIELDS = {
  status: true,
  urgency: true,
  category: true,
  createdAt: true,
  assignee: true,
  hall: true,
  completion: true,
  overdue: true,
  sla: true,
  slaTerms: true,
  wakeAt: true,
  title: true,
  ownerId: true,
  communityId: true,
  streetId: true,
  version: true,
}

export interface SweepContext {
  db: Db
  cloud: typeof cloud
  now: number
}

export interface SweepSummary {
  /** Items read as due. */
  due: number
  /** Marked overdue, community staff told (level 1). */
  overdue: number
  /** Street staff told (level 2). */
  escalated: number
  autoConfirmed: number
  /** Stored deadline fields that did not fit the demand, computed again. */
  repaired: number
  /** Changed by someone between the query and the write: left for the next run. */
  failed: number
  /** Items left for the next run (run budget reached, or a full batch read). */
  more: boolean
  /** Database and messaging round trips this sweep made (retention not included). */
  roundTrips: number
}

interface Item {
  demand: Demand
  due: SlaDue
}

/** Items that get the same update: one write for all of them. */
interface Group {
  key: string
  items: Item[]
  write: (ids: string[]) => Promise<number>
  /** Whether a re-read item carries this group's update (after a partial write). */
  written: (stored: Demand, read: Demand) => boolean
}

export async function sweep(ctx: SweepContext): Promise<SweepSummary> {
  const summary: SweepSummary = { due: 0, overdue: 0, escalated: 0, autoConfirmed: 0, repaired: 0, failed: 0, more: false, roundTrips: 0 }
  const _ = ctx.db.command
  const limit = batchSize()
  const read = (
    await ctx.db
      .collection(Collections.demands)
      .where({ wakeAt: _.lte(ctx.now) })
      .orderBy('wakeAt', 'asc')
      .limit(limit)
      .field(FIELDS)
      .get()
  ).data as Demand[]
  summary.roundTrips += 1
  summary.due = read.length
  summary.more = read.length === limit

  const groups = new Map<string, Group>()
  const repairs: Demand[] = []
  const audiences = new Set<string>()
  for (const demand of read) {
    const due = slaDue(demand, ctx.now)
    if (!due) continue
    const needs = audienceOf(demand, due).filter((a) => !audiences.has(a))
    const key = groupKey(demand, due)
    const newWrite = due.kind === 'repair' || !groups.has(key)
    if (audiences.size + needs.length > AUDIENCES_PER_RUN || (newWrite && groups.size + repairs.length >= WRITES_PER_RUN)) {
      summary.more = true
      break
    }
    needs.forEach((a) => audiences.add(a))
    if (due.kind === 'repair') repairs.push(demand)
    else (groups.get(key) ?? groups.set(key, groupFor(ctx, key, due, demand)).get(key)!).items.push({ demand, due })
  }

  const [handled, repaired] = await Promise.all([
    Promise.all([...groups.values()].map((g) => runGroup(ctx, g, summary))),
    Promise.all(repairs.map((d) => repair(ctx, d))),
  ])
  summary.roundTrips += repairs.length
  summary.repaired = repaired.filter(Boolean).length
  summary.failed += repaired.length - summary.repaired
  const notices = handled.flat().flatMap((item) => noticeOf(item, ctx.now))
  for (const item of handled.flat()) {
    if (item.due.kind === 'community') summary.overdue += 1
    else if (item.due.kind === 'street') summary.escalated += 1
    else if (item.due.kind === 'autoConfirm') summary.autoConfirmed += 1
  }
  summary.roundTrips += await tell(ctx, notices)
  return summary
}

function groupKey(d: Demand, due: SlaDue): string {
  if (due.kind === 'community') return `community:${due.graceMs}`
  if (due.kind === 'autoConfirm') return `autoConfirm:${termsOf(d).close}`
  return due.kind
}

const termsOf = (d: Demand) => d.slaTerms ?? slaTermsFor(DefaultSlaPolicy, d)

function groupFor(ctx: SweepContext, key: string, due: SlaDue, first: Demand): Group {
  const { db, now } = ctx
  const _ = db.command
  const demands = db.collection(Collections.demands)
  const updated = (res: { stats: { updated: number } }) => res.stats.updated
  const still = (ids: string[], extra: Record<string, unknown>) => ({ _id: _.in(ids), wakeAt: _.lte(now), ...extra })
  switch (due.kind) {
    case 'community':
      return {
        key,
        items: [],
        // The mark prepared with the deadline becomes `overdue` ({ since: the missed deadline, stage }).
        write: (ids) =>
          demands
            .where(still(ids, { 'sla.level': 0, 'sla.mark.since': _.exists(true) }))
            .update({ data: { 'sla.level': 1, 'sla.mark': _.rename('overdue'), wakeAt: _.inc(due.graceMs), version: _.inc(1) } })
            .then(updated),
        written: (stored, read) => sameDeadline(stored.sla, read.sla) && stored.sla!.level === 1,
      }
    case 'street':
      return {
        key,
        items: [],
        write: (ids) =>
          demands
            .where(still(ids, { 'sla.level': 1 }))
            .update({ data: { 'sla.level': 2, 'overdue.escalatedAt': now, wakeAt: _.remove(), version: _.inc(1) } })
            .then(updated),
        written: (stored, read) => sameDeadline(stored.sla, read.sla) && stored.sla!.level === 2,
      }
    default: {
      // Auto-confirm: the machine's `confirm` by the system, as the resident's would be.
      const to = assertAllowed('system', 'confirm', first)
      const entry: TimelineEntry = {
        at: now,
        action: 'confirm',
        from: 'done',
        to,
        actorId: 'system',
        actorName: '系统',
        note: `完成后 ${Math.round((termsOf(first).confirm * HOUR) / DAY)} 天内未确认，系统自动确认`,
      }
      const fields = slaFields({ ...first, status: to }, now)
      return {
        key,
        items: [],
        write: (ids) =>
          demands
            .where(still(ids, { status: 'done', 'sla.stage': 'confirm', 'sla.level': 0 }))
            .update({
              data: {
                status: to,
                updatedAt: now,
                timeline: _.push([entry]),
                sla: _.set(fields.sla),
                wakeAt: fields.wakeAt,
                overdue: _.remove(),
                version: _.inc(1),
              },
            })
            .then(updated),
        written: (stored) => sameDeadline(stored.sla, fields.sla) && stored.status === to,
      }
    }
  }
}

const sameDeadline = (a: DemandSla | undefined, b: DemandSla | undefined) => !!a && !!b && a.stage === b.stage && a.dueAt === b.dueAt

/** Writes a group; answers the items that carry its update. */
async function runGroup(ctx: SweepContext, group: Group, summary: SweepSummary): Promise<Item[]> {
  const ids = group.items.map((i) => i.demand._id)
  const count = await group.write(ids).catch((error: unknown) => {
    console.error(`sla: ${group.key} of ${ids.length} not written:`, error)
    return 0
  })
  summary.roundTrips += 1
  if (count === ids.length) return group.items
  summary.failed += ids.length - count
  if (count === 0) return []
  // Some changed meanwhile: which ones carry this update is read back (rare, one round trip).
  summary.roundTrips += 1
  const stored = new Map(
    (
      (
        await ctx.db
          .collection(Collections.demands)
          .where({ _id: ctx.db.command.in(ids) })
          .field({ status: true, sla: true })
          .get()
      ).data as Demand[]
    ).map((d) => [d._id, d]),
  )
  return group.items.filter((i) => stored.has(i.demand._id) && group.written(stored.get(i.demand._id)!, i.demand))
}

/** Fields that do not fit the demand are computed again from it, as a transition would. */
async function repair(ctx: SweepContext, demand: Demand): Promise<boolean> {
  let fields = slaFields(demand, ctx.now)
  if (slaDue({ ...demand, ...fields } as Demand, ctx.now)?.kind === 'repair') fields = slaFields({ ...demand, sla: undefined }, ctx.now)
  const changes = slaChanges(demand, { ...demand, sla: fields.sla, wakeAt: fields.wakeAt, overdue: fields.overdue } as Demand, ctx.now)
  return (await writeDemandIfUnchanged(ctx.db, demand, toPatch(ctx.db, changes))) === 'written'
}

function audienceOf(d: Demand, due: SlaDue): string[] {
  if (due.kind === 'community') return [`staff:${d.communityId}`]
  if (due.kind === 'street') return [`street:${d.streetId}`]
  if (due.kind === 'autoConfirm') return [`user:${d.ownerId}`, `staff:${d.communityId}`]
  return []
}

function noticeOf({ demand: d, due }: Item, now: number): Notice[] {
  const audience = audienceOf(d, due)
  if (due.kind === 'community') {
    const label = SlaStageLabels[due.stage]
    return [
      { audience, type: 'demand.overdue', title: `点单${label}超时`, body: `「${d.title}」${label}已超时，请尽快处理`, demandId: d._id },
    ]
  }
  if (due.kind === 'street') {
    const label = SlaStageLabels[due.stage]
    const hours = Math.max(1, Math.round((now - d.sla!.dueAt) / HOUR))
    return [
      {
        audience,
        type: 'demand.escalated',
        title: `点单${label}超时，已上报街道`,
        body: `「${d.title}」${label}已超时 ${hours} 小时`,
        demandId: d._id,
      },
    ]
  }
  if (due.kind === 'autoConfirm') {
    const days = Math.round((termsOf(d).confirm * HOUR) / DAY)
    return [
      {
        audience,
        type: 'demand.autoConfirmed',
        title: '点单已自动确认',
        body: `「${d.title}」完成后 ${days} 天未确认，系统已自动确认`,
        demandId: d._id,
      },
    ]
  }
  return []
}
