/**
 * The points mall (积分超市): rewards a community offers for points, and redemptions of them.
 * A redemption holds its points and one unit of stock from the moment it is reserved; it
 * ends fulfilled (handed over, 核销), cancelled by the volunteer, or expired after the pickup
 * window. The points are spent when reserved; cancelling or expiring gives them back as a
 * new, opposite ledger entry (`reversal`), never by editing the first.
 */

/** `pending`: offered by a co-building unit, waiting for the community's approval. */
export const RewardStatuses = ['pending', 'active', 'withdrawn'] as const
export type RewardStatus = (typeof RewardStatuses)[number]

export const RewardStatusLabels: Record<RewardStatus, string> = {
  pending: '待社区审核',
  active: '兑换中',
  withdrawn: '已下架',
}

/** How many a person may redeem of one reward: per calendar month (Beijing time) or in total. */
export interface PerPersonLimit {
  count: number
  per: 'month' | 'total'
}

export interface Reward {
  _id: string
  communityId: string
  streetId?: string
  name: string
  description?: string
  photo?: string
  cost: number
  /** Units left to reserve; a reservation takes one, a cancellation or expiry returns it. */
  stock: number
  perPersonLimit?: PerPersonLimit
  pickupPlace?: string
  pickupHours?: string
  /** Days a reservation may wait for pickup before it expires. */
  pickupDays: number
  /** After this time the reward can no longer be redeemed. */
  validUntil?: number
  /** The co-building unit that offers it; its contacts may hand it over (核销). */
  sponsorUnitId?: string
  sponsorName?: string
  status: RewardStatus
  createdAt: number
  createdBy: string
  updatedAt: number
  approvedAt?: number
  approvedBy?: string
}

export const RedemptionStatuses = ['reserved', 'fulfilled', 'cancelled', 'expired'] as const
export type RedemptionStatus = (typeof RedemptionStatuses)[number]

export const RedemptionStatusLabels: Record<RedemptionStatus, string> = {
  reserved: '待领取',
  fulfilled: '已领取',
  cancelled: '已取消',
  expired: '已过期',
}

export interface Redemption {
  _id: string
  rewardId: string
  rewardName: string
  communityId: string
  sponsorUnitId?: string
  userId: string
  userName: string
  cost: number
  /** The pickup code (digits) shown to staff; a re-issue replaces it and revokes the old one. */
  code: string
  /** Codes re-issued away: a scan of one of these is told it was revoked. */
  revokedCodes: string[]
  status: RedemptionStatus
  requestId: string
  /** The per-person limit's period this redemption counts in (`2026-11`, or `all`). */
  period: string
  pickupPlace?: string
  pickupHours?: string
  createdAt: number
  expiresAt: number
  /** When the "about to expire" reminder is due; removed once sent. */
  remindAt?: number
  fulfilledAt?: number
  fulfilledBy?: string
  fulfilledByName?: string
  cancelledAt?: number
  expiredAt?: number
  reissuedAt?: number
  updatedAt: number
  /** Internal: the per-person limit counter this redemption counts in. */
  counterId?: string
}

/** What a person may see of a redemption: the code only while it can still be used. */
export type RedemptionView = Omit<Redemption, 'revokedCodes' | 'requestId' | 'remindAt' | 'counterId'>
