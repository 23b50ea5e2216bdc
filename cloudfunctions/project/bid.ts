/**
 * `bid` (揭榜): a unit contact submits their unit's plan before the deadline. The bid's id comes
 * from the unit and the requestId, so a retry answers the first; its `liveKey` is unique, so a
 * unit holds one live bid per project however many contacts submit at once. The bid and the
 * project's count are written in one transaction. Round trips: caller, units, project, the
 * earlier bid, transaction, notice.
 */
import { AppError, contactUnits, contract, type Bid, type Project } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { checkText } from '../_runtime/content'
import { Collections, docById, getDoc } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action, type ActionContext } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { bidView } from './bids'
import { idOf, liveKeyOf, loadProject, P, staffKeys, tell } from './store'

export const bid = action({
  schema: contract.Schemas.project.bid,
  async run(ctx, input) {
    const project = await loadProject(ctx.db, ctx.actor, input.projectId)
    const unit = await biddingUnit(ctx, project)
    const id = idOf('b', unit._id, input.requestId)
    const earlier = await getDoc<Bid>(ctx.db, P.bids, id)
    if (earlier) return { ...sameRequest(earlier, project._id), created: false }
    await checkText(ctx, input.plan, input.resources, ...input.timeline.map((m) => m.title))
    const stored: Bid = {
      _id: id,
      projectId: project._id,
      communityId: project.communityId,
      unitId: unit._id,
      unitName: unit.name,
      plan: input.plan,
      resources: input.resources,
      timeline: input.timeline,
      ...(input.budget !== undefined ? { budget: input.budget } : {}),
      attachments: input.attachments,
      status: 'live',
      liveKey: liveKeyOf(project._id, unit._id),
      requestId: input.requestId,
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    try {
      const fresh = await withTransaction(ctx.db, async (tx) => {
        const again = await docById<Bid>(tx, P.bids, id)
        if (again) return false
        const p = await docById<Project>(tx, P.projects, project._id)
        assertOpen(ctx, p!)
        await tx.collection(P.bids).add({ data: stored })
        await tx
          .collection(P.projects)
          .doc(project._id)
          .update({ data: { bidCount: ctx.db.command.inc(1), updatedAt: ctx.now } })
        return true
      })
      if (!fresh) return { ...sameRequest((await getDoc<Bid>(ctx.db, P.bids, id))!, project._id), created: false }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const raced = await getDoc<Bid>(ctx.db, P.bids, id)
      if (raced) return { ...sameRequest(raced, project._id), created: false }
      throw new AppError('CONFLICT', '本单位已提交揭榜方案，可以修改或撤回后重新提交')
    }
    await tell(ctx, [{ audience: staffKeys(project), type: 'project.bid', title: `${unit.name}揭榜`, body: project.title }])
    return { ...bidView(stored), created: true }
  },
})

export function assertOpen(ctx: ActionContext, p: Project): void {
  if (p.status !== 'bidding') throw new AppError('INVALID_STATE', '项目不在揭榜期')
  if (ctx.now >= p.bidDeadline) throw new AppError('INVALID_STATE', '揭榜已截止')
}

/** The caller's unit that serves the project's community. */
async function biddingUnit(ctx: ActionContext, project: Project): Promise<{ _id: string; name: string }> {
  const unitIds = contactUnits(ctx.actor)
  if (unitIds.length === 0) throw new AppError('FORBIDDEN', '只有共建单位联系人可以揭榜')
  assertOpen(ctx, project)
  const units = await readAll<{ _id: string; name: string; communityIds?: string[] }>(ctx.db, Collections.units, {
    _id: ctx.db.command.in(unitIds),
  })
  const unit = units.find((u) => (u.communityIds ?? []).includes(project.communityId))
  if (!unit) throw new AppError('FORBIDDEN', '本单位不是该社区的共建单位')
  return unit
}

function sameRequest(b: Bid, projectId: string): Bid {
  if (b.projectId !== projectId) throw new AppError('INVALID_INPUT', '请求编号已用于另一个项目', { requestId: '请求编号已用于另一个项目' })
  return b
}
