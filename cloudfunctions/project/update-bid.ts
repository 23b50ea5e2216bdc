/**
 * `updateBid` / `withdrawBid`: until the deadline the unit's contacts change their live bid or
 * withdraw it. A withdrawal frees the unit's live key (it may bid again), lowers the
 * project's count and puts the step in the project's public timeline under the unit's name
 * (the reason stays on the bid), in one transaction. A withdrawal retried after a lost answer
 * answers the withdrawn bid and writes nothing. After bidding closes the set of bids is fixed:
 * what the reviewers score does not change under them. Round trips: caller + transaction
 * (+ notice).
 */
import { AppError, contactUnits, contract, eventOf, type Bid, type Project } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { docById } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { assertOpen } from './bid'
import { bidView } from './bids'
import { P, staffKeys, tell } from './store'

async function ownBid(ctx: ActionContext, tx: unknown, bidId: string): Promise<Bid> {
  const bid = await docById<Bid>(tx, P.bids, bidId)
  if (!bid || !contactUnits(ctx.actor).includes(bid.unitId)) throw new AppError('NOT_FOUND', '找不到该揭榜方案')
  return bid
}

async function ownLiveBid(ctx: ActionContext, tx: unknown, bidId: string): Promise<{ bid: Bid; project: Project }> {
  return stillOpen(ctx, tx, await ownBid(ctx, tx, bidId))
}

async function stillOpen(ctx: ActionContext, tx: unknown, bid: Bid): Promise<{ bid: Bid; project: Project }> {
  if (bid.status !== 'live') throw new AppError('INVALID_STATE', '该揭榜方案已撤回')
  const project = (await docById<Project>(tx, P.projects, bid.projectId))!
  assertOpen(ctx, project)
  return { bid, project }
}

export const updateBid = action({
  schema: contract.Schemas.project.updateBid,
  async run(ctx, { bidId, ...fields }) {
    await checkText(ctx, fields.plan, fields.resources, ...(fields.timeline ?? []).map((m) => m.title))
    const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
    if (Object.keys(given).length === 0) throw new AppError('INVALID_INPUT', '没有要修改的内容')
    const bid = await withTransaction(ctx.db, async (tx) => {
      const { bid } = await ownLiveBid(ctx, tx, bidId)
      const data: Record<string, unknown> = { ...given, updatedAt: ctx.now }
      for (const key of ['timeline', 'attachments']) if (given[key]) data[key] = ctx.db.command.set(given[key])
      await tx.collection(P.bids).doc(bidId).update({ data })
      return { ...bid, ...given, updatedAt: ctx.now } as Bid
    })
    return bidView(bid)
  },
})

export const withdrawBid = action({
  schema: contract.Schemas.project.withdrawBid,
  async run(ctx, { bidId, reason }) {
    const done = await withTransaction(ctx.db, async (tx) => {
      const earlier = await ownBid(ctx, tx, bidId)
      if (earlier.status === 'withdrawn') return { bid: earlier, project: undefined }
      const { bid, project } = await stillOpen(ctx, tx, earlier)
      const _ = ctx.db.command
      // The unit withdraws, not the person: the public timeline names the unit. Its reason stays on the bid.
      const event = { ...eventOf(ctx.actor, 'withdrawBid', ctx.now), byName: bid.unitName }
      await tx
        .collection(P.bids)
        .doc(bidId)
        .update({
          data: {
            status: 'withdrawn',
            liveKey: _.remove(),
            withdrawnAt: ctx.now,
            ...(reason ? { withdrawReason: reason } : {}),
            updatedAt: ctx.now,
          },
        })
      await tx
        .collection(P.projects)
        .doc(project._id)
        .update({ data: { bidCount: _.inc(-1), timeline: _.push([event]), updatedAt: ctx.now } })
      const { liveKey: _k, ...rest } = bid
      void _k
      return { bid: { ...rest, status: 'withdrawn', withdrawnAt: ctx.now, updatedAt: ctx.now } as Bid, project }
    })
    const { bid, project } = done
    if (project)
      await tell(ctx, [
        { audience: staffKeys(project), type: 'project.bid_withdrawn', title: `${bid.unitName}撤回揭榜`, body: project.title },
      ])
    return bidView(bid)
  },
})
