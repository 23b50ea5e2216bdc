/**
 * Awarding points for a closed demand, inside the caller's transaction: one append-only
 * ledger entry with a deterministic id (so a demand can never be paid twice) and the owner's
 * balance, changed together or not at all.
 */
import { awardEntryId, type Demand, type LedgerEntry } from '@honglin/shared'
import { Collections, type Db } from './db'

/** `tx` is a transaction from `db.runTransaction` / `db.startTransaction`. */
export async function awardPointsInTransaction(
  tx: Db,
  db: Db,
  demand: Demand,
  now: number,
  actorId: string,
): Promise<LedgerEntry | undefined> {
  const assignee = demand.assignee
  if (!assignee || assignee.points <= 0) return undefined
  const entry: LedgerEntry = {
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
  // A second award for the same demand fails here on the duplicate _id, aborting the transaction.
  await tx.collection(Collections.ledger).add({ data: entry })
  const owners = assignee.type === 'unit' ? Collections.units : Collections.users
  await tx
    .collection(owners)
    .doc(assignee.id)
    .update({ data: { pointsBalance: db.command.inc(entry.delta) } })
  return entry
}
