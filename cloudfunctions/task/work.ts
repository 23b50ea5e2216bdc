/**
 * Doing the work: `start`, record `progress` (note, photos), `complete` with proof and hours.
 * A progress note carries the client's request id: a retry (sequential or at once) finds the
 * entry it made and answers the demand without adding another or telling anyone again.
 * Completion asks the shared rule whether the hours are plausible for the time since the
 * work started.
 */
import { AppError, contract, hoursProblem, type Demand } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize, transition, viewFor } from '../_runtime/transition'

export const start = action({
  schema: contract.Schemas.task.start,
  async run(ctx, { id }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'start')
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.started', title: `${next.assignee!.name}已开始服务` })
    return viewFor(ctx.actor, next)
  },
})

const recorded = (demand: Demand, requestId: string) => demand.timeline.some((e) => e.action === 'progress' && e.requestId === requestId)

export const progress = action({
  schema: contract.Schemas.task.progress,
  async run(ctx, { id, note, photos, requestId }) {
    const demand = await getDemand(ctx.db, id)
    if (recorded(demand, requestId)) return viewFor(ctx.actor, demand)
    let next: Demand
    try {
      // Conditional on the version read, which holds no entry with this request id: a copy of
      // this note racing it can only lose.
      next = await transition(ctx, demand, 'progress', { note, photos, requestId })
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error
      const now = await getDemand(ctx.db, id)
      if (recorded(now, requestId)) return viewFor(ctx.actor, now)
      authorize(ctx.actor, 'progress', now)
      throw error
    }
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.progress', title: '服务有新进展', body: note })
    return viewFor(ctx.actor, next)
  },
})

export const complete = action({
  schema: contract.Schemas.task.complete,
  async run(ctx, { id, note, photos, hours }) {
    const demand = await getDemand(ctx.db, id)
    authorize(ctx.actor, 'complete', demand)
    const problem = hoursProblem(demand, hours, ctx.now)
    if (problem) throw new AppError('INVALID_INPUT', problem, { hours: problem })
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
