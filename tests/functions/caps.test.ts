/**
 * No silent caps: what the functions count and rank stays right past the 1,000 documents one
 * read answers (and the 20 an aggregate answers unless limited), and paged lists give every
 * item exactly once while items are added. Large sets are inserted directly; the counts are
 * asserted, never times.
 */
import type { Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import { STREET, USER, expectAllQueriesIndexed, fixtureDemand, insertUsers, type FixtureState } from './support/demands'

const t = useHonglin()

afterAll(() => expectAllQueriesIndexed(t))

const CB = 'community-caps'
const GRID = `${CB}-grid-1`
const STAFF = 'caps-staff'
const BUSY = 'caps-busy'
const LIGHT = 'caps-light'

const volunteer = (id: string, extra: { name?: string; gridId?: string; skills?: string[]; activeLoad?: number } = {}) => ({
  _id: id,
  ...(extra.activeLoad !== undefined ? { activeLoad: extra.activeLoad } : {}),
  name: extra.name ?? `志愿者${id}`,
  grants: [{ role: 'volunteer', communityId: CB, streetId: STREET }],
  volunteer: {
    status: 'verified',
    skills: extra.skills ?? ['跑腿'],
    isPartyMember: false,
    communityId: CB,
    gridId: extra.gridId ?? `${CB}-grid-9`,
    appliedAt: 1,
  },
})

function insertDemands(count: number, state: FixtureState, assignee?: { id: string; type: 'volunteer' | 'unit' }): void {
  const docs = Array.from({ length: count }, () => {
    const d = fixtureDemand(state, { communityId: CB, gridId: GRID })
    if (assignee && d.assignee) d.assignee = { ...d.assignee, id: assignee.id, type: assignee.type }
    return d as unknown as Record<string, unknown>
  })
  t.emulator.database.insertMany('demands', docs)
}

function accepted(): Demand {
  const d = fixtureDemand('accepted', { communityId: CB, gridId: GRID })
  t.emulator.database.insertMany('demands', [d as unknown as Record<string, unknown>])
  return d
}

beforeAll(() => {
  insertUsers(t, [
    { _id: STAFF, name: '测试社区 工作人员', grants: [{ role: 'community_staff', communityId: CB, streetId: STREET }] },
    volunteer(BUSY, { name: '忙碌的志愿者', activeLoad: 1250 }),
    volunteer(LIGHT, { name: '轻松的志愿者', activeLoad: 3 }),
  ])
  t.emulator.database.insertMany('units', [
    { _id: 'caps-unit', name: '测试物业', resources: ['助老服务'], communityIds: [CB], pointsBalance: 0, activeLoad: 25 },
  ])
})

describe('dispatch.suggest past a thousand', () => {
  test('loads are each candidate’s own counter: the community’s demands are not read, however many', async () => {
    insertDemands(1100, 'in_progress', { id: BUSY, type: 'volunteer' })
    insertDemands(150, 'dispatched', { id: BUSY, type: 'volunteer' })
    insertDemands(400, 'closed', { id: LIGHT, type: 'volunteer' })
    const d = accepted()
    const before = t.emulator.database.documentsRead()

    const res = await t.call('dispatch', 'suggest', { id: d._id }, STAFF)
    expect(res.ok).toBe(true)
    const byId = new Map(res.data.volunteers.map((v: { id: string; load: number }) => [v.id, v.load]))
    expect(byId.get(BUSY)).toBe(1250)
    expect(byId.get(LIGHT)).toBe(3)
    expect(res.data.units).toEqual([expect.objectContaining({ id: 'caps-unit', load: 25 })])
    // The lighter load ranks first: the load decided it.
    expect(res.data.volunteers.map((v: { id: string }) => v.id)).toEqual([LIGHT, BUSY])
    expect(res.data.totals).toEqual({ volunteers: 2, units: 1 })
    // No aggregate over demands: caller, demand, volunteers ‖ units.
    expect(res.stats.actions['database.aggregateDocuments']).toBeUndefined()
    expect(res.stats.roundTrips).toBe(4)
    // The caller, the demand, two volunteers and a unit: none of the 1,650 other demands.
    expect(t.emulator.database.documentsRead() - before).toBeLessThan(10)
  })

  test('more than a thousand volunteers are all considered, each with its load', async () => {
    // 1,200 more volunteers, each with one task in hand: the users come in two pages.
    const many = Array.from({ length: 1200 }, (_, i) => volunteer(`caps-many-${String(i).padStart(4, '0')}`, { activeLoad: 1 }))
    insertUsers(t, many)
    const d = accepted()

    const res = await t.call('dispatch', 'suggest', { id: d._id }, STAFF)
    expect(res.ok).toBe(true)
    expect(res.data.totals.volunteers).toBe(1202)
    // Every listed volunteer with a task shows it; none of the 1,200 reads as idle.
    const shown = res.data.volunteers as { id: string; load: number }[]
    expect(shown).toHaveLength(50)
    expect(shown.filter((v) => v.id.startsWith('caps-many-')).every((v) => v.load === 1)).toBe(true)
    // Volunteers past the first thousand: two pages of users.
    expect(res.stats.roundTrips).toBe(5)
  })

  test('every verified volunteer is considered: the best one sorts last by id and is still found', async () => {
    // Same grid and a fitting skill, idle: the best candidate, stored after 1,200 others.
    const best = volunteer('caps-zz-best', { name: '最合适的志愿者', gridId: GRID, skills: ['助老'] })
    insertUsers(t, [best])
    const d = accepted()
    const res = await t.ok('dispatch', 'suggest', { id: d._id }, STAFF)
    expect(res.totals.volunteers).toBe(1203)
    expect(res.volunteers[0]).toMatchObject({ id: 'caps-zz-best', sameGrid: true, skillMatch: ['助老'], load: 0 })
  })
})

describe('points.balance', () => {
  test('two round trips however long the ledger', async () => {
    const entries = Array.from({ length: 2500 }, (_, i) => ({
      _id: `caps-entry-${i}`,
      ownerType: 'user',
      ownerId: USER.volunteer2,
      delta: 2,
      reason: 'demand_closed',
      demandId: `caps-d-${i}`,
      note: '批量',
      createdAt: 1_700_000_000_000 + i,
      createdBy: USER.staff,
    }))
    t.emulator.database.insertMany('points_ledger', entries)
    const before = await t.call('points', 'balance', {}, 'demo-volunteer-2')
    expect(before.data.entries).toBeGreaterThanOrEqual(2500)
    expect(before.stats.roundTrips).toBe(2)
  })
})

describe('points.ledger paged by key', () => {
  test('every entry exactly once across pages while entries are added', async () => {
    insertUsers(t, [{ _id: 'caps-pager', openid: 'wx-caps-pager', name: '翻页测试' }])
    const entry = (i: number, at: number) => ({
      _id: `caps-page-${i}`,
      ownerType: 'user',
      ownerId: 'caps-pager',
      delta: 1,
      reason: 'demand_closed',
      demandId: `caps-page-d-${i}`,
      note: `第 ${i} 条`,
      // Some share a time: the id breaks the tie.
      createdAt: 1_700_000_000_000 + Math.floor(at / 3),
      createdBy: USER.staff,
    })
    t.emulator.database.insertMany(
      'points_ledger',
      Array.from({ length: 95 }, (_, i) => entry(i, i)),
    )
    const seen: string[] = []
    let cursor: string | undefined
    let added = 0
    for (let pages = 0; pages < 20; pages++) {
      const res = await t.call('points', 'ledger', { page: { limit: 10 }, ...(cursor ? { cursor } : {}) }, 'wx-caps-pager')
      expect(res.stats.roundTrips).toBe(2)
      seen.push(...res.data.items.map((e: { _id: string }) => e._id))
      // A newer entry arrives between pages: it belongs before the first page, not in the rest.
      t.emulator.database.insertMany('points_ledger', [entry(1000 + added, 10_000 + added)])
      added += 1
      if (!res.data.hasMore) break
      cursor = res.data.next
    }
    expect(seen).toHaveLength(95)
    expect(new Set(seen).size).toBe(95)
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 95 }, (_, i) => `caps-page-${i}`)))
  })

  test('a cursor that is not one the ledger gave is INVALID_INPUT', async () => {
    for (const cursor of ['x', '1.', '.abc', '1.a b', `${'9'.repeat(16)}.a`]) {
      const res = await t.call('points', 'ledger', { cursor }, 'demo-volunteer-2')
      expect(res.error?.code).toBe('INVALID_INPUT')
    }
  })
})
