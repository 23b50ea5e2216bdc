/**
 * Doing the work: `start`, record `progress` (note, photos), `complete` with proof and hours.
 * A progress note carries the client's request id: a retry (sequential or at once) finds the
 * entry it made and answers the demand without adding another or telling anyone again.
 * Completion asks the shared rule whether the hours are plausible for the time since the
 * work started.
 */
import { AppError, contract, hoursProblem, type Demand, type TimelineEntry } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { checkText } from '../_runtime/content'
import { getDemand, writeDemandIfUnchanged } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize, compact, toPatch, transition, viewFor } from '../_runtime/transition'

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
    const to = authorize(ctx.actor, 'progress', demand)
    await checkText(ctx, note)
    const entry = compact<TimelineEntry>({
      at: ctx.now,
      action: 'progress',
      from: demand.status,
      to,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
      note,
      photos: photos.length ? photos : undefined,
      requestId,
    })
    // Conditional on the version read, which holds no entry with this request id: a copy of
    // this note racing it can only lose.
    const outcome = await writeDemandIfUnchanged(ctx.db, demand, toPatch(ctx.db, { updatedAt: ctx.now }, entry))
    if (outcome === 'lost') {
      const now = await getDemand(ctx.db, id)
      if (recorded(now, requestId)) return viewFor(ctx.actor, now)
      authorize(ctx.actor, 'progress', now)
      throw new AppError('CONFLICT')
    }
    const next: Demand = { ...demand, updatedAt: ctx.now, timeline: [...demand.timeline, entry], version: demand.version + 1 }
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
