/**
 * `redemptions`: a reward's redemptions for those who hand it over (staff of the community, the
 * sponsor's contact), newest first, optionally one status; without codes, which are the
 * holders' to show. Round trips: 3.
 */
import { AppError, contract, handoverView, maySeeUnlisted, type Redemption, type Reward } from '@honglin/shared'
import { getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { MallCollections } from '../_runtime/mall'
import { pageOf } from '../_runtime/paging'

export const redemptions = action({
  schema: contract.Schemas.mall.redemptions,
  async run(ctx, { rewardId, status, page }) {
    const reward = await getDoc<Reward>(ctx.db, MallCollections.rewards, rewardId)
    if (!reward) throw new AppError('NOT_FOUND', '找不到该礼品')
    if (!maySeeUnlisted(ctx.actor, reward)) throw new AppError('FORBIDDEN', '只有本社区工作人员或赞助单位可以查看兑换记录')
    const where = status ? { rewardId, status } : { rewardId }
    const query = ctx.db.collection(MallCollections.redemptions).where(where).orderBy('createdAt', 'desc')
    const res = await pageOf<Redemption>(query, page)
    return { items: res.items.map(handoverView), hasMore: res.hasMore }
  },
})
