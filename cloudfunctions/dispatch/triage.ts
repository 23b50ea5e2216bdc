/** Triage (受理): community staff `accept` a submitted demand or `reject` it with a reason. */
import { contract } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { transition, viewFor } from '../_runtime/transition'

export const accept = action({
  schema: contract.Schemas.dispatch.accept,
  async run(ctx, { id, note }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'accept', { note })
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.accepted', title: '社区已受理您的点单' })
    return viewFor(ctx.actor, next)
  },
})

export const reject = action({
  schema: contract.Schemas.dispatch.reject,
  async run(ctx, { id, reason }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'reject', { note: reason, changes: { rejectReason: reason } })
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.rejected', title: '您的点单未被受理', body: reason })
    return viewFor(ctx.actor, next)
  },
})
