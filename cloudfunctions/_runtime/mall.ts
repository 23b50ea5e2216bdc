/**
 * The mall's writes inside a transaction: spending a redemption's points and stock, and giving
 * them back. Each ledger entry has an id derived from the redemption, so spending and giving
 * back can each happen once at most whatever races (a cancel and the expiry timer at once:
 * both write the redemption, one of them conflicts and, run again, finds it no longer reserved).
 */
import { createHash, randomInt } from 'node:crypto'
import { CODE_DIGITS, redemptionEntryId, reversalEntryId, type LedgerEntry, type Redemption, type Reward } from '@honglin/shared'
import { Collections, type Db } from './db'
import { allWrites } from './transaction'

// Where the mall's callers have always found it.
export { allWrites }

export const MallCollections = {
  rewards: 'mall_rewards',
  redemptions: 'mall_redemptions',
  /** One counter per person × reward × limit period: the per-person limit, read and written in the redeem transaction. */
  counters: 'mall_counters',
  /** A pickup code's image (小程序码) in cloud storage, one per redemption and code. */
  pickupImages: 'mall_pickup_images',
} as const

/** The 核销 page, which a pickup code's image opens with `scene` = the code. */
export const PICKUP_PAGE = 'packages/mall/verify/index'

export interface PickupImage {
  _id: string
  redemptionId: string
  userId: string
  fileID: string
  createdAt: number
}

/** The record of `code`'s image: a new code is a new record, so a re-issue never shows the old image. */
export function pickupImageIdOf(redemptionId: string, code: string): string {
  return `qr-${createHash('sha256').update(`${redemptionId}\n${code}`, 'utf8').digest('hex').slice(0, 32)}`
}

/** The stored redemption: the view plus where its limit counter is. */
export type StoredRedemption = Redemption & { counterId: string }

/** A fresh pickup code: uniform digits from the platform's CSPRNG. */
export function drawCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0')
}

/** One caller's requestId always names the same redemption, so a retry finds the first. */
export function redemptionIdOf(userId: string, requestId: string): string {
  return `rd-${createHash('sha256').update(`${userId}\n${requestId}`, 'utf8').digest('hex').slice(0, 32)}`
}

export function spendEntry(r: Redemption, actorId: string): LedgerEntry {
  return {
    _id: redemptionEntryId(r._id),
    ownerType: 'user',
    ownerId: r.userId,
    delta: -r.cost,
    reason: 'redemption',
    redemptionId: r._id,
    note: `兑换「${r.rewardName}」`,
    createdAt: r.createdAt,
    createdBy: actorId,
  }
}

/**
 * Writes a new reservation: stock, balance (and the points it holds, `pointsReserved`), limit counter, ledger entry and the
 * redemption, all in `tx`.
 */
export async function reserveInTransaction(tx: Db, db: Db, r: StoredRedemption, counterCount: number): Promise<void> {
  const _ = db.command
  // The reward first: it is what a hundred redeemers contend for, and the sooner the loser
  // hears of the conflict the less it has done for nothing.
  await tx
    .collection(MallCollections.rewards)
    .doc(r.rewardId)
    .update({ data: { stock: _.inc(-1) } })
  await allWrites([
    tx
      .collection(Collections.users)
      .doc(r.userId)
      .update({ data: { pointsBalance: _.inc(-r.cost), pointsReserved: _.inc(r.cost) } }),
    tx
      .collection(MallCollections.counters)
      .doc(r.counterId)
      .set({ data: { userId: r.userId, rewardId: r.rewardId, count: counterCount + 1 } }),
    tx.collection(Collections.ledger).add({ data: spendEntry(r, r.userId) }),
    tx.collection(MallCollections.redemptions).add({ data: r }),
  ])
}

/**
 * Gives back a reservation (cancelled or expired): its unit of stock, its points as a
 * `reversal` entry, its place under the per-person limit. `r` must be as `tx` read it and still
 * reserved; the caller checks.
 */
export async function releaseInTransaction(
  tx: Db,
  db: Db,
  r: StoredRedemption,
  to: 'cancelled' | 'expired',
  now: number,
  actorId: string,
): Promise<StoredRedemption> {
  const _ = db.command
  const stamp = to === 'cancelled' ? { cancelledAt: now } : { expiredAt: now }
  const reversal: LedgerEntry = {
    _id: reversalEntryId(r._id),
    ownerType: 'user',
    ownerId: r.userId,
    delta: r.cost,
    reason: 'reversal',
    redemptionId: r._id,
    note: `${to === 'cancelled' ? '取消' : '过期未领'}「${r.rewardName}」退回`,
    createdAt: now,
    createdBy: actorId,
  }
  await tx
    .collection(MallCollections.redemptions)
    .doc(r._id)
    .update({ data: { status: to, ...stamp, updatedAt: now, remindAt: _.remove() } })
  await allWrites([
    tx
      .collection(MallCollections.rewards)
      .doc(r.rewardId)
      .update({ data: { stock: _.inc(1) } }),
    tx
      .collection(Collections.users)
      .doc(r.userId)
      .update({ data: { pointsBalance: _.inc(r.cost), pointsReserved: _.inc(-r.cost) } }),
    tx
      .collection(MallCollections.counters)
      .doc(r.counterId)
      .update({ data: { count: _.inc(-1) } }),
    tx.collection(Collections.ledger).add({ data: reversal }),
  ])
  const next: StoredRedemption = { ...r, status: to, ...stamp, updatedAt: now }
  delete next.remindAt
  return next
}

export type { Reward }
