/** Who may grant or revoke which role to whom, and what grants become. */
import type { Actor, Role, RoleGrant } from '../roles'
import {
  CommunityRoles,
  RoleChangeRefusals,
  mayManage,
  roleChangeRefusal,
  sameScope,
  withGrant,
  withoutGrants,
  type RoleChange,
  type RoleChangeKind,
} from './grants'

const person = (userId: string, grants: RoleGrant[]): Actor => ({ userId, openid: userId, name: userId, grants })

const staff = person('u-staff', [{ role: 'community_staff', communityId: 'C1', streetId: 'S1' }])
const street = person('u-street', [{ role: 'street_staff', streetId: 'S1' }])
const admin = person('u-admin', [{ role: 'admin' }])
const volunteer = person('u-vol', [{ role: 'volunteer', communityId: 'C1', streetId: 'S1' }])

const change = (kind: RoleChangeKind, role: Role, extra: Partial<RoleChange> = {}): RoleChange => ({
  kind,
  userId: 'u-target',
  role,
  ...extra,
})

const ALL_ROLES: Role[] = [...CommunityRoles, 'community_staff', 'street_staff', 'admin']
const KINDS: RoleChangeKind[] = ['grant', 'revoke']

describe('nobody changes their own roles', () => {
  test.each([staff, street, admin, volunteer])('$userId: any role, granted or revoked, is FORBIDDEN', (actor) => {
    for (const kind of KINDS) {
      for (const role of ALL_ROLES) {
        const self = change(kind, role, { userId: actor.userId, communityId: 'C1', streetId: 'S1' })
        expect(roleChangeRefusal(actor, self)).toEqual({ code: 'FORBIDDEN', message: RoleChangeRefusals.self })
      }
    }
  })
})

describe('which roles, where', () => {
  test('community staff: the community roles of their own community only', () => {
    for (const kind of KINDS) {
      for (const role of CommunityRoles) {
        expect(roleChangeRefusal(staff, change(kind, role, { communityId: 'C1', streetId: 'S1' }))).toBeUndefined()
        expect(roleChangeRefusal(staff, change(kind, role, { communityId: 'C2', streetId: 'S1' }))).toMatchObject({ code: 'FORBIDDEN' })
      }
      for (const role of ['community_staff', 'street_staff', 'admin'] as Role[])
        expect(roleChangeRefusal(staff, change(kind, role, { communityId: 'C1', streetId: 'S1' }))).toMatchObject({ code: 'FORBIDDEN' })
    }
  })

  test('street staff: community staff of their street only', () => {
    for (const kind of KINDS) {
      expect(roleChangeRefusal(street, change(kind, 'community_staff', { communityId: 'C3', streetId: 'S1' }))).toBeUndefined()
      expect(roleChangeRefusal(street, change(kind, 'community_staff', { communityId: 'C9', streetId: 'S2' }))).toMatchObject({
        code: 'FORBIDDEN',
      })
      for (const role of [...CommunityRoles, 'street_staff', 'admin'] as Role[])
        expect(roleChangeRefusal(street, change(kind, role, { communityId: 'C3', streetId: 'S1' }))).toMatchObject({ code: 'FORBIDDEN' })
    }
  })

  test('admins: any role anywhere', () => {
    for (const kind of KINDS)
      for (const role of ALL_ROLES)
        expect(roleChangeRefusal(admin, change(kind, role, { communityId: 'C7', streetId: 'S9' }))).toBeUndefined()
  })

  test('before the scope is known, only a caller who could never manage the role is refused', () => {
    expect(roleChangeRefusal(staff, change('grant', 'volunteer'))).toBeUndefined()
    expect(roleChangeRefusal(street, change('grant', 'community_staff', { communityId: 'C3' }))).toBeUndefined()
    expect(roleChangeRefusal(volunteer, change('grant', 'volunteer'))).toMatchObject({
      code: 'FORBIDDEN',
      message: RoleChangeRefusals.role,
    })
  })

  test('mayManage keeps its meaning', () => {
    expect(mayManage(staff, 'grid_worker', { communityId: 'C1' })).toBe(true)
    expect(mayManage(staff, 'grid_worker', {})).toBe(false)
    expect(mayManage(street, 'community_staff', { streetId: 'S1' })).toBe(true)
    expect(mayManage(street, 'community_staff', { communityId: 'C1' })).toBe(false)
    expect(mayManage(admin, 'street_staff', {})).toBe(true)
  })
})

