/**
 * Service-level rules ("小事不隔夜，大事有措施，件件有回音"). The original three deadlines
 * (`currentDeadline`, `evaluateSla`, kept for the generated data sets):
 * - triage: a submitted demand is accepted or rejected within 24 h (urgent: 2 h);
 * - acceptance: an assignment is accepted within 24 h;
 * - work: the assignee finishes by the due time staff set;
 * - a done demand the resident has not confirmed in 7 days is confirmed by the system.
 * An item past a deadline is overdue and escalates to street staff.
 * Below them, the stored deadlines every stage has (`slaFields`), which the functions write.
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
  if (d.sla) return d.sla.stage !== SELF_ACTING_STAGE && now > d.sla.dueAt
  const deadline = currentDeadline(d)
  return !!deadline && now > deadline.dueAt
}

// ---------------------------------------------------------------------------------------------
// Stored deadlines: every stage a demand can wait in has one, kept on the demand as
// `sla: { stage, dueAt, level }` with `wakeAt`, the next time the SLA timer must act (an
// indexed field, so a timer run reads only what is due). Written with every status change.
// ---------------------------------------------------------------------------------------------

/** Every stage a demand can wait in, in the order of its life. */
export const SlaStages = ['triage', 'dispatch', 'claim', 'acceptance', 'work', 'confirm', 'close'] as const satisfies readonly SlaStage[]

export const SlaStageLabels: Record<SlaStage, string> = {
  triage: '受理',
  dispatch: '派单',
  claim: '认领',
  acceptance: '接单',
  work: '办理',
  confirm: '确认',
  close: '销号',
}

/** The stage whose deadline the system meets itself (auto-confirm) instead of telling anyone. */
export const SELF_ACTING_STAGE: SlaStage = 'confirm'

/** A window in hours: for a normal demand and for an urgent one. */
export interface SlaWindow {
  normal: number
  urgent: number
}

/**
 * A community's deadlines, in hours: one window per stage, and `street`, how long after a
 * missed deadline street staff are told (level 2) when the item still waits.
 */
export type SlaPolicy = Record<SlaStage | 'street', SlaWindow>
export type SlaPolicyKey = keyof SlaPolicy
export const SlaPolicyKeys: readonly SlaPolicyKey[] = [...SlaStages, 'street']

export const DefaultSlaPolicy: SlaPolicy = {
  triage: { normal: SlaRules.triageMs.normal / HOUR, urgent: SlaRules.triageMs.urgent / HOUR },
  // "小事不隔夜": what was accepted is on its way within a day.
  dispatch: { normal: 24, urgent: 4 },
  claim: { normal: 48, urgent: 12 },
  acceptance: { normal: SlaRules.acceptanceMs / HOUR, urgent: 4 },
  // Used when staff set no due time of their own.
  work: { normal: 72, urgent: 24 },
  // The resident's time to look at the work: urgency does not shorten it.
  confirm: { normal: SlaRules.autoConfirmMs / HOUR, urgent: SlaRules.autoConfirmMs / HOUR },
  close: { normal: 72, urgent: 24 },
  street: { normal: 24, urgent: 4 },
}

/** What a community may set, in hours (both ends included). */
export const SlaPolicyBounds: Record<SlaPolicyKey, { min: number; max: number }> = {
  triage: { min: 1, max: 72 },
  dispatch: { min: 1, max: 72 },
  claim: { min: 2, max: 168 },
  acceptance: { min: 1, max: 72 },
  work: { min: 4, max: 720 },
  confirm: { min: 24, max: 336 },
  close: { min: 4, max: 336 },
  street: { min: 1, max: 168 },
}

const PolicyLabels: Record<SlaPolicyKey, string> = { ...SlaStageLabels, street: '上报街道' }

/**
 * Categories that are urgent by nature: a safety hazard gets the urgent windows whatever
 * urgency the resident chose.
 */
export const UrgentCategories: readonly string[] = ['safety_hazard']

/** Field errors of a proposed policy (empty: acceptable), in Chinese, keyed `<stage>.<urgency>`. */
export function slaPolicyErrors(policy: SlaPolicy): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const key of SlaPolicyKeys) {
    const { min, max } = SlaPolicyBounds[key]
    const label = PolicyLabels[key]
    for (const urgency of ['normal', 'urgent'] as const) {
      const value = policy[key]?.[urgency]
      const which = urgency === 'urgent' ? '（紧急）' : ''
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max)
        errors[`${key}.${urgency}`] = `${label}时限${which}应在 ${min} 到 ${max} 小时之间`
    }
    if (!errors[`${key}.urgent`] && !errors[`${key}.normal`] && policy[key].urgent > policy[key].normal)
      errors[`${key}.urgent`] = `${label}时限（紧急）不能长于一般时限`
  }
  return errors
}

/** The policy with defaults for any stage the community left unset. */
export function slaPolicyOf(community: { slaPolicy?: Partial<SlaPolicy> } | undefined): SlaPolicy {
  return { ...DefaultSlaPolicy, ...(community?.slaPolicy ?? {}) }
}

/**
 * The windows one demand is under, in hours, resolved from its community's policy, urgency
 * and category when it is created and snapshotted onto it (`Demand.slaTerms`). Transitions do
 * not read the community, and a policy changed later does not move the deadlines of items
 * already waiting: every deadline is computed from the demand alone.
 */
export type SlaTerms = Record<SlaPolicyKey, number>

