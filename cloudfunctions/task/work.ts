/** Doing the work: `start`, record `progress` (note, photos), `complete` with proof and hours. */
import { contract } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { transition, viewFor } from '../_runtime/transition'

export const start = action({
  schema: contract.Schemas.task.start,
  async run(ctx, { id }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'start')
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.started', title: `${next.assignee!.name}已开始服务` })
    return viewFor(ctx.actor, next)
  },
})

export const progress = action({
  schema: contract.Schemas.task.progress,
  async run(ctx, { id, note, photos }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'progress', { note, photos })
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.progress', title: '服务有新进展', body: note })
    return viewFor(ctx.actor, next)
  },
})

export const complete = action({
  schema: contract.Schemas.task.complete,
  async run(ctx, { id, note, photos, hours }) {
    const demand = await getDemand(ctx.db, id)
    // For a unit, the contact who reports completion is recorded as the one who did the work.
    const assignee = demand.assignee?.type === 'unit' ? { ...demand.assignee, workerUserId: ctx.actor.userId } : demand.assignee
    const next = await transition(ctx, demand, 'complete', {
      note,
      photos,
      hours,
      changes: { completion: { note, photos, hours, at: ctx.now }, assignee },
    })
    await announce(ctx, next, ['owner', 'creator', 'staff'], { type: 'demand.done', title: '服务已完成，请确认并评价' })
    return viewFor(ctx.actor, next)
  },
})
