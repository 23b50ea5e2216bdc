/** How demands read on screen: labels, tones, filters, timeline lines and the action table. */
import {
  DemandKindLabels,
  DemandStatusLabels,
  SlaStageLabels,
  StatusWords,
  Transitions,
  readerOf,
  isOverdue,
  nextStepAfterCancel,
  nextStepAfterRate,
  nextStepAfterReopen,
  statusWords,
  type Audience,
  type Demand,
  type Role,
  findCategory,
  type DemandAction,
  type DemandKind,
  type DemandStatus,
  type TimelineEntry,
} from '@honglin/shared'
import { numberFrom } from './numbers'

export type Tone = 'red' | 'orange' | 'green' | 'grey' | 'blue'

export function statusTone(status: DemandStatus): Tone {
  switch (status) {
    case 'submitted':
    case 'accepted':
    case 'open':
      return 'orange'
    case 'dispatched':
    case 'in_progress':
      return 'blue'
    case 'done':
    case 'reviewed':
      return 'red'
    case 'closed':
      return 'green'
    default:
      return 'grey'
  }
}

export const statusLabel = (status: DemandStatus): string => DemandStatusLabels[status] ?? '处理中'
/** The status in the words of whoever reads it (shared/demand/labels.ts). */
export const statusText = (d: Pick<Demand, 'status' | 'assignee'>, role: Role | Audience | undefined): string =>
  statusWords(d, asAudience(role))

/** A timeline entry's status, which has no assignee to tell acceptance by. */
export const entryStatusText = (status: DemandStatus, role: Role | Audience | undefined): string =>
  StatusWords[asAudience(role)][status] ?? statusLabel(status)

function asAudience(role: Role | Audience | undefined): Audience {
  return role === 'staff' ? 'staff' : readerOf(role as Role | undefined)
}

/**
 * Whether to mark it 逾期, and which deadline it missed. Judged now from the deadline the
 * demand waits under (the inbox's own `late` when it has one): a mark left from an earlier
 * stage, or one whose deadline was extended, is not shown beside a deadline still ahead.
 */
export function lateness(
  d: Pick<Demand, 'status' | 'assignee' | 'sla' | 'createdAt' | 'urgency'> & { late?: boolean },
  now: number,
): { late: boolean; text: string } {
  const late = d.late ?? isOverdue(d as Demand, now)
  if (!late) return { late: false, text: '' }
  const stage = d.sla?.stage
  return { late: true, text: stage ? `${SlaStageLabels[stage]}逾期` : '逾期' }
}

export const kindLabel = (kind: DemandKind): string => DemandKindLabels[kind] ?? ''
export const categoryLabel = (kind: DemandKind, category: string): string => findCategory(kind, category)?.label ?? '其他'

export interface StatusTab {
  key: string
  label: string
  status?: DemandStatus
  overdue?: boolean
}

/** 我的点单, in the resident's words (shared/demand/labels.ts) */
export const RESIDENT_TABS: StatusTab[] = [
  { key: 'all', label: '全部' },
  { key: 'submitted', label: '等待受理', status: 'submitted' },
  { key: 'in_progress', label: '正在服务', status: 'in_progress' },
  { key: 'done', label: '请您确认', status: 'done' },
  { key: 'closed', label: '已办结', status: 'closed' },
  { key: 'rejected', label: '未受理', status: 'rejected' },
]

/** 受理台 */
export const TRIAGE_TABS: StatusTab[] = [
  { key: 'submitted', label: '待受理', status: 'submitted' },
  { key: 'accepted', label: '待派单', status: 'accepted' },
  { key: 'reviewed', label: '待销号', status: 'reviewed' },
  { key: 'overdue', label: '逾期', overdue: true },
  { key: 'open', label: '待认领', status: 'open' },
  { key: 'all', label: '全部' },
]

/** 我的任务, in the volunteer's words */
export const TASK_TABS: StatusTab[] = [
  { key: 'all', label: '全部' },
  { key: 'dispatched', label: '未开始', status: 'dispatched' },
  { key: 'in_progress', label: '服务中', status: 'in_progress' },
  { key: 'done', label: '待居民确认', status: 'done' },
  { key: 'closed', label: '已办结', status: 'closed' },
]

const EXTRA_ACTION_LABELS: Record<string, string> = { create: '提交点单' }

