/**
 * `dispatch.close` (销号): community or street staff review finished work and close the demand.
 * The status change and the points award are one transaction: either the demand is closed
 * and the assignee paid, or neither. A second close (sequential or racing) finds the demand
 * closed and answers INVALID_STATE; the award's ledger id is per demand besides, so nothing
 * is ever paid twice. The audit log records the close and the award in the same transaction.
 */
import { AppError, contract, type AuditSpec, type Demand, type LedgerEntry } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { appendAudits } from '../_runtime/audit'
import { checkText } from '../_runtime/content'
import { Collections, docById, type Db } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { awardEntryFor, awardPointsInTransaction } from '../_runtime/points'
import { withTransaction } from '../_runtime/transaction'
import { authorize, compact, slaChanges, toPatch, viewFor } from '../_runtime/transition'

export const close = action({
  schema: contract.Schemas.dispatch.close,
  async run(ctx, { id, evaluation }) {
    // Before the transaction: the content check is a slow remote call, and while a close's
    // transaction is open every other close of the community conflicts with it on the audit head.
    await checkText(ctx, evaluation)
    const closed = await withTransaction(ctx.db, (tx) => closeIn(ctx, tx, id, evaluation))
    await announce(ctx, closed, ['owner', 'creator', 'assignee'], { type: 'demand.closed', title: '点单已办结销号' })
    return viewFor(ctx.actor, closed)
  },
})

async function closeIn(ctx: ActionContext, tx: Db, id: string, evaluation: string | undefined): Promise<Demand> {
  const demand = await readInTransaction(tx, id)
  const to = authorize(ctx.actor, 'close', demand)
  const entry = compact({
    at: ctx.now,
    action: 'close',
    from: demand.status,
    to,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    note: evaluation || undefined,
  })
  const closed: Demand = { ...demand, status: to }
  const changes = { status: to, updatedAt: ctx.now, ...slaChanges(demand, closed, ctx.now) }
  const award = awardEntryFor(demand, ctx.now, ctx.actor.userId)
  // The writes are independent of each other: sent together, they keep the transaction (and
  // so the time it holds the volunteer's balance and the community's audit head) short.
  await Promise.all([
    tx
      .collection(Collections.demands)
      .doc(id)
      .update({ data: { ...toPatch(ctx.db, changes, entry), version: ctx.db.command.inc(1) } }),
    award ? awardPointsInTransaction(tx, ctx.db, award) : undefined,
    appendAudits(tx, ctx, auditOf(demand, award)),
  ])
  const next: Demand = { ...demand, status: to, updatedAt: ctx.now, timeline: [...demand.timeline, entry], version: demand.version + 1 }
  delete next.overdue
  delete next.sla
  delete next.wakeAt
  return next
}

function auditOf(demand: Demand, award: LedgerEntry | undefined): AuditSpec[] {
  const closed: AuditSpec = {
    action: 'demand.close',
    communityId: demand.communityId,
    target: { type: 'demand', id: demand._id },
    detail: {
      kind: demand.kind,
      category: demand.category,
      from: demand.status,
      ...(demand.assignee ? { assigneeType: demand.assignee.type } : {}),
    },
  }
  if (!award) return [closed]
  return [
    closed,
    {
      action: 'points.award',
      communityId: demand.communityId,
      target: { type: 'ledger', id: award._id },
      detail: { points: award.delta, ownerType: award.ownerType, ownerId: award.ownerId, demandId: demand._id },
    },
  ]
}

async function readInTransaction(tx: Db, id: string): Promise<Demand> {
  const demand = await docById<Demand>(tx, Collections.demands, id)
  if (!demand) throw new AppError('NOT_FOUND', '找不到该点单')
  return demand
}
