/**
 * `dispatch.merge`: a duplicate (the same broken light reported twice) is merged into another
 * live demand of the same community; its owner is told where to follow it.
 */
import { AppError, FinalStatuses, contract, type Demand } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize, transition, viewFor } from '../_runtime/transition'

export const merge = action({
  schema: contract.Schemas.dispatch.merge,
  async run(ctx, { id, intoId }) {
    // Both in one query.
    const res = await ctx.db
      .collection(Collections.demands)
      .where({ _id: ctx.db.command.in([id, intoId]) })
      .get()
    const byId = new Map((res.data as Demand[]).map((d) => [d._id, d]))
    const demand = byId.get(id)
    if (!demand) throw new AppError('NOT_FOUND', '找不到该点单')
    authorize(ctx.actor, 'merge', demand)
    const target = byId.get(intoId)
    if (!target || target.communityId !== demand.communityId) {
      throw new AppError('INVALID_INPUT', '只能合并到本社区的其他点单', { intoId: '只能合并到本社区的其他点单' })
    }
    if (FinalStatuses.includes(target.status)) throw new AppError('INVALID_STATE', '目标点单已结束，不能合并')
    const next = await transition(ctx, demand, 'merge', {
      note: `合并到「${target.title}」`,
      checkNote: false,
      changes: { mergedInto: intoId },
    })
    await announce(ctx, next, ['owner', 'creator'], { type: 'demand.merged', title: '您的点单已与同类问题合并办理', body: target.title })
    return viewFor(ctx.actor, next)
  },
})
