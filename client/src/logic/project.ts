/**
 * 揭榜 as the client presents it: where its pages are, which of them each role starts from,
 * what a project's state means to the person reading it and what happens next. Who may do
 * what is the server's answer (`availableActions`); nothing here decides it.
 */
import type { Role, RoleGrant } from '@honglin/shared'
import type { Entry } from './roles'

const q = (v: string) => encodeURIComponent(v)

export const ProjectPaths = {
  lists: (tab?: ListTab, communityId?: string) =>
    `/packages/project/lists/index${tab || communityId ? '?' : ''}${tab ? `tab=${tab}` : ''}${tab && communityId ? '&' : ''}${communityId ? `communityId=${q(communityId)}` : ''}`,
  detail: (id: string) => `/packages/project/detail/index?id=${q(id)}`,
  edit: (opts: { id?: string; communityId?: string; demandIds?: string[]; needIds?: string[] }) => {
    const parts: string[] = []
    if (opts.needIds?.length) parts.push(`needIds=${q(opts.needIds.join(','))}`)
    if (opts.id) parts.push(`id=${q(opts.id)}`)
    if (opts.communityId) parts.push(`communityId=${q(opts.communityId)}`)
    if (opts.demandIds?.length) parts.push(`demandIds=${q(opts.demandIds.join(','))}`)
    return `/packages/project/edit/index${parts.length ? `?${parts.join('&')}` : ''}`
  },
  bid: (projectId: string) => `/packages/project/bid/index?projectId=${q(projectId)}`,
  reviews: '/packages/project/reviews/index',
  score: (projectId: string) => `/packages/project/score/index?projectId=${q(projectId)}`,
  resources: (unitId?: string) => `/packages/project/resources/index${unitId ? `?unitId=${q(unitId)}` : ''}`,
} as const

export type ListTab = 'needs' | 'resources' | 'projects'

export const LIST_TABS: { key: ListTab; label: string }[] = [
  { key: 'needs', label: '需求清单' },
  { key: 'resources', label: '资源清单' },
  { key: 'projects', label: '项目清单' },
]

/**
 * Whether the reader may turn a demand of `communityId` into a project (转为项目): community
 * staff of that community, acting as staff. The server checks it again when the project is made.
 */
export function mayRaiseProjectFrom(role: Role, grants: readonly RoleGrant[], communityId: string): boolean {
  return role === 'community_staff' && grants.some((g) => g.role === 'community_staff' && g.communityId === communityId)
}

/**
 * The 揭榜 entries of a role on the home page; someone who also sits on the 大党委 (a
 * community's party secretary does) finds 我的评审 whatever role they act in.
 */
export function projectEntriesFor(role: Role, alsoReviewer = false): Entry[] {
  const entries = entriesOf(role)
  if (alsoReviewer && role !== 'committee_member') entries.push(REVIEWS_ENTRY)
  return entries
}

const REVIEWS_ENTRY: Entry = { title: '我的评审', hint: '大党委评审：回避声明、逐项打分', url: ProjectPaths.reviews }

function entriesOf(role: Role): Entry[] {
  switch (role) {
    case 'community_staff':
    case 'admin':
      return [{ title: '三项清单 · 揭榜', hint: '需求、资源、项目；发布任务书、评审与验收', url: ProjectPaths.lists('projects') }]
    case 'street_staff':
      return [{ title: '街道项目与验收', hint: '全街道的揭榜项目，完成后验收评分', url: ProjectPaths.lists('projects') }]
    case 'unit_contact':
      return [
        { title: '揭榜项目', hint: '浏览招募中的任务书，提交和跟踪揭榜方案', url: ProjectPaths.lists('projects') },
        { title: '本单位资源清单', hint: '本单位能提供的人员、场地和物资', url: ProjectPaths.resources() },
      ]
    case 'committee_member':
      return [REVIEWS_ENTRY, { title: '社区项目公示', hint: '任务书、中标结果与公示', url: ProjectPaths.lists('projects') }]
    case 'resident':
    case 'volunteer':
      return [{ title: '社区项目公示', hint: '任务书、揭榜结果，公示期内可提出异议', url: ProjectPaths.lists('projects') }]
    default:
      return []
  }
}

export type ProjectStatusKey = 'draft' | 'bidding' | 'reviewing' | 'awarded' | 'publicity' | 'in_progress' | 'completed' | 'cancelled'

