/**
 * `stats`: the counters the timer keeps from the demands, and the dashboards that read them.
 * The hand-computed week of shared/src/stats/fixture.test-support.ts, placed in this test's own
 * street and communities, answers through the function what metrics.test.ts worked out by
 * hand; a demand driven through every transition (reopen, merge, cancel, reject included) leaves
 * the counters equal to a recount from scratch after each timer run; a run cut off mid-way
 * leaves every counter equal to the sum of what the demands say they counted; racing runs count once.
 */
import { addToCells, contributionOf, type Counted, type Demand, type StatsCell, type StoredCell } from '@honglin/shared'
import { A, B, C, D, E, F } from '../../shared/src/stats/fixture.test-support'
import { countChanges, LAG_MS } from '../../cloudfunctions/stats/count'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, G1, OPENID, STREET, demandInput, insertUsers, uploadPhoto } from './support/demands'
import { normaliseCells, storedCells, type CellView } from './support/cells'
import { cuttingTransaction } from './support/cut-off'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const ST = 'street-sx'
const CA = 'community-sx-a'
const CB = 'community-sx-b'
const GA1 = `${CA}-grid-1`
const GA2 = `${CA}-grid-2`
const GB1 = `${CB}-grid-1`
const PLACE: Record<string, string> = { s1: ST, c1: CA, c2: CB, g1: GA1, g2: GA2, g9: GB1 }

beforeAll(() => {
  t.emulator.database.insertMany('streets', [{ _id: ST, name: '统计街道' }])
  t.emulator.database.insertMany('communities', [
    { _id: CA, name: '统计甲社区', streetId: ST },
    { _id: CB, name: '统计乙社区', streetId: ST },
  ])
  t.emulator.database.insertMany('grids', [
    { _id: GA1, name: '甲社区第1网格', communityId: CA },
    { _id: GA2, name: '甲社区第2网格', communityId: CA },
    { _id: GB1, name: '乙社区第1网格', communityId: CB },
  ])
  insertUsers(t, [
    { _id: 'sx-staff', name: '甲书记', grants: [{ role: 'community_staff', communityId: CA, streetId: ST }] },
    { _id: 'sx-street', name: '统计主任', grants: [{ role: 'street_staff', streetId: ST }] },
    { _id: 'sx-grid', name: '甲网格员', grants: [{ role: 'grid_worker', communityId: CA, streetId: ST, gridIds: [GA2] }] },
  ])
  const placed = (d: Demand): Demand => ({
    ...d,
    _id: `sx-${d._id}`,
    streetId: PLACE[d.streetId]!,
    communityId: PLACE[d.communityId]!,
    gridId: PLACE[d.gridId]!,
  })
  t.emulator.database.insertMany('demands', [A, B, C, D, E, F].map(placed) as unknown as Record<string, unknown>[])
})

/** Fires the timer as the platform does, until it has nothing left; answers how many demands it counted. */
async function fire(): Promise<number> {
  t.emulator.clock.advance(LAG_MS + 1000)
  let counted = 0
  for (let run = 0; run < 50; run++) {
    const { result, error } = await t.emulator.functions.fireTimer('stats', 'count')
    expect(error).toBeUndefined()
    const answer = result as { ok: boolean; data: { counted: number; more: boolean; failed: number } }
    expect(answer.ok).toBe(true)
    expect(answer.data.failed).toBe(0)
    counted += answer.data.counted
    if (!answer.data.more) return counted
  }
  throw new Error('the timer never caught up')
}

function all<T>(collection: string): T[] {
  const out: T[] = []
  for (let skip = 0; ; skip += 500) {
    const page = t.emulator.database.listDocuments(collection, { skip, limit: 500 })
    out.push(...(page.docs as T[]))
    if (page.docs.length < 500) return out
  }
}

const stored = () => storedCells(all<StoredCell>('stats_cells'))
/** What the demands say they counted (`counted`): the counters must always equal this. */
const claimed = () => {
  const map = new Map<string, StatsCell>()
  for (const d of all<Demand & { counted?: Counted }>('demands')) addToCells(map, d.counted, 1)
  return normaliseCells(map.values())
}
/** The counters recounted from scratch. */
const recount = () => {
  const map = new Map<string, StatsCell>()
  for (const d of all<Demand & { counted?: Counted }>('demands')) addToCells(map, contributionOf(d, d.counted), 1)
  return normaliseCells(map.values())
}

const sorted = (m: Map<string, CellView>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1))

