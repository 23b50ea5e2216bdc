/**
 * `update`: staff edit a draft; while bidding only the deadline may move, and only later, so
 * units already writing are not cut short. Round trips: caller + transaction (2).
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { action } from '../_runtime/function'
import { changeProject, fullView } from './store'

export const update = action({
  schema: contract.Schemas.project.update,
  async run(ctx, { id, ...fields }) {
    await checkText(ctx, fields.title, fields.goal, fields.detail, fields.resourcesNeeded, fields.location)
    const project = await changeProject(ctx, id, (p) => {
      assertProjectStaff(ctx.actor, p)
      assertStep(p, 'update')
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
      if (Object.keys(given).length === 0) throw new AppError('INVALID_INPUT', '没有要修改的内容')
      if (p.status === 'bidding') {
        const keys = Object.keys(given)
        if (keys.some((k) => k !== 'bidDeadline')) throw new AppError('INVALID_STATE', '揭榜开始后只能延长截止时间')
        if (given.bidDeadline !== undefined && (given.bidDeadline as number) <= p.bidDeadline)
          throw new AppError('INVALID_INPUT', '截止时间只能延后', { bidDeadline: '截止时间只能延后' })
      }
      if (given.bidDeadline !== undefined && (given.bidDeadline as number) <= ctx.now)
        throw new AppError('INVALID_INPUT', '揭榜截止时间应晚于现在', { bidDeadline: '揭榜截止时间应晚于现在' })
      const patch: Record<string, unknown> = { ...given }
      if (given.criteria) patch.criteria = ctx.db.command.set(given.criteria)
      return { patch, event: eventOf(ctx.actor, 'update', ctx.now, p.status, p.status, Object.keys(given).join('、')) }
    })
    return fullView(ctx, { ...project, ...(fields.criteria ? { criteria: fields.criteria } : {}) })
  },
})
