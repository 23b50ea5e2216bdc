/**
 * `verify` (核销): staff of the community or the sponsor's contact confirm they handed the
 * reward over. A code works once: the transaction re-reads the redemption and fulfils it only
 * if it is still reserved under this code, so of two scans at once one fulfils and the other,
 * run again, is told when and by whom. The points were spent at reservation; this records the
 * handover, in the audit log of the community, and tells the holder. Round trips: 9.
 */
import { AppError, alreadyHandedOver, contract, handoverView, notUsable, type Redemption } from '@honglin/shared'
import { publish } from '../_runtime/announce'
import { appendAudits } from '../_runtime/audit'
import { Collections, docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { allWrites, MallCollections } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'
import { findByCode } from './find-code'

export const verify = action({
  schema: contract.Schemas.mall.verify,
  async run(ctx, { code }) {
    const found = await findByCode(ctx.db, ctx.actor, code)
    if (found.status !== 'reserved') throw new AppError('INVALID_STATE', notUsable(found))
    const fulfilled = await withTransaction(ctx.db, async (tx) => {
      const r = await docById<Redemption>(tx, MallCollections.redemptions, found._id)
      if (!r) throw new AppError('NOT_FOUND', '找不到该兑换记录')
      if (r.status === 'fulfilled') throw new AppError('INVALID_STATE', alreadyHandedOver(r))
      if (r.status !== 'reserved') throw new AppError('INVALID_STATE', notUsable(r))
      if (r.code !== code) throw new AppError('INVALID_STATE', '该兑换码已作废（已重新生成），请让兑换人出示新码')
      const patch = {
        status: 'fulfilled' as const,
        fulfilledAt: ctx.now,
        fulfilledBy: ctx.actor.userId,
        fulfilledByName: ctx.actor.name,
        updatedAt: ctx.now,
      }
      await allWrites([
        tx
          .collection(MallCollections.redemptions)
          .doc(r._id)
          .update({ data: { ...patch, remindAt: ctx.db.command.remove() } }),
        // Handed over, the points are no longer held but spent: out of the caller's `reserved`.
        tx
          .collection(Collections.users)
          .doc(r.userId)
          .update({ data: { pointsReserved: ctx.db.command.inc(-r.cost) } }),
        appendAudits(tx, ctx, [
          {
            action: 'mall.handover',
            communityId: r.communityId,
            target: { type: 'redemption', id: r._id },
            detail: { rewardId: r.rewardId, points: r.cost, ...(r.sponsorUnitId ? { unitId: r.sponsorUnitId } : {}) },
          },
        ]),
      ])
      const next: Redemption = { ...r, ...patch }
      delete next.remindAt
      return next
    })
    await publish(ctx, [
      {
        audience: [`user:${fulfilled.userId}`],
        type: 'mall.fulfilled',
        title: '礼品已领取',
        body: fulfilled.rewardName,
        page: 'packages/mall/mine/index',
      },
    ])
    return handoverView(fulfilled)
  },
})
