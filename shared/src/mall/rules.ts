/**
 * The mall's rules, asked by the `mall` function and the client alike: who may manage, redeem,
 * hand over and cancel; the redemption state machine; the per-person limit's period; when a
 * reservation expires and when its reminder is due. No I/O here, and no randomness: the pickup
 * code is drawn by the function (node:crypto), only its shape is checked here.
 */
import { AppError } from '../errors'
import { isVerifiedVolunteerOf } from '../org/assignee'
import { isStaffOf, unitIdsOf, type Actor } from '../roles'
import type { PerPersonLimit, Redemption, RedemptionStatus, RedemptionView, Reward } from './types'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Beijing time has no daylight saving: a month starts at 00:00 UTC+8. */
const BEIJING_OFFSET = 8 * HOUR

export const DEFAULT_PICKUP_DAYS = 7
export const MAX_PICKUP_DAYS = 60
/** The reminder goes out this long before a reservation expires. */
export const REMIND_BEFORE_MS = DAY
export const CODE_DIGITS = 8
export const CODE_PATTERN = /^\d{8}$/

export type RedemptionAct = 'fulfil' | 'cancel' | 'expire' | 'reissue'

const NEXT: Record<RedemptionAct, RedemptionStatus> = {
  fulfil: 'fulfilled',
  cancel: 'cancelled',
  expire: 'expired',
  reissue: 'reserved',
}

/** Every act applies to a reservation only: a fulfilled, cancelled or expired one is final. */
export function redemptionNext(status: RedemptionStatus, act: RedemptionAct): RedemptionStatus | undefined {
  return status === 'reserved' ? NEXT[act] : undefined
}

/** Community staff manage their community's rewards (admins everywhere). */
export const mayManageRewards = (actor: Actor, communityId: string): boolean => isStaffOf(actor, communityId)

/** A unit's contact may offer a reward in the unit's name; the community approves it. */
export const mayOfferFor = (actor: Actor, unitId: string): boolean => unitIdsOf(actor).includes(unitId)

/** Who may see a reward that is not (yet, or any more) offered: its community's staff and its sponsor. */
export function maySeeUnlisted(actor: Actor, reward: Pick<Reward, 'communityId' | 'sponsorUnitId'>): boolean {
  return mayManageRewards(actor, reward.communityId) || (!!reward.sponsorUnitId && mayOfferFor(actor, reward.sponsorUnitId))
}

/** Staff of the community, or the sponsoring unit's contact, hand a reward over (核销). */
export function mayHandOver(actor: Actor, r: Pick<Redemption, 'communityId' | 'sponsorUnitId'>): boolean {
  return isStaffOf(actor, r.communityId) || (!!r.sponsorUnitId && unitIdsOf(actor).includes(r.sponsorUnitId))
}

/** A lost code is re-issued for its holder, or by staff who hand rewards over. */
export const mayReissue = (actor: Actor, r: Pick<Redemption, 'userId' | 'communityId' | 'sponsorUnitId'>): boolean =>
  r.userId === actor.userId || mayHandOver(actor, r)

export const RedeemRefusals = {
  not_volunteer_here: '只有本社区已认证的志愿者可以兑换',
  not_offered: '该礼品目前不可兑换',
  past_validity: '该礼品已过兑换期限',
  sold_out: '该礼品已兑完',
  not_enough_points: '积分不足',
  limit_reached: '已达到每人兑换上限',
} as const
export type RedeemRefusal = keyof typeof RedeemRefusals

export interface RedeemFacts {
  actor: Actor
  reward: Reward
  /** The caller's available points, as the transaction sees them. */
  balance: number
  /** How many of this reward the caller holds in the limit's period (reserved or fulfilled). */
  taken: number
  now: number
}

/** Why `actor` may not redeem `reward` now, or undefined when they may. */
export function redeemRefusal({ actor, reward, balance, taken, now }: RedeemFacts): RedeemRefusal | undefined {
  if (!isVerifiedVolunteerOf(actor, reward.communityId)) return 'not_volunteer_here'
  if (reward.status !== 'active') return 'not_offered'
  if (reward.validUntil !== undefined && reward.validUntil <= now) return 'past_validity'
  if (reward.stock <= 0) return 'sold_out'
  if (balance < reward.cost) return 'not_enough_points'
  if (reward.perPersonLimit && taken >= reward.perPersonLimit.count) return 'limit_reached'
  return undefined
}

