/**
 * `closeBidding`: after the deadline staff close bidding and the review starts. Reviewers
 * whose own unit bids are recused now, automatically (with those who declared a conflict);
 * the review's due time starts. Reviewers and bidding units are told. Round trips: caller,
 * project, bids, transaction, notice.
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf, recusalsOf, type Bid } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { action } from '../_runtime/function'
import { changeProject, fullView, loadProject, P, reviewerKeys, tell } from './store'

export const closeBidding = action({
  schema: contract.Schemas.project.closeBidding,
  async run(ctx, { id }) {
    const before = await loadProject(ctx.db, ctx.actor, id)
    assertProjectStaff(ctx.actor, before)
    assertStep(before, 'closeBidding')
    const live = (await readAll<Bid>(ctx.db, P.bids, { projectId: id })).filter((b) => b.status === 'live')
    const project = await changeProject(ctx, id, (p) => {
      assertStep(p, 'closeBidding')
      if (ctx.now < p.bidDeadline) throw new AppError('INVALID_STATE', '揭榜尚未截止')
      // The count is kept with every bid and withdrawal; a bid in flight shows as a mismatch.
      if (p.bidCount !== live.length) throw new AppError('CONFLICT')
      if (live.length === 0) throw new AppError('INVALID_STATE', '没有单位揭榜，可延长截止时间或取消项目')
      const recusals = recusalsOf(
        p.reviewers,
        live.map((b) => b.unitId),
        p.recusals.filter((r) => r.kind === 'declared'),
        ctx.now,
      )
      return {
        patch: {
          status: 'reviewing',
          biddingClosedAt: ctx.now,
          reviewDueAt: ctx.now + p.rules.reviewHours * 3600_000,
          reviewAlertAt: ctx.now + p.rules.reviewHours * 3600_000,
          recusals: ctx.db.command.set(recusals),
        },
        event: eventOf(ctx.actor, 'closeBidding', ctx.now, p.status, 'reviewing', `${live.length} 家单位揭榜`),
      }
    })
    const withRecusals = {
      ...project,
      recusals: recusalsOf(
        project.reviewers,
        live.map((b) => b.unitId),
        project.recusals.filter((r) => r.kind === 'declared'),
        ctx.now,
      ),
    }
    await tell(ctx, [
      { audience: reviewerKeys(project), type: 'project.reviewing', title: '项目进入评审，请评分', body: project.title },
      { audience: live.map((b) => `unit:${b.unitId}`), type: 'project.bidding_closed', title: '揭榜已截止，进入评审', body: project.title },
    ])
    return fullView(ctx, withRecusals)
  },
})
