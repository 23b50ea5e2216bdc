/**
 * `units`: the co-building units (共建单位) serving a community, with the resources they offer
 * (资源清单). Without a community: the caller's own communities, or for street staff every
 * community of their street, for admins every community.
 */
import { contract, type Actor } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { LIST_LIMIT } from './directory'

export const units = action({
  schema: contract.Schemas.org.units,
  async run(ctx, input) {
    const communityIds = input.communityId ? [input.communityId] : await communitiesInScope(ctx)
    if (communityIds.length === 0) return { items: [] }
    const res = await ctx.db
      .collection(Collections.units)
      .where({ communityIds: ctx.db.command.in(communityIds) })
      .limit(LIST_LIMIT)
      .get()
    return { items: res.data }
  },
})

async function communitiesInScope(ctx: ActionContext): Promise<string[]> {
  const own = communityGrants(ctx.actor)
  if (own.length > 0) return own
  const streetIds = [...new Set(ctx.actor.grants.filter((g) => g.role === 'street_staff' && g.streetId).map((g) => g.streetId!))]
  const isAdmin = ctx.actor.grants.some((g) => g.role === 'admin')
  if (streetIds.length === 0 && !isAdmin) return []
  const query = isAdmin ? {} : { streetId: ctx.db.command.in(streetIds) }
  const res = await ctx.db
    .collection(Collections.communities)
    .where(query)
    .orderBy('streetId', 'asc')
    .field({ _id: true })
    .limit(LIST_LIMIT)
    .get()
  return (res.data as { _id: string }[]).map((c) => c._id)
}

function communityGrants(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((g) => g.communityId).map((g) => g.communityId!))]
}
