/** `dispatch.publish`: to the task hall, where the community's volunteers claim it (认领). */
import { contract, pointsFor, AppError } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pointsTermsOf } from '../_runtime/points'
import { authorize, transition, viewFor } from '../_runtime/transition'

export const publish = action({
  schema: contract.Schemas.dispatch.publish,
  async run(ctx, input) {
    const demand = await getDemand(ctx.db, input.id)
    authorize(ctx.actor, 'publish', demand)
    if (input.dueAt !== undefined && input.dueAt <= ctx.now)
      throw new AppError('INVALID_INPUT', '完成期限应晚于现在', { dueAt: '完成期限应晚于现在' })
    const points = pointsFor(demand.kind, demand.category, input.points, await pointsTermsOf(ctx.db, demand))
    const next = await transition(ctx, demand, 'publish', {
      note: input.note || undefined,
      changes: { hall: { points, dueAt: input.dueAt, publishedAt: ctx.now, publishedBy: ctx.actor.userId } },
    })
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.published', title: '已发布到任务大厅，等待志愿者认领' })
    return viewFor(ctx.actor, next)
  },
})
