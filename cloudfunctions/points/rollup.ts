/**
 * The 光荣榜 rollups (`honours`: one document per owner × community or street × month, year
 * and all time), kept current by the `points` timer so that a board is one indexed read, never
 * a scan of the ledger or the demands per view.
 *
 * Each run goes on from a watermark (`job_state/honours`: the creation time and id of the last
 * ledger entry counted), reads the next entries in that order (index `created_id`), and counts
 * a batch in one transaction that also moves the watermark: a run cut off anywhere counts a
 * batch wholly or not at all, and the next run starts where the last commit left off, so an
 * entry is counted exactly once. Entries younger than `SETTLE_MS` wait for the next run: a
 * close stamped a moment earlier may still be committing, and would land behind the mark.
 * Counting follows the ledger, not the close action: every writer dates an entry when it writes
 * it (the settle timer's awards too), so an award settled late still lands after the mark. Hours and the item come from the demand an award names.
 */
import { applyDelta, rollupDeltas, type Demand, type EntryPlace, type HonourRollup, type LedgerEntry, type Result } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections, docById, type Db } from '../_runtime/db'
import { withTimer } from '../_runtime/timer'
import { allWrites, withTransaction } from '../_runtime/transaction'

export const HONOURS = 'honours'
const JOB_STATE = 'job_state'
const WATERMARK_ID = 'honours'
export const ROLLUP_BATCH = 40
export const ROLLUP_BATCHES_PER_RUN = 5
export const SETTLE_MS = 2 * 60_000

interface Watermark {
  createdAt: number
  entryId: string
  counted: number
  updatedAt: number
}

export interface RollupSummary {
  counted: number
  batches: number
  /** Whether entries are left for the next run. */
  more: boolean
  /** What this run asked of the database, the transactions' reads and writes included. */
  roundTrips: number
}

/** Counts what the ledger gained since the watermark, at most `batches` batches. */
export async function rollup(ctx: { db: Db; now: number }, batches = ROLLUP_BATCHES_PER_RUN): Promise<RollupSummary> {
  const { db, now } = ctx
  const summary: RollupSummary = { counted: 0, batches: 0, more: false, roundTrips: 1 }
  let mark = await docById<Watermark>(db, JOB_STATE, WATERMARK_ID)
  while (summary.batches < batches) {
    const entries = await nextEntries(db, mark, now - SETTLE_MS)
    summary.roundTrips += 1
    if (entries.length === 0) return summary
    const { places, hours, roundTrips } = await placesOf(db, entries)
    summary.roundTrips += roundTrips
    const deltas = rollupDeltas(
      entries,
      (e) => places(e),
      (id) => hours.get(id),
    )
    const last = entries.at(-1)!
    const next: Watermark = { createdAt: last.createdAt, entryId: last._id, counted: (mark?.counted ?? 0) + entries.length, updatedAt: now }
    const moved = await withTransaction(db, async (tx) => {
      const current = await docById<Watermark>(tx, JOB_STATE, WATERMARK_ID)
      // Another run counted this batch meanwhile: leave the rest to the next tick.
      if (!sameMark(current, mark)) return false
      const stored = await Promise.all(deltas.map((d) => docById<HonourRollup>(tx, HONOURS, d._id)))
      await allWrites([
        ...deltas.map((d, i) => {
          const { _id, ...data } = applyDelta(stored[i], d, now)
          return tx.collection(HONOURS).doc(_id).set({ data })
        }),
        tx.collection(JOB_STATE).doc(WATERMARK_ID).set({ data: next }),
      ])
      return true
    })
    // A transaction's round trips: its start and commit, the mark, each rollup read and written.
    summary.roundTrips += 2 + 1 + (moved ? 2 * deltas.length + 1 : 0)
    if (!moved) return { ...summary, more: true }
    mark = next
    summary.counted += entries.length
    summary.batches += 1
    if (entries.length < ROLLUP_BATCH) return summary
  }
  return { ...summary, more: true }
}

