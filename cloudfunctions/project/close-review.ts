/**
 * `closeReview`: staff close the review once quorum is reached (QUORUM_NOT_REACHED before);
 * from then the scores and the ranking are open to staff, the street and the reviewers, and
 * nobody can score or withdraw a score. Quorum is read from the counts on the project inside
 * the transaction, so a score withdrawn at the same moment is not missed. Round trips: caller
 * + transaction (+ notice).
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf, quorumOf } from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeProject, fullView, reviewerKeys, tell } from './store'

export const closeReview = action({
  schema: contract.Schemas.project.closeReview,
  async run(ctx, { id }) {
    const project = await changeProject(ctx, id, (p) => {
      assertProjectStaff(ctx.actor, p)
      assertStep(p, 'closeReview')
      if (p.reviewClosedAt) throw new AppError('INVALID_STATE', '评审已结束')
      const q = quorumOf(p.reviewers, p.recusals, p.bidCount, p.tally ?? {}, p.rules.quorum)
      if (!q.reached) throw new AppError('QUORUM_NOT_REACHED', `已完成评分 ${q.scored} 人，至少需要 ${q.required} 人（不计回避委员）`)
      return {
        patch: { reviewClosedAt: ctx.now, reviewAlertAt: ctx.db.command.remove() },
        event: eventOf(ctx.actor, 'closeReview', ctx.now, p.status, p.status, `${q.scored}/${q.eligible} 名委员完成评分`),
      }
    })
    await tell(ctx, [
      { audience: reviewerKeys(project), type: 'project.review_closed', title: '评审已结束，可查看结果', body: project.title },
    ])
    return fullView(ctx, project)
  },
})
