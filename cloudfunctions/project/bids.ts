/**
 * `bids`: a project's bids. Staff, street staff and the non-recused reviewers see them from
 * review on (reviewers need the plans to score); a unit contact sees their own unit's bids
 * only, at any time. Totals and ranks only once the review has closed; a reviewer's own score
 * of each bid comes with it. Round trips: caller, project, bids (and a reviewer's scores).
 */
import {
  contactUnits,
  contract,
  isReviewer,
  maySeeBids,
  reviewClosed,
  type Bid,
  type BidView,
  type Project,
  type Score,
} from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { action } from '../_runtime/function'
import { loadProject, P } from './store'
import { rankingOf } from './results'

/** A bid without its key fields. */
export function bidView(b: Bid, extra: Partial<BidView> = {}): BidView {
  const { liveKey: _k, ...rest } = b
  void _k
  return { ...rest, ...extra }
}

export const bids = action({
  schema: contract.Schemas.project.bids,
  async run(ctx, { projectId }) {
    const project = await loadProject(ctx.db, ctx.actor, projectId)
    const all = await readAll<Bid>(ctx.db, P.bids, { projectId })
    const insider = maySeeBids(ctx.actor, project) && project.status !== 'draft' && project.status !== 'bidding'
    if (!insider) {
      const mine = new Set(contactUnits(ctx.actor))
      return { items: all.filter((b) => mine.has(b.unitId)).map((b) => bidView(b)) }
    }
    const scores = await scoresFor(ctx, project)
    const ranked = reviewClosed(project) ? await rankingOf(ctx.db, project, all, scores.all) : []
    const rankOf = new Map(ranked.map((r) => [r.bidId, r]))
    return {
      items: all
        .filter((b) => b.status === 'live' || reviewClosed(project))
        .map((b) => {
          const r = rankOf.get(b._id)
          const mine = scores.mine.find((s) => s.bidId === b._id)
          return bidView(b, { ...(r ? { total: r.total, rank: r.rank } : {}), ...(mine ? { myScore: mine } : {}) })
        }),
    }
  },
})

/** Everyone's scores only after the close (for the ranking); before it, the caller's own. */
async function scoresFor(
  ctx: { db: unknown; actor: Parameters<typeof isReviewer>[0] },
  project: Project,
): Promise<{ all: Score[]; mine: Score[] }> {
  if (reviewClosed(project)) {
    const all = await readAll<Score>(ctx.db, P.scores, { projectId: project._id })
    const live = all.filter((s) => s.status === 'submitted')
    return { all: live, mine: live.filter((s) => s.userId === ctx.actor.userId) }
  }
  if (!isReviewer(ctx.actor, project)) return { all: [], mine: [] }
  const mine = await readAll<Score>(ctx.db, P.scores, { projectId: project._id, userId: ctx.actor.userId })
  return { all: [], mine: mine.filter((s) => s.status === 'submitted') }
}
