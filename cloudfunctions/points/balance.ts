/**
 * `balance`: the caller's points. The balance is the one kept on the user, changed in the
 * same transaction as each ledger entry (`_runtime/points.ts`), so it comes with the caller's
 * own record; the number of entries is one count the ledger's index answers. Whether the
 * kept balance still equals the sum of the entries is `points.reconcile`'s question, not
 * every read's. `reserved`: the points held by the caller's mall reservations (already taken
 * from the balance, given back if one is cancelled or expires), kept on the user by the same
 * transactions (`_runtime/mall.ts`). Round trips: the caller, the count: 2.
 */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const balance = action({
  schema: contract.Schemas.points.balance,
  async run(ctx) {
    const res = await ctx.db.collection(Collections.ledger).where({ ownerId: ctx.actor.userId, ownerType: 'user' }).count()
    const reserved = (ctx.user as { pointsReserved?: number } | undefined)?.pointsReserved ?? 0
    return { balance: ctx.user?.pointsBalance ?? 0, entries: res.total as number, reserved }
  },
})
