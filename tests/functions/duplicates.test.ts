/**
 * Duplicates: `demand.similar` offers a resident the open demands like hers at order time,
 * `demand.follow` makes her a co-reporter of one (told of its progress, shown its masked view),
 * and `dispatch.similar` lets staff pick what to merge into instead of typing an id.
 */
import type { Demand } from '@honglin/shared'
import { MAX_FOLLOWERS, SIMILAR_SCANNED } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import {
  C1,
  G1,
  G2,
  G_OTHER,
  OPENID,
  USER,
  demandInput,
  expectAllQueriesIndexed,
  fixtureDemand,
  insertUsers,
  instrument,
  readDemand,
  requestId,
  saveMeasured,
} from './support/demands'
import { eventsSeenBy } from './support/inbox'

const t = instrument(useHonglin())

const NEIGHBOUR = 't-neighbour'

beforeAll(() => {
  insertUsers(t, [{ _id: NEIGHBOUR, name: '隔壁王阿姨', grants: [{ role: 'resident', communityId: C1 }] }])
})

afterAll(() => {
  saveMeasured('duplicates')
  expectAllQueriesIndexed(t)
})

const noise = (title: string, extra: Record<string, unknown> = {}) =>
  demandInput('report', { category: 'noise', title, detail: '每天晚上十一点以后还在响', ...extra })

async function reported(title: string, extra: Record<string, unknown> = {}): Promise<Demand> {
  return t.ok('demand', 'create', noise(title, extra), OPENID.resident)
}

const ask = (title: string, who: string = OPENID.resident2, extra: Record<string, unknown> = {}) =>
  t.call('demand', 'similar', { gridId: G1, category: 'noise', title, ...extra }, who)

describe('demand.similar', () => {
  test('offers an open demand of the same grid and category with a similar title, masked', async () => {
    const d = await reported('梧桐巷5号深夜电钻噪音')
    const res = await ask('梧桐巷深夜电钻噪音扰民')
    expect(res.ok).toBe(true)
    const found = res.data.items.find((x: { _id: string }) => x._id === d._id)
    expect(found).toMatchObject({ title: '梧桐巷5号深夜电钻噪音', status: 'submitted', followerCount: 0 })
    expect(found.similarity).toBeGreaterThanOrEqual(0.25)
    // Nothing personal: no contact, no owner, no house number.
    expect(found).not.toHaveProperty('contactPhone')
    expect(found).not.toHaveProperty('ownerId')
    expect(found.address).not.toMatch(/\d/)
    expect(res.stats.roundTrips).toBeLessThanOrEqual(3)
  })

  test('not offered: a different problem, another grid or category, a finished one, one older than the window, her own', async () => {
    const d = await reported('银杏路广场舞音响太吵')
    expect((await ask('楼道灯坏了')).data.items.map((x: { _id: string }) => x._id)).not.toContain(d._id)
    expect((await ask('银杏路广场舞音响太吵', OPENID.resident2, { gridId: G2 })).data.items).toEqual([])
    expect((await ask('银杏路广场舞音响太吵', OPENID.resident2, { category: 'rubbish' })).data.items).toEqual([])
    // Her own report is not a duplicate to follow.
    expect((await ask('银杏路广场舞音响太吵', OPENID.resident)).data.items.map((x: { _id: string }) => x._id)).not.toContain(d._id)
    const closed = fixtureDemand('closed', { extra: { category: 'noise', kind: 'report', title: '银杏路广场舞音响太吵' } })
    const old = fixtureDemand('accepted', {
      extra: { category: 'noise', kind: 'report', title: '银杏路广场舞音响太吵', createdAt: Date.now() - 40 * 86_400_000 },
    })
    t.emulator.database.insertMany('demands', [closed, old] as unknown as Record<string, unknown>[])
    const ids = (await ask('银杏路广场舞音响太吵')).data.items.map((x: { _id: string }) => x._id)
    expect(ids).toContain(d._id)
    expect(ids).not.toContain(closed._id)
    expect(ids).not.toContain(old._id)
  })

  test('reads only the newest open ones of the grid and category, however long the history', async () => {
    const history = Array.from({ length: 600 }, () =>
      fixtureDemand('closed', { extra: { category: 'noise', kind: 'report', title: '银杏路广场舞音响太吵' } }),
    )
    t.emulator.database.insertMany('demands', history as unknown as Record<string, unknown>[])
    const before = t.emulator.database.documentsRead()
    const res = await ask('银杏路广场舞音响太吵')
    expect(res.ok).toBe(true)
    // The caller, the grid and at most SIMILAR_SCANNED candidates: none of the 600 closed ones.
    expect(t.emulator.database.documentsRead() - before).toBeLessThanOrEqual(SIMILAR_SCANNED + 2)
    expect(res.data.items.length).toBeLessThanOrEqual(5)
  })

  test('who may ask: residents of the community and the grid worker; others are refused; bad input answers the field', async () => {
    await reported('梧桐巷5号深夜电钻噪音')
    expect((await ask('梧桐巷深夜电钻', OPENID.grid)).ok).toBe(true)
    expect((await ask('梧桐巷深夜电钻', OPENID.staff)).error?.code).toBe('FORBIDDEN')
    expect((await ask('梧桐巷深夜电钻', OPENID.volunteer2)).error?.code).toBe('FORBIDDEN')
    expect((await ask('梧桐巷深夜电钻', 'demo-resident-3')).error?.code).toBe('FORBIDDEN')
    expect((await ask('梧桐巷深夜电钻', OPENID.resident2, { gridId: 'no-such-grid' })).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { gridId: '所选网格不存在' },
    })
    const short = await ask('吵', OPENID.resident2)
    expect(short.error?.code).toBe('INVALID_INPUT')
    expect(short.error?.fields).toHaveProperty('title')
    expect((await ask('梧桐巷深夜电钻', OPENID.resident2, { gridId: G_OTHER })).error?.code).toBe('FORBIDDEN')
  })
})

