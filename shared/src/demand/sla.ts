/**
 * Service-level rules ("小事不隔夜，大事有措施，件件有回音"):
 * - triage: a submitted demand is accepted or rejected within 24 h (urgent: 2 h);
 * - acceptance: an assignment is accepted within 24 h;
 * - work: the assignee finishes by the due time staff set;
 * - a done demand the resident has not confirmed in 7 days is confirmed by the system.
 * An item past a deadline is overdue and escalates to street staff.
 */
import type { Demand, SlaStage } from './types'

export const HOUR = 3_600_000
export const DAY = 24 * HOUR

export const SlaRules = {
  triageMs: { normal: 24 * HOUR, urgent: 2 * HOUR },
  acceptanceMs: 24 * HOUR,
  autoConfirmMs: 7 * DAY,
} as const

/** The deadline the demand is under now, if any. */
export function currentDeadline(d: Demand): { stage: SlaStage; dueAt: number } | undefined {
  switch (d.status) {
    case 'submitted':
      return { stage: 'triage', dueAt: d.createdAt + SlaRules.triageMs[d.urgency] }
    case 'dispatched':
      // A dispatched demand always has an assignee; data that breaks that has no deadline to judge.
      if (!d.assignee) return undefined
      if (!d.assignee.acceptedAt) return { stage: 'acceptance', dueAt: d.assignee.assignedAt + SlaRules.acceptanceMs }
      return d.assignee.dueAt ? { stage: 'work', dueAt: d.assignee.dueAt } : undefined
    case 'in_progress':
      return d.assignee?.dueAt ? { stage: 'work', dueAt: d.assignee.dueAt } : undefined
    default:
      return undefined
  }
}

export interface SlaFinding {
  /** The demand just became overdue at this stage (not yet marked). */
  newlyOverdue?: { stage: SlaStage; since: number }
  /** It is marked overdue but no longer is (moved on, deadline extended). */
  cleared?: boolean
  /** Done long enough ago: confirm on the resident's behalf. */
  autoConfirm?: boolean
}

export function evaluateSla(d: Demand, now: number): SlaFinding {
  const finding: SlaFinding = {}
  const deadline = currentDeadline(d)
  const late = deadline && now > deadline.dueAt
  if (late && (!d.overdue || d.overdue.stage !== deadline.stage)) finding.newlyOverdue = { stage: deadline.stage, since: deadline.dueAt }
  if (!late && d.overdue) finding.cleared = true
  if (d.status === 'done' && d.completion && now - d.completion.at > SlaRules.autoConfirmMs) finding.autoConfirm = true
  return finding
}

export function isOverdue(d: Demand, now: number): boolean {
  const deadline = currentDeadline(d)
  return !!deadline && now > deadline.dueAt
}
