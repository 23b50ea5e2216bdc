/** `demand.cancel`: the resident (or the grid worker who ordered for them) withdraws before work starts. */
import { contract } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { transition, viewFor } from '../_runtime/transition'

export const cancel = action({
  schema: contract.Schemas.demand.cancel,
  async run(ctx, { id, reason }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'cancel', { note: reason })
    await announce(ctx, next, ['owner', 'creator', 'assignee', 'staff'], { type: 'demand.cancelled', title: '点单已取消' })
    return viewFor(ctx.actor, next)
  },
})