/** One line of the timeline: who did what, e.g. “刘书记 受理”. */
export function timelineTitle(entry: Pick<TimelineEntry, 'action' | 'actorName' | 'to'>): string {
  const known = (Transitions as Record<string, { label: string } | undefined>)[entry.action]?.label
  const what = EXTRA_ACTION_LABELS[entry.action] ?? known ?? statusLabel(entry.to)
  const who = entry.actorName && entry.actorName !== 'system' ? entry.actorName : '系统'
  return `${who} ${what}`
}

/** Inputs an action asks for before it runs. */
export type ActionField = 'reason' | 'reasonOptional' | 'note' | 'photos' | 'hours' | 'stars' | 'comment' | 'evaluation' | 'intoId'

export interface ActionSpec {
  action: DemandAction
  label: string
  /** The cloud function call it makes, or a page it opens instead. */
  call?: { fn: 'demand' | 'dispatch' | 'task'; action: string }
  navigate?: 'dispatch'
  fields: ActionField[]
  /** Asked before running an action without fields. */
  confirm?: string
  /** The confirmation's buttons, saying what each does (default 确定 / 再想想). */
  confirmLabel?: string
  cancelLabel?: string
  /** Main (filled) or secondary (outline) button. */
  primary: boolean
  done: string
  /** Sends a request id chosen when its form opens and kept for retries, so a retry adds nothing. */
  idempotent?: boolean
  /** The sheet's buttons, saying what they do ("不取消了" / "确认取消点单", never 取消 / 提交). */
  back: string
  submit: string
  /** What happens next, shown after it succeeded. */
  next?: string
}

type SpecInput = Omit<ActionSpec, 'fields' | 'primary' | 'back' | 'submit'> &
  Partial<Pick<ActionSpec, 'fields' | 'primary' | 'back' | 'submit'>>
const spec = (s: SpecInput): ActionSpec => ({
  fields: [],
  primary: true,
  back: '返回',
  submit: `确认${s.label}`,
  ...s,
})

export const ACTION_SPECS: Record<DemandAction, ActionSpec> = {
  accept: spec({ action: 'accept', label: '受理', call: { fn: 'dispatch', action: 'accept' }, done: '已受理' }),
  reject: spec({
    action: 'reject',
    label: '不予受理',
    call: { fn: 'dispatch', action: 'reject' },
    fields: ['reason'],
    primary: false,
    done: '已不予受理',
    submit: '确认不予受理',
  }),
  merge: spec({
    action: 'merge',
    label: '合并',
    call: { fn: 'dispatch', action: 'merge' },
    fields: ['intoId'],
    primary: false,
    done: '已合并',
  }),
  assign: spec({ action: 'assign', label: '派单', navigate: 'dispatch', done: '已派单' }),
  publish: spec({
    action: 'publish',
    label: '发布到任务大厅',
    call: { fn: 'dispatch', action: 'publish' },
    confirm: '发布后本社区已认证的志愿者都能看到并认领，积分按类别默认，不设期限。要设期限、积分或留言，请点"派单"在派单页发布。',
    confirmLabel: '确认发布',
    cancelLabel: '先不发布',
    primary: false,
    done: '已发布到任务大厅',
  }),
  claim: spec({
    action: 'claim',
    label: '认领',
    call: { fn: 'task', action: 'claim' },
    confirm: '认领后请尽快联系居民，确定认领吗？',
    done: '认领成功',
  }),
  acceptAssignment: spec({ action: 'acceptAssignment', label: '接单', call: { fn: 'task', action: 'accept' }, done: '已接单' }),
  decline: spec({
    action: 'decline',
    label: '退单',
    call: { fn: 'task', action: 'decline' },
    fields: ['reason'],
    primary: false,
    done: '已退回社区',
  }),
  start: spec({ action: 'start', label: '开始服务', call: { fn: 'task', action: 'start' }, done: '已开始服务' }),
  progress: spec({
    action: 'progress',
    label: '记录进展',
    call: { fn: 'task', action: 'progress' },
    fields: ['note', 'photos'],
    primary: false,
    done: '进展已记录',
    submit: '保存进展',
    idempotent: true,
  }),
  complete: spec({
    action: 'complete',
    label: '完成',
    call: { fn: 'task', action: 'complete' },
    fields: ['note', 'photos', 'hours'],
    done: '已完成',
    submit: '确认已完成服务',
    next: '已告诉居民，请居民确认；社区销号后积分到账。',
  }),
  cancel: spec({
    action: 'cancel',
    label: '取消点单',
    call: { fn: 'demand', action: 'cancel' },
    fields: ['reasonOptional'],
    primary: false,
    done: '已取消',
    back: '不取消了',
    submit: '确认取消点单',
    next: nextStepAfterCancel(),
  }),
  confirm: spec({
    action: 'confirm',
    label: '确认完成',
    call: { fn: 'demand', action: 'confirm' },
    confirm: '确认服务已经完成了吗？',
    done: '已确认',
    next: '已确认完成，请给这次服务打个分。',
  }),
  rate: spec({
    action: 'rate',
    label: '评价',
    call: { fn: 'demand', action: 'rate' },
    fields: ['stars', 'comment'],
    done: '感谢您的评价',
    back: '以后再评',
    submit: '提交评价',
    next: nextStepAfterRate(),
  }),
  reopen: spec({
    action: 'reopen',
    label: '没有解决',
    call: { fn: 'demand', action: 'reopen' },
    fields: ['reason'],
    primary: false,
    done: '已退回重新处理',
    submit: '退回重新处理',
    next: nextStepAfterReopen(),
  }),
  close: spec({ action: 'close', label: '销号', call: { fn: 'dispatch', action: 'close' }, fields: ['evaluation'], done: '已销号' }),
}