/** Each state in plain words, and what happens next in it. */
export const PROJECT_STATES: Record<ProjectStatusKey, { label: string; next: string; tag: string }> = {
  draft: { label: '草稿', next: '社区工作人员完善后发布，发布后共建单位即可揭榜。', tag: 'tag--grey' },
  bidding: { label: '揭榜中', next: '共建单位在截止前提交揭榜方案；截止后社区结束揭榜，交大党委评审。', tag: 'tag--blue' },
  reviewing: {
    label: '评审中',
    next: '大党委委员逐项打分；达到法定人数后社区可查看排名并确定揭榜单位。',
    tag: 'tag--orange',
  },
  awarded: { label: '已确定揭榜单位', next: '即将进入公示，公示期内居民和单位可提出异议。', tag: 'tag--green' },
  publicity: { label: '公示中', next: '公示期内可提出异议，社区答复全部异议后项目开始实施。', tag: 'tag--orange' },
  in_progress: { label: '实施中', next: '揭榜单位按里程碑报告进度，完成后由街道验收。', tag: 'tag--blue' },
  completed: { label: '已验收', next: '项目已完成并通过验收，评分计入单位的履约记录。', tag: 'tag--green' },
  cancelled: { label: '已取消', next: '项目已取消。', tag: 'tag--grey' },
}

export function stateOfProject(status: string): { label: string; next: string; tag: string } {
  return PROJECT_STATES[status as ProjectStatusKey] ?? { label: status, next: '', tag: 'tag--grey' }
}

/** Filters of the 项目清单 tab. */
export const PROJECT_FILTERS: { key: string; label: string }[] = [
  { key: '', label: '全部' },
  { key: 'bidding', label: '揭榜中' },
  { key: 'reviewing', label: '评审中' },
  { key: 'publicity', label: '公示中' },
  { key: 'in_progress', label: '实施中' },
  { key: 'completed', label: '已验收' },
]

/** Money in yuan as people read it. */
export function yuan(amount: number | undefined | null): string {
  if (amount === undefined || amount === null) return '—'
  return `${amount.toLocaleString('zh-CN')} 元`
}

/** A calendar day (Beijing time) of a timestamp: 2026年12月5日. */
export function day(at: number | undefined | null): string {
  if (!at) return '—'
  const d = new Date(at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
}

/** A `YYYY-MM-DD` picker value as the end of that day in Beijing time. */
export function endOfDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  return Date.UTC(y!, m! - 1, d!, 23, 59, 59) - 8 * 3_600_000
}

/** A timestamp as the `YYYY-MM-DD` a date picker shows (Beijing time). */
export function pickerDate(at: number): string {
  const d = new Date(at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/** A new project's criteria until staff change them: the usual four of a 大党委 review. */
export const DEFAULT_CRITERIA: { name: string; weight: number; max: number }[] = [
  { name: '方案可行性', weight: 40, max: 10 },
  { name: '服务能力', weight: 30, max: 10 },
  { name: '预算合理性', weight: 20, max: 10 },
  { name: '履约记录', weight: 10, max: 10 },
]

export const weightSum = (weights: number[]): number =>
  Math.round(weights.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0) * 100) / 100

/** Deadline shortcuts: a week, two weeks, a month from now. */
export function deadlineChoices(now: number): { value: string; label: string }[] {
  return [
    { days: 7, label: '一周后' },
    { days: 14, label: '两周后' },
    { days: 30, label: '一个月后' },
  ].map((c) => ({ value: pickerDate(now + c.days * 86_400_000), label: c.label }))
}

/** The contract's field errors by the form field they belong to (`criteria.0.weight` → `criteria`). */
export function byField(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(fields)) {
    const key = k.split('.')[0] || '_'
    if (!out[key]) out[key] = v
  }
  return out
}

/** A committee member's part in a review, in the words the member reads. */
export function reviewStateOf(p: {
  myReview?: { recused: { reason: string } | null; done: boolean; scoredBids: string[] }
  review?: { reached: boolean; closed: boolean }
  status: string
}): { label: string; hint: string; tone: 'pending' | 'done' | 'muted' } | null {
  const mine = p.myReview
  if (!mine) return null
  if (mine.recused) return { label: '已回避', hint: mine.recused.reason, tone: 'muted' }
  if (p.status === 'bidding') return { label: '揭榜中，截止后评审', hint: '截止前可先申报需要回避的情况。', tone: 'muted' }
  if (!mine.done) {
    if (p.review?.closed || p.status !== 'reviewing') return { label: '评审已结束', hint: '未参与评分。', tone: 'muted' }
    return {
      label: '待评分',
      hint: mine.scoredBids.length ? `已评 ${mine.scoredBids.length} 份方案，还有方案未评` : '请为每份方案逐项打分。',
      tone: 'pending',
    }
  }
  if (p.review && !p.review.reached)
    return { label: '等待其他委员（法定人数）', hint: '您已评分；达到法定人数并结束评审后才公布结果。', tone: 'done' }
  return { label: '已评分', hint: p.review?.closed ? '评审已结束，可查看结果。' : '已达到法定人数，等待社区结束评审。', tone: 'done' }
}
