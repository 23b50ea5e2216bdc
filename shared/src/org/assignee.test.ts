/** Who may be the assignee of a demand: every case of the rule, by what the person holds. */
import type { RoleGrant, VolunteerStanding } from '../roles'
import { AssigneeRefusals, isPartyTo, unitAssignee, volunteerAssignee, type VolunteerFacts } from './assignee'

const demand = { ownerId: 'u-owner', createdBy: 'u-grid', communityId: 'C1' }
const GRANT_C1: RoleGrant = { role: 'volunteer', communityId: 'C1', streetId: 'S1' }
const VERIFIED_C1: VolunteerStanding = { status: 'verified', communityId: 'C1' }

const person = (userId: string, grants: RoleGrant[], volunteer: VolunteerStanding | null): VolunteerFacts => ({
  userId,
  grants,
  volunteer,
})

test('a verified volunteer of the community with a live grant there may be assigned', () => {
  expect(volunteerAssignee(person('u-v', [GRANT_C1], VERIFIED_C1), demand)).toEqual({ allowed: true })
})

test('never the owner or the creator, whatever they hold', () => {
  for (const id of ['u-owner', 'u-grid']) {
    expect(volunteerAssignee(person(id, [GRANT_C1], VERIFIED_C1), demand)).toEqual({
      allowed: false,
      reason: 'own_demand',
      message: AssigneeRefusals.own_demand,
    })
  }
  expect(isPartyTo('u-owner', demand)).toBe(true)
  expect(isPartyTo('', { ownerId: '', createdBy: '' })).toBe(false)
})

test.each<[string, RoleGrant[], VolunteerStanding | null | undefined]>([
  ['grant without a registration', [GRANT_C1], null],
  ['grant, registration not loaded', [GRANT_C1], undefined],
  ['grant, registration pending', [GRANT_C1], { status: 'pending', communityId: 'C1' }],
  ['grant, registration rejected', [GRANT_C1], { status: 'rejected', communityId: 'C1' }],
  ['grant, registration revoked', [GRANT_C1], { status: 'revoked', communityId: 'C1' }],
  ['grant here, verified in another community', [GRANT_C1], { status: 'verified', communityId: 'C2' }],
  ['verified, grant revoked', [], VERIFIED_C1],
  ['verified, grant in another community', [{ role: 'volunteer', communityId: 'C2' }], VERIFIED_C1],
  ['verified, another role here', [{ role: 'resident', communityId: 'C1' }], VERIFIED_C1],
])('not a volunteer here: %s', (_label, grants, volunteer) => {
  expect(volunteerAssignee({ userId: 'u-x', grants, volunteer }, demand)).toMatchObject({ allowed: false, reason: 'not_volunteer_here' })
})

test('a unit only if it serves the community', () => {
  expect(unitAssignee({ communityIds: ['C2', 'C1'] }, demand)).toEqual({ allowed: true })
  expect(unitAssignee({ communityIds: ['C2'] }, demand)).toMatchObject({ allowed: false, reason: 'unit_not_serving' })
  expect(unitAssignee({}, demand)).toMatchObject({ allowed: false, reason: 'unit_not_serving' })
})
