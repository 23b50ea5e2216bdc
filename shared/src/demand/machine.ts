/**
 * The demand's state machine: one table of transitions. Each says from which statuses an
 * action may run, the status it leads to, who may run it (relations between the actor and
 * the demand) and any extra guard. Functions and client both ask this table; nothing else
 * decides what may happen to a demand.
 */
import { AppError, type ErrorCode } from '../errors'
import { volunteerAssignee } from '../org/assignee'
import { isGridWorkerOf, isStaffOf, isStreetStaffOf, unitIdsOf, type Actor } from '../roles'
import type { Demand, DemandStatus } from './types'

export const DemandActions = [
  'accept',
  'reject',
  'merge',
  'assign',
  'publish',
  'claim',
  'acceptAssignment',
  'decline',
  'start',
  'progress',
  'complete',
  'cancel',
  'confirm',
  'rate',
  'reopen',
  'close',
] as const
export type DemandAction = (typeof DemandActions)[number]

/** How an actor relates to a demand. `system` is the SLA timer. */
export type Relation = 'owner' | 'creator' | 'staff' | 'street' | 'assignee' | 'hall_volunteer' | 'grid_worker' | 'system'

export interface Transition {
  action: DemandAction
  label: string
  from: readonly DemandStatus[]
  /** `undefined`: the status stays (a note, a rating, an acceptance). */
  to?: DemandStatus
  who: readonly Relation[]
  /** Extra condition on the demand; answers the error code when it does not hold. */
  guard?: (demand: Demand) => ErrorCode | undefined
}

const notYetAccepted = (d: Demand): ErrorCode | undefined => (d.assignee?.acceptedAt ? 'INVALID_STATE' : undefined)
const acceptedByAssignee = (d: Demand): ErrorCode | undefined => (d.assignee?.acceptedAt ? undefined : 'INVALID_STATE')
const notRated = (d: Demand): ErrorCode | undefined => (d.rating ? 'INVALID_STATE' : undefined)

export const Transitions: Record<DemandAction, Transition> = {
  accept: { action: 'accept', label: '受理', from: ['submitted'], to: 'accepted', who: ['staff'] },
  reject: { action: 'reject', label: '不予受理', from: ['submitted'], to: 'rejected', who: ['staff'] },
  merge: { action: 'merge', label: '合并', from: ['submitted', 'accepted'], to: 'merged', who: ['staff'] },
  assign: { action: 'assign', label: '派单', from: ['accepted'], to: 'dispatched', who: ['staff'] },
  publish: { action: 'publish', label: '发布到任务大厅', from: ['accepted'], to: 'open', who: ['staff'] },
  claim: { action: 'claim', label: '认领', from: ['open'], to: 'dispatched', who: ['hall_volunteer'] },
  acceptAssignment: {
    action: 'acceptAssignment',
    label: '接单',
    from: ['dispatched'],
    who: ['assignee'],
    guard: notYetAccepted,
  },
  decline: { action: 'decline', label: '退单', from: ['dispatched'], to: 'accepted', who: ['assignee'] },
  start: { action: 'start', label: '开始服务', from: ['dispatched'], to: 'in_progress', who: ['assignee'], guard: acceptedByAssignee },
  progress: { action: 'progress', label: '记录进展', from: ['in_progress'], who: ['assignee'] },
  complete: { action: 'complete', label: '完成', from: ['in_progress'], to: 'done', who: ['assignee'] },
  cancel: {
    action: 'cancel',
    label: '取消',
    from: ['submitted', 'accepted', 'dispatched', 'open'],
    to: 'cancelled',
    who: ['owner', 'creator'],
  },
  confirm: { action: 'confirm', label: '确认完成', from: ['done'], to: 'reviewed', who: ['owner', 'system'] },
  rate: { action: 'rate', label: '评价', from: ['done', 'reviewed'], to: 'reviewed', who: ['owner'], guard: notRated },
  reopen: { action: 'reopen', label: '未解决，重新处理', from: ['done', 'reviewed'], to: 'in_progress', who: ['owner'] },
  close: { action: 'close', label: '销号', from: ['reviewed'], to: 'closed', who: ['staff', 'street'] },
}

/** The relations `actor` has to `demand` (a person can be owner and staff at once). */
export function relationsOf(actor: Actor | 'system', demand: Demand): Set<Relation> {
  if (actor === 'system') return new Set(['system'])
  const relations = new Set<Relation>()
  if (demand.ownerId === actor.userId) relations.add('owner')
  if (demand.createdBy === actor.userId) relations.add('creator')
  if (isStaffOf(actor, demand.communityId)) relations.add('staff')
  if (isStreetStaffOf(actor, demand.streetId)) relations.add('street')
  if (isGridWorkerOf(actor, demand.gridId)) relations.add('grid_worker')
  // Whoever may be assigned it may claim it from the hall: never its owner or creator.
  if (volunteerAssignee(actor, demand).allowed) relations.add('hall_volunteer')
  const a = demand.assignee
  if (a && ((a.type === 'volunteer' && a.id === actor.userId) || (a.type === 'unit' && unitIdsOf(actor).includes(a.id)))) {
    relations.add('assignee')
  }
  return relations
}

export type Decision = { allowed: true; to: DemandStatus } | { allowed: false; code: ErrorCode }

/**
 * May `actor` run `action` on `demand` now? Permission is judged before state: someone with
 * no business with the demand learns nothing about its status.
 */
export function decide(actor: Actor | 'system', action: DemandAction, demand: Demand): Decision {
  const t = Transitions[action]
  const relations = relationsOf(actor, demand)
  if (!t.who.some((r) => relations.has(r))) return { allowed: false, code: 'FORBIDDEN' }
  if (!t.from.includes(demand.status)) return { allowed: false, code: 'INVALID_STATE' }
  const guardCode = t.guard?.(demand)
  if (guardCode) return { allowed: false, code: guardCode }
  return { allowed: true, to: t.to ?? demand.status }
}

/** `decide`, throwing the AppError a function answers with. */
export function assertAllowed(actor: Actor | 'system', action: DemandAction, demand: Demand): DemandStatus {
  const decision = decide(actor, action, demand)
  if (!decision.allowed) throw new AppError(decision.code)
  return decision.to
}

/** The actions `actor` may take on `demand` now: what the client shows as buttons. */
export function availableActions(actor: Actor, demand: Demand): DemandAction[] {
  return DemandActions.filter((action) => decide(actor, action, demand).allowed)
}
