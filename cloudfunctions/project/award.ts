/**
 * `award` (定标): staff award the project to a bid once the review has closed: the first of
 * the ranking, or another one with a written reason. The award, and an award against the
 * ranking, go into the audit chain in the same transaction; the unit's count of projects
 * taken goes up. Round trips: caller, project, bids, scores, transaction, notice.
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf, type Award, type Bid, type Score } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { appendAudit } from '../_runtime/audit'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { rankingOf } from './results'
import { changeProject, fullView, loadProject, P, reviewerKeys, staffKeys, streetKeys, tell } from './store'

export const award = action({
  schema: contract.Schemas.project.award,
  async run(ctx, { projectId, bidId, reason }) {
    const before = await loadProject(ctx.db, ctx.actor, projectId)
    assertProjectStaff(ctx.actor, before)
    assertStep(before, 'award')
    if (!before.reviewClosedAt) throw new AppError('QUORUM_NOT_REACHED', '评审尚未结束，不能定标')
    const [bids, scores] = await Promise.all([readAll<Bid>(ctx.db, P.bids, { projectId }), readAll<Score>(ctx.db, P.scores, { projectId })])
    const ranking = await rankingOf(ctx.db, before, bids, scores)
    const place = ranking.find((r) => r.bidId === bidId)
    if (!place) throw new AppError('NOT_FOUND', '找不到该揭榜方案')
    const againstRanking = place.rank !== 1
    if (againstRanking && !reason)
      throw new AppError('INVALID_INPUT', '未按排名第一定标，须写明理由', { reason: '未按排名第一定标，须写明理由' })
    const decision: Award = {
      bidId,
      unitId: place.unitId,
      unitName: place.unitName,
      rank: place.rank,
      againstRanking,
      ...(reason ? { reason } : {}),
      at: ctx.now,
      by: ctx.actor.userId,
    }
    const project = await changeProject(ctx, projectId, (p) => {
      assertStep(p, 'award')
      return {
        patch: { status: 'awarded', award: decision },
        event: eventOf(
          ctx.actor,
          'award',
          ctx.now,
          p.status,
          'awarded',
          `${place.unitName}（排名第 ${place.rank}）${reason ? `：${reason}` : ''}`,
        ),
        also: async (tx) => {
          await tx
            .collection(Collections.units)
            .doc(place.unitId)
            .update({ data: { 'scorecard.projectsTaken': ctx.db.command.inc(1) } })
          await appendAudit(tx, ctx, {
            action: 'project.award',
            communityId: p.communityId,
            target: { type: 'project', id: p._id },
            detail: { bidId, unitId: place.unitId, rank: place.rank, total: place.total, againstRanking, ...(reason ? { reason } : {}) },
          })
        },
      }
    })
    await tell(ctx, [
      { audience: [`unit:${place.unitId}`], type: 'project.awarded', title: '您单位的揭榜方案中标', body: project.title },
      {
        audience: bids.filter((b) => b.status === 'live' && b.unitId !== place.unitId).map((b) => `unit:${b.unitId}`),
        type: 'project.not_awarded',
        title: '项目已定标',
        body: project.title,
      },
      {
        audience: [...reviewerKeys(project), ...staffKeys(project), ...streetKeys(project)],
        type: 'project.awarded',
        title: `项目定标：${place.unitName}`,
        body: project.title,
      },
    ])
    return fullView(ctx, project)
  },
})