describe('to whom', () => {
  const grantHere = change('grant', 'volunteer', { communityId: 'C1', streetId: 'S1' })

  test('people of the same street, or attached nowhere yet', () => {
    expect(roleChangeRefusal(staff, grantHere, { targetGrants: [] })).toBeUndefined()
    expect(roleChangeRefusal(staff, grantHere, { targetGrants: [{ role: 'resident' }] })).toBeUndefined()
    expect(roleChangeRefusal(staff, grantHere, { targetGrants: [{ role: 'resident', communityId: 'C2', streetId: 'S1' }] })).toBeUndefined()
  })

  test('not people of another street, nor admins', () => {
    expect(roleChangeRefusal(staff, grantHere, { targetGrants: [{ role: 'resident', communityId: 'C8', streetId: 'S2' }] })).toEqual({
      code: 'FORBIDDEN',
      message: RoleChangeRefusals.elsewhere,
    })
    expect(
      roleChangeRefusal(street, change('grant', 'community_staff', { communityId: 'C1', streetId: 'S1' }), {
        targetGrants: [{ role: 'street_staff', streetId: 'S2' }],
      }),
    ).toMatchObject({ code: 'FORBIDDEN', message: RoleChangeRefusals.elsewhere })
    expect(roleChangeRefusal(staff, grantHere, { targetGrants: [{ role: 'admin' }] })).toEqual({
      code: 'FORBIDDEN',
      message: RoleChangeRefusals.adminTarget,
    })
  })

  test('admins grant to anyone; revoking within one’s scope does not ask where the person belongs', () => {
    expect(roleChangeRefusal(admin, grantHere, { targetGrants: [{ role: 'resident', streetId: 'S2' }, { role: 'admin' }] })).toBeUndefined()
    const revoke = change('revoke', 'volunteer', { communityId: 'C1', streetId: 'S1' })
    expect(
      roleChangeRefusal(staff, revoke, { targetGrants: [{ role: 'unit_contact', communityId: 'C8', streetId: 'S2' }] }),
    ).toBeUndefined()
  })
})

describe('the last admin', () => {
  const revokeAdmin = change('revoke', 'admin')

  test('is never revoked; with two, one may be', () => {
    expect(roleChangeRefusal(admin, revokeAdmin, { adminCount: 1 })).toEqual({
      code: 'INVALID_STATE',
      message: RoleChangeRefusals.lastAdmin,
    })
    expect(roleChangeRefusal(admin, revokeAdmin, { adminCount: 0 })).toMatchObject({ code: 'INVALID_STATE' })
    expect(roleChangeRefusal(admin, revokeAdmin, { adminCount: 2 })).toBeUndefined()
    expect(roleChangeRefusal(admin, change('grant', 'admin'), { adminCount: 1 })).toBeUndefined()
  })
})

describe('grants', () => {
  const grid = (gridIds: string[]): RoleGrant => ({ role: 'grid_worker', communityId: 'C1', streetId: 'S1', gridIds })
  const resident: RoleGrant = { role: 'resident', communityId: 'C1', streetId: 'S1' }

  test('a new key is appended; the identical grant held once changes nothing', () => {
    const added = withGrant([resident], grid(['G1']))
    expect(added).toEqual({ grants: [resident, grid(['G1'])], changed: true })
    expect(withGrant(added.grants, grid(['G1']))).toEqual({ grants: added.grants, changed: false })
  })

  test('narrowing replaces the grant whole, in place, and removes copies an older race left', () => {
    const raced = [grid(['G1', 'G2']), resident, grid(['G1', 'G2'])]
    expect(withGrant(raced, grid(['G2']))).toEqual({ grants: [grid(['G2']), resident], changed: true })
    expect(withGrant([grid(['G1']), resident, grid(['G1'])], grid(['G1']))).toEqual({ grants: [grid(['G1']), resident], changed: true })
  })

  test('keys: one role per community, per unit for unit contacts, per street for street staff, one admin', () => {
    expect(sameScope({ role: 'volunteer', communityId: 'C1' }, { role: 'volunteer', communityId: 'C1', streetId: 'S1' })).toBe(true)
    expect(sameScope({ role: 'volunteer', communityId: 'C1' }, { role: 'volunteer', communityId: 'C2' })).toBe(false)
    expect(
      sameScope({ role: 'unit_contact', communityId: 'C1', unitId: 'a' }, { role: 'unit_contact', communityId: 'C1', unitId: 'b' }),
    ).toBe(false)
    expect(
      sameScope({ role: 'committee_member', communityId: 'C1', unitId: 'a' }, { role: 'committee_member', communityId: 'C1', unitId: 'b' }),
    ).toBe(true)
    expect(sameScope({ role: 'street_staff', streetId: 'S1' }, { role: 'street_staff', streetId: 'S2' })).toBe(false)
    expect(sameScope({ role: 'admin' }, { role: 'admin', streetId: 'S1' })).toBe(true)
  })

  test('revoking removes every grant the matcher picks out', () => {
    const grants = [
      resident,
      { role: 'volunteer', communityId: 'C1' },
      { role: 'volunteer', communityId: 'C1', streetId: 'S1' },
    ] as RoleGrant[]
    expect(withoutGrants(grants, { role: 'volunteer', communityId: 'C1' })).toEqual([resident])
  })
})
