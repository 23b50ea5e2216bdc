/** Registration and volunteer grant change together: verify, grant, revoke. */
import type { VolunteerRegistration } from '../contract/results'
import { AppError } from '../errors'
import type { RoleGrant } from '../roles'
import { revokedRegistration, verifiedRegistration, withVolunteerGrant } from './registration'

const decision = { at: 100, by: 'u-staff' }
const pending: VolunteerRegistration = {
  status: 'pending',
  skills: ['助老'],
  isPartyMember: true,
  workUnit: '区税务局',
  communityId: 'C1',
  appliedAt: 50,
}

describe('verifiedRegistration', () => {
  test('a pending registration of the community becomes verified, keeping what was applied with', () => {
    expect(verifiedRegistration(pending, 'C1', decision)).toEqual({ ...pending, status: 'verified', decidedAt: 100, decidedBy: 'u-staff' })
  })

  test('an earlier rejection or revocation in the community is replaced by the new decision', () => {
    const revoked = { ...pending, status: 'revoked' as const, decidedAt: 60, decidedBy: 'x', reason: '长期未参加' }
    expect(verifiedRegistration(revoked, 'C1', decision)).toEqual({ ...pending, status: 'verified', decidedAt: 100, decidedBy: 'u-staff' })
  })

  test('no registration, or a finished one elsewhere: a registration for the community', () => {
    const fresh = {
      status: 'verified',
      skills: [],
      isPartyMember: false,
      communityId: 'C1',
      appliedAt: 100,
      decidedAt: 100,
      decidedBy: 'u-staff',
    }
    expect(verifiedRegistration(undefined, 'C1', decision)).toEqual(fresh)
    expect(verifiedRegistration({ ...pending, communityId: 'C2', status: 'rejected' }, 'C1', decision)).toEqual(fresh)
  })

  test('already verified here: nothing to change', () => {
    expect(verifiedRegistration({ ...pending, status: 'verified' }, 'C1', decision)).toBeUndefined()
  })

  test('waiting or verified in another community: INVALID_STATE', () => {
    for (const status of ['pending', 'verified'] as const) {
      expect(() => verifiedRegistration({ ...pending, status, communityId: 'C2' }, 'C1', decision)).toThrow(AppError)
      expect(() => verifiedRegistration({ ...pending, status, communityId: 'C2' }, 'C1', decision)).toThrow(
        '该用户已在其他社区报到为志愿者',
      )
    }
  })
})

test('revokedRegistration marks only a registration verified for that community', () => {
  const verified = { ...pending, status: 'verified' as const, decidedAt: 60, decidedBy: 'x' }
  expect(revokedRegistration(verified, 'C1', decision)).toEqual({ ...pending, status: 'revoked', decidedAt: 100, decidedBy: 'u-staff' })
  expect(revokedRegistration(verified, 'C2', decision)).toBeUndefined()
  expect(revokedRegistration(pending, 'C1', decision)).toBeUndefined()
  expect(revokedRegistration(undefined, 'C1', decision)).toBeUndefined()
})

test('withVolunteerGrant leaves one volunteer grant, of the registration’s community', () => {
  const resident: RoleGrant = { role: 'resident', communityId: 'C2' }
  const here: RoleGrant = { role: 'volunteer', communityId: 'C1', streetId: 'S1' }
  const old: RoleGrant = { role: 'volunteer', communityId: 'C2', streetId: 'S1' }
  expect(withVolunteerGrant([resident, old], here)).toEqual({ grants: [resident, here], changed: true })
  expect(withVolunteerGrant([resident, here], here)).toEqual({ grants: [resident, here], changed: false })
  expect(withVolunteerGrant([here, old], here)).toEqual({ grants: [here], changed: true })
})
