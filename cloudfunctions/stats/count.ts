/**
 * The `stats` timer: keeps the counters (`stats_cells`, `stats_addresses`) current from the
 * demands. Every demand write bumps `updatedAt`; a run goes on from a watermark
 * (`job_state/stats`: the `updatedAt` and id of the last demand looked at) through the demands
 * changed since, oldest first (index `updated_id`), and for each, in ONE transaction, reads it
 * again, takes away the contribution it last made (stored on it as `counted`) and adds the one
 * it makes now (shared/src/stats/contribution.ts), then stores that as `counted`. Hence:
 * - exactly once: a run cut off before a commit leaves the demand and the cells as they were,
 *   and the demand is looked at again; looked at again after its commit, the difference is
 *   nothing. Two runs racing on a demand conflict, and the retry finds nothing left to do;
 * - reopen, merge, cancel and every other change move the figures by the difference alone;
 * - writing `counted` leaves the demand's version alone, so it never makes a user's
 *   transition fail; a transition that commits first makes this transaction retry.
 * Demands changed less than `LAG_MS` ago wait: a transition stamped a moment earlier may still
 * be committing, and would land behind the mark. The mark moves (conditionally on where this
 * run found it) only past demands whose transaction committed; a failing demand holds it.
 *
 * Bounded: one query per batch, then per demand about 2 × (cells touched) + 6 round trips;
 * the run stops for time well inside the function's timeout and the rest waits a minute.
 */
import {
  addressMoves,
  applyAddressMove,
  applyCellDelta,
  cellDeltas,
  contributionOf,
  type AddressCell,
  type Counted,
  type Demand,
  packCell,
  unpackCell,
  type StoredCell,
} from '@honglin/shared'
import { Collections, docById, type Db } from '../_runtime/db'
import { withTransaction } from '../_runtime/transaction'

export const CELLS = 'stats_cells'
export const ADDRESSES = 'stats_addresses'
const JOB_STATE = 'job_state'
export const WATERMARK_ID = 'stats'
/** Demands one query reads (HONGLIN_STATS_BATCH overrides it, e.g. to test a backlog). */
export const BATCH = 50
export const LAG_MS = 2 * 60_000
/** The function may run 20 s (config.json); a run stops taking demands after this. */
const TIME_BUDGET_MS = 12_000

const batchSize = () => Number(process.env.HONGLIN_STATS_BATCH) || BATCH

export type CountedDemand = Demand & { counted?: Counted }

export interface StatsMark {
  updatedAt: number
  demandId: string
  /** Demands whose counters changed, since the mark was created. */
  counted: number
  at: number
}

export interface CountSummary {
  /** Demands looked at. */
  seen: number
  /** Demands whose contribution changed (their cells written). */
  counted: number
  /** Cell documents written. */
  cells: number
  failed: number
  /** Changed demands are left for the next run. */
  more: boolean
}

export async function countChanges(ctx: { db: Db; now: number }, maxBatches = 20): Promise<CountSummary> {
  const started = Date.now()
  const { db, now } = ctx
  const summary: CountSummary = { seen: 0, counted: 0, cells: 0, failed: 0, more: false }
  let mark = await docById<StatsMark>(db, JOB_STATE, WATERMARK_ID)
  for (let b = 0; b < maxBatches; b++) {
    const batch = batchSize()
    const demands = await changedSince(db, mark, now - LAG_MS, batch)
    if (demands.length === 0) return summary
    let last: Pick<Demand, '_id' | 'updatedAt'> | undefined
    let changed = 0
    for (const d of demands) {
      if (Date.now() - started > TIME_BUDGET_MS) {
        summary.more = true
        break
      }
      try {
        const cells = await withTransaction(db, (tx) => countDemand(tx, db, d._id))
        summary.seen += 1
        if (cells > 0) {
          summary.counted += 1
          changed += 1
          summary.cells += cells
        }
        last = d
      } catch (error) {
        // The mark stays before it: the next run tries it again (and redoes nothing after it twice).
        console.error(`stats: counting ${d._id} failed:`, error)
        summary.failed += 1
        summary.more = true
        break
      }
    }
    if (last) {
      const next: StatsMark = { updatedAt: last.updatedAt, demandId: last._id, counted: (mark?.counted ?? 0) + changed, at: now }
      const moved = await moveMark(db, mark, next)
      // Another run moved it meanwhile: it goes on from there.
      if (!moved) return { ...summary, more: true }
      mark = next
    }
    if (summary.more) return summary
    if (demands.length < batch) return summary
  }
  return { ...summary, more: true }
}

/** Counts one demand's change; answers how many cell documents it wrote (0: nothing changed). */
export async function countDemand(tx: Db, db: Db, id: string): Promise<number> {
  const demand = await docById<CountedDemand>(tx, Collections.demands, id)
  if (!demand) return 0
  const before = demand.counted
  const after = contributionOf(demand, before)
  const deltas = cellDeltas(before, after)
  const moves = addressMoves(before, after)
  if (deltas.length === 0 && moves.length === 0 && sameCounted(before, after)) return 0
  const [cells, addresses] = await Promise.all([
    Promise.all(deltas.map(async (d) => unpacked(await docById<StoredCell>(tx, CELLS, d._id)))),
    Promise.all(moves.map((m) => docById<AddressCell>(tx, ADDRESSES, m._id))),
  ])
  // Commands come from the database object: a transaction has none of its own.
  const _ = db.command
  await Promise.all([
    ...deltas.map((delta, i) => {
      const { _id, ...data } = packCell(applyCellDelta(cells[i], delta))
      return tx.collection(CELLS).doc(_id).set({ data })
    }),
    ...moves.map((move, i) => {
      const { _id, ...data } = applyAddressMove(addresses[i], move, id)
      return tx.collection(ADDRESSES).doc(_id).set({ data })
    }),
    tx
      .collection(Collections.demands)
      .doc(id)
      .update({ data: { counted: _.set(after) } }),
  ])
  return deltas.length + moves.length
}

const unpacked = (stored: StoredCell | undefined) => (stored ? unpackCell(stored) : undefined)

const sameCounted = (a: Counted | undefined, b: Counted) => JSON.stringify(a) === JSON.stringify(b)

async function changedSince(
  db: Db,
  mark: StatsMark | undefined,
  settledBefore: number,
  limit: number,
): Promise<Pick<Demand, '_id' | 'updatedAt'>[]> {
  const _ = db.command
  const upTo = { updatedAt: _.lte(settledBefore) }
  const after = mark ? _.or([{ updatedAt: _.gt(mark.updatedAt) }, { updatedAt: mark.updatedAt, _id: _.gt(mark.demandId) }]) : undefined
  const res = await db
    .collection(Collections.demands)
    .where(after ? _.and([upTo, after]) : upTo)
    .orderBy('updatedAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .field({ _id: true, updatedAt: true })
    .get()
  return res.data
}

async function moveMark(db: Db, from: StatsMark | undefined, to: StatsMark): Promise<boolean> {
  return withTransaction(db, async (tx) => {
    const current = await docById<StatsMark>(tx, JOB_STATE, WATERMARK_ID)
    if ((current?.updatedAt ?? -1) !== (from?.updatedAt ?? -1) || (current?.demandId ?? '') !== (from?.demandId ?? '')) return false
    const { ...data } = to
    await tx.collection(JOB_STATE).doc(WATERMARK_ID).set({ data })
    return true
  })
}
