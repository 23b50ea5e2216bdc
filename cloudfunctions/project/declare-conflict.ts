/**
 * `declareConflict`: a reviewer recuses themself from a project, with the reason, while
 * bidding or before the review closes. A member who already scored withdraws those scores
 * first (each a recorded event), so no score of a recused member counts. Round trips: caller
 * + transaction (+ notice).
 */
import { AppError, contract, eventOf, isReviewer, type Recusal } from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeProject, fullView, staffKeys, tell } from './store'

export const declareConflict = action({
  schema: contract.Schemas.project.declareConflict,
  async run(ctx, { projectId, reason }) {
    const project = await changeProject(ctx, projectId, (p) => {
      if (!isReviewer(ctx.actor, p)) throw new AppError('FORBIDDEN', '您不是该项目的评审委员')
      if (!(p.status === 'bidding' || (p.status === 'reviewing' && !p.reviewClosedAt)))
        throw new AppError('INVALID_STATE', '评审已结束，不能再申报回避')
      if (p.recusals.some((r) => r.userId === ctx.actor.userId)) throw new AppError('INVALID_STATE', '您已回避该项目')
      if ((p.tally?.[ctx.actor.userId] ?? 0) > 0) throw new AppError('INVALID_STATE', '您已评分，请先撤回评分再申报回避')
      const recusal: Recusal = { userId: ctx.actor.userId, name: ctx.actor.name, kind: 'declared', reason, at: ctx.now }
      return {
        patch: { recusals: ctx.db.command.push([recusal]) },
        event: eventOf(ctx.actor, 'update', ctx.now, p.status, p.status, `申报回避：${reason}`),
      }
    })
    const recusals = [
      ...project.recusals,
      { userId: ctx.actor.userId, name: ctx.actor.name, kind: 'declared' as const, reason, at: ctx.now },
    ]
    await tell(ctx, [{ audience: staffKeys(project), type: 'project.conflict', title: `${ctx.actor.name}申报回避`, body: project.title }])
    return fullView(ctx, { ...project, recusals })
  },
})
