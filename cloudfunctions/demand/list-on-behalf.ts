/**
 * `demand.listOnBehalf` (我代办的): the demands a grid worker ordered for residents, newest
 * first, with their progress. "For residents" is the consent he attested (`consent.by`), so
 * his own orders as a resident are not among them. Served by the `on_behalf` index; pages go
 * by key (`cursor` → `next`).
 */
import { contract } from '@honglin/shared'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'
import { newestFirst } from './list-by-key'

export const listOnBehalf = action({
  schema: contract.Schemas.demand.listOnBehalf,
  async run(ctx, input) {
    const me = ctx.actor.userId
    const page = await newestFirst(ctx, { createdBy: me, 'consent.by': me }, input)
    return { ...page, items: page.items.map((d) => viewFor(ctx.actor, d)) }
  },
})
