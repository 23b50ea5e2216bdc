/**
 * `reconcile` (对账), for administrators: does a person's or a unit's kept balance equal the
 * sum of their ledger entries? Every award writes both in one transaction, so a difference
 * means someone wrote one without the other (a console edit, a migration); this is where to
 * look when someone says their points are wrong. It sums the whole ledger of one owner in the
 * database (one aggregate), which is why `balance` does not. Round trips: the caller, then the
 * owner ‖ the sum: 3.
 */
import { AppError, contract, isAdmin } from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'

export const reconcile = action({
  schema: contract.Schemas.points.reconcile,
  async run(ctx, { ownerType, ownerId }) {
    if (!isAdmin(ctx.actor)) throw new AppError('FORBIDDEN', '仅管理员可以对账')
    const $ = ctx.db.command.aggregate
    const [owner, totals] = await Promise.all([
      getDoc<{ pointsBalance?: number }>(ctx.db, ownerType === 'unit' ? Collections.units : Collections.users, ownerId),
      ctx.db
        .collection(Collections.ledger)
        .aggregate()
        .match({ ownerId, ownerType })
        .group({ _id: null, sum: $.sum('$delta'), entries: $.sum(1) })
        .end(),
    ])
    if (!owner) throw new AppError('NOT_FOUND', ownerType === 'unit' ? '找不到该共建单位' : '找不到该用户')
    const { sum, entries } = (totals.list as { sum: number; entries: number }[])[0] ?? { sum: 0, entries: 0 }
    const balance = owner.pointsBalance ?? 0
    return { ownerType, ownerId, balance, ledgerSum: sum, entries, consistent: balance === sum }
  },
})