describe('every definition through the function, on the hand-computed week', () => {
  beforeAll(async () => {
    await fire()
  })

  test('overview of the community: each metric as worked out by hand', async () => {
    const res = await t.call('stats', 'overview', { communityId: CA, from: '2026-03-02', to: '2026-03-08' }, 'sx-staff')
    expect(res.ok).toBe(true)
    budget('stats.overview', res.stats, 5)
    const o = res.data
    expect(o).toMatchObject({
      scope: { type: 'community', id: CA, name: '统计甲社区' },
      received: 5,
      accepted: 2,
      rejected: 1,
      merged: 1,
      cancelled: 1,
      closed: 1,
      completed: 1,
      reopened: 0,
      resolution: { resolved: 1, base: 2, rate: 0.5 },
      responseHours: { count: 2, median: 2, p90: 48 },
      doneHours: { count: 1, median: 120, p90: 120 },
      satisfaction: { rated: 1, averageStars: 5, goodShare: 1, reopenRate: 0 },
      volunteer: { hours: 2, points: 20 },
      overdueNow: 0,
      placeType: 'grid',
      minSample: 10,
    })
    expect(Object.fromEntries(o.onTime.map((s: any) => [s.stage, [s.onTime, s.ended]]))).toEqual({
      triage: [3, 5],
      dispatch: [2, 2],
      claim: [1, 1],
      acceptance: [0, 1],
      work: [1, 1],
      close: [1, 1],
    })
    // Seven days inside one month: seven day cells, nothing else.
    expect(o.cellsRead).toBeLessThanOrEqual(7)
    expect(o.byPlace.map((r: any) => [r.key, r.label, r.received, r.rank, r.sampleOk])).toEqual([
      [GA1, '甲社区第1网格', 3, null, false],
      [GA2, '甲社区第2网格', 2, null, false],
    ])
    expect(o.byKind.map((r: any) => [r.key, r.received])).toEqual([
      ['service', 3],
      ['report', 1],
      ['wish', 1],
    ])
    expect(o.byCategory.find((r: any) => r.key === 'elderly_care')).toMatchObject({
      label: '助老助残',
      received: 2,
      closed: 1,
      resolutionRate: 1,
    })
  })

  test('the street sees both communities side by side; a grid worker sees their grid', async () => {
    const street = await t.ok('stats', 'overview', { streetId: ST, from: '2026-03-01', to: '2026-03-31' }, 'sx-street')
    expect(street).toMatchObject({ received: 6, resolution: { resolved: 1, base: 3 }, placeType: 'community' })
    expect(street.byPlace.map((r: any) => [r.key, r.received])).toEqual([
      [CA, 5],
      [CB, 1],
    ])
    // A whole month is one document.
    expect(street.cellsRead).toBe(1)
    const grid = await t.ok('stats', 'overview', { from: '2026-03-01', to: '2026-03-31' }, 'sx-grid')
    expect(grid).toMatchObject({
      scope: { type: 'grid', id: GA2 },
      received: 2,
      rejected: 1,
      completed: 2,
      reopened: 1,
      placeType: null,
      byPlace: [],
    })
  })

  test('trend: one point per day or week, each from its own cell', async () => {
    const days = await t.call('stats', 'trend', { communityId: CA, period: 'day', from: '2026-03-02', to: '2026-03-08' }, 'sx-staff')
    budget('stats.trend', days.stats, 4)
    expect(days.data.points.map((p: any) => p.received)).toEqual([1, 2, 0, 1, 1, 0, 0])
    expect(days.data.points.map((p: any) => p.closed)).toEqual([0, 0, 0, 0, 1, 0, 0])
    const weeks = await t.ok('stats', 'trend', { communityId: CA, period: 'week', from: '2026-03-04', to: '2026-03-15' }, 'sx-staff')
    expect(weeks.points.map((p: any) => [p.key, p.first, p.partial, p.received, p.closed, p.resolutionRate])).toEqual([
      ['2026-W10', '2026-03-02', true, 5, 1, 0.5],
      ['2026-W11', '2026-03-09', false, 0, 0, null],
    ])
  })

  test('heat: the places below × category in one call, agreeing with the overview row by row', async () => {
    const range = { from: '2026-03-01', to: '2026-03-31' }
    for (const [scope, who] of [
      [{ communityId: CA }, 'sx-staff'],
      [{ streetId: ST }, 'sx-street'],
    ] as const) {
      const res = await t.call('stats', 'heat', { ...scope, ...range }, who)
      expect(res.ok).toBe(true)
      // The caller, the place, then the crossed cells ‖ the names of the places below.
      budget('stats.heat', res.stats, 4)
      const heat = res.data
      const o = await t.ok('stats', 'overview', { ...scope, ...range }, who)
      expect(heat.placeType).toBe(o.placeType)
      expect(heat.cellsRead).toBe(1)
      // Every place below is a row, the quiet ones too, and each row adds up to the overview's figure for it.
      expect(heat.places.map((p: any) => p.key).sort()).toEqual(o.byPlace.map((p: any) => p.key).sort())
      for (const p of o.byPlace) {
        const row = heat.cells[p.key] ?? {}
        expect(Object.values(row).reduce((a: number, b: any) => a + b, 0)).toBe(p.received)
        expect(heat.places.find((h: any) => h.key === p.key)).toMatchObject({ name: p.label, received: p.received })
      }
      for (const c of o.byCategory) {
        const column = heat.places.reduce((sum: number, p: any) => sum + (heat.cells[p.key]?.[c.key] ?? 0), 0)
        expect(column).toBe(c.received)
        expect(heat.categories.find((h: any) => h.key === c.key)).toMatchObject({ label: c.label, received: c.received })
      }
    }
    expect(await t.ok('stats', 'heat', range, 'sx-grid')).toMatchObject({ placeType: null, places: [], cells: {} })
    expect((await t.call('stats', 'heat', { communityId: CB, ...range }, 'sx-staff')).error?.code).toBe('FORBIDDEN')
  })

  test('the demands overdue now are counted through the index, whatever the period', async () => {
    t.emulator.database.insertMany('demands', [
      {
        ...F,
        _id: 'sx-overdue',
        requestId: 'sx-overdue',
        // Every write stamps the time it was made: the timer goes on from there.
        updatedAt: t.emulator.clock.now(),
        streetId: ST,
        communityId: CB,
        gridId: GB1,
        overdue: { since: F.createdAt + 1, stage: 'triage' },
      } as unknown as Record<string, unknown>,
    ])
    const o = await t.ok('stats', 'overview', { streetId: ST, from: '2026-11-01', to: '2026-11-02' }, 'sx-street')
    expect(o.overdueNow).toBe(1)
    expect(o.received).toBe(0)
  })

  test('a period longer than allowed, or two places at once, is refused with the field', async () => {
    const long = await t.call('stats', 'trend', { communityId: CA, period: 'day', from: '2026-01-01', to: '2026-12-31' }, 'sx-staff')
    expect(long.error).toMatchObject({ code: 'INVALID_INPUT', fields: { to: '统计期最长 93 天' } })
    const two = await t.call('stats', 'overview', { communityId: CA, streetId: ST, from: '2026-03-01', to: '2026-03-02' }, 'sx-street')
    expect(two.error?.code).toBe('INVALID_INPUT')
  })
})

