/**
 * `user.deleteAccount` (注销账号). What a resident can expect:
 * - work under way is not dropped silently: while one of their demands is being worked on or
 *   waits for their confirmation (in progress, done, reviewed), or while they hold a task
 *   (dispatched to them, in progress), the deletion is refused and says why;
 * - their demands not started yet (submitted, accepted, dispatched, open) are cancelled, and
 *   whoever was working on them is told;
 * - their demands stay in the community's ledger, anonymised: contact "已注销用户", phone and
 *   exact address erased, phone and house numbers masked in every text; on demands they
 *   entered for others or worked on, their name becomes "已注销用户";
 * - their messages and data exports are deleted;
 * - the user document becomes a tombstone without OPENID, phone, name, roles or registration
 *   (its points balance stays: the append-only ledger still names the id), so the WeChat
 *   account can register afresh as a new user.
 * Every step may run again: a retry after a failure redoes what is left, and a retry after
 * success finds no account for the OPENID and answers the same. The audit entry is written
 * with the tombstone, in one transaction.
 */
import { AppError, anonymisedFor, contract, DELETED_USER_NAME, type Demand, type DemandStatus } from '@honglin/shared'
import { actorOf, findUserByOpenid, type UserDoc } from '../_runtime/actor'
import { announce } from '../_runtime/announce'
import { appendAudit } from '../_runtime/audit'
import { deleteExports, exportsOf } from '../_runtime/data-exports'
import { Collections, writeDemandIfUnchanged, type Db } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { forgetNotificationsOf } from '../_runtime/personal-notifications'
import { withTransaction } from '../_runtime/transaction'
import { toPatch, transition } from '../_runtime/transition'

const UNDER_WAY: readonly DemandStatus[] = ['in_progress', 'done', 'reviewed']
const NOT_STARTED: readonly DemandStatus[] = ['submitted', 'accepted', 'dispatched', 'open']
const HOLDING: readonly DemandStatus[] = ['dispatched', 'in_progress']
const PAGE = 1000
/** Demand writes sent at once. */
const BATCH = 20

export const deleteAccount = action({
  schema: contract.Schemas.user.deleteAccount,
  // The account may already be gone (a retry after success): that is answered, not refused.
  auth: 'none',
  async run(ctx) {
    const user = await findUserByOpenid(ctx.db, ctx.openid)
    if (!user) return { deleted: true as const, cancelled: 0, anonymised: 0 }
    const as: ActionContext = { ...ctx, actor: actorOf(user), user }
    const [owned, entered, worked] = await Promise.all([
      demandsWhere(ctx.db, { ownerId: user._id }),
      demandsWhere(ctx.db, { createdBy: user._id }),
      demandsWhere(ctx.db, { 'assignee.id': user._id }),
    ])
    refuseWhileUnderWay(user, owned, worked)

    const cancelled = await inBatches(
      owned.filter((d) => NOT_STARTED.includes(d.status)),
      (d) => transition(as, d, 'cancel', { note: '居民已注销账号，点单自动取消', checkNote: false }),
    )
    await Promise.all(
      cancelled.map((d) =>
        announce(as, d, ['creator', 'assignee', 'staff'], { type: 'demand.cancelled', title: '居民已注销账号，点单已取消' }),
      ),
    )

    const latest = new Map([...owned, ...entered, ...worked, ...cancelled].map((d) => [d._id, d]))
    const changed = await inBatches([...latest.values()], (d) => anonymise(ctx.db, d, user, ctx.now))
    const [, exports] = await Promise.all([forgetNotificationsOf(ctx.db, user._id), exportsOf(ctx.db, user._id)])
    await deleteExports(ctx, exports)

    const anonymised = changed.filter(Boolean).length
    await withTransaction(ctx.db, async (tx) => {
      await tx
        .collection(Collections.users)
        .doc(user._id)
        .set({ data: tombstoneOf(user, ctx.now) })
      await appendAudit(
        tx,
        { actor: { ...as.actor, name: DELETED_USER_NAME }, now: ctx.now },
        {
          action: 'account.delete',
          communityId: user.grants?.find((g) => g.communityId)?.communityId,
          target: { type: 'user', id: user._id },
          detail: { cancelled: cancelled.length, anonymised },
        },
      )
    })
    return { deleted: true as const, cancelled: cancelled.length, anonymised }
  },
})

function refuseWhileUnderWay(user: UserDoc, owned: Demand[], worked: Demand[]): void {
  const underWay = owned.filter((d) => UNDER_WAY.includes(d.status)).length
  if (underWay > 0) throw new AppError('INVALID_STATE', `您有 ${underWay} 条点单正在办理或等待您确认，请办结后再注销账号`)
  const holding = worked.filter((d) => d.assignee?.type === 'volunteer' && d.assignee.id === user._id && HOLDING.includes(d.status)).length
  if (holding > 0) throw new AppError('INVALID_STATE', `您还有 ${holding} 个任务在办理中，请完成或退回后再注销账号`)
}

/** Writes the anonymised fields if any are left to change; answers whether it wrote. */
async function anonymise(db: Db, demand: Demand, user: UserDoc, now: number): Promise<boolean> {
  const patch = anonymisedFor(demand, { id: user._id, name: user.name }, now)
  if (Object.keys(patch).length === 0) return false
  // Someone changed it meanwhile: the caller tries again and starts from what is stored.
  if ((await writeDemandIfUnchanged(db, demand, toPatch(db, patch))) === 'lost') throw new AppError('CONFLICT')
  return true
}

/** The user document after deletion: nothing that identifies the person. */
function tombstoneOf(user: UserDoc, now: number): Record<string, unknown> {
  return {
    name: DELETED_USER_NAME,
    grants: [],
    pointsBalance: user.pointsBalance ?? 0,
    createdAt: user.createdAt,
    updatedAt: now,
    deletedAt: now,
  }
}

async function demandsWhere(db: Db, query: Record<string, unknown>): Promise<Demand[]> {
  const rows: Demand[] = []
  for (;;) {
    const res = await db.collection(Collections.demands).where(query).skip(rows.length).limit(PAGE).get()
    rows.push(...(res.data as Demand[]))
    if (res.data.length < PAGE) return rows
  }
}

async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(work))))
  return results
}
