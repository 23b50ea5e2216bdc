/**
 * Trust between roles, through the real functions: nobody serves (and is paid for) their own
 * order, reported hours fit the time worked, roles are changed only by those who may and
 * never by oneself, the volunteer registration and the volunteer grant never disagree, role
 * changes are atomic, idempotent and audited, and retried registrations and progress notes
 * change nothing the second time.
 */
import type { Demand, RoleGrant } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, C2, G1, G2, OPENID, STREET, USER, demandInput, driveTo, insertUsers, readDemand, requestId } from './support/demands'
import { eventsSeenBy, sendQueued } from './support/inbox'

const t = useHonglin()
const budget = useRoundTripBudget(t)

afterEach(() => t.emulator.clock.reset())

const VERIFIED_C1 = { status: 'verified', skills: ['助老'], isPartyMember: false, communityId: C1, gridId: G1, appliedAt: 1 }
const VOLUNTEER_C1: RoleGrant = { role: 'volunteer', communityId: C1, streetId: STREET }

async function userDoc(id: string): Promise<any> {
  return (await t.db.collection('users').where({ _id: id }).get()).data[0]
}

const grantsOf = async (id: string): Promise<RoleGrant[]> => (await userDoc(id)).grants

function allDocs(collection: string): Record<string, any>[] {
  return t.emulator.database.listDocuments(collection, { skip: 0, limit: 100_000 }).docs
}

const auditOf = (action: string, userId: string) => allDocs('audit_log').filter((e) => e.action === action && e.target?.id === userId)
const committeeRowsOf = (userId: string) => allDocs('committee_members').filter((r) => r.userId === userId && r.communityId === C1)
const admins = () => allDocs('users').filter((u) => (u.grants ?? []).some((g: RoleGrant) => g.role === 'admin'))

async function notesTo(userId: string, type: string, demandId?: string): Promise<any[]> {
  return (await eventsSeenBy(t, userId)).filter((n: any) => n.type === type && (demandId === undefined || n.demandId === demandId))
}

/** A demand ordered by `openid`, accepted and published to the hall. */
async function openDemandOf(openid: string, input = demandInput()): Promise<Demand> {
  const d: Demand = await t.ok('demand', 'create', input, openid)
  await t.ok('dispatch', 'accept', { id: d._id }, OPENID.staff)
  return t.ok('dispatch', 'publish', { id: d._id }, OPENID.staff)
}

describe('nobody serves their own order', () => {
  test('the owner, a verified volunteer, cannot claim their demand from the hall, nor be assigned or suggested', async () => {
    const d = await openDemandOf(OPENID.volunteer, demandInput('service', { contactName: '王小红', contactPhone: '13800000003' }))
    const claim = await t.call('task', 'claim', { id: d._id }, OPENID.volunteer)
    expect(claim.error).toMatchObject({ code: 'FORBIDDEN', message: '不能认领自己的点单' })
    expect(claim.stats.docsWritten).toBe(0)
    expect((await readDemand(t, d._id)).status).toBe('open')
    const inHall = (await t.ok('task', 'hall', {}, OPENID.volunteer)).items.find((x: Demand) => x._id === d._id)
    expect(inHall.availableActions).not.toContain('claim')

    const accepted: Demand = await t.ok('demand', 'create', demandInput(), OPENID.volunteer)
    await t.ok('dispatch', 'accept', { id: accepted._id }, OPENID.staff)
    const suggested = await t.ok('dispatch', 'suggest', { id: accepted._id }, OPENID.staff)
    expect(suggested.volunteers.map((v: { id: string }) => v.id)).not.toContain(USER.volunteer)
    const assign = await t.call(
      'dispatch',
      'assign',
      { id: accepted._id, assignee: { type: 'volunteer', id: USER.volunteer } },
      OPENID.staff,
    )
    expect(assign.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'assignee.id': '不能由点单人本人承接自己的点单' } })
  })

  test('a grid worker who is also a volunteer cannot claim what they ordered on a resident’s behalf; another volunteer can', async () => {
    insertUsers(t, [
      {
        _id: 't-grid-volunteer',
        name: '网格志愿者',
        grants: [{ role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [G1, G2] }, VOLUNTEER_C1],
        volunteer: VERIFIED_C1,
      },
    ])
    const d: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('wish', { ownerName: '孙奶奶', ownerPhone: '13900000031' }),
      't-grid-volunteer',
    )
    await t.ok('dispatch', 'accept', { id: d._id }, OPENID.staff)
    await t.ok('dispatch', 'publish', { id: d._id }, OPENID.staff)
    expect((await t.call('task', 'claim', { id: d._id }, 't-grid-volunteer')).error?.code).toBe('FORBIDDEN')
    expect((await t.ok('task', 'claim', { id: d._id }, OPENID.volunteer2)).assignee.id).toBe(USER.volunteer2)
  })
})

