/**
 * `demand.listFollowing` (我跟进的): the demands a resident follows as a co-reporter, newest
 * first, in their masked view (someone else's report: no contact details). Served by the
 * `followers` index (multikey); pages go by key (`cursor` → `next`).
 */
import { contract } from '@honglin/shared'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'
import { newestFirst } from './list-by-key'

export const listFollowing = action({
  schema: contract.Schemas.demand.listFollowing,
  async run(ctx, input) {
    const page = await newestFirst(ctx, { followers: ctx.actor.userId }, input)
    return { ...page, items: page.items.map((d) => viewFor(ctx.actor, d)) }
  },
})
