/**
 * The `org` function: the organisation directory, and who may grant or revoke which role.
 */
import type { RoleGrant } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'

const t = useHonglin()

const STREET = 'street-guoyuan'
const C1 = 'community-xinyuan'
const C2 = 'community-guoyuan-south'
const C3 = 'community-hongxing'
const G1 = `${C1}-grid-1`
const G2 = `${C1}-grid-2`

const budget = useRoundTripBudget(t)

beforeAll(() => {
  const base = { pointsBalance: 0, createdAt: 1, updatedAt: 1 }
  t.emulator.database.insertMany('users', [
    {
      ...base,
      _id: 'user-target',
      openid: 'wx-target',
      name: '待授权居民',
      grants: [{ role: 'resident', communityId: C1, streetId: STREET }],
    },
    {
      ...base,
      _id: 'user-staff-c2',
      openid: 'wx-staff-c2',
      name: '果园南 吴书记',
      grants: [{ role: 'community_staff', communityId: C2, streetId: STREET }],
    },
    {
      ...base,
      _id: 'user-street-other',
      openid: 'wx-street-other',
      name: '别的街道',
      grants: [{ role: 'street_staff', streetId: 'street-elsewhere' }],
    },
  ])
  t.emulator.database.insertMany('streets', [{ _id: 'street-elsewhere', name: '别处街道' }])
})

async function grantsOf(userId: string): Promise<RoleGrant[]> {
  return (await t.db.collection('users').where({ _id: userId }).get()).data[0].grants
}

describe('directory', () => {
  test('streets, communities by street, grids by community', async () => {
    const streets = await t.call('org', 'streets', {}, 'demo-resident')
    expect(streets.data.items.map((s: any) => s._id)).toEqual(expect.arrayContaining([STREET]))
    budget('org.streets', streets.stats, 2)

    const communities = await t.call('org', 'communities', { streetId: STREET }, 'demo-resident')
    expect(communities.data.items.map((c: any) => c._id).sort()).toEqual([C1, C2, C3].sort())
    expect(communities.data.items[0]).toMatchObject({ streetId: STREET })
    budget('org.communities', communities.stats, 2)
    // Both streets of the demo data: the three above and 幸福东社区 of 幸福街道.
    expect((await t.ok('org', 'communities', {}, 'demo-resident')).items).toHaveLength(4)
    expect((await t.ok('org', 'communities', { streetId: 'street-elsewhere' }, 'demo-resident')).items).toEqual([])

    const grids = await t.call('org', 'grids', { communityId: C1 }, 'demo-resident')
    expect(grids.data.items.map((g: any) => g._id)).toEqual([G1, G2, `${C1}-grid-3`, `${C1}-grid-4`])
    budget('org.grids', grids.stats, 2)
  })

  test('units of a community, with their resources; by default the caller’s own communities', async () => {
    const res = await t.call('org', 'units', { communityId: C1 }, 'demo-resident')
    expect(res.data.items).toHaveLength(5)
    expect(res.data.items.find((u: any) => u._id === 'unit-power')).toMatchObject({
      name: '国网供电所',
      resources: ['电路检修', '用电安全宣传'],
    })
    budget('org.units', res.stats, 2)
    expect((await t.ok('org', 'units', {}, 'demo-unit')).items).toHaveLength(5)
    const street = await t.call('org', 'units', {}, 'demo-street')
    expect(street.data.items).toHaveLength(5)
    budget('org.units (street staff, no community)', street.stats, 3)
    expect((await t.ok('org', 'units', {}, 'demo-admin')).items).toHaveLength(5)
    expect((await t.ok('org', 'units', { communityId: 'community-nowhere' }, 'demo-resident')).items).toEqual([])
  })

  test('the 大党委 of a community: members with their unit, and no personal data', async () => {
    const res = await t.call('org', 'committee', { communityId: C1 }, 'demo-resident')
    const byUser = Object.fromEntries(res.data.items.map((m: any) => [m.userId, m]))
    expect(byUser['user-committee']).toMatchObject({
      name: '周委员',
      title: '兼职委员',
      unit: { _id: 'unit-school', name: '第五十七中学', type: '学校' },
    })
    expect(byUser['user-staff']).toMatchObject({ name: '刘书记', title: '书记', unit: null })
    expect(JSON.stringify(res.data)).not.toContain('1380000')
    budget('org.committee', res.stats, 2)
  })

  test('unknown actions and unregistered callers are refused', async () => {
    expect((await t.call('org', 'nope', {}, 'demo-resident')).error!.code).toBe('UNKNOWN_ACTION')
    expect((await t.call('org', 'streets', {}, 'wx-stranger')).error!.code).toBe('NOT_REGISTERED')
  })
})

