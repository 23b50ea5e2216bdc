/**
 * What the `project` function answers. Views never carry anyone's scores or a ranking before
 * the review has closed (visibility.ts); a member's own scores are theirs to see.
 */
import type {
  Bid,
  Criterion,
  Need,
  Objection,
  ProgressReport,
  Project,
  ProjectStatus,
  RecusalKind,
  ResourceItem,
  Score,
  UnitScorecard,
} from './types'

/** The actions the caller may take on a project now (buttons show only these). */
export const ProjectViewActions = [
  'update',
  'publish',
  'bid',
  'updateBid',
  'withdrawBid',
  'closeBidding',
  'declareConflict',
  'score',
  'withdrawScore',
  'closeReview',
  'results',
  'award',
  'publicize',
  'object',
  'answerObjection',
  'start',
  'report',
  'accept',
  'cancel',
  'minutes',
] as const
export type ProjectViewAction = (typeof ProjectViewActions)[number]

/** The caller's part in the review of this project (committee members of its community). */
export interface MyReview {
  /** Recused: why (own unit bids, or declared). */
  recused: { kind: RecusalKind; reason: string } | null
  /** Bids this member has scored (live scores) of the live bids. */
  scoredBids: string[]
  /** Whether they have scored every live bid. */
  done: boolean
}

/** How far the review is: counts only, never who gave what. */
export interface ReviewProgress {
  /** Members not recused. */
  eligible: number
  /** Of them, those who have scored every live bid. */
  scored: number
  /** How many must have scored (the quorum). */
  required: number
  reached: boolean
  closed: boolean
}

export type ProjectView = Omit<Project, 'reviewers' | 'recusals' | 'tally'> & {
  statusLabel: string
  communityName?: string
  availableActions: ProjectViewAction[]
  /** The caller's unit's live bid, if any (unit contacts). */
  myBidId?: string
  myReview?: MyReview
  /** Staff and committee members from review on. */
  review?: ReviewProgress
  /** Reviewers and recusals are listed to staff and committee members from review on. */
  reviewers?: Project['reviewers']
  recusals?: Project['recusals']
}

/** A bid as its viewer may see it; `total` and `rank` only after the review has closed. */
export type BidView = Bid & {
  total?: number
  rank?: number
  /** The caller's own score of this bid (committee members). */
  myScore?: Score
}

export interface RankedBid {
  bidId: string
  unitId: string
  unitName: string
  /** Mean of the members' weighted totals, two decimals. */
  total: number
  /** Mean per criterion. */
  byCriterion: Record<string, number>
  scoreCount: number
  rank: number
  /** Which step of the tie-break decided its place against the bid before it, if tied. */
  tieBreak?: 'top_criterion' | 'score_count' | 'earlier_bid'
}

export interface ResultsAnswer {
  projectId: string
  criteria: Criterion[]
  ranking: RankedBid[]
  /** Every member's scores (staff, committee and street). */
  scores: Score[]
  review: ReviewProgress
  tieBreakRule: string
}

export interface ReviewItem {
  project: ProjectView
}

export type NeedView = Need

export interface UnitResourcesView {
  unitId: string
  unitName: string
  unitType?: string
  communityIds: string[]
  items: ResourceItem[]
  updatedAt?: number
  /** The caller may edit them (the unit's contact, or staff). */
  editable: boolean
}

export interface ProjectAnswers {
  create: ProjectView
  update: ProjectView
  publish: ProjectView
  list: { items: ProjectView[]; hasMore: boolean; next?: string }
  get: ProjectView
  bid: BidView & { created: boolean }
  updateBid: BidView
  withdrawBid: BidView
  bids: { items: BidView[] }
  myBids: { items: (BidView & { project: Pick<Project, '_id' | 'title' | 'status' | 'bidDeadline'> })[]; hasMore: boolean; next?: string }
  closeBidding: ProjectView
  declareConflict: ProjectView
  score: Score & { created: boolean }
  withdrawScore: Score
  myReviews: { items: ProjectView[]; hasMore: boolean; next?: string }
  closeReview: ProjectView
  results: ResultsAnswer
  award: ProjectView
  publicize: ProjectView
  object: Objection & { created: boolean }
  objections: { items: Objection[] }
  answerObjection: Objection
  start: ProjectView
  report: ProgressReport & { created: boolean }
  reports: { items: ProgressReport[] }
  accept: ProjectView
  cancel: ProjectView
  minutes: { fileID: string; tempFileURL: string }
  promoteNeed: NeedView & { created: boolean }
  needs: { items: NeedView[]; hasMore: boolean; next?: string }
}

export interface OrgProjectAnswers {
  resources: { items: UnitResourcesView[] }
  updateResources: UnitResourcesView
  unitScorecard: UnitScorecard
}

export type { ProjectStatus }
