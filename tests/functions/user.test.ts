/**
 * The `user` function through the real wx-server-sdk: login (first, repeated, racing),
 * profile updates with the content check, and 双报到 from registration to verification.
 */
import { decide, type Actor, type Demand, type RoleGrant } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { uploadPhoto } from './support/demands'
import { eventsSeenBy, sendQueued } from './support/inbox'

const t = useHonglin()

const C1 = 'community-xinyuan'
const C2 = 'community-guoyuan-south'
const G1 = `${C1}-grid-1`
const STREET = 'street-guoyuan'
const RISKY = '违禁词测试'

const budget = useRoundTripBudget(t)

afterEach(() => {
  t.emulator.clock.reset()
})

async function usersWithOpenid(openid: string): Promise<any[]> {
  return (await t.db.collection('users').where({ openid }).get()).data
}

const outboxTo = (openid: string) =>
  t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send' && e.data.touser === openid)

async function notificationsOf(userId: string): Promise<any[]> {
  return eventsSeenBy(t, userId)
}

describe('login', () => {
  test('the first login creates a resident; the next one finds the same user and records the time', async () => {
    const first = await t.call('user', 'login', {}, 'wx-first-login')
    expect(first.ok).toBe(true)
    expect(first.data.isNew).toBe(true)
    expect(first.data.grants).toEqual([{ role: 'resident' }])
    expect(first.data.volunteer).toBeNull()
    expect(first.data.profile).toMatchObject({ name: '微信用户', pointsBalance: 0, elderMode: false })
    budget('user.login (first)', first.stats, 2)

    t.emulator.clock.advance(3_600_000)
    const second = await t.call('user', 'login', {}, 'wx-first-login')
    expect(second.data.isNew).toBe(false)
    expect(second.data.profile.userId).toBe(first.data.profile.userId)
    expect(second.data.profile.lastLoginAt).toBeGreaterThanOrEqual(first.data.profile.lastLoginAt + 3_600_000)
    budget('user.login (again)', second.stats, 2)

    const stored = await usersWithOpenid('wx-first-login')
    expect(stored).toHaveLength(1)
    expect(stored[0].lastLoginAt).toBe(second.data.profile.lastLoginAt)
  })

  test('20 concurrent first logins of one OPENID make one user, and all of them answer it', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => t.call('user', 'login', {}, 'wx-racing-login')))
    expect(results.every((r) => r.ok)).toBe(true)
    const ids = new Set(results.map((r) => r.data.profile.userId))
    expect(ids.size).toBe(1)
    expect(results.filter((r) => r.data.isNew)).toHaveLength(1)
    expect(await usersWithOpenid('wx-racing-login')).toHaveLength(1)
    for (const r of results) budget('user.login (racing)', r.stats, 3)
  })

  test('a persona logs in with its roles and volunteer registration', async () => {
    const res = await t.ok('user', 'login', {}, 'demo-volunteer')
    expect(res.isNew).toBe(false)
    expect(res.profile).toMatchObject({ userId: 'user-volunteer', name: '王小红' })
    expect(res.grants.map((g: RoleGrant) => g.role).sort()).toEqual(['resident', 'volunteer'])
    expect(res.volunteer).toMatchObject({ status: 'verified', isPartyMember: true, workUnit: '区税务局', communityId: C1 })
  })

  test('a user left without any role is a resident again at the next login', async () => {
    t.emulator.database.insertMany('users', [
      { _id: 'user-no-roles', openid: 'wx-no-roles', name: '老周', grants: [], pointsBalance: 0, createdAt: 1, updatedAt: 1 },
    ])
    const res = await t.ok('user', 'login', {}, 'wx-no-roles')
    expect(res.grants).toEqual([{ role: 'resident' }])
    expect((await usersWithOpenid('wx-no-roles'))[0].grants).toEqual([{ role: 'resident' }])
  })

  test('without a WeChat identity nothing is created', async () => {
    const count = () => t.emulator.database.listDocuments('users', { skip: 0, limit: 1 }).total
    const before = count()
    const res = await t.call('user', 'login', {}, '')
    expect(res.ok).toBe(false)
    expect(res.error!.code).toBe('NOT_REGISTERED')
    expect(count()).toBe(before)
  })

  test('other actions need a login first', async () => {
    const res = await t.call('user', 'updateProfile', { name: '新名字' }, 'wx-never-logged-in')
    expect(res.error).toMatchObject({ code: 'NOT_REGISTERED', message: '请先登录' })
  })
})