function sameMark(a: Watermark | undefined, b: Watermark | undefined): boolean {
  return (a?.createdAt ?? -1) === (b?.createdAt ?? -1) && (a?.entryId ?? '') === (b?.entryId ?? '')
}

/** The entries after the mark, oldest first, up to `settledBefore`. */
async function nextEntries(db: Db, mark: Watermark | undefined, settledBefore: number): Promise<LedgerEntry[]> {
  const _ = db.command
  const upTo = { createdAt: _.lte(settledBefore) }
  const after = mark ? _.or([{ createdAt: _.gt(mark.createdAt) }, { createdAt: mark.createdAt, _id: _.gt(mark.entryId) }]) : undefined
  const res = await db
    .collection(Collections.ledger)
    .where(after ? _.and([upTo, after]) : upTo)
    .orderBy('createdAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(ROLLUP_BATCH)
    .get()
  return res.data as LedgerEntry[]
}

/**
 * Where each entry's work was done: its demand's community and street, else (a correction
 * naming no demand) its owner's volunteer community and that community's street.
 */
async function placesOf(db: Db, entries: LedgerEntry[]) {
  const _ = db.command
  const demandIds = [...new Set(entries.flatMap((e) => (e.demandId ? [e.demandId] : [])))]
  const ownerIds = [...new Set(entries.filter((e) => e.ownerType === 'user').map((e) => e.ownerId))]
  const [demands, users] = await Promise.all([
    demandIds.length
      ? db
          .collection(Collections.demands)
          .where({ _id: _.in(demandIds) })
          .field({ _id: true, communityId: true, streetId: true, completion: true })
          .limit(demandIds.length)
          .get()
      : { data: [] },
    ownerIds.length
      ? db
          .collection(Collections.users)
          .where({ _id: _.in(ownerIds) })
          .field({ _id: true, volunteer: true })
          .limit(ownerIds.length)
          .get()
      : { data: [] },
  ])
  const demandById = new Map((demands.data as Demand[]).map((d) => [d._id, d]))
  const communityOfOwner = new Map(
    (users.data as UserDoc[]).flatMap((u) => (u.volunteer ? [[u._id, u.volunteer.communityId] as const] : [])),
  )
  const needStreets = [
    ...new Set(
      entries.flatMap((e) =>
        e.demandId && demandById.has(e.demandId) ? [] : [communityOfOwner.get(e.ownerId)].filter((c): c is string => !!c),
      ),
    ),
  ]
  const streetOf = new Map<string, string>()
  if (needStreets.length) {
    const res = await db
      .collection(Collections.communities)
      .where({ _id: _.in(needStreets) })
      .field({ _id: true, streetId: true })
      .limit(needStreets.length)
      .get()
    for (const c of res.data as { _id: string; streetId: string }[]) streetOf.set(c._id, c.streetId)
  }
  const places = (e: Pick<LedgerEntry, 'ownerId' | 'demandId'>): EntryPlace | undefined => {
    const demand = e.demandId ? demandById.get(e.demandId) : undefined
    if (demand) return { communityId: demand.communityId, streetId: demand.streetId }
    const communityId = communityOfOwner.get(e.ownerId)
    const streetId = communityId ? streetOf.get(communityId) : undefined
    return communityId && streetId ? { communityId, streetId } : undefined
  }
  const hours = new Map([...demandById.values()].map((d) => [d._id, d.completion?.hours ?? 0]))
  return { places, hours, roundTrips: (demandIds.length ? 1 : 0) + (ownerIds.length ? 1 : 0) + (needStreets.length ? 1 : 0) }
}

type Main = (event: unknown) => Promise<Result<unknown>>

/**
 * The function's `main` with its timer: a timer event counts (only from the platform's timer,
 * `_runtime/timer.ts`), anything else goes to the actions.
 */
export const withRollupTimer = (actions: Main): Main => withTimer(actions, 'points rollup', (env) => rollup(env))