describe('grantRole / revokeRole', () => {
  test('community staff grant and revoke community roles in their own community', async () => {
    const grant = await t.call('org', 'grantRole', { userId: 'user-target', role: 'volunteer', communityId: C1 }, 'demo-staff')
    expect(grant.ok).toBe(true)
    expect(grant.data.grants).toContainEqual({ role: 'volunteer', communityId: C1, streetId: STREET })
    budget('org.grantRole (volunteer)', grant.stats, 9)
    expect(await grantsOf('user-target')).toContainEqual({ role: 'volunteer', communityId: C1, streetId: STREET })

    const same = await t.call('org', 'grantRole', { userId: 'user-target', role: 'volunteer', communityId: C1 }, 'demo-staff')
    expect(same.data.changed).toBe(false)
    expect((await grantsOf('user-target')).filter((g) => g.role === 'volunteer')).toHaveLength(1)

    const revoke = await t.call('org', 'revokeRole', { userId: 'user-target', role: 'volunteer', communityId: C1 }, 'demo-staff')
    expect(revoke.ok).toBe(true)
    expect(revoke.data.grants).toEqual([{ role: 'resident', communityId: C1, streetId: STREET }])
    budget('org.revokeRole', revoke.stats, 8)
    expect(await grantsOf('user-target')).toEqual([{ role: 'resident', communityId: C1, streetId: STREET }])

    const again = await t.call('org', 'revokeRole', { userId: 'user-target', role: 'volunteer', communityId: C1 }, 'demo-staff')
    expect(again.error).toMatchObject({ code: 'NOT_FOUND', message: '该用户没有此角色' })
  })

  test('a grid worker owns grids of that community; granting again updates the grids', async () => {
    const first = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'grid_worker', communityId: C1, gridIds: [G2, G1] },
      'demo-staff',
    )
    expect(first.data.grants).toContainEqual({ role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [G1, G2] })
    budget('org.grantRole (grid worker)', first.stats, 10)
    const moved = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'grid_worker', communityId: C1, gridIds: [`${C1}-grid-3`] },
      'demo-staff',
    )
    expect(moved.data.changed).toBe(true)
    const stored = (await grantsOf('user-target')).filter((g) => g.role === 'grid_worker')
    expect(stored).toEqual([{ role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [`${C1}-grid-3`] }])

    const foreign = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'grid_worker', communityId: C1, gridIds: [`${C2}-grid-1`] },
      'demo-staff',
    )
    expect(foreign.error).toMatchObject({ code: 'INVALID_INPUT', fields: { gridIds: '所选网格不属于该社区' } })
    const unknown = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'grid_worker', communityId: C1, gridIds: ['grid-nowhere'] },
      'demo-staff',
    )
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该网格' })
    const none = await t.call('org', 'grantRole', { userId: 'user-target', role: 'grid_worker', communityId: C1 }, 'demo-staff')
    expect(none.error).toMatchObject({ code: 'INVALID_INPUT', fields: { gridIds: '请选择网格' } })

    await t.ok('org', 'revokeRole', { userId: 'user-target', role: 'grid_worker', communityId: C1 }, 'demo-staff')
    expect((await grantsOf('user-target')).some((g) => g.role === 'grid_worker')).toBe(false)
  })

  test('unit contacts and committee members name a unit serving the community; the committee list follows', async () => {
    const unit = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'unit_contact', communityId: C1, unitId: 'unit-bank' },
      'demo-staff',
    )
    expect(unit.data.grants).toContainEqual({ role: 'unit_contact', communityId: C1, streetId: STREET, unitId: 'unit-bank' })
    const noUnit = await t.call('org', 'grantRole', { userId: 'user-target', role: 'unit_contact', communityId: C1 }, 'demo-staff')
    expect(noUnit.error).toMatchObject({ code: 'INVALID_INPUT', fields: { unitId: '请选择共建单位' } })
    const ghost = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'unit_contact', communityId: C1, unitId: 'unit-ghost' },
      'demo-staff',
    )
    expect(ghost.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该共建单位' })
    t.emulator.database.insertMany('units', [{ _id: 'unit-far', name: '外区单位', communityIds: ['community-far'], resources: [] }])
    const far = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'unit_contact', communityId: C1, unitId: 'unit-far' },
      'demo-staff',
    )
    expect(far.error).toMatchObject({ code: 'INVALID_INPUT', fields: { unitId: '该单位不是本社区的共建单位' } })

    const member = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'committee_member', communityId: C1, unitId: 'unit-bank' },
      'demo-staff',
    )
    expect(member.ok).toBe(true)
    budget('org.grantRole (committee member)', member.stats, 13)
    let committee = (await t.ok('org', 'committee', { communityId: C1 }, 'demo-resident')).items
    expect(committee.find((m: any) => m.userId === 'user-target')).toMatchObject({
      name: '待授权居民',
      unit: { _id: 'unit-bank', name: '农商银行支行' },
    })

    const off = await t.call('org', 'revokeRole', { userId: 'user-target', role: 'committee_member', communityId: C1 }, 'demo-staff')
    budget('org.revokeRole (committee member)', off.stats, 11)
    committee = (await t.ok('org', 'committee', { communityId: C1 }, 'demo-resident')).items
    expect(committee.some((m: any) => m.userId === 'user-target')).toBe(false)
    await t.ok('org', 'revokeRole', { userId: 'user-target', role: 'unit_contact', communityId: C1, unitId: 'unit-bank' }, 'demo-staff')
    expect((await grantsOf('user-target')).map((g) => g.role)).toEqual(['resident'])
  })

  test('community staff never hand out staff, street or admin roles, nor roles in another community', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['community_staff in own community', { role: 'community_staff', communityId: C1 }],
      ['street_staff', { role: 'street_staff', streetId: STREET }],
      ['admin', { role: 'admin' }],
      ['volunteer in another community', { role: 'volunteer', communityId: C2 }],
      ['grid worker in another community', { role: 'grid_worker', communityId: C2, gridIds: [`${C2}-grid-1`] }],
    ]
    for (const [label, grant] of cases) {
      const res = await t.call('org', 'grantRole', { userId: 'user-target', ...grant }, 'demo-staff')
      expect([label, res.error?.code]).toEqual([label, 'FORBIDDEN'])
      const revoke = await t.call('org', 'revokeRole', { userId: 'user-volunteer', ...grant }, 'demo-staff')
      expect([label, revoke.error?.code]).toEqual([label, 'FORBIDDEN'])
    }
    // Nor can they take away the roles of another community's staff.
    const other = await t.call('org', 'revokeRole', { userId: 'user-volunteer', role: 'volunteer', communityId: C1 }, 'wx-staff-c2')
    expect(other.error!.code).toBe('FORBIDDEN')
    expect(await grantsOf('user-target')).toEqual([{ role: 'resident', communityId: C1, streetId: STREET }])
  })

  test('residents, volunteers, grid workers, unit contacts and committee members manage no roles', async () => {
    for (const openid of ['demo-resident', 'demo-volunteer', 'demo-grid', 'demo-unit', 'demo-committee']) {
      const res = await t.call('org', 'grantRole', { userId: 'user-target', role: 'volunteer', communityId: C1 }, openid)
      expect([openid, res.error?.code]).toEqual([openid, 'FORBIDDEN'])
      budget('org.grantRole (refused)', res.stats, 1)
      const revoke = await t.call('org', 'revokeRole', { userId: 'user-volunteer', role: 'volunteer', communityId: C1 }, openid)
      expect([openid, revoke.error?.code]).toEqual([openid, 'FORBIDDEN'])
    }
    expect(await grantsOf('user-volunteer')).toContainEqual({ role: 'volunteer', communityId: C1, streetId: STREET })
  })

  test('street staff appoint community staff in their street’s communities only', async () => {
    const res = await t.call('org', 'grantRole', { userId: 'user-target', role: 'community_staff', communityId: C3 }, 'demo-street')
    expect(res.data.grants).toContainEqual({ role: 'community_staff', communityId: C3, streetId: STREET })
    const elsewhere = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'community_staff', communityId: C3 },
      'wx-street-other',
    )
    expect(elsewhere.error!.code).toBe('FORBIDDEN')
    const volunteer = await t.call('org', 'grantRole', { userId: 'user-target', role: 'volunteer', communityId: C3 }, 'demo-street')
    expect(volunteer.error!.code).toBe('FORBIDDEN')
    const street = await t.call('org', 'grantRole', { userId: 'user-target', role: 'street_staff', streetId: STREET }, 'demo-street')
    expect(street.error!.code).toBe('FORBIDDEN')

    // The new staff member now manages C3's roles.
    const byNewStaff = await t.call('org', 'grantRole', { userId: 'user-resident-2', role: 'volunteer', communityId: C3 }, 'wx-target')
    expect(byNewStaff.ok).toBe(true)
    await t.ok('org', 'revokeRole', { userId: 'user-resident-2', role: 'volunteer', communityId: C3 }, 'wx-target')

    const otherStreet = await t.call(
      'org',
      'revokeRole',
      { userId: 'user-target', role: 'community_staff', communityId: C3 },
      'wx-street-other',
    )
    expect(otherStreet.error!.code).toBe('FORBIDDEN')
    const revoke = await t.call('org', 'revokeRole', { userId: 'user-target', role: 'community_staff', communityId: C3 }, 'demo-street')
    expect(revoke.data.grants.some((g: RoleGrant) => g.role === 'community_staff')).toBe(false)
  })

  test('admins grant and revoke anything; references must exist', async () => {
    const street = await t.call('org', 'grantRole', { userId: 'user-target', role: 'street_staff', streetId: STREET }, 'demo-admin')
    expect(street.data.grants).toContainEqual({ role: 'street_staff', streetId: STREET })
    const admin = await t.call('org', 'grantRole', { userId: 'user-target', role: 'admin' }, 'demo-admin')
    expect(admin.data.grants).toContainEqual({ role: 'admin' })
    await t.ok('org', 'revokeRole', { userId: 'user-target', role: 'admin' }, 'demo-admin')
    await t.ok('org', 'revokeRole', { userId: 'user-target', role: 'street_staff', streetId: STREET }, 'demo-admin')
    expect(await grantsOf('user-target')).toEqual([{ role: 'resident', communityId: C1, streetId: STREET }])

    const noStreet = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'street_staff', streetId: 'street-nowhere' },
      'demo-admin',
    )
    expect(noStreet.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该街道' })
    const noCommunity = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'volunteer', communityId: 'community-nowhere' },
      'demo-admin',
    )
    expect(noCommunity.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该社区' })
    const missingCommunity = await t.call('org', 'grantRole', { userId: 'user-target', role: 'volunteer' }, 'demo-admin')
    expect(missingCommunity.error).toMatchObject({ code: 'INVALID_INPUT', fields: { communityId: '请选择社区' } })
    const wrongStreet = await t.call(
      'org',
      'grantRole',
      { userId: 'user-target', role: 'volunteer', communityId: C1, streetId: 'street-elsewhere' },
      'demo-admin',
    )
    expect(wrongStreet.error).toMatchObject({ code: 'INVALID_INPUT', fields: { streetId: '该社区不属于所选街道' } })
    const noUser = await t.call('org', 'grantRole', { userId: 'user-nobody', role: 'volunteer', communityId: C1 }, 'demo-admin')
    expect(noUser.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该用户' })
    const badRole = await t.call('org', 'grantRole', { userId: 'user-target', role: 'mayor', communityId: C1 }, 'demo-admin')
    expect(badRole.error!.code).toBe('INVALID_INPUT')
    expect(await grantsOf('user-target')).toEqual([{ role: 'resident', communityId: C1, streetId: STREET }])
  })
})