export function assertMayRedeem(facts: RedeemFacts): void {
  const refusal = redeemRefusal(facts)
  if (!refusal) return
  const code = refusal === 'not_volunteer_here' ? 'FORBIDDEN' : 'INVALID_STATE'
  throw new AppError(code, RedeemRefusals[refusal])
}

/** The period a redemption made at `now` counts in for `limit`: the Beijing month, or all time. */
export function limitPeriod(limit: PerPersonLimit | undefined, now: number): string {
  if (!limit || limit.per === 'total') return 'all'
  const d = new Date(now + BEIJING_OFFSET)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** The id of the counter of `userId`'s redemptions of `rewardId` in `period`. */
export const limitCounterId = (userId: string, rewardId: string, period: string): string => `${userId}.${rewardId}.${period}`

/** A reservation waits `pickupDays`, but never past the reward's validity. */
export function expiryOf(reward: Pick<Reward, 'pickupDays' | 'validUntil'>, now: number): number {
  const window = now + Math.min(MAX_PICKUP_DAYS, Math.max(1, reward.pickupDays || DEFAULT_PICKUP_DAYS)) * DAY
  return reward.validUntil !== undefined && reward.validUntil > now ? Math.min(window, reward.validUntil) : window
}

/** When to remind the holder; undefined when the window is too short for a reminder to help. */
export function remindAtOf(expiresAt: number, now: number): number | undefined {
  const at = expiresAt - REMIND_BEFORE_MS
  return at > now ? at : undefined
}

/** The ledger ids that make spending and giving back a redemption's points happen once each. */
export const redemptionEntryId = (redemptionId: string): string => `redeem-${redemptionId}`
export const reversalEntryId = (redemptionId: string): string => `reversal-${redemptionId}`

/** Beijing wall-clock time, e.g. `11月27日 19:43`, for answers people read. */
export function beijingTime(at: number): string {
  const d = new Date(at + BEIJING_OFFSET)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`
}

/** What a second scan of a code is told. */
export function alreadyHandedOver(r: Pick<Redemption, 'fulfilledAt' | 'fulfilledByName'>): string {
  return `该兑换码已于 ${beijingTime(r.fulfilledAt ?? 0)} 由 ${r.fulfilledByName || '工作人员'} 核销，请勿重复发放`
}

/** Why a code that is not (any more) usable cannot be handed over. */
export function notUsable(r: Pick<Redemption, 'status' | 'fulfilledAt' | 'fulfilledByName'>): string {
  if (r.status === 'fulfilled') return alreadyHandedOver(r)
  if (r.status === 'cancelled') return '该兑换已被取消，积分已退回'
  return '该兑换已过期，积分已退回'
}

/** What the holder may do with their redemption now. */
export function redemptionActions(actor: Actor, r: Redemption): ('cancel' | 'reissue')[] {
  if (r.status !== 'reserved') return []
  return r.userId === actor.userId ? ['cancel', 'reissue'] : mayReissue(actor, r) ? ['reissue'] : []
}

/** The redemption as `actor` sees it: the revoked codes and the retry key stay inside. */
export function redemptionView(r: Redemption): RedemptionView {
  const { revokedCodes: _r, requestId: _q, remindAt: _m, counterId: _c, ...view } = r
  return view
}

/** What staff see when handing over or listing: everything but the code, which is the holder's to show. */
export function handoverView(r: Redemption): Omit<RedemptionView, 'code'> {
  const { code: _code, ...view } = redemptionView(r)
  return view
}

/** The community whose mall a person sees by default: where they volunteer, else where they work. */
export function mallCommunityOf(actor: Actor): string | undefined {
  if (actor.volunteer?.communityId) return actor.volunteer.communityId
  const staff = actor.grants.find((g) => g.role === 'community_staff' && g.communityId)
  return staff?.communityId ?? actor.grants.find((g) => g.communityId)?.communityId
}
