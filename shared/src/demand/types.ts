/** The demand (点单 item): what a resident asks for, and everything that happens to it. */
import type { ConsentRecord } from '../privacy/consent'
import type { DemandSla, SlaTerms } from './sla'
import type { LoadHolder } from '../org/load'
import type { PointsPolicy } from '../points/rules'

export const DemandKinds = ['service', 'wish', 'report'] as const
export type DemandKind = (typeof DemandKinds)[number]
export const DemandKindLabels: Record<DemandKind, string> = { service: '服务', wish: '微心愿', report: '随手拍' }

export const DemandStatuses = [
  'submitted',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'open',
  'in_progress',
  'done',
  'reviewed',
  'closed',
  'cancelled',
] as const
export type DemandStatus = (typeof DemandStatuses)[number]
export const DemandStatusLabels: Record<DemandStatus, string> = {
  submitted: '待受理',
  accepted: '待派单',
  rejected: '未受理',
  merged: '已合并',
  dispatched: '已派单',
  open: '待认领',
  in_progress: '处理中',
  done: '待确认',
  reviewed: '待销号',
  closed: '已办结',
  cancelled: '已取消',
}

/** Statuses from which nothing more happens. */
export const FinalStatuses: readonly DemandStatus[] = ['rejected', 'merged', 'closed', 'cancelled']

export const Urgencies = ['normal', 'urgent'] as const
export type Urgency = (typeof Urgencies)[number]

export interface Assignee {
  type: 'volunteer' | 'unit'
  /** The volunteer's user id, or the unit's id. */
  id: string
  name: string
  /** When the assignee accepted (claiming accepts at once). */
  acceptedAt?: number
  assignedAt: number
  assignedBy: string
  /** Work must be done by then. */
  dueAt?: number
  /** Points awarded on close (bounded by the community's policy). */
  points: number
  /** The volunteer who did the work for a unit, recorded on completion. */
  workerUserId?: string
}

export interface TimelineEntry {
  at: number
  /** The action that made this entry (see machine.ts), or a system event. */
  action: string
  from?: DemandStatus
  to: DemandStatus
  actorId: string
  actorName: string
  note?: string
  photos?: string[]
  /** Masked views: how many photos the entry has (the file ids are left out). */
  photoCount?: number
  hours?: number
  /** Client-chosen id of a progress note: a retried note finds its entry instead of adding another. */
  requestId?: string
}

export interface Demand {
  _id: string
  kind: DemandKind
  category: string
  title: string
  detail: string
  photos: string[]
  address: string
  streetId: string
  communityId: string
  gridId: string
  urgency: Urgency
  preferredTime?: string
  contactName: string
  contactPhone: string
  /** The resident the demand is for. */
  ownerId: string
  /** Who entered it (the owner, or a grid worker ordering on the owner's behalf). */
  createdBy: string
  /** Client-chosen id that makes a retried create return the same demand. */
  requestId: string
  status: DemandStatus
  createdAt: number
  updatedAt: number
  assignee?: Assignee
  /** Volunteers/units that declined this demand (not suggested again). */
  declinedBy?: string[]
  mergedInto?: string
  /** Residents who reported the same problem and follow this demand instead (跟进; bounded, MAX_FOLLOWERS). */
  followers?: string[]
  /** Masked views: how many follow it (the ids are left out). */
  followerCount?: number
  /** Published to the task hall: what the volunteer who claims it gets (points, due time). */
  hall?: { points: number; dueAt?: number; publishedAt: number; publishedBy: string }
  rejectReason?: string
  rating?: { stars: number; comment?: string; at: number }
  completion?: { note: string; photos: string[]; hours: number; at: number; photoCount?: number }
  /** SLA: set when the demand passes a deadline; escalated items are seen by street staff. */
  overdue?: { since: number; stage: SlaStage; escalatedAt?: number }
  /** SLA: the deadline of the stage it waits in (sla.ts `slaFields`); absent once it ended. */
  sla?: DemandSla
  /** SLA: when the timer must next act on it (indexed); absent when nothing is due ever again. */
  wakeAt?: number
  /** SLA: the windows it is under, from its community's policy when it was created. */
  slaTerms?: SlaTerms
  timeline: TimelineEntry[]
  /** Masked views: how many photos the demand has (the file ids are left out). */
  photoCount?: number
  /** The privacy notice the resident agreed to when it was ordered (`by`: the grid worker who attested it). */
  consent?: ConsentRecord
  /** When retention (or the owner's account deletion) erased the contact details. */
  contactErasedAt?: number
  /** The points bounds of its community when it was created, so dispatching need not read the community. */
  pointsTerms?: PointsPolicy
  /** Whose `activeLoad` counter includes it now, as the settle timer last left it (shared/src/org/load.ts). */
  loadOf?: LoadHolder
  /** Effects a transition left for the settle timer: its close's audit entries and points award. */
  outbox?: { close?: true }
  /** When it began waiting for the settle timer (indexed); absent when nothing is owed. */
  settleAt?: number
  /** Optimistic concurrency: every write increments it and is conditional on it. */
  version: number
}

export type SlaStage = 'triage' | 'dispatch' | 'claim' | 'acceptance' | 'work' | 'confirm' | 'close'
