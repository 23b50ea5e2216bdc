/**
 * `approveReward`: community staff put a reward a co-building unit offered on the shelf. In
 * the audit log; announced to the sponsor's contacts, the staff and the community's volunteers
 * (their inboxes). Round trips: 7.
 */
import { AppError, communityVolunteersKey, contract, mayManageRewards, type Reward } from '@honglin/shared'
import { publish } from '../_runtime/announce'
import { appendAudits } from '../_runtime/audit'
import { docById, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { allWrites, MallCollections } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

export const approveReward = action({
  schema: contract.Schemas.mall.approveReward,
  async run(ctx, { rewardId }) {
    const seen = await getDoc<Reward>(ctx.db, MallCollections.rewards, rewardId)
    if (!seen) throw new AppError('NOT_FOUND', '找不到该礼品')
    if (!mayManageRewards(ctx.actor, seen.communityId)) throw new AppError('FORBIDDEN', '只有本社区工作人员可以审核礼品')
    const approved = await withTransaction(ctx.db, async (tx) => {
      const reward = await docById<Reward>(tx, MallCollections.rewards, rewardId)
      if (!reward || reward.status !== 'pending') throw new AppError('INVALID_STATE', '该礼品不在待审核状态')
      const patch = { status: 'active' as const, approvedAt: ctx.now, approvedBy: ctx.actor.userId, updatedAt: ctx.now }
      await allWrites([
        tx.collection(MallCollections.rewards).doc(rewardId).update({ data: patch }),
        appendAudits(tx, ctx, [
          {
            action: 'mall.reward',
            communityId: reward.communityId,
            target: { type: 'reward', id: rewardId },
            detail: { change: 'approve', status: 'active', ...(reward.sponsorUnitId ? { unitId: reward.sponsorUnitId } : {}) },
          },
        ]),
      ])
      return { ...reward, ...patch }
    })
    await publish(ctx, [
      {
        audience: [
          approved.sponsorUnitId ? `unit:${approved.sponsorUnitId}` : '',
          `staff:${approved.communityId}`,
          communityVolunteersKey(approved.communityId),
        ],
        type: 'mall.reward',
        title: '积分超市上新了',
        body: approved.name,
        page: 'packages/mall/rewards/index',
      },
    ])
    return approved
  },
})
