/**
 * `dispatch.inbox` (派单台): the demands of the caller's communities, overdue items first
 * (most recently overdue first), then newest first. "Overdue" is the mark the SLA timer sets
 * (`overdue`); transitions clear it when the item moves past the late stage.
 */
import { contract, isOverdue, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageOf } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'
import { communitiesOf } from './scope'

export const inbox = action({
  schema: contract.Schemas.dispatch.inbox,
  async run(ctx, input) {
    const communities = await communitiesOf(ctx.db, ctx.actor, input.communityId)
    const _ = ctx.db.command
    const where: Record<string, unknown> = { communityId: communities.length === 1 ? communities[0] : _.in(communities) }
    if (input.status) where.status = input.status
    if (input.kind) where.kind = input.kind
    if (input.gridId) where.gridId = input.gridId
    if (input.overdue !== undefined) where.overdue = _.exists(input.overdue)
    const query = ctx.db.collection(Collections.demands).where(where).orderBy('overdue.since', 'desc').orderBy('createdAt', 'desc')
    const result = await pageOf<Demand>(query, input.page)
    return {
      items: result.items.map((d) => ({ ...viewFor(ctx.actor, d), late: isOverdue(d, ctx.now) })),
      hasMore: result.hasMore,
    }
  },
})