describe('counters follow every transition', () => {
  const step = async (fn: string, action: string, params: Record<string, unknown>, who: string) => t.ok(fn, action, params, who)

  test('after each timer run the counters equal a recount from scratch', async () => {
    await fire()
    const today = new Date(t.emulator.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const gridDay = () => t.ok('stats', 'overview', { gridId: G1, from: today, to: today }, OPENID.grid)
    const before = await gridDay()
    const check = async () => {
      await fire()
      expect(sorted(stored())).toEqual(sorted(recount()))
    }
    const a: Demand = await step('demand', 'create', demandInput('service'), OPENID.resident)
    await check()
    await step('dispatch', 'accept', { id: a._id }, OPENID.staff)
    await check()
    const b: Demand = await step('demand', 'create', demandInput('service'), OPENID.resident2)
    await step('dispatch', 'merge', { id: b._id, intoId: a._id }, OPENID.staff)
    await check()
    const c: Demand = await step('demand', 'create', demandInput('report'), OPENID.resident)
    await step('demand', 'cancel', { id: c._id, reason: '已自行解决' }, OPENID.resident)
    const d: Demand = await step('demand', 'create', demandInput('wish'), OPENID.resident)
    await step('dispatch', 'reject', { id: d._id, reason: '不属于社区服务范围' }, OPENID.staff)
    await check()
    await step('dispatch', 'assign', { id: a._id, assignee: { type: 'volunteer', id: 'user-volunteer' } }, OPENID.staff)
    await step('task', 'accept', { id: a._id }, OPENID.volunteer)
    await step('task', 'start', { id: a._id }, OPENID.volunteer)
    await step('task', 'complete', { id: a._id, note: '已完成', photos: [await uploadPhoto(t)], hours: 1 }, OPENID.volunteer)
    await check()
    await step('demand', 'reopen', { id: a._id, reason: '还是不行' }, OPENID.resident)
    await check()
    await step('task', 'complete', { id: a._id, note: '这次好了', photos: [await uploadPhoto(t)], hours: 1 }, OPENID.volunteer)
    await step('demand', 'rate', { id: a._id, stars: 4 }, OPENID.resident)
    await step('dispatch', 'close', { id: a._id, evaluation: '服务及时' }, OPENID.staff)
    await check()
    const after = await gridDay()
    // What the day of the grid gained: four received, one merged, one cancelled, one rejected, one closed after a reopen.
    const gained = (path: (o: any) => number) => path(after) - path(before)
    expect(['received', 'merged', 'cancelled', 'rejected', 'closed', 'completed', 'reopened'].map((k) => [k, gained((o) => o[k])])).toEqual(
      [
        ['received', 4],
        ['merged', 1],
        ['cancelled', 1],
        ['rejected', 1],
        ['closed', 1],
        ['completed', 2],
        ['reopened', 1],
      ],
    )
    expect([gained((o) => o.resolution.resolved), gained((o) => o.resolution.base)]).toEqual([1, 1])
    expect([gained((o) => o.satisfaction.rated), gained((o) => o.volunteer.hours)]).toEqual([1, 1])
    const again = await fire()
    expect(again).toBe(0)
  })
})

describe('a run cut off or racing counts each demand once', () => {
  const someDemands = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const d: Demand = await t.ok('demand', 'create', demandInput('report', { title: `楼道灯坏了 ${i}` }), OPENID.resident)
      if (i % 2) await t.ok('dispatch', 'accept', { id: d._id }, OPENID.staff)
    }
  }

  test.each(['before commit', 'after commit'] as const)('%s: nothing half-counted, and the next run completes it', async (when) => {
    await fire()
    await someDemands(4)
    t.emulator.clock.advance(LAG_MS + 1000)
    const ctx = { now: t.emulator.clock.now() }
    // The third demand's transaction is cut off: the counting stops there.
    const summary = await countChanges({ ...ctx, db: cuttingTransaction(t.db, 3, when) })
    expect(summary.failed).toBe(1)
    expect(sorted(stored())).toEqual(sorted(claimed()))
    const rest = await countChanges({ ...ctx, db: t.db })
    expect(rest.failed).toBe(0)
    expect(rest.counted).toBe(when === 'before commit' ? 2 : 1)
    expect(sorted(stored())).toEqual(sorted(recount()))
  })

  test('two runs racing over the same demands count each once', async () => {
    await fire()
    await someDemands(6)
    t.emulator.clock.advance(LAG_MS + 1000)
    const ctx = { now: t.emulator.clock.now(), db: t.db }
    const [x, y] = await Promise.all([countChanges(ctx), countChanges(ctx)])
    expect(x.failed + y.failed).toBe(0)
    expect(x.counted + y.counted).toBe(6)
    expect(sorted(stored())).toEqual(sorted(recount()))
  })
})

