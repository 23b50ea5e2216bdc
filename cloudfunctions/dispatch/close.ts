/**
 * `dispatch.close` (销号): community or street staff review finished work and close the demand.
 * The status change and the points award are one transaction: either the demand is closed
 * and the assignee paid, or neither. A second close (sequential or racing) finds the demand
 * closed and answers INVALID_STATE; the award's ledger id is per demand besides, so nothing
 * is ever paid twice.
 */
import { AppError, contract, type Demand } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { checkText } from '../_runtime/content'
import { Collections, type Db } from '../_runtime/db'
import { isDocumentNotFound } from '../_runtime/errors'
import { action, type ActionContext } from '../_runtime/function'
import { awardPointsInTransaction } from '../_runtime/points'
import { withTransaction } from '../_runtime/transaction'
import { authorize, compact, toPatch, viewFor } from '../_runtime/transition'

export const close = action({
  schema: contract.Schemas.dispatch.close,
  async run(ctx, { id, evaluation }) {
    const closed = await withTransaction(ctx.db, (tx) => closeIn(ctx, tx, id, evaluation))
    await announce(ctx, closed, ['owner', 'creator', 'assignee'], { type: 'demand.closed', title: '点单已办结销号' })
    return viewFor(ctx.actor, closed)
  },
})

async function closeIn(ctx: ActionContext, tx: Db, id: string, evaluation: string | undefined): Promise<Demand> {
  const demand = await readInTransaction(tx, id)
  const to = authorize(ctx.actor, 'close', demand)
  await checkText(ctx, evaluation)
  const entry = compact({
    at: ctx.now,
    action: 'close',
    from: demand.status,
    to,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    note: evaluation || undefined,
  })
  const changes = { status: to, updatedAt: ctx.now, ...(demand.overdue ? { overdue: undefined } : {}) }
  await tx
    .collection(Collections.demands)
    .doc(id)
    .update({ data: { ...toPatch(ctx.db, changes, entry), version: ctx.db.command.inc(1) } })
  await awardPointsInTransaction(tx, ctx.db, demand, ctx.now, ctx.actor.userId)
  const next: Demand = { ...demand, status: to, updatedAt: ctx.now, timeline: [...demand.timeline, entry], version: demand.version + 1 }
  delete next.overdue
  return next
}

async function readInTransaction(tx: Db, id: string): Promise<Demand> {
  try {
    const res = await tx.collection(Collections.demands).doc(id).get()
    if (res.data) return res.data as Demand
  } catch (error) {
    // A missing document makes doc().get() reject, inside a transaction as outside.
    if (!isDocumentNotFound(error)) throw error
  }
  throw new AppError('NOT_FOUND', '找不到该点单')
}
