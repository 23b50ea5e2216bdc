/**
 * `accept` (验收): the street's staff (or the community's) accept the finished work with a
 * rating. The unit's scorecard counters (completed, on time, ratings) move in the same
 * transaction, with the audit entry; on time means no later than the awarded bid's last
 * milestone. Round trips: caller, project, bid, transaction, notice.
 */
import {
  AppError,
  assertStep,
  contract,
  eventOf,
  isAdmin,
  isProjectStaff,
  isProjectStreet,
  type Acceptance,
  type Bid,
} from '@honglin/shared'
import { appendAudit } from '../_runtime/audit'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { checkText } from '../_runtime/content'
import { changeProject, fullView, loadProject, P, staffKeys, tell } from './store'

export const accept = action({
  schema: contract.Schemas.project.accept,
  async run(ctx, { projectId, rating, note }) {
    const before = await loadProject(ctx.db, ctx.actor, projectId)
    if (!isProjectStreet(ctx.actor, before) && !isProjectStaff(ctx.actor, before) && !isAdmin(ctx.actor))
      throw new AppError('FORBIDDEN', '只有街道或社区工作人员可以验收')
    assertStep(before, 'accept')
    await checkText(ctx, note)
    const bid = await getDoc<Bid>(ctx.db, P.bids, before.award!.bidId)
    const lastDue = Math.max(0, ...(bid?.timeline ?? []).map((m) => m.due))
    const acceptance: Acceptance = {
      rating,
      ...(note ? { note } : {}),
      onTime: ctx.now <= lastDue,
      at: ctx.now,
      by: ctx.actor.userId,
      byName: ctx.actor.name,
    }
    const project = await changeProject(ctx, projectId, (p) => {
      assertStep(p, 'accept')
      const _ = ctx.db.command
      return {
        patch: { status: 'completed', acceptance, progress: 100 },
        event: eventOf(ctx.actor, 'accept', ctx.now, p.status, 'completed', `评分 ${rating} 星${note ? `：${note}` : ''}`),
        also: async (tx) => {
          await tx
            .collection(Collections.units)
            .doc(p.award!.unitId)
            .update({
              data: {
                'scorecard.projectsCompleted': _.inc(1),
                'scorecard.onTime': _.inc(acceptance.onTime ? 1 : 0),
                'scorecard.ratingSum': _.inc(rating),
                'scorecard.ratingCount': _.inc(1),
              },
            })
          await appendAudit(tx, ctx, {
            action: 'project.accept',
            communityId: p.communityId,
            target: { type: 'project', id: p._id },
            detail: { unitId: p.award!.unitId, rating, onTime: acceptance.onTime },
          })
        },
      }
    })
    await tell(ctx, [
      {
        audience: [`unit:${project.award!.unitId}`, ...staffKeys(project)],
        type: 'project.accepted',
        title: `项目已验收（${rating} 星）`,
        body: project.title,
      },
    ])
    return fullView(ctx, project)
  },
})
