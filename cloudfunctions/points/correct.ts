/**
 * `correct` (积分更正): staff put a person's or a unit's points right with a new `correction`
 * entry and its reason, never by editing an entry. The entry and the balance change in one
 * transaction, with the audit entry; a correction may not take a balance below zero. Its id
 * comes from the requestId, so a retried correction is applied once.
 * Who: community staff of the volunteer's community (for a unit: of a community it serves),
 * and administrators. Round trips: 9.
 */
import { AppError, contract, isAdmin, isStaffOf, type Actor, type LedgerEntry } from '@honglin/shared'
import { appendAudits } from '../_runtime/audit'
import { Collections, docById, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { allWrites } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

interface Owner {
  _id: string
  pointsBalance?: number
  volunteer?: { communityId?: string }
  grants?: { communityId?: string }[]
  communityIds?: string[]
}

export const correct = action({
  schema: contract.Schemas.points.correct,
  async run(ctx, { ownerType, ownerId, delta, reason, requestId }) {
    const collection = ownerType === 'unit' ? Collections.units : Collections.users
    const owner = await getDoc<Owner>(ctx.db, collection, ownerId)
    if (!owner) throw new AppError('NOT_FOUND', ownerType === 'unit' ? '找不到该共建单位' : '找不到该用户')
    const communityId = mayCorrect(ctx.actor, ownerType, owner)
    const entryId = `correction-${ctx.actor.userId}-${requestId}`
    return withTransaction(ctx.db, async (tx) => {
      const [earlier, current] = await Promise.all([
        docById<LedgerEntry>(tx, Collections.ledger, entryId),
        docById<Owner>(tx, collection, ownerId),
      ])
      if (earlier) {
        if (earlier.ownerId !== ownerId || earlier.delta !== delta) throw new AppError('INVALID_INPUT', '请求编号已用于另一次更正')
        return { entry: earlier, balance: current?.pointsBalance ?? 0, created: false }
      }
      const before = current?.pointsBalance ?? 0
      if (before + delta < 0) throw new AppError('INVALID_STATE', `更正后积分不能为负（当前 ${before} 分）`)
      const entry: LedgerEntry = {
        _id: entryId,
        ownerType,
        ownerId,
        delta,
        reason: 'correction',
        note: reason,
        createdAt: ctx.now,
        createdBy: ctx.actor.userId,
      }
      await allWrites([
        tx.collection(Collections.ledger).add({ data: entry }),
        tx
          .collection(collection)
          .doc(ownerId)
          .update({ data: { pointsBalance: ctx.db.command.inc(delta) } }),
        appendAudits(tx, ctx, [
          {
            action: 'points.correction',
            ...(communityId ? { communityId } : {}),
            target: { type: 'ledger', id: entryId },
            detail: { ownerType, ownerId, delta, before, after: before + delta, reason },
          },
        ]),
      ])
      return { entry, balance: before + delta, created: true }
    })
  },
})

/** The community whose staff may correct `owner` and whose audit chain records it; admins anywhere. */
function mayCorrect(actor: Actor, ownerType: 'user' | 'unit', owner: Owner): string | undefined {
  const communities =
    ownerType === 'unit'
      ? (owner.communityIds ?? [])
      : [owner.volunteer?.communityId, ...(owner.grants ?? []).map((g) => g.communityId)].filter((c): c is string => !!c)
  const mine = communities.find((c) => isStaffOf(actor, c))
  if (mine || isAdmin(actor)) return mine
  throw new AppError('FORBIDDEN', '只有该志愿者所在社区的工作人员可以更正积分')
}
