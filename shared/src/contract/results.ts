/**
 * What the cloud functions answer (the `data` of `{ ok: true, data }`), by action. Kept in
 * step with cloudfunctions/<name>/*.ts; the client types its calls with these.
 */
import type { AuditEntry, AuditVerification } from '../audit/types'
import type { DemandAction } from '../demand/machine'
import type { SlaPolicy, SlaPolicyKey } from '../demand/sla'
import type { Demand } from '../demand/types'
import type { LedgerEntry } from '../points/rules'
import type { RedemptionView, Reward } from '../mall/types'
import type { RoleGrant, VolunteerStatus } from '../roles'

export interface Paged<T> {
  items: T[]
  hasMore: boolean
}

/**
 * What a list's search (`q`) looked through in this call: at most `window` of the list's
 * rows; `complete` when nothing older is left to look at (else "加载更多" searches further).
 */
export interface SearchReport {
  scanned: number
  window: number
  complete: boolean
}

export interface VolunteerRegistration {
  status: VolunteerStatus
  skills: string[]
  isPartyMember: boolean
  workUnit?: string
  communityId: string
  gridId?: string
  appliedAt: number
  decidedAt?: number
  decidedBy?: string
  reason?: string
}

export interface ProfileAnswer {
  profile: {
    userId: string
    name: string
    phone?: string
    avatar?: string
    elderMode: boolean
    pointsBalance: number
    createdAt: number
    lastLoginAt?: number
  }
  grants: RoleGrant[]
  volunteer: VolunteerRegistration | null
}

/** A demand as the caller may see it, with the actions they may take now. */
export type DemandView = Demand & { availableActions: DemandAction[] }
/** The triage inbox adds whether the item is late now. */
export type InboxItem = DemandView & { late: boolean }

export interface OrgItem {
  _id: string
  name: string
  streetId?: string
  communityId?: string
}

export interface VolunteerSuggestion {
  type: 'volunteer'
  id: string
  name: string
  gridId?: string
  skills: string[]
  sameGrid: boolean
  skillMatch: string[]
  load: number
  declined: boolean
  score: number
}

export interface UnitSuggestion {
  type: 'unit'
  id: string
  name: string
  /** What kind of body it is (国有企业, 学校, …). */
  unitType?: string
  resources: string[]
  resourceMatch: string[]
  load: number
  declined: boolean
  score: number
}

/** An open demand like the one being ordered or merged (masked for residents: no contact details). */
export interface SimilarDemand {
  _id: string
  kind: Demand['kind']
  category: string
  title: string
  address: string
  gridId: string
  status: Demand['status']
  urgency: Demand['urgency']
  createdAt: number
  /** Share of two-character pieces the titles have in common, 0–1 (search hits that are not alike: 0). */
  similarity: number
  followerCount: number
  /** The caller already follows it (residents). */
  following?: boolean
}

/** One event of the caller's inbox (`read` from the caller's own read state). */
export interface Notification {
  _id: string
  type: string
  title: string
  body: string
  demandId?: string
  page?: string
  read: boolean
  createdAt: number
}

export interface VolunteerApplicant {
  userId: string
  name: string
  phone?: string
  avatar?: string
  volunteer?: VolunteerRegistration
}

/** An audit log entry with its action's Chinese label. */
export type AuditEntryView = AuditEntry & { label: string }

/** A community's deadlines (org.slaPolicy, org.setSlaPolicy), in hours. */
export interface SlaPolicyAnswer {
  communityId: string
  /** What applies to demands created from now on: the stages staff set, defaults for the rest. */
  policy: SlaPolicy
  /** The stages this community set itself. */
  tuned: SlaPolicyKey[]
  defaults: SlaPolicy
  bounds: Record<SlaPolicyKey, { min: number; max: number }>
  /** That a change applies to demands created afterwards, in Chinese. */
  appliesTo: string
}

