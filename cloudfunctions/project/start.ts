/**
 * `start`: once the notice period is over and every objection answered, staff start the
 * work; the awarded unit is told. Round trips: caller + transaction + notice.
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf } from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeProject, fullView, tell } from './store'

export const start = action({
  schema: contract.Schemas.project.start,
  async run(ctx, { id }) {
    const project = await changeProject(ctx, id, (p) => {
      assertProjectStaff(ctx.actor, p)
      assertStep(p, 'start')
      if (ctx.now < (p.publicityEndsAt ?? Infinity)) throw new AppError('INVALID_STATE', '公示期尚未结束')
      if (p.openObjections > 0) throw new AppError('INVALID_STATE', `还有 ${p.openObjections} 条异议未答复，答复后才能开始实施`)
      return {
        patch: { status: 'in_progress', startedAt: ctx.now, progress: 0 },
        event: eventOf(ctx.actor, 'start', ctx.now, p.status, 'in_progress'),
      }
    })
    await tell(ctx, [
      {
        audience: project.award ? [`unit:${project.award.unitId}`] : [],
        type: 'project.started',
        title: '项目开始实施，请按节点报告进度',
        body: project.title,
      },
    ])
    return fullView(ctx, project)
  },
})
