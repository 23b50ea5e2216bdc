/**
 * `cancel`: the holder gives a reservation back before pickup. One transaction returns the
 * stock, the points (a `reversal` entry) and the place under the limit; racing the expiry
 * timer or a second cancel, one of them writes the redemption first and the other, run again,
 * finds it no longer reserved. Round trips: 10.
 */
import { AppError, contract, notUsable, redemptionView, type Redemption } from '@honglin/shared'
import { docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { MallCollections, releaseInTransaction, type StoredRedemption } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

export const cancel = action({
  schema: contract.Schemas.mall.cancel,
  async run(ctx, { id }) {
    const done = await withTransaction(ctx.db, async (tx) => {
      const r = await docById<StoredRedemption>(tx, MallCollections.redemptions, id)
      // Someone else's redemption is as good as missing: its existence is not theirs to learn.
      if (!r || r.userId !== ctx.actor.userId) throw new AppError('NOT_FOUND', '找不到该兑换记录')
      if (r.status !== 'reserved') throw new AppError('INVALID_STATE', notUsable(r))
      return releaseInTransaction(tx, ctx.db, r, 'cancelled', ctx.now, ctx.actor.userId)
    })
    return redemptionView(done as Redemption)
  },
})
