/**
 * What the cloud functions answer (the `data` of `{ ok: true, data }`), by action. Kept in
 * step with cloudfunctions/<name>/*.ts; the client types its calls with these.
 */
import type { AuditEntry, AuditVerification } from '../audit/types'
import type { DemandAction } from '../demand/machine'
import type { SlaPolicy, SlaPolicyKey } from '../demand/sla'
import type { Demand } from '../demand/types'
import type { LedgerEntry } from '../points/rules'
import type { RoleGrant, VolunteerStatus } from '../roles'

export interface Paged<T> {
  items: T[]
  hasMore: boolean
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
  resources: string[]
  resourceMatch: string[]
  load: number
  declined: boolean
  score: number
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
    volunteers: Paged<VolunteerApplicant>
    /** A JSON file of everything stored about the caller, and a link valid for `expiresAt`. */
    exportMyData: { fileID: string; tempFileURL: string; expiresAt: number }
    deleteAccount: { deleted: true; cancelled: number; anonymised: number }
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
  }
  demand: {
    create: DemandView
    createOnBehalf: DemandView
    listMine: Paged<DemandView>
    get: DemandView
    cancel: DemandView
    confirm: DemandView
    rate: DemandView
    reopen: DemandView
  }
  dispatch: {
    inbox: Paged<InboxItem> & { next?: string }
    accept: DemandView
    reject: DemandView
    merge: DemandView
    /** The best 50 of each (`SUGGEST_SHOWN`); `totals` counts every candidate. */
    suggest: { category: string; volunteers: VolunteerSuggestion[]; units: UnitSuggestion[]; totals: { volunteers: number; units: number } }
    assign: DemandView
    publish: DemandView
    close: DemandView
  }
  task: {
    hall: Paged<DemandView>
    claim: DemandView
    mine: Paged<DemandView>
    accept: DemandView
    /** The view if the caller still has one, else what updates their list. */
    decline: DemandView | Pick<Demand, '_id' | 'status' | 'version'>
    start: DemandView
    progress: DemandView
    complete: DemandView
  }
  points: {
    /** The balance kept on the caller's record and how many ledger entries they have. */
    balance: { balance: number; entries: number }
    /** `next`: pass as `cursor` for the following page (absent on the last page). */
    ledger: Paged<LedgerEntry> & { next?: string }
    reconcile: { ownerType: 'user' | 'unit'; ownerId: string; balance: number; ledgerSum: number; entries: number; consistent: boolean }
    ranking: import('./points').HonourBoard
    certificate: import('./points').HonourCertificate
    verify: import('./points').CertificateVerification
  }
  notify: {
    inbox: Paged<Notification> & { unread: number; next?: string }
    markRead: { updated: number }
  }
  audit: {
    /** `next`: pass as `page.before` for the following page (absent on the last page). */
    list: Paged<AuditEntryView> & { chain: string; next?: number }
    verify: AuditVerification & { chain: string }
  }
}
