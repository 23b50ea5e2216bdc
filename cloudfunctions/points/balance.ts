/**
 * `balance`: the caller's points. The balance kept on the user changes in the same
 * transaction as each ledger entry; the sum of the entries, computed here on every read,
 * shows that the two agree.
 */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const balance = action({
  schema: contract.Schemas.points.balance,
  async run(ctx) {
    const $ = ctx.db.command.aggregate
    const res = await ctx.db
      .collection(Collections.ledger)
      .aggregate()
      .match({ ownerId: ctx.actor.userId, ownerType: 'user' })
      .group({ _id: null, sum: $.sum('$delta'), entries: $.sum(1) })
      .end()
    const totals = (res.list as { sum: number; entries: number }[])[0] ?? { sum: 0, entries: 0 }
    const kept = ctx.user?.pointsBalance ?? 0
    return { balance: kept, ledgerSum: totals.sum, entries: totals.entries, consistent: kept === totals.sum }
  },
})
