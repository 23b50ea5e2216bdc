/**
 * `withdrawScore`: a reviewer takes back their score of a bid before the review closes. The
 * score is not edited: it is kept under a new id as withdrawn, with the reason, and the entry
 * goes into the audit chain; the member's count drops, so quorum follows. They may then score
 * the bid again. Round trips: caller + transaction.
 */
import { AppError, contract, type Project, type Score } from '@honglin/shared'
import { appendAudit } from '../_runtime/audit'
import { docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { assertMayScore, scoreIdOf } from './score'
import { P } from './store'

export const withdrawScore = action({
  schema: contract.Schemas.project.withdrawScore,
  async run(ctx, { projectId, bidId, reason }) {
    return withTransaction(ctx.db, async (tx) => {
      const p = await docById<Project>(tx, P.projects, projectId)
      if (!p) throw new AppError('NOT_FOUND', '找不到该项目')
      assertMayScore(ctx, p)
      const id = scoreIdOf(bidId, ctx.actor.userId)
      const live = await docById<Score>(tx, P.scores, id)
      if (!live || live.projectId !== projectId) throw new AppError('NOT_FOUND', '您还没有为该方案评分')
      const withdrawn: Score = { ...live, _id: `${id}--w${ctx.now}`, status: 'withdrawn', withdrawnAt: ctx.now, withdrawReason: reason }
      await tx.collection(P.scores).doc(id).remove()
      await tx.collection(P.scores).add({ data: withdrawn })
      await tx
        .collection(P.projects)
        .doc(projectId)
        .update({ data: { [`tally.${ctx.actor.userId}`]: ctx.db.command.inc(-1), updatedAt: ctx.now } })
      // The scores themselves stay out of the log until the review closes: only the act.
      await appendAudit(tx, ctx, {
        action: 'project.score_withdraw',
        communityId: p.communityId,
        target: { type: 'project', id: projectId },
        detail: { bidId, reason },
      })
      return withdrawn
    })
  },
})
