/**
 * One settle run: the demands marked `settleAt` (index `settle`), oldest first, at most BATCH
 * of them, each in its own transaction that reads the demand again and does what it still owes:
 * - a close (`outbox.close`): its `demand.close` and `points.award` audit entries appended to
 *   the community's chain (head read and rewritten in the same transaction, so the chain never
 *   forks, whoever else appends), the ledger entry (id per demand) and the assignee's balance;
 * - the load: the counter of whom it was counted for (`loadOf`) −1, of whom it counts for now
 *   (shared/src/org/load.ts) +1;
 * and removes the mark, in the same transaction. Applying is therefore exactly once: a run that
 * dies before its commit leaves the mark for the next run; two runs racing on one demand
 * conflict, and the retry finds the mark gone. Settling leaves the demand's version alone, so
 * it never makes a user's transition fail; a transition written after the read re-marks the
 * demand (`_runtime/transition.ts` `settleChanges`).
 *
 * Bounded: one query, then per demand at most 13 round trips (start, demand, ledger check,
 * ledger entry, balance, head read and write, two entries, two counters, the demand, commit),
 * and the run stops for time well inside the function's timeout; the rest waits a minute.
 */
import { loadDeltas, loadHolderOf, type Actor, type AuditSpec, type Demand, type LedgerEntry, type TimelineEntry } from '@honglin/shared'
import { appendAudits } from '../_runtime/audit'
import { Collections, docById, type Db } from '../_runtime/db'
import { awardEntryFor, awardPointsInTransaction } from '../_runtime/points'
import { allWrites, withTransaction } from '../_runtime/transaction'

/** Demands one run reads (HONGLIN_SETTLE_BATCH overrides it, e.g. to test a backlog). */
export const BATCH = 100
/** The function may run 20 s (config.json); a run stops taking demands after this. */
const TIME_BUDGET_MS = 12_000

const batchSize = () => Number(process.env.HONGLIN_SETTLE_BATCH) || BATCH

export interface SettleSummary {
  /** Demands whose marks this run removed. */
  settled: number
  /** Closes recorded in the audit chain. */
  closes: number
  /** Points awards paid. */
  awards: number
  /** Counter changes (+1 and −1 each count). */
  loadMoves: number
  failed: number
  /** Marked demands are left for the next run. */
  more: boolean
}

export async function settle(ctx: { db: Db; now: number }): Promise<SettleSummary> {
  const started = Date.now()
  const summary: SettleSummary = { settled: 0, closes: 0, awards: 0, loadMoves: 0, failed: 0, more: false }
  const _ = ctx.db.command
  const batch = batchSize()
  const res = await ctx.db
    .collection(Collections.demands)
    .where({ settleAt: _.gt(0) })
    .orderBy('settleAt', 'asc')
    .limit(batch)
    .field({ _id: true })
    .get()
  const ids = (res.data as { _id: string }[]).map((d) => d._id)
  summary.more = ids.length === batch
  for (const id of ids) {
    if (Date.now() - started > TIME_BUDGET_MS) {
      summary.more = true
      break
    }
    try {
      const done = await withTransaction(ctx.db, (tx) => settleIn(tx, ctx.db, id, ctx.now))
      if (!done) continue
      summary.settled += 1
      summary.closes += done.closes
      summary.awards += done.awards
      summary.loadMoves += done.loadMoves
    } catch (error) {
      // One demand that cannot be settled must not hold back the others; it stays marked.
      console.error(`settle ${id} failed:`, error)
      summary.failed += 1
    }
  }
  return summary
}

interface Settled {
  closes: number
  awards: number
  loadMoves: number
}

async function settleIn(tx: Db, db: Db, id: string, now: number): Promise<Settled | undefined> {
  const demand = await docById<Demand>(tx, Collections.demands, id)
  if (!demand || demand.settleAt === undefined) return undefined
  const _ = db.command
  const writes: Promise<unknown>[] = []
  const done: Settled = { closes: 0, awards: 0, loadMoves: 0 }
  const close = demand.outbox?.close ? closeEntryOf(demand) : undefined
  if (close) {
    // The entry is dated when it is written, not when the demand was closed: readers that go on
    // from a time mark (the 光荣榜 rollup) must never meet an entry older than what they counted.
    let award = awardEntryFor(demand, now, close.actorId)
    // Paid already (a close from before awards were settled here): never twice.
    if (award && (await docById<LedgerEntry>(tx, Collections.ledger, award._id))) award = undefined
    if (award) writes.push(awardPointsInTransaction(tx, db, award))
    const actor: Actor = { userId: close.actorId, openid: '', name: close.actorName, grants: [] }
    writes.push(appendAudits(tx, { actor, now: close.at }, closeAudits(demand, close, award)))
    done.closes = 1
    done.awards = award ? 1 : 0
  }
  const holder = loadHolderOf(demand)
  for (const move of loadDeltas(demand.loadOf, holder)) {
    const owners = move.holder.type === 'unit' ? Collections.units : Collections.users
    writes.push(
      tx
        .collection(owners)
        .doc(move.holder.id)
        .update({ data: { activeLoad: _.inc(move.delta) } }),
    )
    done.loadMoves += 1
  }
  writes.push(
    tx
      .collection(Collections.demands)
      .doc(id)
      .update({ data: { settleAt: _.remove(), outbox: _.remove(), loadOf: holder ? _.set(holder) : _.remove() } }),
  )
  // Independent writes, sent together: the shorter the transaction, the fewer collisions.
  await allWrites(writes)
  return done
}

/** The close being settled: the newest close entry of the timeline. */
function closeEntryOf(demand: Demand): TimelineEntry | undefined {
  for (let i = demand.timeline.length - 1; i >= 0; i--) if (demand.timeline[i]!.action === 'close') return demand.timeline[i]
  return undefined
}

function closeAudits(demand: Demand, close: TimelineEntry, award: LedgerEntry | undefined): AuditSpec[] {
  const closed: AuditSpec = {
    action: 'demand.close',
    communityId: demand.communityId,
    target: { type: 'demand', id: demand._id },
    detail: {
      kind: demand.kind,
      category: demand.category,
      ...(close.from ? { from: close.from } : {}),
      ...(demand.assignee ? { assigneeType: demand.assignee.type } : {}),
    },
  }
  if (!award) return [closed]
  return [
    closed,
    {
      action: 'points.award',
      communityId: demand.communityId,
      target: { type: 'ledger', id: award._id },
      detail: { points: award.delta, ownerType: award.ownerType, ownerId: award.ownerId, demandId: demand._id },
    },
  ]
}
