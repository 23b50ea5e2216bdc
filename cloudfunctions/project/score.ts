/**
 * `score`: a reviewer scores one bid on every criterion, with a comment. The score is locked
 * once submitted: its id is the bid and the member, so a retry with the same scores answers
 * the stored one and a changed retry is refused (a member corrects a score by withdrawing it,
 * a recorded event, then scoring again). The score and the member's count on the project are
 * written in one transaction, so twenty members scoring at once all land, one after another,
 * and the quorum read from the counts is exact. Round trips: caller, project, the earlier
 * score, transaction (3–4).
 */
import { AppError, contract, isRecused, isReviewer, scoreErrors, weightedTotal, type Bid, type Project, type Score } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { docById, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { loadProject, P } from './store'

export const scoreIdOf = (bidId: string, userId: string) => `${bidId}--${userId}`

export const score = action({
  schema: contract.Schemas.project.score,
  async run(ctx, input) {
    const project = await loadProject(ctx.db, ctx.actor, input.projectId)
    assertMayScore(ctx, project)
    const errors = scoreErrors(project.criteria, input.scores)
    if (Object.keys(errors).length > 0) throw new AppError('INVALID_INPUT', Object.values(errors)[0], prefixed(errors))
    const id = scoreIdOf(input.bidId, ctx.actor.userId)
    const earlier = await getDoc<Score>(ctx.db, P.scores, id)
    if (earlier) return { ...sameScore(earlier, input), created: false }
    await checkText(ctx, input.comment)
    const stored: Score = {
      _id: id,
      projectId: project._id,
      bidId: input.bidId,
      userId: ctx.actor.userId,
      userName: ctx.actor.name,
      scores: Object.fromEntries(project.criteria.map((c) => [c.name, input.scores[c.name]!])),
      total: weightedTotal(project.criteria, input.scores),
      ...(input.comment ? { comment: input.comment } : {}),
      status: 'submitted',
      at: ctx.now,
    }
    const answer = await withTransaction(ctx.db, async (tx) => {
      const again = await docById<Score>(tx, P.scores, id)
      if (again) return { ...sameScore(again, input), created: false }
      const [p, bid] = await Promise.all([docById<Project>(tx, P.projects, project._id), docById<Bid>(tx, P.bids, input.bidId)])
      assertMayScore(ctx, p!)
      if (!bid || bid.projectId !== project._id || bid.status !== 'live') throw new AppError('NOT_FOUND', '找不到该揭榜方案')
      await tx.collection(P.scores).add({ data: stored })
      await tx
        .collection(P.projects)
        .doc(project._id)
        .update({ data: { [`tally.${ctx.actor.userId}`]: ctx.db.command.inc(1), updatedAt: ctx.now } })
      return { ...stored, created: true }
    })
    return answer
  },
})

export function assertMayScore(ctx: ActionContext, p: Project): void {
  if (!isReviewer(ctx.actor, p)) throw new AppError('FORBIDDEN', '您不是该项目的评审委员')
  if (isRecused(ctx.actor, p)) throw new AppError('FORBIDDEN', '您已回避该项目，不能评分')
  if (p.status !== 'reviewing' || p.reviewClosedAt) throw new AppError('INVALID_STATE', '项目不在评审期')
}

/** A retry must repeat the score exactly; anything else would be an edit. */
function sameScore(s: Score, input: { bidId: string; scores: Record<string, number>; comment?: string }): Score {
  const same =
    Object.keys(input.scores).length === Object.keys(s.scores).length &&
    Object.entries(input.scores).every(([k, v]) => s.scores[k] === v) &&
    (input.comment ?? '') === (s.comment ?? '')
  if (!same) throw new AppError('CONFLICT', '评分提交后不能修改；如需更正，请先撤回评分（撤回会被记录）')
  return s
}

function prefixed(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`scores.${k}`, v]))
}
