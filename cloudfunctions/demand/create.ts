/** `demand.create`: a resident orders (点单) a service, a micro-wish or reports a problem. */
import { contract } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'
import { announceNew, gridOf, insertDemand } from './new-demand'

export const create = action({
  schema: contract.Schemas.demand.create,
  async run(ctx, input) {
    const [grid] = await Promise.all([
      gridOf(ctx.db, input.gridId),
      checkText(ctx, input.title, input.detail, input.address, input.preferredTime, input.contactName),
    ])
    const { demand, created } = await insertDemand(ctx, { input, grid, ownerId: ctx.actor.userId })
    if (created) await announceNew(ctx, demand)
    return viewFor(ctx.actor, demand)
  },
})
