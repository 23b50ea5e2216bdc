/**
 * The scale data set writes the dashboards' counters as the stats timer would
 * (seeds/scale-stats.cjs): after seeding, the counters equal a recount of every demand from
 * scratch, every demand carries what it counted, and the timer finds nothing left to count.
 */
import { join } from 'node:path'
import { addToCells, contributionOf, type Counted, type Demand, type StatsCell, type StoredCell } from '@honglin/shared'
import type { Emulator } from '../../emulator/src'
import { normaliseCells, storedCells } from './support/cells'
import { LAG_MS } from '../../cloudfunctions/stats/count'
import { useHonglin } from '../helpers/honglin'

const root = join(__dirname, '..', '..')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { seedScale } = require(join(root, 'seeds/scale.cjs')) as {
  seedScale(e: Emulator, o: { demands: number; now: number }): Promise<unknown>
}

const N = 2000
const NOW = Date.UTC(2026, 10, 20, 2, 0)
const t = useHonglin({ seed: false })

function all<T>(collection: string): T[] {
  return t.emulator.database.listDocuments(collection, { skip: 0, limit: Number.MAX_SAFE_INTEGER }).docs as T[]
}

beforeAll(async () => {
  t.emulator.clock.set(NOW)
  await seedScale(t.emulator, { demands: N, now: NOW })
}, 120_000)

test('the seeded counters equal a recount of every demand, each demand carries what it counted', () => {
  const demands = all<Demand & { counted?: Counted }>('demands')
  expect(demands.length).toBeGreaterThan(N)
  expect(demands.filter((d) => !d.counted)).toEqual([])
  const recount = new Map<string, StatsCell>()
  for (const d of demands) addToCells(recount, contributionOf(d), 1)
  expect(storedCells(all<StoredCell>('stats_cells'))).toEqual(normaliseCells(recount.values()))
})

test('the timer finds nothing left to count, and the street’s year reads one document', async () => {
  t.emulator.clock.advance(LAG_MS + 1000)
  const { result } = await t.emulator.functions.fireTimer('stats', 'count')
  expect(result).toMatchObject({ ok: true, data: { counted: 0, failed: 0, more: false } })
  const year = await t.ok('stats', 'overview', { streetId: 'street-guoyuan', from: '2026-01-01', to: '2026-12-31' }, 'demo-street')
  expect(year.cellsRead).toBe(1)
  expect(year.received).toBeGreaterThan(100)
  expect(year.byPlace.length).toBeGreaterThan(1)
})

test('overview agrees with the demands themselves for random places and periods', async () => {
  const demands = all<Demand>('demands')
  const day = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)
  const closedAt = (d: Demand) => [...d.timeline].reverse().find((e) => e.action === 'close')?.at
  let seed = 7
  const random = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n
  const places = [
    { communityId: 'community-xinyuan', as: 'demo-staff', match: (d: Demand) => d.communityId === 'community-xinyuan' },
    { streetId: 'street-guoyuan', as: 'demo-street', match: (d: Demand) => d.streetId === 'street-guoyuan' },
    { gridId: 'community-xinyuan-grid-2', as: 'demo-grid', match: (d: Demand) => d.gridId === 'community-xinyuan-grid-2' },
  ]
  for (let i = 0; i < 6; i++) {
    const { as, match, ...place } = places[i % places.length]!
    const start = NOW - random(700) * 86_400_000
    const [from, to] = [day(start), day(start + random(400) * 86_400_000)]
    const mine = demands.filter(match)
    const within = (at: number | undefined) => at !== undefined && day(at) >= from && day(at) <= to
    const o = await t.ok('stats', 'overview', { ...place, from, to }, as)
    expect([from, to, o.received, o.closed, o.rejected]).toEqual([
      from,
      to,
      mine.filter((d) => within(d.createdAt)).length,
      mine.filter((d) => d.status === 'closed' && within(closedAt(d))).length,
      mine.filter((d) => within(d.timeline.find((e) => e.action === 'reject')?.at)).length,
    ])
  }
})
