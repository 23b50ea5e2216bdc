/**
 * `balance`: the caller's points. The balance is the one kept on the user, changed in the
 * same transaction as each ledger entry (`_runtime/points.ts`), so it comes with the caller's
 * own record; the number of entries is one count the ledger's index answers. Whether the
 * kept balance still equals the sum of the entries is `points.reconcile`'s question, not
 * every read's. `reserved`: points held by the caller's mall reservations (spent already, given
 * back if a reservation is cancelled or expires), one sum the redemptions' index answers at
 * the same time as the count. Round trips: the caller, the count ‖ the sum: 3.
 */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { MallCollections } from '../_runtime/mall'

export const balance = action({
  schema: contract.Schemas.points.balance,
  async run(ctx) {
    const [res, held] = await Promise.all([
      ctx.db.collection(Collections.ledger).where({ ownerId: ctx.actor.userId, ownerType: 'user' }).count(),
      ctx.db
        .collection(MallCollections.redemptions)
        .aggregate()
        .match({ userId: ctx.actor.userId, status: 'reserved' })
        .group({ _id: null, sum: ctx.db.command.aggregate.sum('$cost') })
        .end(),
    ])
    const reserved = (held.list as { sum: number }[])[0]?.sum ?? 0
    return { balance: ctx.user?.pointsBalance ?? 0, entries: res.total as number, reserved }
  },
})