describe('demand.follow', () => {
  test('adds her as a co-reporter once: a retry changes nothing; staff are told once; she sees the masked view', async () => {
    const d = await reported('梧桐巷7号KTV噪音到凌晨')
    const first = await t.call('demand', 'follow', { id: d._id, requestId: requestId('follow') }, OPENID.resident2)
    expect(first.ok).toBe(true)
    expect(first.data.contactPhone).not.toBe('13800000001')
    expect(first.data.followerCount).toBe(1)
    expect(first.data.followers).toBeUndefined()
    expect(first.stats.roundTrips).toBeLessThanOrEqual(4)
    const again = await t.call('demand', 'follow', { id: d._id }, OPENID.resident2)
    expect(again.ok).toBe(true)
    expect((await readDemand(t, d._id)).followers).toEqual([USER.resident2])
    const told = (await eventsSeenBy(t, USER.staff, d._id)).filter((e) => e.type === 'demand.followed')
    expect(told).toHaveLength(1)
    // She can open it (masked), as she could not before following.
    const view = await t.ok('demand', 'get', { id: d._id }, OPENID.resident2)
    expect(view.contactName).not.toBe('张阿姨')
    // The repeat offer shows she follows it.
    const offered = (await ask('梧桐巷7号KTV噪音')).data.items.find((x: { _id: string }) => x._id === d._id)
    expect(offered).toMatchObject({ following: true, followerCount: 1 })
    // …and finds it again in 我跟进的, masked, newest first; the owner's list holds none.
    const mine = await t.call('demand', 'listFollowing', {}, OPENID.resident2)
    expect(mine.data.items[0]).toMatchObject({ _id: d._id, followerCount: 1 })
    expect(mine.data.items[0].contactPhone).not.toBe('13800000001')
    expect(mine.stats.roundTrips).toBe(2)
    expect((await t.call('demand', 'listFollowing', {}, OPENID.resident)).data.items).toEqual([])
  })

  test('she is told of its progress as the owner is', async () => {
    const d = await reported('梧桐巷9号烧烤店油烟噪音')
    await t.ok('demand', 'follow', { id: d._id }, OPENID.resident2)
    await t.ok('dispatch', 'accept', { id: d._id }, OPENID.staff)
    await t.ok('dispatch', 'publish', { id: d._id }, OPENID.staff)
    const hers = (await eventsSeenBy(t, USER.resident2, d._id)).map((e) => e.type)
    const owners = (await eventsSeenBy(t, USER.resident, d._id)).map((e) => e.type)
    expect(hers).toContain('demand.published')
    expect(hers.filter((x) => x !== 'demand.submitted')).toEqual(owners.filter((x) => x !== 'demand.submitted'))
  })

  test('refused: her own demand, another community, a finished one, a full list; nothing is written', async () => {
    const d = await reported('梧桐巷11号装修噪音')
    expect((await t.call('demand', 'follow', { id: d._id }, OPENID.resident)).error?.code).toBe('INVALID_INPUT')
    expect((await t.call('demand', 'follow', { id: d._id }, 'demo-resident-3')).error?.code).toBe('NOT_FOUND')
    expect((await t.call('demand', 'follow', { id: d._id }, OPENID.volunteer2)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('demand', 'follow', { id: 'no-such-demand' }, OPENID.resident2)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('demand', 'follow', { id: '' }, OPENID.resident2)).error?.code).toBe('INVALID_INPUT')
    expect((await readDemand(t, d._id)).followers).toBeUndefined()

    const closed = fixtureDemand('closed', { extra: { category: 'noise', kind: 'report' } })
    const full = fixtureDemand('accepted', {
      extra: { category: 'noise', kind: 'report', followers: Array.from({ length: MAX_FOLLOWERS }, (_, i) => `f-${i}`) },
    })
    t.emulator.database.insertMany('demands', [closed, full] as unknown as Record<string, unknown>[])
    expect((await t.call('demand', 'follow', { id: closed._id }, OPENID.resident2)).error?.code).toBe('INVALID_STATE')
    expect((await t.call('demand', 'follow', { id: full._id }, OPENID.resident2)).error?.code).toBe('INVALID_STATE')
    expect((await readDemand(t, full._id)).followers).toHaveLength(MAX_FOLLOWERS)
  })

  test('two racing taps leave her on the list once', async () => {
    const d = await reported('梧桐巷13号夜间施工')
    const [a, b] = await Promise.all([
      t.call('demand', 'follow', { id: d._id }, NEIGHBOUR),
      t.call('demand', 'follow', { id: d._id }, NEIGHBOUR),
    ])
    expect(a.ok && b.ok).toBe(true)
    expect((await readDemand(t, d._id)).followers).toEqual([NEIGHBOUR])
  })
})