describe('updateProfile', () => {
  test('changes name, phone, elder mode and avatar of the caller only', async () => {
    await t.ok('user', 'login', {}, 'wx-profile')
    const avatar = await uploadPhoto(t)
    const res = await t.call('user', 'updateProfile', { name: '王大妈', phone: '13911112222', elderMode: true, avatar }, 'wx-profile')
    expect(res.ok).toBe(true)
    expect(res.data.profile).toMatchObject({ name: '王大妈', phone: '13911112222', elderMode: true, avatar })
    // caller, name check, avatar download and image check, write
    budget('user.updateProfile (with name and avatar)', res.stats, 5)
    expect((await usersWithOpenid('wx-profile'))[0]).toMatchObject({ name: '王大妈', phone: '13911112222', elderMode: true })

    const elder = await t.call('user', 'updateProfile', { elderMode: false }, 'wx-profile')
    expect(elder.data.profile).toMatchObject({ name: '王大妈', elderMode: false })
    budget('user.updateProfile (no text)', elder.stats, 2)
  })

  test('a name that fails the content check is refused and nothing changes', async () => {
    await t.ok('user', 'login', {}, 'wx-risky-name')
    const res = await t.call('user', 'updateProfile', { name: `我是${RISKY}` }, 'wx-risky-name')
    expect(res.error).toMatchObject({ code: 'CONTENT_RISKY', message: '内容含有不适宜的信息，请修改后再提交' })
    expect((await usersWithOpenid('wx-risky-name'))[0].name).toBe('微信用户')
  })

  test('invalid input answers Chinese messages by field', async () => {
    const empty = await t.call('user', 'updateProfile', {}, 'demo-resident')
    expect(empty.error).toMatchObject({ code: 'INVALID_INPUT', message: '没有要修改的内容' })
    const phone = await t.call('user', 'updateProfile', { phone: '12345' }, 'demo-resident')
    expect(phone.error!.code).toBe('INVALID_INPUT')
    expect(phone.error!.fields).toEqual({ phone: '请填写正确的手机号或座机号' })
  })
})

