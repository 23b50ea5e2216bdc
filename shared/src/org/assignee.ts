/**
 * Who may be the assignee of a demand (派单, 认领): never the person who ordered it or entered
 * it, so nobody serves, confirms and is paid for their own order; a volunteer only as a
 * verified volunteer of the demand's community — a registration verified for that community
 * AND a live `volunteer` grant there, both, since either alone may be a leftover; or a
 * co-building unit serving the community. `dispatch.assign`, `dispatch.suggest`, the state
 * machine (claiming from the hall) and the client all ask this one rule.
 */
import type { Demand } from '../demand/types'
import type { RoleGrant, VolunteerStanding } from '../roles'

/** What the rule needs to know of a person. */
export interface VolunteerFacts {
  userId: string
  grants: readonly RoleGrant[]
  volunteer?: VolunteerStanding | null
}

/** What the rule needs to know of a co-building unit. */
export interface UnitFacts {
  communityIds?: readonly string[]
}

export type DemandParties = Pick<Demand, 'ownerId' | 'createdBy' | 'communityId'>

export const AssigneeRefusals = {
  own_demand: '不能由点单人本人承接自己的点单',
  not_volunteer_here: '只能派给本社区已认证的志愿者',
  unit_not_serving: '该单位不是本社区的共建单位',
} as const
export type AssigneeRefusal = keyof typeof AssigneeRefusals

export type AssigneeVerdict = { allowed: true } | { allowed: false; reason: AssigneeRefusal; message: string }

const ALLOWED: AssigneeVerdict = { allowed: true }
const refuse = (reason: AssigneeRefusal): AssigneeVerdict => ({ allowed: false, reason, message: AssigneeRefusals[reason] })

/** Did `userId` order `demand` or enter it on someone's behalf? */
export function isPartyTo(userId: string, demand: Pick<Demand, 'ownerId' | 'createdBy'>): boolean {
  return !!userId && (demand.ownerId === userId || demand.createdBy === userId)
}

/** A registration verified for `communityId` and a volunteer grant there. */
export function isVerifiedVolunteerOf(person: Omit<VolunteerFacts, 'userId'>, communityId: string): boolean {
  const v = person.volunteer
  return (
    !!v &&
    v.status === 'verified' &&
    v.communityId === communityId &&
    person.grants.some((g) => g.role === 'volunteer' && g.communityId === communityId)
  )
}

export function volunteerAssignee(person: VolunteerFacts, demand: DemandParties): AssigneeVerdict {
  if (isPartyTo(person.userId, demand)) return refuse('own_demand')
  if (!isVerifiedVolunteerOf(person, demand.communityId)) return refuse('not_volunteer_here')
  return ALLOWED
}

export function unitAssignee(unit: UnitFacts, demand: DemandParties): AssigneeVerdict {
  return (unit.communityIds ?? []).includes(demand.communityId) ? ALLOWED : refuse('unit_not_serving')
}
