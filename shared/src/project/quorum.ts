/**
 * Who reviews and when enough of them have. A member whose own unit bids is recused from the
 * project automatically, as is one who declared a conflict; recused members are not counted
 * at all, neither as eligible nor as having scored. Quorum: at least the rule's share of the
 * eligible members (never less than two thirds) have scored every live bid, and never fewer
 * than the rule's minimum (never less than 3). With fewer eligible members than that, the
 * review cannot close: staff widen the committee or cancel.
 */
import type { ProjectRules, QuorumRule, Recusal, Reviewer } from './types'

export const QUORUM_PERCENT_MIN = 67
export const QUORUM_MINIMUM_FLOOR = 3

export const DEFAULT_PROJECT_RULES: ProjectRules = {
  quorum: { percent: QUORUM_PERCENT_MIN, minimum: QUORUM_MINIMUM_FLOOR },
  publicityDays: 5,
  reviewHours: 7 * 24,
  objectionHours: 3 * 24,
}

/** The rules a community's stored setting gives, defaults filling what it lacks, held within bounds. */
export function projectRulesOf(stored?: Partial<{ quorumPercent: number; quorumMinimum: number; publicityDays: number }>): ProjectRules {
  const d = DEFAULT_PROJECT_RULES
  return {
    ...d,
    quorum: {
      percent: clamp(stored?.quorumPercent ?? d.quorum.percent, QUORUM_PERCENT_MIN, 100),
      minimum: clamp(stored?.quorumMinimum ?? d.quorum.minimum, QUORUM_MINIMUM_FLOOR, 15),
    },
    publicityDays: clamp(stored?.publicityDays ?? d.publicityDays, 1, 30),
  }
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)))

/**
 * Members who must have scored out of `eligible`. Two thirds exactly (the default 67 % stands
 * for ⌈2n/3⌉, not 0.67·n), a larger share as set, and the floor.
 */
export function quorumRequired(eligible: number, rule: QuorumRule): number {
  const twoThirds = Math.ceil((2 * eligible) / 3)
  const share = rule.percent > QUORUM_PERCENT_MIN ? Math.ceil((rule.percent * eligible) / 100) : 0
  return Math.max(twoThirds, share, Math.max(QUORUM_MINIMUM_FLOOR, rule.minimum))
}

/** The recusals of reviewers whose unit has a live bid (automatic) merged with those declared. */
export function recusalsOf(
  reviewers: readonly Reviewer[],
  biddingUnitIds: readonly string[],
  declared: readonly Recusal[],
  now: number,
): Recusal[] {
  const bidding = new Set(biddingUnitIds)
  const out: Recusal[] = []
  for (const r of reviewers) {
    if (r.unitId && bidding.has(r.unitId))
      out.push({ userId: r.userId, name: r.name, kind: 'own_unit', reason: `本单位（${r.unitName ?? r.unitId}）参与揭榜`, at: now })
  }
  for (const d of declared) if (!out.some((o) => o.userId === d.userId)) out.push(d)
  return out
}

export interface QuorumState {
  eligible: number
  scored: number
  required: number
  reached: boolean
  /** Eligible members who have scored every live bid. */
  scorers: string[]
}

/**
 * Quorum from the number of bids each member has a live score for (`tally`, kept on the
 * project in the same transaction as each score): a member counts once they have scored every
 * live bid; recused members never count.
 */
export function quorumOf(
  reviewers: readonly Pick<Reviewer, 'userId'>[],
  recusals: readonly Pick<Recusal, 'userId'>[],
  liveBids: number,
  tally: Readonly<Record<string, number>>,
  rule: QuorumRule,
): QuorumState {
  const recused = new Set(recusals.map((r) => r.userId))
  const eligibleIds = reviewers.map((r) => r.userId).filter((id) => !recused.has(id))
  const scorers = liveBids === 0 ? [] : eligibleIds.filter((id) => (tally[id] ?? 0) >= liveBids)
  const required = quorumRequired(eligibleIds.length, rule)
  return { eligible: eligibleIds.length, scored: scorers.length, required, reached: scorers.length >= required, scorers }
}