export function slaTermsFor(policy: SlaPolicy, demand: Pick<Demand, 'urgency' | 'category'>): SlaTerms {
  const urgent = demand.urgency === 'urgent' || UrgentCategories.includes(demand.category)
  return Object.fromEntries(SlaPolicyKeys.map((key) => [key, policy[key][urgent ? 'urgent' : 'normal']])) as SlaTerms
}

/** The stored deadline: its stage, when it falls due, and how far it escalated (0 none, 1 community staff, 2 street). */
export interface DemandSla {
  stage: SlaStage
  dueAt: number
  level: 0 | 1 | 2
  /**
   * The overdue mark this deadline will carry once missed ({ since: dueAt, stage }), present
   * while level 0. The timer escalates many demands in one conditional update, and no update
   * operator copies one field into another: it moves (`rename`) this one to `overdue`.
   */
  mark?: { since: number; stage: SlaStage }
}

/** The fields a demand's deadline is stored in; `undefined` removes a field. */
export interface SlaFields {
  sla: DemandSla | undefined
  wakeAt: number | undefined
  overdue: Demand['overdue'] | undefined
}

/** Which stage a demand in this state waits in, if any. */
export function slaStageOf(d: Pick<Demand, 'status' | 'assignee'>): SlaStage | undefined {
  switch (d.status) {
    case 'submitted':
      return 'triage'
    case 'accepted':
      return 'dispatch'
    case 'open':
      return 'claim'
    case 'dispatched':
      if (!d.assignee) return undefined
      return d.assignee.acceptedAt ? 'work' : 'acceptance'
    case 'in_progress':
      return 'work'
    case 'done':
      return 'confirm'
    case 'reviewed':
      return 'close'
    default:
      return undefined
  }
}

/**
 * The deadline fields of `d` as it stands after a change made at `now`, where `d.sla` is what
 * was stored before the change. A stage that continues keeps its deadline and escalation; a
 * stage entered now starts its window from its own fact (created, published, assigned,
 * completed) or, where none is recorded (accepted, reviewed), from now. The work deadline is
 * the due time staff set, else the default window from acceptance; after a reopen it starts
 * afresh unless staff's due time is later. Nothing here escalates: the timer does, once
 * `wakeAt` passes.
 */
export function slaFields(d: Demand, now: number): SlaFields {
  const stage = slaStageOf(d)
  if (!stage) return { sla: undefined, wakeAt: undefined, overdue: undefined }
  const terms = d.slaTerms ?? slaTermsFor(DefaultSlaPolicy, d)
  const stored = d.sla?.stage === stage ? d.sla : undefined
  const dueAt = dueAtOf(d, stage, terms, stored, now)
  if (stored && stored.dueAt === dueAt) {
    return { sla: stored, wakeAt: wakeAtOf(stored, terms), overdue: stored.level > 0 ? d.overdue : undefined }
  }
  const sla: DemandSla = { stage, dueAt, level: 0 }
  if (stage !== SELF_ACTING_STAGE) sla.mark = { since: dueAt, stage }
  return { sla, wakeAt: dueAt, overdue: undefined }
}

function dueAtOf(d: Demand, stage: SlaStage, terms: SlaTerms, stored: DemandSla | undefined, now: number): number {
  const window = terms[stage] * HOUR
  const since = (at: number | undefined) => (at ?? now) + window
  switch (stage) {
    case 'triage':
      return d.createdAt + window
    case 'claim':
      return since(d.hall?.publishedAt)
    case 'acceptance':
      return since(d.assignee?.assignedAt)
    case 'confirm':
      return since(d.completion?.at)
    case 'work': {
      const set = d.assignee?.dueAt
      if (stored) return set ?? stored.dueAt
      // Entered again after the resident reopened it: a fresh window, unless staff's is later.
      if (d.completion) return Math.max(set ?? 0, now + window)
      return set ?? since(d.assignee?.acceptedAt)
    }
    default:
      return stored ? stored.dueAt : now + window
  }
}

/** When the timer must next act on a deadline: when it falls due, then when the street is told, then never. */
export function wakeAtOf(sla: DemandSla, terms: SlaTerms): number | undefined {
  if (sla.level === 0) return sla.dueAt
  if (sla.level === 1 && sla.stage !== SELF_ACTING_STAGE) return sla.dueAt + terms.street * HOUR
  return undefined
}

/** What the timer does with a demand whose `wakeAt` has passed. */
export type SlaDue =
  | { kind: 'autoConfirm' }
  | { kind: 'community'; stage: SlaStage; graceMs: number }
  | { kind: 'street'; stage: SlaStage }
  /** Stored fields that do not fit the demand (written by hand, an old version): compute them again. */
  | { kind: 'repair' }

export function slaDue(d: Demand, now: number): SlaDue | undefined {
  const sla = d.sla
  if (d.wakeAt === undefined || d.wakeAt > now) return undefined
  if (!sla || slaStageOf(d) !== sla.stage) return { kind: 'repair' }
  const terms = d.slaTerms ?? slaTermsFor(DefaultSlaPolicy, d)
  if (d.wakeAt !== wakeAtOf(sla, terms)) return { kind: 'repair' }
  if (sla.stage === SELF_ACTING_STAGE) return sla.level === 0 && d.status === 'done' ? { kind: 'autoConfirm' } : { kind: 'repair' }
  if (sla.level === 0) return sla.mark ? { kind: 'community', stage: sla.stage, graceMs: terms.street * HOUR } : { kind: 'repair' }
  if (sla.level === 1) return { kind: 'street', stage: sla.stage }
  return { kind: 'repair' }
}