describe('hotspots', () => {
  test('a surge of a grid and category, a repeated address and similar titles, each with its demands', async () => {
    await fire()
    const made: string[] = []
    for (let i = 0; i < 4; i++) {
      const d: Demand = await t.ok(
        'demand',
        'create',
        demandInput('report', { category: 'rubbish', title: `垃圾堆放没人清运${i}`, address: '新园里 9 号楼东侧', gridId: G1 }),
        OPENID.resident,
      )
      made.push(d._id)
    }
    await fire()
    const today = new Date(t.emulator.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10)
    const res = await t.call('stats', 'hotspots', { communityId: C1, from: today, to: today }, OPENID.staff)
    expect(res.ok).toBe(true)
    const items = res.data.items as any[]
    // The caller, the community, then week cells ‖ address month ‖ newest demands, then grid names ‖ one query per surge.
    budget('stats.hotspots', res.stats, 6 + items.filter((h) => h.kind === 'surge').length)
    const surge = items.find((h) => h.kind === 'surge' && h.category === 'rubbish')
    // Each names its community, so staff can take it up as a need there.
    expect(surge).toMatchObject({ gridId: G1, communityId: C1, count: 4, baseline: 0 })
    expect([...surge.demandIds].sort()).toEqual([...made].sort())
    const address = items.find((h) => h.kind === 'address' && h.title === '新园里 9 号楼东侧')
    expect(address).toMatchObject({ title: '新园里 9 号楼东侧', count: 4 })
    expect([...address.demandIds].sort()).toEqual([...made].sort())
    const similar = items.find((h) => h.kind === 'similar' && h.category === 'rubbish')
    expect([...similar.demandIds].sort()).toEqual([...made].sort())
    expect([address.communityId, similar.communityId]).toEqual([C1, C1])
    // Street staff see the same surge, its community named from its grid.
    const street = await t.ok('stats', 'hotspots', { streetId: STREET, from: today, to: today }, OPENID.street)
    expect(street.items.find((h: any) => h.kind === 'surge' && h.category === 'rubbish')).toMatchObject({ gridId: G1, communityId: C1 })
    expect(res.data.similar.complete).toBe(true)
  })
})