describe('双报到: registerVolunteer → verifyVolunteer', () => {
  const registration = {
    name: '钱党员',
    phone: '13922223333',
    skills: ['法律咨询', '助老'],
    isPartyMember: true,
    workUnit: '区司法局',
    communityId: C1,
    gridId: G1,
  }

  test('a registration waits for the community staff, who are told; approval makes a volunteer of that community', async () => {
    const me = await t.ok('user', 'login', {}, 'wx-dual-reg')
    // At the register tap the client asks for the review template; the user accepts once.
    t.emulator.openapi.grantSubscription('wx-dual-reg', 'TPL_VOLUNTEER_REVIEW')
    await t.ok('user', 'subscribe', { accepted: ['TPL_VOLUNTEER_REVIEW'] }, 'wx-dual-reg')
    await sendQueued(t)
    const outboxBefore = outboxTo('demo-staff').length

    const reg = await t.call('user', 'registerVolunteer', registration, 'wx-dual-reg')
    expect(reg.ok).toBe(true)
    expect(reg.data.profile).toMatchObject({ name: '钱党员', phone: '13922223333' })
    expect(reg.data.volunteer).toMatchObject({
      status: 'pending',
      skills: ['法律咨询', '助老'],
      isPartyMember: true,
      workUnit: '区司法局',
      communityId: C1,
      gridId: G1,
    })
    expect(reg.data.grants.some((g: RoleGrant) => g.role === 'volunteer')).toBe(false)
    budget('user.registerVolunteer', reg.stats, 5)

    const [note] = await notificationsOf('user-staff')
    expect(note).toMatchObject({ type: 'volunteer.registered' })
    expect(note.body).toContain('钱党员')
    await sendQueued(t)
    expect(outboxTo('demo-staff').length).toBe(outboxBefore + 1)

    const pending = await t.call('user', 'volunteers', { communityId: C1 }, 'demo-staff')
    // Newest first: this registration, then the demo seed's applicants.
    expect(pending.data.items.map((v: any) => v.userId)).toEqual([me.profile.userId, 'user-applicant', 'user-applicant-2'])
    expect(pending.data.items[1]).toMatchObject({
      name: '钱卫东',
      volunteer: { status: 'pending', isPartyMember: true, workUnit: '区司法局' },
    })
    budget('user.volunteers', pending.stats, 2)

    const verify = await t.call('user', 'verifyVolunteer', { userId: me.profile.userId, approve: true }, 'demo-staff')
    expect(verify.ok).toBe(true)
    expect(verify.data.volunteer).toMatchObject({ status: 'verified', decidedBy: 'user-staff' })
    expect(verify.data.grants).toContainEqual({ role: 'volunteer', communityId: C1, streetId: STREET })
    budget('user.verifyVolunteer (approve)', verify.stats, 10)

    const after = await t.ok('user', 'login', {}, 'wx-dual-reg')
    expect(after.volunteer.status).toBe('verified')
    expect(after.grants).toContainEqual({ role: 'volunteer', communityId: C1, streetId: STREET })
    expect((await notificationsOf(me.profile.userId))[0]).toMatchObject({ type: 'volunteer.verified', title: '志愿者报到已通过' })
    await sendQueued(t)
    expect(outboxTo('wx-dual-reg')).toHaveLength(1)

    // The grant is what the task hall goes by: the machine now lets them claim an open demand of C1.
    const actor: Actor = {
      userId: after.profile.userId,
      openid: 'wx-dual-reg',
      name: after.profile.name,
      grants: after.grants,
      volunteer: after.volunteer,
    }
    const open = {
      _id: 'd',
      status: 'open',
      communityId: C1,
      streetId: STREET,
      gridId: G1,
      ownerId: 'someone',
      createdBy: 'someone',
    } as Demand
    expect(decide(actor, 'claim', open)).toEqual({ allowed: true, to: 'dispatched' })

    const again = await t.call('user', 'verifyVolunteer', { userId: me.profile.userId, approve: true }, 'demo-staff')
    expect(again.error).toMatchObject({ code: 'INVALID_STATE', message: '该报到申请已处理' })
    const twice = await t.call('user', 'registerVolunteer', registration, 'wx-dual-reg')
    expect(twice.error!.code).toBe('INVALID_STATE')
  })

  test('a rejection needs a reason; the volunteer is told why and may register again', async () => {
    const me = await t.ok('user', 'login', {}, 'wx-dual-reject')
    await t.ok(
      'user',
      'registerVolunteer',
      { ...registration, gridId: undefined, isPartyMember: false, workUnit: undefined },
      'wx-dual-reject',
    )
    const noReason = await t.call('user', 'verifyVolunteer', { userId: me.profile.userId, approve: false }, 'demo-staff')
    expect(noReason.error).toMatchObject({ code: 'INVALID_INPUT', fields: { reason: '请填写不通过的原因' } })

    const rejected = await t.call(
      'user',
      'verifyVolunteer',
      { userId: me.profile.userId, approve: false, reason: '联系电话无法接通' },
      'demo-staff',
    )
    expect(rejected.data.volunteer).toMatchObject({ status: 'rejected', reason: '联系电话无法接通' })
    expect(rejected.data.grants.some((g: RoleGrant) => g.role === 'volunteer')).toBe(false)
    budget('user.verifyVolunteer (reject)', rejected.stats, 10)
    expect((await notificationsOf(me.profile.userId))[0]).toMatchObject({ type: 'volunteer.rejected', body: '原因：联系电话无法接通' })

    const retry = await t.ok('user', 'registerVolunteer', registration, 'wx-dual-reject')
    expect(retry.volunteer.status).toBe('pending')
    expect(retry.volunteer.reason).toBeUndefined()
    const stored = (await usersWithOpenid('wx-dual-reject'))[0]
    expect(stored.volunteer.reason).toBeUndefined()
    expect(stored.volunteer.decidedAt).toBeUndefined()
  })

  test('only staff of the volunteer’s community decide, and only staff list registrations', async () => {
    const me = await t.ok('user', 'login', {}, 'wx-dual-perm')
    await t.ok('user', 'registerVolunteer', registration, 'wx-dual-perm')
    t.emulator.database.insertMany('users', [
      {
        _id: 'user-staff-c2',
        openid: 'wx-staff-c2',
        name: '果园南社区 吴书记',
        grants: [{ role: 'community_staff', communityId: C2, streetId: STREET }],
        pointsBalance: 0,
        createdAt: 1,
        updatedAt: 1,
      },
    ])
    for (const openid of ['wx-staff-c2', 'demo-resident', 'demo-volunteer', 'demo-grid', 'demo-street', 'wx-dual-perm']) {
      const res = await t.call('user', 'verifyVolunteer', { userId: me.profile.userId, approve: true }, openid)
      expect([openid, res.error?.code]).toEqual([openid, 'FORBIDDEN'])
    }
    for (const openid of ['wx-staff-c2', 'demo-resident', 'demo-volunteer']) {
      const res = await t.call('user', 'volunteers', { communityId: C1 }, openid)
      expect([openid, res.error?.code]).toEqual([openid, 'FORBIDDEN'])
    }
    expect((await usersWithOpenid('wx-dual-perm'))[0].volunteer.status).toBe('pending')
    // An admin counts as staff everywhere.
    const admin = await t.call('user', 'verifyVolunteer', { userId: me.profile.userId, approve: true }, 'demo-admin')
    expect(admin.data.volunteer.status).toBe('verified')
    const missing = await t.call('user', 'verifyVolunteer', { userId: 'user-resident', approve: true }, 'demo-staff')
    expect(missing.error!.code).toBe('NOT_FOUND')
  })

  test('the community and grid must exist and belong together; user text is checked', async () => {
    await t.ok('user', 'login', {}, 'wx-dual-invalid')
    const unknown = await t.call(
      'user',
      'registerVolunteer',
      { ...registration, communityId: 'community-nowhere', gridId: undefined },
      'wx-dual-invalid',
    )
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该社区' })
    const elsewhere = await t.call('user', 'registerVolunteer', { ...registration, gridId: `${C2}-grid-1` }, 'wx-dual-invalid')
    expect(elsewhere.error).toMatchObject({ code: 'INVALID_INPUT', fields: { gridId: '所选网格不属于该社区' } })
    const risky = await t.call('user', 'registerVolunteer', { ...registration, workUnit: RISKY }, 'wx-dual-invalid')
    expect(risky.error!.code).toBe('CONTENT_RISKY')
    const missing = await t.call('user', 'registerVolunteer', { communityId: C1 }, 'wx-dual-invalid')
    expect(missing.error!.code).toBe('INVALID_INPUT')
    expect(missing.error!.fields).toMatchObject({ name: '请填写姓名', phone: '请填写联系电话' })
    expect((await usersWithOpenid('wx-dual-invalid'))[0].volunteer).toBeUndefined()
  })
})
