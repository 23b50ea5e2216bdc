/**
 * `results`: the ranking and every member's scores, for staff, the street and the reviewers,
 * and only once the review has closed: before that everyone, staff included, is answered
 * QUORUM_NOT_REACHED. Round trips: caller, project, bids, scores.
 */
import {
  AppError,
  contract,
  isReviewer,
  oversees,
  rankBids,
  reviewClosed,
  TIE_BREAK_RULE,
  type Bid,
  type Project,
  type RankedBid,
  type ResultsAnswer,
  type Score,
} from '@honglin/shared'
import { readAll } from '../_runtime/all'
import type { Db } from '../_runtime/db'
import { action } from '../_runtime/function'
import { loadProject, P, progressOf } from './store'

export const results = action({
  schema: contract.Schemas.project.results,
  async run(ctx, { projectId }) {
    const project = await loadProject(ctx.db, ctx.actor, projectId)
    if (!oversees(ctx.actor, project) && !isReviewer(ctx.actor, project))
      throw new AppError('FORBIDDEN', '只有社区、街道工作人员和评审委员可以查看评分结果')
    return resultsOf(ctx.db, project)
  },
})

export async function resultsOf(db: Db, project: Project): Promise<ResultsAnswer> {
  if (!reviewClosed(project)) throw new AppError('QUORUM_NOT_REACHED')
  const [bids, scores] = await Promise.all([
    readAll<Bid>(db, P.bids, { projectId: project._id }),
    readAll<Score>(db, P.scores, { projectId: project._id }),
  ])
  const live = scores.filter((s) => s.status === 'submitted')
  return {
    projectId: project._id,
    criteria: project.criteria,
    ranking: await rankingOf(db, project, bids, live),
    scores: live.sort((a, b) => a.bidId.localeCompare(b.bidId) || a.userName.localeCompare(b.userName)),
    review: progressOf(project),
    tieBreakRule: TIE_BREAK_RULE,
  }
}

/** The live bids ranked by the live scores of non-recused members. */
export async function rankingOf(_db: Db, project: Project, bids: Bid[], scores: Score[]): Promise<RankedBid[]> {
  const recused = new Set(project.recusals.map((r) => r.userId))
  const counted = scores.filter((s) => s.status === 'submitted' && !recused.has(s.userId))
  return rankBids(
    project.criteria,
    bids.filter((b) => b.status === 'live').map((bid) => ({ bid, scores: counted.filter((s) => s.bidId === bid._id) })),
  )
}
