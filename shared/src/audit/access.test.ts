import { AppError } from '../errors'
import type { Actor, RoleGrant } from '../roles'
import { auditScopeOf, auditStreetOf, needsCommunityStreet } from './access'

const actor = (...grants: RoleGrant[]): Actor => ({ userId: 'u', openid: 'o', name: '某人', grants })
const staff = actor({ role: 'community_staff', communityId: 'c1', streetId: 's1' })
const street = actor({ role: 'street_staff', streetId: 's1' })
const admin = actor({ role: 'admin' })

function code(run: () => unknown): string | undefined {
  try {
    run()
    return undefined
  } catch (error) {
    return (error as AppError).code
  }
}

describe('who reads which chain', () => {
  test('community staff: their own community, no other', () => {
    expect(auditScopeOf(staff, 'list', undefined)).toEqual({ chain: 'c1' })
    expect(auditScopeOf(staff, 'verify', 'c1')).toEqual({ chain: 'c1' })
    expect(code(() => auditScopeOf(staff, 'list', 'c2', 's1'))).toBe('FORBIDDEN')
    expect(needsCommunityStreet(staff, 'c1')).toBe(false)
  })

  test('street staff: a community of their street, and their street’s part of the global chain', () => {
    expect(needsCommunityStreet(street, 'c2')).toBe(true)
    expect(auditScopeOf(street, 'list', 'c2', 's1')).toEqual({ chain: 'c2' })
    expect(auditScopeOf(street, 'verify', 'c2', 's1')).toEqual({ chain: 'c2' })
    expect(code(() => auditScopeOf(street, 'list', 'c9', 's2'))).toBe('FORBIDDEN')
    expect(code(() => auditScopeOf(street, 'list', 'nowhere', undefined))).toBe('FORBIDDEN')
    expect(auditScopeOf(street, 'list', undefined)).toEqual({ chain: 'global', streetIds: ['s1'] })
    // Verifying needs the whole chain, and the global chain is not the street's alone.
    expect(code(() => auditScopeOf(street, 'verify', undefined))).toBe('FORBIDDEN')
  })

  test('admin: any chain, the global one by default', () => {
    expect(auditScopeOf(admin, 'list', undefined)).toEqual({ chain: 'global' })
    expect(auditScopeOf(admin, 'verify', undefined)).toEqual({ chain: 'global' })
    expect(auditScopeOf(admin, 'verify', 'c9')).toEqual({ chain: 'c9' })
    expect(needsCommunityStreet(admin, 'c9')).toBe(false)
  })

  test('everyone else is refused', () => {
    for (const role of ['resident', 'volunteer', 'grid_worker', 'unit_contact', 'committee_member'] as const) {
      const someone = actor({ role, communityId: 'c1', streetId: 's1' })
      expect(code(() => auditScopeOf(someone, 'list', undefined))).toBe('FORBIDDEN')
      expect(code(() => auditScopeOf(someone, 'list', 'c1', 's1'))).toBe('FORBIDDEN')
      expect(code(() => auditScopeOf(someone, 'verify', 'c1', 's1'))).toBe('FORBIDDEN')
    }
  })

  test('the street of a global entry: its own field, a street target, or the detail', () => {
    expect(auditStreetOf({ streetId: 's1', target: { type: 'user', id: 'u' } })).toBe('s1')
    expect(auditStreetOf({ target: { type: 'street', id: 's2' } })).toBe('s2')
    expect(auditStreetOf({ target: { type: 'user', id: 'u' }, detail: { role: 'street_staff', streetId: 's3' } })).toBe('s3')
    expect(auditStreetOf({ target: { type: 'user', id: 'u' }, detail: { role: 'admin' } })).toBeUndefined()
  })
})