describe('dispatch.similar and merge by picking', () => {
  test('staff see the likely duplicate, search by title or address, and merge the one picked', async () => {
    const original = await reported('梧桐巷15号空调外机噪音', { address: '梧桐巷15号楼下' })
    const dup: Demand = await t.ok('demand', 'create', noise('梧桐巷15号空调外机很吵', { gridId: G2 }), OPENID.resident2)
    const res = await t.call('dispatch', 'similar', { id: dup._id }, OPENID.staff)
    expect(res.ok).toBe(true)
    expect(res.data.items[0]).toMatchObject({ _id: original._id, title: '梧桐巷15号空调外机噪音' })
    expect(res.data.items.map((x: { _id: string }) => x._id)).not.toContain(dup._id)
    expect(res.stats.roundTrips).toBeLessThanOrEqual(3)
    const found = await t.ok('dispatch', 'similar', { id: dup._id, q: '楼下' }, OPENID.staff)
    expect(found.items.map((x: { _id: string }) => x._id)).toContain(original._id)
    expect((await t.ok('dispatch', 'similar', { id: dup._id, q: '没有这个地方' }, OPENID.staff)).items).toEqual([])

    const merged = await t.ok('dispatch', 'merge', { id: dup._id, intoId: res.data.items[0]._id }, OPENID.staff)
    expect(merged).toMatchObject({ status: 'merged', mergedInto: original._id })
  })

  test('only the community’s staff, and only while it can still be merged', async () => {
    const d = await reported('梧桐巷17号狗叫扰民')
    expect((await t.call('dispatch', 'similar', { id: d._id }, OPENID.resident2)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('dispatch', 'similar', { id: d._id }, 'demo-staff-2')).error?.code).toMatch(/NOT_FOUND|FORBIDDEN/)
    expect((await t.call('dispatch', 'similar', { id: d._id }, OPENID.volunteer)).error?.code).toMatch(/NOT_FOUND|FORBIDDEN/)
    await t.ok('dispatch', 'reject', { id: d._id, reason: '已协调处理' }, OPENID.staff)
    expect((await t.call('dispatch', 'similar', { id: d._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
  })
})