describe('service hours', () => {
  test('24 hours a minute after starting are refused on field hours; hours within the time worked are recorded', async () => {
    const d = await driveTo(t, 'in_progress')
    t.emulator.clock.advance(60_000)
    const tooMany = await t.call('task', 'complete', { id: d._id, note: '已完成', hours: 24 }, OPENID.volunteer)
    expect(tooMany.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { hours: expect.stringMatching(/^服务时长不能超过开始服务以来的时间（目前最多 1 小时）$/) },
    })
    expect(tooMany.stats.docsWritten).toBe(0)
    expect((await readDemand(t, d._id)).status).toBe('in_progress')

    t.emulator.clock.advance(3 * 3_600_000)
    const done = await t.ok('task', 'complete', { id: d._id, note: '已完成', hours: 4 }, OPENID.volunteer)
    expect(done.completion.hours).toBe(4)
  })
})

describe('who may change which role of whom', () => {
  test('nobody grants or revokes their own roles', async () => {
    const cases: [string, string, string, Record<string, unknown>][] = [
      ['grantRole', OPENID.staff, USER.staff, { role: 'volunteer', communityId: C1 }],
      ['grantRole', OPENID.staff, USER.staff, { role: 'grid_worker', communityId: C1, gridIds: [G1] }],
      ['grantRole', OPENID.staff, USER.staff, { role: 'unit_contact', communityId: C1, unitId: 'unit-bank' }],
      ['grantRole', OPENID.street, USER.street, { role: 'community_staff', communityId: C1 }],
      ['grantRole', OPENID.admin, USER.admin, { role: 'street_staff', streetId: STREET }],
      ['revokeRole', OPENID.street, USER.street, { role: 'street_staff', streetId: STREET }],
      ['revokeRole', OPENID.admin, USER.admin, { role: 'admin' }],
    ]
    for (const [action, openid, userId, grant] of cases) {
      const before = await grantsOf(userId)
      const res = await t.call('org', action, { userId, ...grant }, openid)
      expect([openid, action, grant.role, res.error]).toEqual([
        openid,
        action,
        grant.role,
        { code: 'FORBIDDEN', message: '不能为自己授予或撤销角色' },
      ])
      budget('org.grantRole (self, refused)', res.stats, 1)
      expect(await grantsOf(userId)).toEqual(before)
    }
    // So staff cannot make themselves volunteers and claim what they just published.
    const d = await driveTo(t, 'open')
    expect((await t.call('task', 'claim', { id: d._id }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
  })

  test('staff grant only in their community or street, and only to people of their street or attached nowhere yet', async () => {
    t.emulator.database.insertMany('streets', [{ _id: 'street-far', name: '远处街道' }])
    insertUsers(t, [
      { _id: 't-far', name: '外街道居民', grants: [{ role: 'resident', communityId: 'community-far', streetId: 'street-far' }] },
      { _id: 't-new', name: '新用户', grants: [{ role: 'resident' }] },
    ])
    const refused = async (openid: string, params: Record<string, unknown>) => (await t.call('org', 'grantRole', params, openid)).error
    expect(await refused(OPENID.staff, { userId: 't-far', role: 'volunteer', communityId: C1 })).toEqual({
      code: 'FORBIDDEN',
      message: '该用户属于其他街道，不能为其授予角色',
    })
    expect(await refused(OPENID.street, { userId: 't-far', role: 'community_staff', communityId: 'community-hongxing' })).toMatchObject({
      code: 'FORBIDDEN',
    })
    expect(await refused(OPENID.staff, { userId: USER.admin, role: 'resident', communityId: C1 })).toEqual({
      code: 'FORBIDDEN',
      message: '管理员的角色只能由管理员调整',
    })
    expect(await refused(OPENID.staff, { userId: 't-new', role: 'volunteer', communityId: C2 })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await grantsOf('t-far')).toEqual([{ role: 'resident', communityId: 'community-far', streetId: 'street-far' }])
    expect(await grantsOf('t-new')).toEqual([{ role: 'resident' }])

    await t.ok('org', 'grantRole', { userId: 't-new', role: 'resident', communityId: C1 }, OPENID.staff)
    await t.ok('org', 'grantRole', { userId: 't-far', role: 'resident', communityId: C1 }, OPENID.admin)
  })

  test('of two admins one may be revoked, never the last; two admins revoking each other at once leave one', async () => {
    insertUsers(t, [{ _id: 't-admin-2', name: '第二管理员', grants: [{ role: 'admin' }] }])
    const first = await t.call('org', 'revokeRole', { userId: USER.admin, role: 'admin' }, 't-admin-2')
    expect(first.ok).toBe(true)
    budget('org.revokeRole (admin)', first.stats, 11)
    expect(admins().map((u) => u._id)).toEqual(['t-admin-2'])
    expect((await t.call('org', 'revokeRole', { userId: 't-admin-2', role: 'admin' }, 't-admin-2')).error?.code).toBe('FORBIDDEN')
    expect((await t.call('org', 'revokeRole', { userId: 't-admin-2', role: 'admin' }, OPENID.admin)).error?.code).toBe('FORBIDDEN')
    expect(admins().map((u) => u._id)).toEqual(['t-admin-2'])
    await t.ok('org', 'grantRole', { userId: USER.admin, role: 'admin' }, 't-admin-2')

    insertUsers(t, [
      { _id: 't-admin-a', name: '管理员甲', grants: [{ role: 'admin' }] },
      { _id: 't-admin-b', name: '管理员乙', grants: [{ role: 'admin' }] },
    ])
    const [a, b] = await Promise.all([
      t.call('org', 'revokeRole', { userId: 't-admin-b', role: 'admin' }, 't-admin-a'),
      t.call('org', 'revokeRole', { userId: 't-admin-a', role: 'admin' }, 't-admin-b'),
    ])
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
    expect(admins().filter((u) => u._id === 't-admin-a' || u._id === 't-admin-b')).toHaveLength(1)
  })
})

describe('one source of truth for "a volunteer here"', () => {
  test('a revoked volunteer is neither suggested, nor assignable, nor can claim; the registration says revoked', async () => {
    insertUsers(t, [{ _id: 't-vol', name: '待撤销志愿者', grants: [VOLUNTEER_C1], volunteer: VERIFIED_C1 }])
    const d = await driveTo(t, 'accepted')
    const ids = async () => (await t.ok('dispatch', 'suggest', { id: d._id }, OPENID.staff)).volunteers.map((v: { id: string }) => v.id)
    expect(await ids()).toContain('t-vol')
    const earlier = await driveTo(t, 'accepted')
    await t.ok('dispatch', 'assign', { id: earlier._id, assignee: { type: 'volunteer', id: 't-vol' } }, OPENID.staff)

    await t.ok('org', 'revokeRole', { userId: 't-vol', role: 'volunteer', communityId: C1 }, OPENID.staff)
    const stored = await userDoc('t-vol')
    expect(stored.grants.some((g: RoleGrant) => g.role === 'volunteer')).toBe(false)
    expect(stored.volunteer).toMatchObject({ status: 'revoked', decidedBy: USER.staff })
    const listed = await t.ok('user', 'volunteers', { communityId: C1, status: 'revoked' }, OPENID.staff)
    expect(listed.items.map((v: { userId: string }) => v.userId)).toContain('t-vol')

    expect(await ids()).not.toContain('t-vol')
    const assign = await t.call('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: 't-vol' } }, OPENID.staff)
    expect(assign.error).toMatchObject({ code: 'INVALID_INPUT', fields: { 'assignee.id': '只能派给本社区已认证的志愿者' } })
    const open = await driveTo(t, 'open')
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain((await t.call('task', 'claim', { id: open._id }, 't-vol')).error?.code)
    expect((await t.call('task', 'hall', {}, 't-vol')).error?.code).toBe('FORBIDDEN')
    // An assignment made before: no longer accepted, only handed back.
    expect((await t.call('task', 'accept', { id: earlier._id }, 't-vol')).error).toMatchObject({
      code: 'FORBIDDEN',
      message: '您已不是本社区认证的志愿者，不能接单，请退单',
    })
    expect(await t.ok('task', 'decline', { id: earlier._id, reason: '已不是志愿者' }, 't-vol')).toMatchObject({ status: 'accepted' })
  })

  test('a registration left verified without its grant (or a grant without a verified registration) counts for nothing', async () => {
    insertUsers(t, [
      { _id: 't-registration-only', name: '只有报到', grants: [], volunteer: VERIFIED_C1 },
      { _id: 't-grant-only', name: '只有角色', grants: [VOLUNTEER_C1], volunteer: { ...VERIFIED_C1, status: 'pending' } },
    ])
    const d = await driveTo(t, 'accepted')
    const suggested = (await t.ok('dispatch', 'suggest', { id: d._id }, OPENID.staff)).volunteers.map((v: { id: string }) => v.id)
    for (const id of ['t-registration-only', 't-grant-only']) {
      expect(suggested).not.toContain(id)
      const res = await t.call('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id } }, OPENID.staff)
      expect([id, res.error?.code]).toEqual([id, 'INVALID_INPUT'])
    }
    const open = await driveTo(t, 'open')
    expect((await t.call('task', 'claim', { id: open._id }, 't-grant-only')).ok).toBe(false)
  })

  test('registering in a second community takes the first community’s volunteer grant away in the same write', async () => {
    insertUsers(t, [{ _id: 't-mover', name: '搬家志愿者', phone: '13900000041', grants: [VOLUNTEER_C1], volunteer: VERIFIED_C1 }])
    const res = await t.call(
      'user',
      'registerVolunteer',
      { name: '搬家志愿者', phone: '13900000041', skills: ['助老'], isPartyMember: false, communityId: C2 },
      't-mover',
    )
    expect(res.data.volunteer).toMatchObject({ status: 'pending', communityId: C2 })
    expect(res.data.grants).toEqual([])
    budget('user.registerVolunteer (moving)', res.stats, 7)
    const stored = await userDoc('t-mover')
    expect(stored.grants).toEqual([])
    expect(stored.volunteer).toMatchObject({ status: 'pending', communityId: C2 })
    expect((await t.call('task', 'hall', {}, 't-mover')).error?.code).toBe('FORBIDDEN')
    const open = await driveTo(t, 'open')
    expect((await t.call('task', 'claim', { id: open._id }, 't-mover')).ok).toBe(false)
  })
})

describe('role changes are idempotent and atomic', () => {
  test('ten identical grants at once leave exactly one grant (and registration) and one audit entry, and all answer', async () => {
    insertUsers(t, [{ _id: 't-parallel', name: '并发授权', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }])
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('org', 'grantRole', { userId: 't-parallel', role: 'volunteer', communityId: C1 }, OPENID.staff),
      ),
    )
    expect((await grantsOf('t-parallel')).filter((g) => g.role === 'volunteer')).toEqual([VOLUNTEER_C1])
    expect(results.map((r) => r.error?.code ?? 'ok')).toEqual(Array(10).fill('ok'))
    expect(results.filter((r) => r.data.changed)).toHaveLength(1)
    expect((await userDoc('t-parallel')).volunteer).toMatchObject({ status: 'verified', communityId: C1, decidedBy: USER.staff })
    expect(auditOf('role.grant', 't-parallel')).toHaveLength(1)
  })

  test('narrowing a grid worker’s grids after parallel grants leaves the old grid unreadable to them', async () => {
    insertUsers(t, [{ _id: 't-gridder', name: '新网格员', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }])
    await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call('org', 'grantRole', { userId: 't-gridder', role: 'grid_worker', communityId: C1, gridIds: [G1, G2] }, OPENID.staff),
      ),
    )
    const inG1: Demand = await t.ok('demand', 'create', demandInput('service', { gridId: G1 }), OPENID.resident)
    expect((await t.ok('demand', 'get', { id: inG1._id }, 't-gridder')).contactPhone).toBe('13800000001')

    await t.ok('org', 'grantRole', { userId: 't-gridder', role: 'grid_worker', communityId: C1, gridIds: [G2] }, OPENID.staff)
    expect((await grantsOf('t-gridder')).filter((g) => g.role === 'grid_worker')).toEqual([
      { role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [G2] },
    ])
    const after = await t.call('demand', 'get', { id: inG1._id }, 't-gridder')
    if (after.ok) expect(after.data.contactPhone).not.toBe('13800000001')
    else expect(after.error?.code).toBe('NOT_FOUND')
  })

  test('committee grant and revoke keep grant and row together; half-done states are repaired by doing it again', async () => {
    insertUsers(t, [{ _id: 't-member', name: '新委员', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }])
    await t.ok('org', 'grantRole', { userId: 't-member', role: 'committee_member', communityId: C1, unitId: 'unit-bank' }, OPENID.staff)
    expect((await grantsOf('t-member')).filter((g) => g.role === 'committee_member')).toHaveLength(1)
    expect(committeeRowsOf('t-member')).toEqual([expect.objectContaining({ unitId: 'unit-bank', title: '委员' })])
    await t.ok('org', 'revokeRole', { userId: 't-member', role: 'committee_member', communityId: C1 }, OPENID.staff)
    expect((await grantsOf('t-member')).some((g) => g.role === 'committee_member')).toBe(false)
    expect(committeeRowsOf('t-member')).toEqual([])

    // A grant whose row was never written (a crash between the two writes of old): granting it again writes the row.
    const seat: RoleGrant = { role: 'committee_member', communityId: C1, streetId: STREET, unitId: 'unit-school' }
    insertUsers(t, [{ _id: 't-half', name: '半途委员', grants: [seat] }])
    const again = await t.call(
      'org',
      'grantRole',
      { userId: 't-half', role: 'committee_member', communityId: C1, unitId: 'unit-school' },
      OPENID.staff,
    )
    expect(again.data.changed).toBe(false)
    expect(committeeRowsOf('t-half')).toEqual([expect.objectContaining({ unitId: 'unit-school' })])
    expect(await grantsOf('t-half')).toEqual([seat])

    // A row left without its grant: revoking again takes it off the list.
    insertUsers(t, [{ _id: 't-stray', name: '残留委员', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }])
    t.emulator.database.insertMany('committee_members', [{ communityId: C1, userId: 't-stray', title: '委员', createdAt: 1 }])
    await t.ok('org', 'revokeRole', { userId: 't-stray', role: 'committee_member', communityId: C1 }, OPENID.staff)
    expect(committeeRowsOf('t-stray')).toEqual([])
    const listed = (await t.ok('org', 'committee', { communityId: C1 }, OPENID.resident)).items.map((m: { userId: string }) => m.userId)
    expect(listed).toEqual(expect.arrayContaining(['t-half']))
    expect(listed).not.toContain('t-stray')
    expect(listed).not.toContain('t-member')
  })

  test('grants, revocations and verifications are audited once each, in the same transaction', async () => {
    insertUsers(t, [{ _id: 't-audited', name: '审计对象', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }])
    await t.ok('org', 'grantRole', { userId: 't-audited', role: 'grid_worker', communityId: C1, gridIds: [G1] }, OPENID.staff)
    await t.ok('org', 'grantRole', { userId: 't-audited', role: 'grid_worker', communityId: C1, gridIds: [G1] }, OPENID.staff)
    await t.ok('org', 'revokeRole', { userId: 't-audited', role: 'grid_worker', communityId: C1 }, OPENID.staff)
    await t.call('org', 'revokeRole', { userId: 't-audited', role: 'grid_worker', communityId: C1 }, OPENID.staff)
    await t.call('org', 'grantRole', { userId: 't-audited', role: 'volunteer', communityId: C2 }, OPENID.staff)
    expect(auditOf('role.grant', 't-audited')).toEqual([
      expect.objectContaining({
        actorId: USER.staff,
        communityId: C1,
        target: { type: 'user', id: 't-audited' },
        detail: { role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [G1] },
      }),
    ])
    expect(auditOf('role.revoke', 't-audited')).toEqual([
      expect.objectContaining({ actorId: USER.staff, detail: { role: 'grid_worker', communityId: C1 } }),
    ])

    const me = await t.ok('user', 'login', {}, 'wx-audit-verify')
    await t.ok(
      'user',
      'registerVolunteer',
      { name: '审计志愿者', phone: '13900000051', skills: [], isPartyMember: false, communityId: C1 },
      'wx-audit-verify',
    )
    await t.ok('user', 'verifyVolunteer', { userId: me.profile.userId, approve: true }, OPENID.staff)
    expect(auditOf('volunteer.verify', me.profile.userId)).toEqual([
      expect.objectContaining({ actorId: USER.staff, communityId: C1, detail: { role: 'volunteer', communityId: C1, approved: true } }),
    ])
    const stored = await userDoc(me.profile.userId)
    expect(stored.volunteer.status).toBe('verified')
    expect(stored.grants).toContainEqual(VOLUNTEER_C1)
  })
})

describe('retries change nothing', () => {
  const registration = (name: string) => ({
    name,
    phone: '13900000061',
    skills: ['跑腿代办'],
    isPartyMember: false,
    communityId: C1,
    gridId: G1,
  })
  const staffNotesAbout = async (name: string) =>
    (await notesTo(USER.staff, 'volunteer.registered')).filter((n) => String(n.body).includes(name))

  test('the same registration sent three times, then three at once, tells staff once each', async () => {
    await t.ok('user', 'login', {}, 'wx-retry-reg')
    const outbox = () =>
      t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send' && e.data.touser === OPENID.staff).length
    await sendQueued(t)
    const sentBefore = outbox()
    const answers = []
    for (let i = 0; i < 3; i++) answers.push(await t.call('user', 'registerVolunteer', registration('重试报到'), 'wx-retry-reg'))
    expect(answers.map((a) => a.data.volunteer.status)).toEqual(['pending', 'pending', 'pending'])
    expect(new Set(answers.map((a) => a.data.volunteer.appliedAt)).size).toBe(1)
    budget('user.registerVolunteer (retry)', answers[2]!.stats, 1)
    expect(await staffNotesAbout('重试报到')).toHaveLength(1)
    await sendQueued(t)
    expect(outbox() - sentBefore).toBe(1)

    await t.ok('user', 'login', {}, 'wx-racing-reg')
    const racing = await Promise.all(
      Array.from({ length: 3 }, () => t.call('user', 'registerVolunteer', registration('并发报到'), 'wx-racing-reg')),
    )
    expect(racing.map((r) => r.error?.code ?? r.data.volunteer.status)).toEqual(['pending', 'pending', 'pending'])
    expect(await staffNotesAbout('并发报到')).toHaveLength(1)
  })

  test('a progress note sent three times, then five at once with another id, is recorded and announced once each', async () => {
    const d = await driveTo(t, 'in_progress')
    const first = requestId('note')
    const answers = []
    for (let i = 0; i < 3; i++) {
      answers.push(await t.call('task', 'progress', { id: d._id, note: '已到达，正在处理', requestId: first }, OPENID.volunteer))
    }
    expect(answers.every((a) => a.ok)).toBe(true)
    expect((await readDemand(t, d._id)).timeline.filter((e) => e.action === 'progress')).toHaveLength(1)
    expect(await notesTo(USER.resident, 'demand.progress', d._id)).toHaveLength(1)
    budget('task.progress (retry)', answers[2]!.stats, 2)
    expect(answers[2]!.stats.docsWritten).toBe(0)

    const second = requestId('note')
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => t.call('task', 'progress', { id: d._id, note: '材料已买齐', requestId: second }, OPENID.volunteer)),
    )
    expect(racing.map((r) => r.error?.code ?? 'ok')).toEqual(Array(5).fill('ok'))
    for (const r of racing) expect(r.data.timeline.filter((e: { requestId?: string }) => e.requestId === second)).toHaveLength(1)

    const stored = await readDemand(t, d._id)
    expect(stored.timeline.filter((e) => e.action === 'progress').map((e) => e.requestId)).toEqual([first, second])
    expect(await notesTo(USER.resident, 'demand.progress', d._id)).toHaveLength(2)
    const missing = await t.call('task', 'progress', { id: d._id, note: '没有编号' }, OPENID.volunteer)
    expect(missing.error).toMatchObject({ code: 'INVALID_INPUT', fields: { requestId: '缺少请求编号' } })
  })
})