/** The buttons for what the caller may do now, main actions first. */
export function actionButtons(available: readonly DemandAction[]): ActionSpec[] {
  const specs = available.map((a) => ACTION_SPECS[a]).filter(Boolean)
  return [...specs.filter((s) => s.primary), ...specs.filter((s) => !s.primary)]
}

export interface ActionValues {
  reason?: string
  note?: string
  photos?: string[]
  hours?: string
  stars?: number
  comment?: string
  evaluation?: string
  intoId?: string
  requestId?: string
}

/** The input an action sends, from what the person filled in (empty optional text left out). */
export function actionInput(s: ActionSpec, id: string, v: ActionValues): Record<string, unknown> {
  const input: Record<string, unknown> = { id }
  const text = (x: string | undefined) => (x && x.trim() ? x.trim() : undefined)
  for (const f of s.fields) {
    if (f === 'reason') input.reason = v.reason ?? ''
    if (f === 'reasonOptional' && text(v.reason)) input.reason = text(v.reason)
    if (f === 'note') input.note = v.note ?? ''
    if (f === 'photos') input.photos = v.photos ?? []
    if (f === 'hours') input.hours = numberFrom(v.hours)
    if (f === 'stars') input.stars = v.stars || undefined
    if (f === 'comment' && text(v.comment)) input.comment = text(v.comment)
    if (f === 'evaluation' && text(v.evaluation)) input.evaluation = text(v.evaluation)
    if (f === 'intoId') input.intoId = (v.intoId ?? '').trim()
  }
  if (s.idempotent) input.requestId = v.requestId
  return input
}

export const FIELD_LABELS: Record<ActionField, string> = {
  reason: '原因',
  reasonOptional: '取消原因（可不填）',
  note: '说明',
  photos: '照片',
  hours: '服务时长（小时）',
  stars: '满意度',
  comment: '评价（可不填）',
  evaluation: '评价意见（可不填）',
  intoId: '合并到哪一条（点选相同的问题）',
}

/** Where a field's error is reported by the contract. */
export const FIELD_KEYS: Record<ActionField, string> = {
  reason: 'reason',
  reasonOptional: 'reason',
  note: 'note',
  photos: 'photos',
  hours: 'hours',
  stars: 'stars',
  comment: 'comment',
  evaluation: 'evaluation',
  intoId: 'intoId',
}

/** Due-time choices on the dispatch sheet. */
export const DUE_OPTIONS = [
  { key: 'none', label: '不限', days: 0 },
  { key: '1', label: '1 天内', days: 1 },
  { key: '3', label: '3 天内', days: 3 },
  { key: '7', label: '7 天内', days: 7 },
] as const

export function dueAtFor(days: number, now: number): number | undefined {
  return days > 0 ? now + days * 24 * 3600 * 1000 : undefined
}

/** “3 分钟前”, “今天 14:05”, “11月20日 09:30” — short and in Chinese. */
export function formatTime(at: number, now: number): string {
  const d = new Date(at)
  const n = new Date(now)
  const diff = now - at
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`
  if (diff >= 0 && diff < 60_000) return '刚刚'
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)} 分钟前`
  if (d.toDateString() === n.toDateString()) return `今天 ${hm}`
  if (d.getFullYear() === n.getFullYear()) return `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}

export const LEDGER_REASONS: Record<string, string> = {
  demand_closed: '完成服务',
  correction: '积分更正',
  redemption: '积分兑换',
  reversal: '兑换退回',
}
