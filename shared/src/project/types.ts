/**
 * 揭榜 (projects put up for bids) and the 大党委's review of them. A project (红色任务书) is
 * drafted by community staff, published for bids, reviewed by the community's 大党委 members
 * who are not recused, awarded, publicly noticed (公示) and then carried out by the awarded
 * unit until the street or staff accept it (验收). Every transition is kept in its timeline.
 */

export const ProjectStatuses = ['draft', 'bidding', 'reviewing', 'awarded', 'publicity', 'in_progress', 'completed', 'cancelled'] as const
export type ProjectStatus = (typeof ProjectStatuses)[number]

export const ProjectStatusLabels: Record<ProjectStatus, string> = {
  draft: '草稿',
  bidding: '揭榜中',
  reviewing: '评审中',
  awarded: '已定标',
  publicity: '公示中',
  in_progress: '实施中',
  completed: '已验收',
  cancelled: '已取消',
}

/** A scoring criterion: its weight (share of the total, in percent) and the most points a member may give on it. */
export interface Criterion {
  name: string
  weight: number
  max: number
}

/** A change of state or a notable step, with who did it, when and why. */
export interface ProjectEvent {
  at: number
  by: string
  byName: string
  action: ProjectAction
  from?: ProjectStatus
  to?: ProjectStatus
  reason?: string
}

export const ProjectActions = [
  'create',
  'update',
  'publish',
  'closeBidding',
  'closeReview',
  'award',
  'publicize',
  'start',
  'report',
  'accept',
  'cancel',
  'withdrawBid',
] as const
export type ProjectAction = (typeof ProjectActions)[number]

export const ProjectActionLabels: Record<ProjectAction, string> = {
  create: '创建任务书',
  update: '修改任务书',
  publish: '发布揭榜',
  closeBidding: '截止揭榜，进入评审',
  closeReview: '结束评审',
  award: '定标',
  publicize: '开始公示',
  start: '开始实施',
  report: '报告进度',
  accept: '验收',
  cancel: '取消项目',
  withdrawBid: '撤回揭榜方案',
}

/** The quorum rule a project was published under (the community's setting then). */
export interface QuorumRule {
  /** Share of the non-recused members who must have scored, in percent; at least 2/3. */
  percent: number
  /** Never fewer members than this, whatever the share (at least 3). */
  minimum: number
}

/** A 大党委 member as the project's review knows them (snapshot when the project is published). */
export interface Reviewer {
  userId: string
  name: string
  unitId?: string
  unitName?: string
  title?: string
}

export const RecusalKinds = ['own_unit', 'declared'] as const
export type RecusalKind = (typeof RecusalKinds)[number]

export const RecusalKindLabels: Record<RecusalKind, string> = {
  own_unit: '本单位参与揭榜，自动回避',
  declared: '本人申报利益冲突',
}

export interface Recusal {
  userId: string
  name: string
  kind: RecusalKind
  reason: string
  at: number
}

export interface Award {
  bidId: string
  unitId: string
  unitName: string
  /** The bid's place in the ranking (1 = first). */
  rank: number
  /** Awarded to a bid other than the first: the written reason is required. */
  againstRanking: boolean
  reason?: string
  at: number
  by: string
}

export interface Acceptance {
  /** 1–5. */
  rating: number
  note?: string
  /** Whether the work was accepted no later than the bid's last milestone. */
  onTime: boolean
  at: number
  by: string
  byName: string
}

export interface ProjectRules {
  quorum: QuorumRule
  /** 公示 period in days. */
  publicityDays: number
  /** Hours after bidding closes within which review is expected to close (SLA). */
  reviewHours: number
  /** Hours within which an objection is expected to be answered (SLA). */
  objectionHours: number
}

export interface Project {
  _id: string
  communityId: string
  streetId?: string
  title: string
  goal: string
  detail: string
  /** Demands (群众点单) the project answers, directly or through needs. */
  demandIds: string[]
  needIds: string[]
  budget?: number
  /** Resources needed, in words (场地、人员、物资). */
  resourcesNeeded?: string
  location?: string
  bidDeadline: number
  criteria: Criterion[]
  status: ProjectStatus
  rules: ProjectRules
  /** The community's 大党委 when the project was published; empty before. */
  reviewers: Reviewer[]
  /** Their user ids, for 我的评审 (index-served). */
  reviewerIds: string[]
  /** Published (not a draft): residents' lists show only these. */
  listed: boolean
  recusals: Recusal[]
  /** Live bids, kept for lists (a count, never who scored what). */
  bidCount: number
  /**
   * Live scores per member (user id → bids scored), written with each score and withdrawal in
   * one transaction; quorum is read from it. Never shown: views carry counts only.
   */
  tally: Record<string, number>
  publishedAt?: number
  biddingClosedAt?: number
  /** When the review is expected to close (SLA). */
  reviewDueAt?: number
  /** The SLA timer's pending alert: removed once staff were told, or when the review closes. */
  reviewAlertAt?: number
  reviewOverdueAt?: number
  reviewClosedAt?: number
  award?: Award
  publicityEndsAt?: number
  /** Objections lodged and not yet answered. */
  openObjections: number
  startedAt?: number
  /** The awarded unit's latest progress in percent. */
  progress?: number
  acceptance?: Acceptance
  timeline: ProjectEvent[]
  createdBy: string
  createdAt: number
  updatedAt: number
}

