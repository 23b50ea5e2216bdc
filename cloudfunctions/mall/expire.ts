/**
 * The mall's timer run (config.json: every 10 minutes): reservations past their pickup window
 * expire, each in its own transaction that gives back the stock, the points (a `reversal`
 * entry) and the place under the limit, exactly once even if the holder cancels at the same
 * moment; holders whose reservation expires within a day are reminded once. Both lists are
 * read by index in due order, a bounded number per run; what is left waits for the next tick.
 * The balances of the people whose points moved are then checked against their ledgers, so a
 * difference is reported where it arose.
 */
import type { Redemption } from '@honglin/shared'
import { publish, type Publication } from '../_runtime/announce'
import { Collections, docById, type Db } from '../_runtime/db'
import { MallCollections, releaseInTransaction, type StoredRedemption } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

export const EXPIRE_PER_RUN = 50
export const REMIND_PER_RUN = 100
/** Transactions in flight at once: different holders and rewards rarely conflict. */
const CONCURRENCY = 5

export interface ExpirySummary {
  expired: number
  reminded: number
  failed: number
  /** The first few failures' messages; those reservations are tried again next run. */
  errors: string[]
  /** Owners whose kept balance differs from their ledger sum (should be 0). */
  inconsistent: number
  more: boolean
}

export async function expireDue(ctx: { db: Db; now: number }): Promise<ExpirySummary> {
  const { db, now } = ctx
  const _ = db.command
  const [due, remind] = await Promise.all([
    db
      .collection(MallCollections.redemptions)
      .where({ status: 'reserved', expiresAt: _.lte(now) })
      .orderBy('expiresAt', 'asc')
      .limit(EXPIRE_PER_RUN)
      .get(),
    db
      .collection(MallCollections.redemptions)
      .where({ status: 'reserved', remindAt: _.lte(now) })
      .orderBy('remindAt', 'asc')
      .limit(REMIND_PER_RUN)
      .get(),
  ])
  const dueRows = due.data as StoredRedemption[]
  const expired: Redemption[] = []
  let failed = 0
  const errors: string[] = []
  for (let i = 0; i < dueRows.length; i += CONCURRENCY) {
    const settled = await Promise.allSettled(dueRows.slice(i, i + CONCURRENCY).map((r) => expireOne(db, r._id, now)))
    for (const s of settled) {
      if (s.status === 'fulfilled') {
        if (s.value) expired.push(s.value)
      } else {
        failed += 1
        console.error('mall expiry failed:', (s.reason as Error)?.message ?? s.reason)
        if (errors.length < 3) errors.push(String((s.reason as Error)?.message ?? s.reason).slice(0, 200))
      }
    }
  }
  const toRemind = (remind.data as Redemption[]).filter((r) => r.expiresAt > now)
  if (toRemind.length > 0) {
    await db
      .collection(MallCollections.redemptions)
      .where({ _id: _.in(toRemind.map((r) => r._id)), status: 'reserved' })
      .update({ data: { remindAt: _.remove() } })
  }
  const events: Publication[] = [
    ...expired.map((r) => ({
      audience: [`user:${r.userId}`],
      type: 'mall.expired',
      title: '兑换已过期，积分已退回',
      body: r.rewardName,
      page: 'packages/mall/mine/index',
    })),
    ...toRemind.map((r) => ({
      audience: [`user:${r.userId}`],
      type: 'mall.expiring',
      title: '兑换即将过期，请尽快领取',
      body: `${r.rewardName}${r.pickupPlace ? `，领取地点：${r.pickupPlace}` : ''}`,
      page: 'packages/mall/mine/index',
    })),
  ]
  if (events.length > 0) await publish({ db, now }, events)
  const inconsistent = await checkBalances(db, [...new Set(expired.map((r) => r.userId))])
  return {
    expired: expired.length,
    reminded: toRemind.length,
    failed,
    errors,
    inconsistent,
    more: dueRows.length === EXPIRE_PER_RUN || remind.data.length === REMIND_PER_RUN,
  }
}

/** Expires one reservation if, as the transaction sees it, it is still reserved and due. */
async function expireOne(db: Db, id: string, now: number): Promise<Redemption | undefined> {
  return withTransaction(db, async (tx) => {
    const r = await docById<StoredRedemption>(tx, MallCollections.redemptions, id)
    if (!r || r.status !== 'reserved' || r.expiresAt > now) return undefined
    return releaseInTransaction(tx, db, r, 'expired', now, '')
  })
}

/** How many of `userIds` have a kept balance other than their ledger sum; each is logged. */
async function checkBalances(db: Db, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0
  const _ = db.command
  const $ = _.aggregate
  const [users, sums] = await Promise.all([
    db
      .collection(Collections.users)
      .where({ _id: _.in(userIds) })
      .field({ pointsBalance: true })
      .limit(userIds.length)
      .get(),
    db
      .collection(Collections.ledger)
      .aggregate()
      .match({ ownerId: _.in(userIds), ownerType: 'user' })
      .group({ _id: '$ownerId', sum: $.sum('$delta') })
      .end(),
  ])
  const sumOf = new Map((sums.list as { _id: string; sum: number }[]).map((s) => [s._id, s.sum]))
  let off = 0
  for (const u of users.data as { _id: string; pointsBalance?: number }[]) {
    const sum = sumOf.get(u._id) ?? 0
    if ((u.pointsBalance ?? 0) !== sum) {
      off += 1
      console.error(`points of ${u._id}: balance ${u.pointsBalance ?? 0}, ledger sum ${sum}`)
    }
  }
  return off
}
