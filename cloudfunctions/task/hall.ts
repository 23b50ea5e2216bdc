/**
 * `task.hall` (任务大厅): open demands of the caller's communities as a volunteer, newest
 * first, with contact details masked (they become visible to whoever claims the task). Paged
 * by key (`cursor` → `next`; index `community_status` / `hall_category`).
 */
import { AppError, contract, isVolunteerIn, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

const ORDER: Order = [
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

export const hall = action({
  schema: contract.Schemas.task.hall,
  async run(ctx, { category, communityId, cursor, page }) {
    const mine = [...new Set(ctx.actor.grants.filter((g) => g.role === 'volunteer' && g.communityId).map((g) => g.communityId!))]
    if (mine.length === 0) throw new AppError('FORBIDDEN', '请先注册成为志愿者')
    if (communityId && !isVolunteerIn(ctx.actor, communityId)) throw new AppError('FORBIDDEN', '您不是该社区的志愿者')
    const communities = communityId ? [communityId] : mine
    const where: Record<string, unknown> = {
      communityId: communities.length === 1 ? communities[0] : ctx.db.command.in(communities),
      status: 'open',
      ...(category ? { category } : {}),
    }
    const paging = { ...(cursor ? { cursor } : {}), page }
    const result = await pageByKey<Demand>(ctx.db, Collections.demands, where, ORDER, contract.TIME_ID_CURSOR, paging)
    return { ...result, items: result.items.map((d) => viewFor(ctx.actor, d)) }
  },
})
