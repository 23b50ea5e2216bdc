/**
 * `publicize` (公示): staff put the award up for public notice, for the community's number of
 * days unless they name another. Residents and units of the community are told. Round trips:
 * caller + transaction + notice.
 */
import { assertProjectStaff, assertStep, contract, eventOf } from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeProject, fullView, tell } from './store'

const DAY = 86_400_000

export const publicize = action({
  schema: contract.Schemas.project.publicize,
  async run(ctx, { id, days }) {
    const project = await changeProject(ctx, id, (p) => {
      assertProjectStaff(ctx.actor, p)
      assertStep(p, 'publicize')
      const period = days ?? p.rules.publicityDays
      return {
        patch: { status: 'publicity', publicityEndsAt: ctx.now + period * DAY },
        event: eventOf(ctx.actor, 'publicize', ctx.now, p.status, 'publicity', `公示 ${period} 天`),
      }
    })
    await tell(ctx, [
      {
        audience: project.award ? [`unit:${project.award.unitId}`] : [],
        type: 'project.publicity',
        title: '中标结果公示中',
        body: project.title,
      },
    ])
    return fullView(ctx, project)
  },
})