export interface Milestone {
  title: string
  due: number
}

export const BidStatuses = ['live', 'withdrawn'] as const
export type BidStatus = (typeof BidStatuses)[number]

export const BidStatusLabels: Record<BidStatus, string> = { live: '已提交', withdrawn: '已撤回' }

/** A unit's 揭榜方案. */
export interface Bid {
  _id: string
  projectId: string
  communityId: string
  unitId: string
  unitName: string
  plan: string
  /** People and resources the unit commits. */
  resources: string
  timeline: Milestone[]
  budget?: number
  attachments: string[]
  status: BidStatus
  /** `<projectId>.<unitId>` while live: unique, so a unit has one live bid per project. */
  liveKey?: string
  requestId: string
  createdBy: string
  createdAt: number
  updatedAt: number
  withdrawnAt?: number
}

export const ScoreStatuses = ['submitted', 'withdrawn'] as const
export type ScoreStatus = (typeof ScoreStatuses)[number]

/** One member's score of one bid: locked once submitted; a withdrawal is a new record. */
export interface Score {
  _id: string
  projectId: string
  bidId: string
  userId: string
  userName: string
  scores: Record<string, number>
  /** Weighted total out of 100. */
  total: number
  comment?: string
  status: ScoreStatus
  at: number
  withdrawnAt?: number
  withdrawReason?: string
}

export const ObjectionStatuses = ['open', 'answered'] as const
export type ObjectionStatus = (typeof ObjectionStatuses)[number]

export const ObjectionStatusLabels: Record<ObjectionStatus, string> = { open: '待答复', answered: '已答复' }

export interface Objection {
  _id: string
  projectId: string
  communityId: string
  userId: string
  userName: string
  reason: string
  status: ObjectionStatus
  answer?: string
  answeredBy?: string
  answeredAt?: number
  /** When the answer is due (SLA). */
  dueAt: number
  /** The SLA timer's pending alert: removed once staff were told, or when answered. */
  alertAt?: number
  overdueAt?: number
  createdAt: number
}

export interface ProgressReport {
  _id: string
  projectId: string
  unitId: string
  userId: string
  userName: string
  /** 0–100. */
  progress: number
  note: string
  /** The milestone reported against (its title), if any. */
  milestone?: string
  photos: string[]
  createdAt: number
}

/** A staff-promoted need (需求清单): one or several demands, or a recurring problem in words. */
export const NeedStatuses = ['open', 'in_project', 'closed'] as const
export type NeedStatus = (typeof NeedStatuses)[number]

export const NeedStatusLabels: Record<NeedStatus, string> = { open: '待立项', in_project: '已立项', closed: '已关闭' }

export interface Need {
  _id: string
  communityId: string
  title: string
  detail?: string
  demandIds: string[]
  status: NeedStatus
  projectId?: string
  createdBy: string
  createdAt: number
  updatedAt: number
}

/** One item of a unit's 资源清单. */
export interface ResourceItem {
  name: string
  detail?: string
  /** How much or how often (每月 2 次, 50 人的会议室). */
  capacity?: string
}

export interface UnitResources {
  /** The unit's id. */
  _id: string
  unitId: string
  communityIds: string[]
  items: ResourceItem[]
  updatedAt: number
  updatedBy: string
}

/** Counters on the unit, updated on acceptance: what the next review sees. */
export interface UnitScorecard {
  unitId: string
  unitName: string
  projectsTaken: number
  projectsCompleted: number
  onTime: number
  ratingSum: number
  ratingCount: number
  /** ratingSum / ratingCount, one decimal; null before any rating. */
  averageRating: number | null
}

/** A community's project rules with the defaults and bounds a settings form shows. */
export interface ProjectRulesAnswer {
  communityId: string
  rules: ProjectRules
  defaults: ProjectRules
}

/** The counters kept on a unit (`units.scorecard`). */
export type ScorecardCounters = Pick<UnitScorecard, 'projectsTaken' | 'projectsCompleted' | 'onTime' | 'ratingSum' | 'ratingCount'>

export function scorecardOf(unit: { _id: string; name: string; scorecard?: Partial<ScorecardCounters> }): UnitScorecard {
  const c = unit.scorecard ?? {}
  const ratingCount = c.ratingCount ?? 0
  const ratingSum = c.ratingSum ?? 0
  return {
    unitId: unit._id,
    unitName: unit.name,
    projectsTaken: c.projectsTaken ?? 0,
    projectsCompleted: c.projectsCompleted ?? 0,
    onTime: c.onTime ?? 0,
    ratingSum,
    ratingCount,
    averageRating: ratingCount > 0 ? Math.round((ratingSum / ratingCount) * 10) / 10 : null,
  }
}