/** The answer of each action, by function and action name. */
export interface Results {
  user: {
    login: ProfileAnswer & { isNew: boolean }
    updateProfile: ProfileAnswer
    registerVolunteer: ProfileAnswer
    verifyVolunteer: { userId: string; volunteer: VolunteerRegistration; grants: RoleGrant[] }
    volunteers: Paged<VolunteerApplicant> & { next?: string }
    /** A JSON file of everything stored about the caller, and a link valid for `expiresAt`. */
    exportMyData: { fileID: string; tempFileURL: string; expiresAt: number }
    deleteAccount: { deleted: true; cancelled: number; anonymised: number }
    /** Template id per purpose (what the client asks for), and the caller's one-time subscriptions left per template id. */
    subscribe: { templates: Record<string, string>; subscriptions: Record<string, number> }
  }
  org: {
    streets: { items: OrgItem[] }
    communities: { items: OrgItem[] }
    grids: { items: OrgItem[] }
    units: { items: (OrgItem & { type?: string; resources?: string[] })[] }
    committee: { items: unknown[] }
    grantRole: unknown
    revokeRole: unknown
    slaPolicy: SlaPolicyAnswer
    /** `changed`: false when every window was already so (a retry): nothing written. */
    setSlaPolicy: SlaPolicyAnswer & { changed: boolean }
    resources: import('../project/views').OrgProjectAnswers['resources']
    updateResources: import('../project/views').OrgProjectAnswers['updateResources']
    unitScorecard: import('../project/views').OrgProjectAnswers['unitScorecard']
    projectRules: import('../project/types').ProjectRulesAnswer
    setProjectRules: import('../project/types').ProjectRulesAnswer & { changed: boolean }
  }
  demand: {
    create: DemandView
    createOnBehalf: DemandView
    listMine: Paged<DemandView> & { next?: string; search?: SearchReport }
    get: DemandView
    cancel: DemandView
    confirm: DemandView
    rate: DemandView
    reopen: DemandView
    listOnBehalf: Paged<DemandView> & { next?: string }
    listFollowing: Paged<DemandView> & { next?: string }
    similar: { items: SimilarDemand[] }
    follow: DemandView
  }
  dispatch: {
    inbox: Paged<InboxItem> & { next?: string; search?: SearchReport }
    accept: DemandView
    reject: DemandView
    merge: DemandView
    /** The best 50 of each (`SUGGEST_SHOWN`); `totals` counts every candidate. */
    suggest: { category: string; volunteers: VolunteerSuggestion[]; units: UnitSuggestion[]; totals: { volunteers: number; units: number } }
    assign: DemandView
    publish: DemandView
    close: DemandView
    similar: { items: SimilarDemand[]; searched?: number }
  }
  task: {
    hall: Paged<DemandView> & { next?: string }
    claim: DemandView
    mine: Paged<DemandView> & { next?: string }
    accept: DemandView
    /** The view if the caller still has one, else what updates their list. */
    decline: DemandView | Pick<Demand, '_id' | 'status' | 'version'>
    start: DemandView
    progress: DemandView
    complete: DemandView
  }
  points: {
    /** The balance kept on the caller's record and how many ledger entries they have. */
    balance: { balance: number; entries: number; reserved: number }
    /** `next`: pass as `cursor` for the following page (absent on the last page). */
    ledger: Paged<LedgerEntry> & { next?: string }
    reconcile: { ownerType: 'user' | 'unit'; ownerId: string; balance: number; ledgerSum: number; entries: number; consistent: boolean }
    /** `created`: false when this requestId had already been applied (a retry). */
    correct: { entry: LedgerEntry; balance: number; created: boolean }
    ranking: import('./points').HonourBoard
    certificate: import('./points').HonourCertificate
    verify: import('./points').CertificateVerification
  }
  mall: {
    rewards: { items: Reward[]; hasMore: boolean; communityId: string; manage: boolean }
    upsertReward: Reward
    approveReward: Reward
    redeem: RedemptionView & { actions: ('cancel' | 'reissue')[] }
    mine: Paged<RedemptionView & { actions: ('cancel' | 'reissue')[] }>
    cancel: RedemptionView
    /** What to hand over, before confirming; the code itself is not repeated. */
    lookup: Omit<RedemptionView, 'code'>
    verify: Omit<RedemptionView, 'code'>
    reissue: RedemptionView
    redemptions: Paged<Omit<RedemptionView, 'code'>>
    /** The pickup code as a 小程序码 image that opens the 核销 page with the code. */
    pickupQr: { code: string; page: string; tempFileURL: string; expiresAt: number }
  }
  notify: {
    /** `unread` counts up to 99; `unreadCapped`: there are more (show "99+"). */
    inbox: Paged<Notification> & { unread: number; unreadCapped: boolean; next?: string }
    markRead: { updated: number }
  }
  audit: {
    /** `next`: pass as `page.before` for the following page (absent on the last page). */
    list: Paged<AuditEntryView> & { chain: string; next?: number }
    verify: AuditVerification & { chain: string }
  }
  /** The dashboards (shared/src/stats/types.ts); 台账, exports and the yearly report (contract/stats.ts). */
  stats: {
    overview: import('../stats/types').Overview
    trend: import('../stats/types').Trend
    hotspots: import('../stats/types').Hotspots
    heat: import('../stats/types').Heat
  } & import('./stats').StatsReportResults
  project: import('../project/views').ProjectAnswers
}
