/**
 * What a demand's status is called, per audience: staff keep the office words (待销号, 已派单),
 * a resident reads what it means for her (等待社区办结), a volunteer reads what is his to do.
 * One table; every screen asks it. A dispatched demand reads differently once the assignee
 * accepted it, so the table is keyed by phase: the status, split where acceptance matters.
 */
import type { Role } from '../roles'
import { SlaRules, slaTermsFor, DefaultSlaPolicy, HOUR, type SlaPolicy } from './sla'
import type { Demand, DemandStatus } from './types'

export const Audiences = ['resident', 'volunteer', 'staff'] as const
export type Audience = (typeof Audiences)[number]

export type DemandPhase = DemandStatus | 'dispatched_accepted'
export const DemandPhases: readonly DemandPhase[] = [
  'submitted',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'dispatched_accepted',
  'open',
  'in_progress',
  'done',
  'reviewed',
  'closed',
  'cancelled',
]

export const StatusWords: Record<Audience, Record<DemandPhase, string>> = {
  resident: {
    submitted: '等待社区受理',
    accepted: '社区已受理，正在安排',
    rejected: '社区未受理',
    merged: '已与相同问题合并办理',
    dispatched: '已安排志愿者，等待接单',
    dispatched_accepted: '志愿者已接单',
    open: '正在找志愿者',
    in_progress: '正在为您服务',
    done: '服务已完成，请您确认',
    reviewed: '等待社区办结',
    closed: '已办结',
    cancelled: '已取消',
  },
  volunteer: {
    submitted: '待社区受理',
    accepted: '待社区派单',
    rejected: '未受理',
    merged: '已合并',
    dispatched: '待您接单',
    dispatched_accepted: '已接单，待开始服务',
    open: '待认领',
    in_progress: '服务中',
    done: '待居民确认',
    reviewed: '待社区销号',
    closed: '已办结',
    cancelled: '已取消',
  },
  staff: {
    submitted: '待受理',
    accepted: '待派单',
    rejected: '未受理',
    merged: '已合并',
    dispatched: '已派单',
    dispatched_accepted: '已接单',
    open: '待认领',
    in_progress: '处理中',
    done: '待确认',
    reviewed: '待销号',
    closed: '已办结',
    cancelled: '已取消',
  },
}

export function phaseOf(d: Pick<Demand, 'status' | 'assignee'>): DemandPhase {
  return d.status === 'dispatched' && d.assignee?.acceptedAt ? 'dispatched_accepted' : d.status
}

/** Whose words a role reads: staff-like roles the office words, unit contacts a volunteer's. */
export function readerOf(role: Role | undefined): Audience {
  if (!role || role === 'resident') return 'resident'
  if (role === 'volunteer' || role === 'unit_contact') return 'volunteer'
  return 'staff'
}

export function statusWords(d: Pick<Demand, 'status' | 'assignee'>, audience: Audience): string {
  return StatusWords[audience][phaseOf(d)] ?? StatusWords[audience].in_progress
}

const hoursText = (hours: number): string => (hours % 24 === 0 && hours >= 48 ? `${hours / 24} 天` : `${hours} 小时`)

/**
 * What happens next after a resident ordered, and by when: the triage window the demand was
 * given when created (its community's), else the one `policy` gives it.
 */
export function nextStepAfterOrder(
  d: Pick<Demand, 'urgency' | 'category'> & { slaTerms?: Demand['slaTerms'] },
  policy: SlaPolicy = DefaultSlaPolicy,
): string {
  const hours = d.slaTerms?.triage ?? slaTermsFor(policy, d).triage
  return `社区将在 ${hoursText(hours)}内受理，受理后安排志愿者上门；进展会发到“消息”里。`
}

/** What happens next after the resident said the work is not done. */
export function nextStepAfterReopen(): string {
  return '已退回给服务人员重新处理，处理好后会再请您确认。'
}

/** What happens next after a cancel. */
export function nextStepAfterCancel(): string {
  return '点单已取消，不会再有人上门。需要时可以重新点单。'
}

/** After rating: the community closes it within its close window. */
export function nextStepAfterRate(policy: SlaPolicy = DefaultSlaPolicy): string {
  return `感谢评价。社区将在 ${hoursText(policy.close.normal)}内办结销号。`
}

/** The resident's own confirmation window, for the 待确认 hint. */
export const AUTO_CONFIRM_DAYS = SlaRules.autoConfirmMs / (24 * HOUR)

/**
 * The title of the notice sent when a demand is closed: it names the points the assignee was
 * awarded, so the volunteer learns it and the resident sees her thanks counted.
 */
export function closedNoticeTitle(points: number | undefined): string {
  return points && points > 0 ? `点单已办结销号，服务者获得 ${points} 积分` : '点单已办结销号'
}
