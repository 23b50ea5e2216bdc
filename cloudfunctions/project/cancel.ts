/**
 * `cancel`: staff cancel a project before work starts, with the reason; units that bid and
 * the reviewers are told. Round trips: caller + transaction + notice.
 */
import { assertProjectStaff, assertStep, contract, eventOf } from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeProject, fullView, reviewerKeys, tell } from './store'

export const cancel = action({
  schema: contract.Schemas.project.cancel,
  async run(ctx, { id, reason }) {
    const project = await changeProject(ctx, id, (p) => {
      assertProjectStaff(ctx.actor, p)
      assertStep(p, 'cancel')
      return { patch: { status: 'cancelled' }, event: eventOf(ctx.actor, 'cancel', ctx.now, p.status, 'cancelled', reason) }
    })
    if (project.publishedAt)
      await tell(ctx, [
        { audience: reviewerKeys(project), type: 'project.cancelled', title: '项目已取消', body: `${project.title}：${reason}` },
      ])
    return fullView(ctx, project)
  },
})
