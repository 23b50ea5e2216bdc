/**
 * Points (积分制): a closed demand earns its assignee points, once. Staff choose the amount
 * when assigning (the category's default otherwise), bounded by the community's policy. The
 * ledger is append-only; a balance is the sum of its entries.
 */
import { findCategory } from '../demand/categories'
import type { DemandKind } from '../demand/types'

export interface PointsPolicy {
  minPerDemand: number
  maxPerDemand: number
}

export const DefaultPointsPolicy: PointsPolicy = { minPerDemand: 1, maxPerDemand: 50 }

export function pointsFor(kind: DemandKind, category: string, requested: number | undefined, policy: PointsPolicy): number {
  const base = requested ?? findCategory(kind, category)?.defaultPoints ?? policy.minPerDemand
  return Math.min(policy.maxPerDemand, Math.max(policy.minPerDemand, Math.round(base)))
}

/** `reversal`: a cancelled or expired redemption's points given back, as a new entry. */
export type LedgerReason = 'demand_closed' | 'correction' | 'redemption' | 'reversal'

export interface LedgerEntry {
  _id: string
  /** Whose account: a user (volunteer) or a co-building unit. */
  ownerType: 'user' | 'unit'
  ownerId: string
  delta: number
  reason: LedgerReason
  demandId?: string
  /** The redemption a `redemption` or `reversal` entry belongs to. */
  redemptionId?: string
  note?: string
  createdAt: number
  createdBy: string
}

/** The ledger id that makes awarding a demand's points idempotent: one entry per demand. */
export const awardEntryId = (demandId: string): string => `award-${demandId}`

export const balanceOf = (entries: Pick<LedgerEntry, 'delta'>[]): number => entries.reduce((sum, e) => sum + e.delta, 0)
