/**
 * `mine` (我的兑换): the caller's redemptions, newest first, with their codes and what they
 * may do (cancel, re-issue); optionally one status. Round trips: 2.
 */
import { contract, redemptionActions, redemptionView, type Redemption } from '@honglin/shared'
import { action } from '../_runtime/function'
import { MallCollections } from '../_runtime/mall'
import { pageOf } from '../_runtime/paging'

export const mine = action({
  schema: contract.Schemas.mall.mine,
  async run(ctx, { status, page }) {
    const where = status ? { userId: ctx.actor.userId, status } : { userId: ctx.actor.userId }
    const query = ctx.db.collection(MallCollections.redemptions).where(where).orderBy('createdAt', 'desc')
    const res = await pageOf<Redemption>(query, page)
    return { items: res.items.map((r) => ({ ...redemptionView(r), actions: redemptionActions(ctx.actor, r) })), hasMore: res.hasMore }
  },
})
