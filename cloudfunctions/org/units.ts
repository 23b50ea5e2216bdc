/**
 * `units`: the co-building units (共建单位) serving a community, with the resources they offer
 * (资源清单). Without a community: the caller's own communities, or for street staff every
 * community of their street, for admins every community. Every unit and community is read (by
 * key, 1,000 a round trip): 2 round trips, 3 without a community named.
 */
import { contract, type Actor } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'

export const units = action({
  schema: contract.Schemas.org.units,
  async run(ctx, input) {
    const communityIds = input.communityId ? [input.communityId] : await communitiesInScope(ctx)
    if (communityIds.length === 0) return { items: [] }
    return { items: await readAll(ctx.db, Collections.units, { communityIds: ctx.db.command.in(communityIds) }) }
  },
})

async function communitiesInScope(ctx: ActionContext): Promise<string[]> {
  const own = communityGrants(ctx.actor)
  if (own.length > 0) return own
  const streetIds = [...new Set(ctx.actor.grants.filter((g) => g.role === 'street_staff' && g.streetId).map((g) => g.streetId!))]
  const isAdmin = ctx.actor.grants.some((g) => g.role === 'admin')
  if (streetIds.length === 0 && !isAdmin) return []
  const query = isAdmin ? {} : { streetId: ctx.db.command.in(streetIds) }
  return (await readAll(ctx.db, Collections.communities, query, { _id: true })).map((c) => c._id)
}

function communityGrants(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((g) => g.communityId).map((g) => g.communityId!))]
}
