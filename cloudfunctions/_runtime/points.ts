/**
 * Points: the bounds a demand's points are chosen within, and awarding them for a closed
 * demand inside a transaction (the settle timer's): one append-only ledger entry with a
 * deterministic id (so a demand can never be paid twice) and the owner's balance, changed
 * together or not at all.
 */
import { awardEntryId, DefaultPointsPolicy, type Demand, type LedgerEntry, type PointsPolicy } from '@honglin/shared'
import { Collections, getDoc, type Db } from './db'

/**
 * The points policy a demand is dispatched under: the one its community had when it was
 * created (`pointsTerms`), so assigning and publishing do not read the community; a demand
 * stored before the snapshot existed reads it (one more round trip).
 */
export async function pointsTermsOf(db: Db, demand: Demand): Promise<PointsPolicy> {
  if (demand.pointsTerms) return demand.pointsTerms
  const community = await getDoc<{ pointsPolicy?: PointsPolicy }>(db, Collections.communities, demand.communityId)
  return community?.pointsPolicy ?? DefaultPointsPolicy
}

/** The ledger entry closing `demand` pays, if it pays anything. */
export function awardEntryFor(demand: Demand, now: number, actorId: string): LedgerEntry | undefined {
  const assignee = demand.assignee
  if (!assignee || assignee.points <= 0) return undefined
  return {
    _id: awardEntryId(demand._id),
    ownerType: assignee.type === 'unit' ? 'unit' : 'user',
    ownerId: assignee.id,
    delta: assignee.points,
    reason: 'demand_closed',
    demandId: demand._id,
    note: `完成「${demand.title}」`,
    createdAt: now,
    createdBy: actorId,
  }
}

/**
 * Writes `entry` and the owner's balance in `tx` (a transaction from `db.runTransaction`),
 * both at once: they are independent writes, and the shorter the transaction the less often
 * parallel closes paying one volunteer collide on the balance.
 */
export async function awardPointsInTransaction(tx: Db, db: Db, entry: LedgerEntry): Promise<void> {
  // A second award for the same demand fails here on the duplicate _id, aborting the transaction.
  const owners = entry.ownerType === 'unit' ? Collections.units : Collections.users
  await Promise.all([
    tx.collection(Collections.ledger).add({ data: entry }),
    tx
      .collection(owners)
      .doc(entry.ownerId)
      .update({ data: { pointsBalance: db.command.inc(entry.delta) } }),
  ])
}
