/**
 * `rewards` (积分超市): a community's rewards, newest first. Volunteers and residents see what
 * is offered; the community's staff also see what waits for approval or was taken off the
 * shelf (`manage: true`). Without `communityId`, the caller's own community. Round trips: 2.
 */
import { contract, mallCommunityOf, mayManageRewards, type Reward } from '@honglin/shared'
import { action } from '../_runtime/function'
import { MallCollections } from '../_runtime/mall'
import { pageOf } from '../_runtime/paging'

export const rewards = action({
  schema: contract.Schemas.mall.rewards,
  async run(ctx, { communityId, page }) {
    const community = communityId ?? mallCommunityOf(ctx.actor)
    if (!community) return { items: [] as Reward[], hasMore: false, communityId: '', manage: false }
    const manage = mayManageRewards(ctx.actor, community)
    const where = manage ? { communityId: community } : { communityId: community, status: 'active' }
    const query = ctx.db.collection(MallCollections.rewards).where(where).orderBy('createdAt', 'desc')
    const res = await pageOf<Reward>(query, page)
    return { ...res, communityId: community, manage }
  },
})
