/**
 * `reissue`: a lost code is replaced by a new one, which revokes the old (a scan of it is told
 * so). By the holder, or by staff who hand the reward over. In the audit log. The old code's
 * image (`pickupQr`) is removed after. Round trips: 9, 11 when the old code had an image.
 */
import { AppError, contract, mayReissue, notUsable, redemptionView, type Redemption } from '@honglin/shared'
import { appendAudits } from '../_runtime/audit'
import { docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { drawCode, MallCollections } from '../_runtime/mall'
import { allWrites } from '../_runtime/mall'
import { dropPickupImage } from './pickup-qr'
import { withTransaction } from '../_runtime/transaction'

export const reissue = action({
  schema: contract.Schemas.mall.reissue,
  async run(ctx, { id }) {
    const next = await withTransaction(ctx.db, async (tx) => {
      const r = await docById<Redemption>(tx, MallCollections.redemptions, id)
      if (!r || !mayReissue(ctx.actor, r)) throw new AppError('NOT_FOUND', '找不到该兑换记录')
      if (r.status !== 'reserved') throw new AppError('INVALID_STATE', notUsable(r))
      const code = drawCode()
      const _ = ctx.db.command
      await allWrites([
        tx
          .collection(MallCollections.redemptions)
          .doc(id)
          .update({ data: { code, revokedCodes: _.push(r.code), reissuedAt: ctx.now, updatedAt: ctx.now } }),
        appendAudits(tx, ctx, [
          {
            action: 'mall.reissue',
            communityId: r.communityId,
            target: { type: 'redemption', id },
            detail: { rewardId: r.rewardId, byHolder: r.userId === ctx.actor.userId },
          },
        ]),
      ])
      return { ...r, code, revokedCodes: [...(r.revokedCodes ?? []), r.code], reissuedAt: ctx.now, updatedAt: ctx.now }
    })
    await dropPickupImage(ctx, id, next.revokedCodes.at(-1)!)
    return redemptionView(next)
  },
})
