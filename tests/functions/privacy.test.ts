/**
 * Privacy through the real functions: who 代办 may name as the resident, consent recorded with
 * its version, daily limits on ordering, masking of free text, photos and people's ids,
 * "我的数据" (export, account deletion), and the retention run of the SLA timer.
 */
import { dayKey, PRIVACY_VERSION, type Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import {
  C1,
  C2,
  OPENID,
  STREET,
  USER,
  demandInput,
  expectAllQueriesIndexed,
  fixtureDemand,
  insertFixture,
  insertUsers,
  instrument,
  readDemand,
  requestId,
  saveMeasured,
  uploadPhoto,
} from './support/demands'
import { eventsSeenBy } from './support/inbox'

const t = instrument(useHonglin())

const C3 = 'community-hongxing'
const DAY = 24 * 3600 * 1000

afterAll(() => {
  saveMeasured('privacy')
  expectAllQueriesIndexed(t)
})

afterEach(() => t.emulator.clock.reset())

async function demandsByRequest(createdBy: string, reqId: string): Promise<Demand[]> {
  return (await t.db.collection('demands').where({ createdBy, requestId: reqId }).get()).data
}

async function userDoc(id: string): Promise<Record<string, any> | undefined> {
  return (await t.db.collection('users').where({ _id: id }).get()).data[0]
}

/** Users stored with `phone` (typed either way), read straight from the store: every account, however it was made. */
function usersWithPhone(phone: string): Record<string, any>[] {
  const digits = (p: unknown) => String(p ?? '').replace(/[\s-]/g, '')
  return t.emulator.database.listDocuments('users', { skip: 0, limit: 10_000 }).docs.filter((u) => digits(u.phone) === digits(phone))
}

async function setCommunity(id: string, fields: Record<string, unknown>): Promise<void> {
  await t.db
    .collection('communities')
    .where({ _id: id })
    .update({ data: { ...fields } })
}

/** A resident of `communityId` with their own OPENID (= id). */
function resident(id: string, communityId: string, extra: Record<string, unknown> = {}): void {
  insertUsers(t, [
    { _id: id, name: '测试居民', phone: '13700000000', grants: [{ role: 'resident', communityId, streetId: STREET }], ...extra },
  ])
}

const inGrid = (communityId: string, n = 1) => `${communityId}-grid-${n}`

/** A call as the client makes it, outside the suite's round-trip budget. */
async function unbudgeted(fn: string, action: string, params: Record<string, unknown>, openid: string) {
  const res = await fetch(`${t.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, ...params }),
  })
  return (await res.json()) as { ok: boolean; data?: any; error?: { code: string } }
}

describe('consent', () => {
  test('without consent, or with consent false, create and createOnBehalf are refused and store nothing', async () => {
    for (const consent of [undefined, false, 'yes']) {
      const reqId = requestId()
      const own = await t.call('demand', 'create', demandInput('service', { consent, requestId: reqId }), OPENID.resident)
      expect(own.error).toMatchObject({ code: 'INVALID_INPUT', fields: { consent: '请先勾选同意查看联系方式' } })
      expect(own.stats.docsWritten).toBe(0)
      const behalf = await t.call(
        'demand',
        'createOnBehalf',
        demandInput('service', { consent, requestId: reqId, ownerName: '周奶奶', ownerPhone: '13900000051' }),
        OPENID.grid,
      )
      expect(behalf.error).toMatchObject({ code: 'INVALID_INPUT', fields: { consent: expect.any(String) } })
      expect(behalf.stats.docsWritten).toBe(0)
      expect(await demandsByRequest(USER.resident, reqId)).toEqual([])
      expect(await demandsByRequest(USER.grid, reqId)).toEqual([])
    }
    expect(usersWithPhone('13900000051')).toEqual([])
  })

  test('a client that showed an outdated notice is asked to read it again', async () => {
    const res = await t.call('demand', 'create', demandInput('service', { consentVersion: '2000-01' }), OPENID.resident)
    expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { consent: '隐私说明已更新，请重新阅读并勾选同意后提交' } })
  })

  test('the version and time are recorded on the demand and on the user, once per version', async () => {
    resident('t-consent', C1)
    const first: Demand = await t.ok('demand', 'create', demandInput('service', { consentVersion: PRIVACY_VERSION }), 't-consent')
    const at = t.emulator.clock.now()
    expect(first.consent).toEqual({ version: PRIVACY_VERSION, at: expect.any(Number) })
    expect((await readDemand(t, first._id)).consent).toEqual(first.consent)
    expect((await userDoc('t-consent'))!.consent).toEqual(first.consent)

    t.emulator.clock.advance(60_000)
    const second: Demand = await t.ok('demand', 'create', demandInput('wish'), 't-consent')
    expect(second.consent!.at).toBeGreaterThanOrEqual(at + 60_000)
    // The user's record says when they first accepted this version; not rewritten each time.
    expect((await userDoc('t-consent'))!.consent).toEqual(first.consent)
  })

  test('代办: the grid worker attests the resident agreed (by), on the demand and the resident', async () => {
    resident('t-consent-behalf', C1)
    const d: Demand = await t.ok('demand', 'createOnBehalf', demandInput('service', { ownerId: 't-consent-behalf' }), OPENID.grid)
    expect(d.consent).toEqual({ version: PRIVACY_VERSION, at: expect.any(Number), by: USER.grid })
    expect((await userDoc('t-consent-behalf'))!.consent).toEqual(d.consent)
    const offline: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('service', { ownerName: '吴奶奶', ownerPhone: '13900000052' }),
      OPENID.grid,
    )
    expect((await userDoc(offline.ownerId))!.consent).toEqual({ version: PRIVACY_VERSION, at: expect.any(Number), by: USER.grid })
  })
})

test('the demo data’s demands and the residents who ordered them carry consent to the current notice', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  expect(require('../../seeds/demo-demands.cjs').PRIVACY_VERSION).toBe(PRIVACY_VERSION)
  const seeded = t.emulator.database
    .listDocuments('demands', { skip: 0, limit: 10_000 })
    .docs.filter((d) => String(d._id).startsWith('demo-demand-'))
  expect(seeded.length).toBeGreaterThan(10)
  // The one a grid worker ordered for a resident (代办) records that he attested it.
  for (const d of seeded)
    expect(d.consent).toEqual({ version: PRIVACY_VERSION, at: d.createdAt, ...(d.createdBy !== d.ownerId ? { by: d.createdBy } : {}) })
  expect(seeded.filter((d) => (d.consent as { by?: string }).by)).toHaveLength(1)
  const residents = t.emulator.database.listDocuments('users', { skip: 0, limit: 10_000 }).docs.filter((u) => u._id === USER.resident)
  expect(residents[0]!.consent).toEqual({ version: PRIVACY_VERSION, at: expect.any(Number) })
})

describe('createOnBehalf: whom a grid worker may order for', () => {
  beforeAll(() => {
    insertUsers(t, [
      { _id: 't-other-street', name: '外街居民', grants: [{ role: 'resident', communityId: 'community-far', streetId: 'street-far' }] },
      { _id: 't-other-community', name: '南社区居民', grants: [{ role: 'resident', communityId: C2, streetId: STREET }] },
      { _id: 't-no-community', name: '新用户', grants: [{ role: 'resident' }] },
    ])
  })

  test('an admin, a resident of another street or community, the grid worker himself, an unknown id: one answer, nothing written', async () => {
    const answers = []
    for (const ownerId of [USER.admin, 't-other-street', 't-other-community', 't-no-community', USER.grid, USER.staff, 'user-no-such-id']) {
      const reqId = requestId()
      const res = await t.call('demand', 'createOnBehalf', demandInput('service', { ownerId, requestId: reqId }), OPENID.grid)
      expect(res.stats.docsWritten).toBe(0)
      expect(await demandsByRequest(USER.grid, reqId)).toEqual([])
      answers.push(res.error)
    }
    expect(answers[0]).toEqual({
      code: 'INVALID_INPUT',
      message: '只能为本社区登记的居民代办',
      fields: { ownerId: '只能为本社区登记的居民代办' },
    })
    for (const answer of answers) expect(answer).toEqual(answers[0])
  })

  test('a resident of the grid’s community is accepted', async () => {
    const d: Demand = await t.ok('demand', 'createOnBehalf', demandInput('service', { ownerId: USER.resident2 }), OPENID.grid)
    expect(d.ownerId).toBe(USER.resident2)
  })

  test('the same offline resident ordered for twice, the phone typed two ways, is one account', async () => {
    const a: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('service', { ownerName: '郑大爷', ownerPhone: '022-23456789' }),
      OPENID.grid,
    )
    const b: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('wish', { gridId: `${C1}-grid-2`, ownerName: '郑大爷', ownerPhone: '02223456789' }),
      OPENID.grid,
    )
    expect(b._id).not.toBe(a._id)
    expect(b.ownerId).toBe(a.ownerId)
    const accounts = usersWithPhone('02223456789')
    expect(accounts.map((u) => u._id)).toEqual([a.ownerId])
    expect(accounts[0]).toMatchObject({ offline: true, grants: [{ role: 'resident', communityId: C1, streetId: STREET }] })
  })

  test('a create that fails after the offline resident was named leaves no account behind', async () => {
    // The grid worker's own order takes the request id first; 代办 with it must not store anything.
    const reqId = requestId()
    const own: Demand = await t.ok('demand', 'create', demandInput('service', { requestId: reqId }), OPENID.grid)
    const res = await t.call(
      'demand',
      'createOnBehalf',
      demandInput('service', { requestId: reqId, ownerName: '冯奶奶', ownerPhone: '13900000061' }),
      OPENID.grid,
    )
    expect(usersWithPhone('13900000061')).toEqual([])
    expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { requestId: expect.any(String) } })
    expect(res.stats.docsWritten).toBe(0)
    expect((await demandsByRequest(USER.grid, reqId)).map((d) => d._id)).toEqual([own._id])

    // Past the daily limit: refused, and again no account.
    await setCommunity(C1, { 'limits.onBehalfDemandsPerDay': 0 })
    try {
      const limited = await t.call(
        'demand',
        'createOnBehalf',
        demandInput('service', { ownerName: '冯奶奶', ownerPhone: '13900000061' }),
        OPENID.grid,
      )
      expect(limited.error?.code).toBe('RATE_LIMITED')
      expect(limited.stats.docsWritten).toBe(0)
      expect(usersWithPhone('13900000061')).toEqual([])
    } finally {
      await setCommunity(C1, { 'limits.onBehalfDemandsPerDay': 500 })
    }
  })
})

describe('daily limits', () => {
  const quota = async (userId: string) =>
    (
      await t.db
        .collection('daily_quotas')
        .where({ _id: `${userId}_${dayKey(t.emulator.clock.now())}` })
        .get()
    ).data

  test('the 11th demand of a day is RATE_LIMITED and writes nothing; retries never count and still answer', async () => {
    resident('t-limit', C3)
    const input = (n: number) => demandInput('service', { gridId: inGrid(C3), requestId: `req-limit-${n}-${Date.now().toString(36)}` })
    const inputs = Array.from({ length: 11 }, (_, i) => input(i))
    const created: Demand[] = []
    for (const i of inputs.slice(0, 5)) created.push(await t.ok('demand', 'create', i, 't-limit'))
    // A retry answers the first demand and leaves the count alone.
    const retry = await t.call('demand', 'create', inputs[0]!, 't-limit')
    expect(retry.data._id).toBe(created[0]!._id)
    expect(retry.stats.docsWritten).toBe(0)
    expect((await quota('t-limit'))[0]).toMatchObject({ own: { demands: 5, photos: 0 } })
    for (const i of inputs.slice(5, 10)) created.push(await t.ok('demand', 'create', i, 't-limit'))

    const eleventh = await t.call('demand', 'create', inputs[10]!, 't-limit')
    expect(eleventh.error).toEqual({ code: 'RATE_LIMITED', message: '今天提交次数已达上限，请明天再试' })
    expect(eleventh.stats.docsWritten).toBe(0)
    expect(await demandsByRequest('t-limit', inputs[10]!.requestId as string)).toEqual([])
    expect((await quota('t-limit'))[0]).toMatchObject({ own: { demands: 10 } })
    // Past the limit, a retry of an earlier request still answers its demand.
    const late = await t.call('demand', 'create', inputs[2]!, 't-limit')
    expect(late.ok).toBe(true)
    expect(late.data._id).toBe(created[2]!._id)

    t.emulator.clock.advance(DAY)
    expect((await t.call('demand', 'create', inputs[10]!, 't-limit')).ok).toBe(true)
  })

  test('photos count too, by the community’s own limit', async () => {
    resident('t-photos', C2)
    await setCommunity(C2, { limits: { photosPerDay: 3 } })
    const photos = (n: number) => Promise.all(Array.from({ length: n }, () => uploadPhoto(t)))
    await t.ok('demand', 'create', demandInput('report', { gridId: inGrid(C2), photos: await photos(2) }), 't-photos')
    const reqId = requestId()
    const res = await t.call(
      'demand',
      'create',
      demandInput('report', { gridId: inGrid(C2), photos: await photos(2), requestId: reqId }),
      't-photos',
    )
    expect(res.error).toMatchObject({ code: 'RATE_LIMITED', message: '今天上传的照片已达上限，请减少照片或明天再试' })
    expect(res.stats.docsWritten).toBe(0)
    expect((await quota('t-photos'))[0]).toMatchObject({ own: { demands: 1, photos: 2 } })
    await t.ok('demand', 'create', demandInput('report', { gridId: inGrid(C2), photos: await photos(1), requestId: reqId }), 't-photos')
  })

  test('concurrent creates of one person stop exactly at the limit', async () => {
    resident('t-burst', C3)
    // Not held to the round-trip budget: calls that lose a conflict on the counter run again.
    const results = await Promise.all(
      Array.from({ length: 14 }, () => unbudgeted('demand', 'create', demandInput('service', { gridId: inGrid(C3) }), 't-burst')),
    )
    const stored = (await t.db.collection('demands').where({ ownerId: 't-burst' }).get()).data
    expect(results.filter((r) => r.ok)).toHaveLength(stored.length)
    expect(stored.length).toBeLessThanOrEqual(10)
    expect(results.filter((r) => !r.ok).every((r) => ['RATE_LIMITED', 'CONFLICT'].includes(r.error!.code))).toBe(true)
    expect((await quota('t-burst'))[0]).toMatchObject({ own: { demands: stored.length } })
  })
})

describe('masking through the functions', () => {
  const PHONE = '13812345678'
  const FOREIGN = [USER.resident, USER.staff, USER.grid]

  test('a hall volunteer and, after closing, the assignee see no phone, flat, photo or other person’s id; owner and staff see all', async () => {
    const [home1, home2, door, done] = await Promise.all([1, 2, 3, 4].map(() => uploadPhoto(t)))
    const d: Demand = await t.ok(
      'demand',
      'create',
      demandInput('service', {
        detail: `张阿姨住3号楼2单元501，电话${PHONE}`,
        photos: [home1, home2],
      }),
      OPENID.resident,
    )
    await t.ok('dispatch', 'accept', { id: d._id, note: `已电话联系${PHONE}` }, OPENID.staff)
    await t.ok('dispatch', 'publish', { id: d._id, points: 5 }, OPENID.staff)

    const hall = await t.ok('task', 'hall', {}, OPENID.volunteer2)
    const inHall = hall.items.find((x: Demand) => x._id === d._id)
    const browsing = (await t.call('demand', 'get', { id: d._id }, OPENID.volunteer2)).data
    for (const view of [inHall, browsing]) {
      const text = JSON.stringify(view)
      for (const secret of [PHONE, '单元501', '501室', 'cloud://', '张阿姨', ...FOREIGN]) expect(text).not.toContain(secret)
      expect(view).toMatchObject({ photos: [], photoCount: 2, detail: '张**住*号楼*单元***，电话***********' })
      expect(view.timeline.find((e: { action: string }) => e.action === 'accept').note).toBe('已电话联系***********')
    }
    for (const who of [OPENID.resident, OPENID.staff]) {
      const full = (await t.call('demand', 'get', { id: d._id }, who)).data
      expect(full).toMatchObject({
        detail: `张阿姨住3号楼2单元501，电话${PHONE}`,
        photos: [home1, home2],
      })
    }

    const claimed = await t.ok('task', 'claim', { id: d._id }, OPENID.volunteer)
    expect(claimed.detail).toContain(PHONE)
    await t.ok('task', 'start', { id: d._id }, OPENID.volunteer)
    await t.ok(
      'task',
      'progress',
      { id: d._id, note: `到了501室，打${PHONE}没人接`, photos: [door], requestId: requestId() },
      OPENID.volunteer,
    )
    const working = await t.ok(
      'task',
      'complete',
      { id: d._id, note: '已完成，12-3-402也顺便看了', photos: [done], hours: 1 },
      OPENID.volunteer,
    )
    expect(working.completion.photos).toEqual([done])
    await t.ok('demand', 'rate', { id: d._id, stars: 5, comment: `很好，有事再打${PHONE}` }, OPENID.resident)
    await t.ok('dispatch', 'close', { id: d._id }, OPENID.staff)

    const after = (await t.call('demand', 'get', { id: d._id }, OPENID.volunteer)).data
    const text = JSON.stringify(after)
    for (const secret of [PHONE, '单元501', '501室', '12-3-402', 'cloud://', '张阿姨', ...FOREIGN]) expect(text).not.toContain(secret)
    expect(after.completion).toMatchObject({ note: '已完成，**-*-***也顺便看了', photos: [], photoCount: 1, hours: 1 })
    expect(after.rating).toMatchObject({ stars: 5, comment: '很好，有事再打***********' })
    expect(after.timeline.find((e: { action: string }) => e.action === 'progress')).toMatchObject({
      photoCount: 1,
      note: '到了***室，打***********没人接',
    })

    const own = (await t.call('demand', 'get', { id: d._id }, OPENID.resident)).data
    expect(own.rating.comment).toContain(PHONE)
    expect(own.timeline.find((e: { action: string }) => e.action === 'progress').photos).toEqual([door])
  })
})

describe('我的数据: exportMyData', () => {
  async function download(url: string): Promise<any> {
    const res = await fetch(url)
    expect(res.status).toBe(200)
    return JSON.parse(await res.text())
  }

  test('the file holds the caller’s user document, demands, ledger, messages and consents, and nothing of anyone else', async () => {
    insertUsers(t, [
      { _id: 't-export', name: '导出居民', phone: '13600000001', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] },
      { _id: 't-export-other', name: '隔壁老孙', phone: '13600000002', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] },
    ])
    const mine: Demand = await t.ok(
      'demand',
      'create',
      demandInput('service', { title: '我的点单标题', contactPhone: '13600000001' }),
      't-export',
    )
    const theirs: Demand = await t.ok(
      'demand',
      'create',
      demandInput('service', { title: '隔壁的点单', contactName: '隔壁老孙', contactPhone: '13600000002' }),
      't-export-other',
    )
    await t.ok('dispatch', 'accept', { id: mine._id }, OPENID.staff)
    t.emulator.database.insertMany('points_ledger', [
      {
        _id: 'ledger-t-export',
        ownerType: 'user',
        ownerId: 't-export',
        delta: 3,
        reason: 'correction',
        note: '补录',
        createdAt: 1,
        createdBy: USER.staff,
      },
    ])
    const sent = { actorId: USER.staff, at: 2, send: { state: 'sent' } }
    t.emulator.database.insertMany('notifications', [
      { audience: ['user:t-export'], type: 'demand.accepted', title: '点单已受理', body: '我的点单标题', demandId: mine._id, ...sent },
      { audience: ['user:t-export-other'], type: 'demand.accepted', title: '点单已受理', body: '隔壁的点单', ...sent },
      // Shared with another party: exported without the audience.
      { audience: ['user:t-export', 'user:t-export-other'], type: 'demand.closed', title: '点单已办结', body: '我的点单标题', ...sent },
    ])

    const res = await t.call('user', 'exportMyData', {}, 't-export')
    expect(res.ok).toBe(true)
    // caller, an export of the last ten minutes, the four lists (owned, entered, ledger,
    // messages), upload, the export's record, the link
    expect(res.stats.roundTrips).toBeLessThanOrEqual(9)
    expect(res.data).toEqual({
      fileID: expect.stringMatching(/^cloud:\/\/.+\/exports\/t-export\/[0-9a-f]{32}\.json$/),
      tempFileURL: expect.any(String),
      expiresAt: expect.any(Number),
    })
    const file = await download(res.data.tempFileURL)
    expect(file).toMatchObject({ format: 'honglin-export', privacyVersion: PRIVACY_VERSION })
    expect(file.user).toMatchObject({ _id: 't-export', name: '导出居民', phone: '13600000001', openid: 't-export' })
    expect(file.demands.map((d: Demand) => d._id)).toEqual([mine._id])
    expect(file.demands[0]).toMatchObject({ title: '我的点单标题', contactPhone: '13600000001' })
    expect(file.consents.current).toMatchObject({ version: PRIVACY_VERSION })
    expect(file.consents.demands).toEqual([{ demandId: mine._id, consent: mine.consent }])
    expect(file.ledger).toEqual([expect.objectContaining({ _id: 'ledger-t-export', delta: 3, createdBy: '' })])
    expect(file.notifications).toEqual(
      expect.arrayContaining([
        { type: 'demand.accepted', title: '点单已受理', body: '我的点单标题', demandId: mine._id, at: 2, read: false },
        { type: 'demand.closed', title: '点单已办结', body: '我的点单标题', at: 2, read: false },
      ]),
    )
    expect(file.notifications.every((n: { body: string }) => n.body === '我的点单标题')).toBe(true)
    const text = JSON.stringify(file)
    for (const other of ['t-export-other', '隔壁老孙', '13600000002', theirs._id, '隔壁的点单', USER.staff, '刘书记'])
      expect(text).not.toContain(other)
    expect((await t.db.collection('data_exports').where({ userId: 't-export' }).get()).data).toHaveLength(1)
  })
})

describe('我的数据: deleteAccount', () => {
  const ID = 't-delete'
  const NAME = '钱阿姨'
  const PHONE = '13600000009'

  function ownFixture(state: 'submitted' | 'in_progress' | 'closed', extra: Partial<Demand> = {}): Demand {
    return insertFixture(t, state, {
      createdBy: ID,
      extra: {
        ownerId: ID,
        contactName: NAME,
        contactPhone: PHONE,
        detail: `找${NAME}，电话${PHONE}`,
        timeline: [{ at: 1, action: 'create', to: 'submitted', actorId: ID, actorName: NAME }],
        ...extra,
      },
    })
  }

  test('refused while work is under way; then cancels what has not started, anonymises the rest, leaves a tombstone; a retry answers the same', async () => {
    insertUsers(t, [
      { _id: ID, name: NAME, phone: PHONE, grants: [{ role: 'resident', communityId: C1, streetId: STREET }], elderMode: true },
    ])
    const busy = ownFixture('in_progress')
    const closed = ownFixture('closed')
    const other = insertFixture(t, 'closed')
    const created: Demand = await t.ok('demand', 'create', demandInput('service', { contactName: NAME, contactPhone: PHONE }), ID)
    const sent = { actorId: USER.staff, at: 1, send: { state: 'sent' } }
    t.emulator.database.insertMany('notifications', [
      { _id: 't-delete-alone', audience: [`user:${ID}`], type: 'demand.accepted', title: '点单已受理', body: 'x', ...sent },
      {
        _id: 't-delete-shared',
        audience: [`user:${ID}`, `user:${USER.resident2}`],
        type: 'demand.closed',
        title: '办结',
        body: 'y',
        ...sent,
      },
    ])
    const exported = await t.ok('user', 'exportMyData', {}, ID)

    const unconfirmed = await t.call('user', 'deleteAccount', {}, ID)
    expect(unconfirmed.error?.code).toBe('INVALID_INPUT')
    const refused = await t.call('user', 'deleteAccount', { confirm: true }, ID)
    expect(refused.error).toEqual({ code: 'INVALID_STATE', message: '您有 1 条点单正在办理或等待您确认，请办结后再注销账号' })
    expect(refused.stats.docsWritten).toBe(0)
    expect((await userDoc(ID))!.openid).toBe(ID)

    await t.db
      .collection('demands')
      .where({ _id: busy._id })
      .update({ data: { status: 'closed' } })
    const res = await t.call('user', 'deleteAccount', { confirm: true }, ID)
    expect(res.data).toEqual({ deleted: true, cancelled: 1, anonymised: 3 })
    // caller, 3 lists; the cancel (write, event); 3 anonymised writes; messages (read; delete those
    // to them alone, take their key off shared ones) ‖ exports, and their files; the transaction
    // (start, tombstone, audit entry, commit)
    expect(res.stats.roundTrips).toBeLessThanOrEqual(21)

    const cancelled = await readDemand(t, created._id)
    expect(cancelled).toMatchObject({ status: 'cancelled', contactName: '已注销用户', contactPhone: '', ownerId: ID })
    for (const id of [busy._id, closed._id]) {
      const d = await readDemand(t, id)
      expect(d).toMatchObject({ status: 'closed', contactName: '已注销用户', contactPhone: '', contactErasedAt: expect.any(Number) })
      expect(JSON.stringify(d)).not.toMatch(new RegExp(`${NAME}|${PHONE}`))
    }
    expect(await readDemand(t, other._id)).toEqual(other)
    // The staff were told of the cancellation.
    const told = await eventsSeenBy(t, USER.staff, created._id)
    expect(told.map((n: { type: string }) => n.type)).toContain('demand.cancelled')

    const tomb = (await userDoc(ID))!
    expect(tomb).toEqual({
      _id: ID,
      name: '已注销用户',
      grants: [],
      pointsBalance: 0,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      deletedAt: expect.any(Number),
    })
    // Their own messages are gone; one shared with someone else stays theirs, without the deleted user's key.
    expect(
      (
        await t.db
          .collection('notifications')
          .where({ audience: `user:${ID}` })
          .get()
      ).data,
    ).toEqual([])
    const shared = (
      await t.db
        .collection('notifications')
        .where({ _id: t.db.command.in(['t-delete-alone', 't-delete-shared']) })
        .get()
    ).data
    expect(shared).toEqual([expect.objectContaining({ _id: 't-delete-shared', audience: [`user:${USER.resident2}`] })])
    expect((await t.db.collection('data_exports').where({ userId: ID }).get()).data).toEqual([])
    expect((await fetch(exported.tempFileURL)).status).toBe(404)
    const audit = t.emulator.database
      .listDocuments('audit_log', { skip: 0, limit: 1000 })
      .docs.filter((e) => e.action === 'account.delete' && (e.target as { id: string }).id === ID)
    expect(audit).toEqual([expect.objectContaining({ action: 'account.delete', communityId: C1, target: { type: 'user', id: ID } })])
    expect(JSON.stringify(audit)).not.toContain(NAME)

    const again = await t.call('user', 'deleteAccount', { confirm: true }, ID)
    expect(again.data).toEqual({ deleted: true, cancelled: 0, anonymised: 0 })
    expect(again.stats.docsWritten).toBe(0)
    expect((await t.call('demand', 'listMine', {}, ID)).error?.code).toBe('NOT_REGISTERED')

    // The WeChat account may register afresh: a new, empty user.
    const fresh = await t.ok('user', 'login', {}, ID)
    expect(fresh).toMatchObject({ isNew: true })
    expect(fresh.profile.userId).not.toBe(ID)
    expect((await t.ok('demand', 'listMine', {}, ID)).items).toEqual([])
  })

  test('a volunteer holding a task is refused; one who finished has their name replaced on the work', async () => {
    insertUsers(t, [{ _id: 't-del-vol', name: '孔志愿', grants: [{ role: 'volunteer', communityId: C1, streetId: STREET }] }])
    const worker = {
      type: 'volunteer' as const,
      id: 't-del-vol',
      name: '孔志愿',
      assignedAt: 1,
      assignedBy: USER.staff,
      points: 5,
      acceptedAt: 2,
    }
    const held = insertFixture(t, 'in_progress', { extra: { assignee: worker } })
    const done = insertFixture(t, 'closed', {
      extra: {
        assignee: worker,
        timeline: [{ at: 1, action: 'complete', to: 'done', actorId: 't-del-vol', actorName: '孔志愿', note: '孔志愿已修好' }],
      },
    })
    const refused = await t.call('user', 'deleteAccount', { confirm: true }, 't-del-vol')
    expect(refused.error).toEqual({ code: 'INVALID_STATE', message: '您还有 1 个任务在办理中，请完成或退回后再注销账号' })
    await t.db
      .collection('demands')
      .where({ _id: held._id })
      .update({ data: { status: 'closed' } })
    expect((await t.call('user', 'deleteAccount', { confirm: true }, 't-del-vol')).data).toMatchObject({ deleted: true, cancelled: 0 })
    const after = await readDemand(t, done._id)
    expect(after.assignee).toMatchObject({ id: 't-del-vol', name: '已注销用户' })
    expect(after.timeline[0]).toMatchObject({ actorName: '已注销用户', note: '已注销用户已修好' })
    expect(after).toMatchObject({ contactName: '张阿姨', contactPhone: '13800000001' })
  })
})

describe('retention (SLA timer)', () => {
  async function fire() {
    const { result, error, stats } = await t.emulator.functions.fireTimer('sla', 'sla')
    expect(error).toBeUndefined()
    return { ...(result as { ok: boolean; data: any }), stats }
  }

  function ended(
    communityId: string,
    daysAgo: number,
    status: 'closed' | 'cancelled' | 'rejected' | 'merged' | 'in_progress' = 'closed',
  ): Demand {
    const at = t.emulator.clock.now() - daysAgo * DAY
    return fixtureDemand(status, {
      communityId,
      extra: {
        updatedAt: at,
        createdAt: at - DAY,
        detail: '请打13800000001，住3号楼2单元501',
        timeline: [{ at, action: 'create', to: 'submitted', actorId: USER.resident, actorName: '张阿姨', note: '门牌12-3-402' }],
      },
    })
  }

  test('erases contact details of demands ended longer ago than their community keeps them, in bounded runs; a second pass changes nothing', async () => {
    await setCommunity(C2, { retentionDays: 365 })
    await setCommunity(C3, { retentionDays: 30 })
    const old = Array.from({ length: 120 }, (_, i) => ended(C1, 181 + i, i % 2 ? 'closed' : 'rejected'))
    const recent = [ended(C1, 100), ended(C1, 170, 'cancelled')]
    const active = [ended(C1, 300, 'in_progress')]
    const keptLonger = [ended(C2, 200, 'merged')]
    const shortC3 = [ended(C3, 40, 'cancelled')]
    const all = [...old, ...recent, ...active, ...keptLonger, ...shortC3]
    // The fixtures carry no deadlines; giving them theirs is the backfill's test (sla-backfill.test.ts), not this one's.
    await t.db
      .collection('job_state')
      .doc('deadlines')
      .set({ data: { after: '', done: true, updatedAt: 0 } })
    t.emulator.database.insertMany(
      'demands',
      all.map((d) => d as unknown as Record<string, unknown>),
    )

    const first = await fire()
    expect(first.data.retention).toMatchObject({ erased: 100, failed: 0, more: true })
    const second = await fire()
    expect(second.data.retention).toMatchObject({ erased: 21, failed: 0, more: false })
    // Retention's own: state, communities, C1's page, 21 writes, stale exports, old counters,
    // state. The sweep's part (the demo demands' deadlines) is what it counts of itself, and so
    // is the deadline backfill's (or its state read once its pass is over).
    const backfill = second.data.more ? 0 : (second.data.backfill?.roundTrips ?? 1)
    // The projects step (overdue reviews and objections) counts its own too.
    const projects = second.data.projects?.roundTrips ?? 0
    expect(second.stats.roundTrips - second.data.roundTrips - backfill - projects).toBeLessThanOrEqual(3 + 21 + 3)
    // Not due again until tomorrow.
    expect((await fire()).data.retention).toBeUndefined()

    for (const d of [...old, ...shortC3]) {
      const stored = await readDemand(t, d._id)
      expect(stored).toMatchObject({ contactName: '', contactPhone: '', address: '新园里****', updatedAt: d.updatedAt, status: d.status })
      expect(stored.contactErasedAt).toEqual(expect.any(Number))
      expect(JSON.stringify(stored)).not.toMatch(/13800000001|单元501|12-3-402|张阿姨/)
    }
    for (const d of [...recent, ...active, ...keptLonger]) {
      expect(await readDemand(t, d._id)).toMatchObject({
        contactName: '张阿姨',
        contactPhone: '13800000001',
        detail: d.detail,
        version: d.version,
      })
    }

    t.emulator.clock.advance(DAY + 1)
    const snapshot = await Promise.all(all.map((d) => readDemand(t, d._id)))
    const next = await fire()
    expect(next.data.retention).toMatchObject({ erased: 0, more: false })
    expect(await Promise.all(all.map((d) => readDemand(t, d._id)))).toEqual(snapshot)
  })

  test('deletes data exports older than a day and day counters of past days', async () => {
    resident('t-retention-export', C1)
    await t.ok('demand', 'create', demandInput(), 't-retention-export')
    const exported = await t.ok('user', 'exportMyData', {}, 't-retention-export')
    // Past the next daily run of retention (the test before ran it a day ahead).
    t.emulator.clock.advance(3 * DAY)
    const run = await fire()
    expect(run.data.retention.exportsDeleted).toBeGreaterThanOrEqual(1)
    expect(run.data.retention.countersDeleted).toBeGreaterThanOrEqual(1)
    expect((await t.db.collection('data_exports').where({ userId: 't-retention-export' }).get()).data).toEqual([])
    expect((await fetch(exported.tempFileURL)).status).toBe(404)
    expect(
      (
        await t.db
          .collection('daily_quotas')
          .where({ day: t.db.command.lt(dayKey(t.emulator.clock.now())) })
          .get()
      ).data,
    ).toEqual([])
  })
})
