/** 光荣榜 rules: periods in China time, what counts, the minimum sample, ties, names shown. */
import {
  applyDelta,
  assignRanks,
  CERTIFICATE_CODE,
  countsTowardRanking,
  honourName,
  isRanked,
  MIN_ITEMS_TO_RANK,
  normalizeCertificateCode,
  periodKeyOf,
  periodKeysOf,
  periodLabel,
  rankFromGreater,
  rollupDeltas,
  sameCertifiedCounts,
} from './ranking'

const at = (iso: string) => Date.parse(iso)

describe('periods', () => {
  test('months and years follow Beijing time: 16:30 UTC on Oct 31 is already November', () => {
    expect(periodKeyOf('month', at('2026-10-31T16:30:00Z'))).toBe('2026-11')
    expect(periodKeyOf('month', at('2026-10-31T15:59:59Z'))).toBe('2026-10')
    expect(periodKeyOf('year', at('2026-12-31T16:00:00Z'))).toBe('2027')
    expect(periodKeyOf('all', at('2026-12-31T16:00:00Z'))).toBe('all')
    expect(periodKeysOf(at('2026-03-05T00:00:00Z'))).toEqual(['2026-03', '2026', 'all'])
  })

  test('labels', () => {
    expect(periodLabel('2026-03')).toBe('2026年3月')
    expect(periodLabel('2026')).toBe('2026年度')
    expect(periodLabel('all')).toBe('累计')
  })
})

describe('what a batch of ledger entries adds', () => {
  const place = { communityId: 'c1', streetId: 's1' }
  const base = { ownerType: 'user' as const, ownerId: 'u1', createdAt: at('2026-11-10T02:00:00Z') }

  test('an award adds points, its demand’s hours and one item to every period in both scopes', () => {
    const deltas = rollupDeltas(
      [{ ...base, _id: 'award-d1', delta: 10, reason: 'demand_closed', demandId: 'd1' }],
      () => place,
      () => 1.5,
    )
    expect(deltas.map((d) => d._id).sort()).toEqual([
      'c1:2026-11:u1',
      'c1:2026:u1',
      'c1:all:u1',
      's1:2026-11:u1',
      's1:2026:u1',
      's1:all:u1',
    ])
    for (const d of deltas) expect(d).toMatchObject({ points: 10, hours: 1.5, items: 1, ownerId: 'u1' })
    expect(deltas.find((d) => d._id === 's1:all:u1')).toMatchObject({ scope: 'street', scopeId: 's1', periodKey: 'all' })
  })

  test('entries of one owner add up; a correction changes points only; hours do not drift', () => {
    const deltas = rollupDeltas(
      [
        { ...base, _id: 'award-d1', delta: 10, reason: 'demand_closed', demandId: 'd1' },
        { ...base, _id: 'award-d2', delta: 5, reason: 'demand_closed', demandId: 'd2' },
        { ...base, _id: 'fix-1', delta: -3, reason: 'correction', demandId: 'd1' },
      ],
      () => place,
      (id) => (id === 'd1' ? 0.1 : 0.2),
    )
    expect(deltas.find((d) => d._id === 'c1:2026-11:u1')).toMatchObject({ points: 12, hours: 0.3, items: 2 })
  })

  test('redemptions, refunds, units and entries without a place count for nothing', () => {
    expect(countsTowardRanking({ ownerType: 'user', reason: 'redemption' })).toBe(false)
    expect(countsTowardRanking({ ownerType: 'user', reason: 'reversal' as never })).toBe(false)
    expect(countsTowardRanking({ ownerType: 'unit', reason: 'demand_closed' })).toBe(false)
    expect(countsTowardRanking({ ownerType: 'user', reason: 'award' as never })).toBe(true)
    const deltas = rollupDeltas(
      [
        { ...base, _id: 'r1', delta: -30, reason: 'redemption' },
        { ...base, _id: 'award-d9', ownerId: 'nowhere', delta: 10, reason: 'demand_closed', demandId: 'd9' },
      ],
      (e) => (e.ownerId === 'nowhere' ? undefined : place),
      () => 1,
    )
    expect(deltas).toEqual([])
  })

  test('applying a delta sums with the stored rollup and decides whether it is ranked', () => {
    const [delta] = rollupDeltas(
      [{ ...base, _id: 'award-d1', delta: 10, reason: 'demand_closed', demandId: 'd1' }],
      () => place,
      () => 2,
    )
    const first = applyDelta(undefined, delta!, 1)
    expect(first).toMatchObject({ points: 10, hours: 2, items: 1, ranked: false })
    const third = applyDelta(applyDelta(first, delta!, 2), delta!, 3)
    expect(third).toMatchObject({ points: 30, hours: 6, items: 3, ranked: true, updatedAt: 3 })
  })
})

describe('the minimum sample', () => {
  test(`ranked from ${MIN_ITEMS_TO_RANK} items in the period`, () => {
    expect(isRanked({ items: MIN_ITEMS_TO_RANK - 1 })).toBe(false)
    expect(isRanked({ items: MIN_ITEMS_TO_RANK })).toBe(true)
  })
})

describe('ties share a place', () => {
  test('1, 2, 2, 4', () => {
    const rows = [{ v: 50 }, { v: 40 }, { v: 40 }, { v: 30 }, { v: 30 }, { v: 30 }, { v: 1 }]
    expect(assignRanks(rows, (r) => r.v).map((r) => r.rank)).toEqual([1, 2, 2, 4, 4, 4, 7])
  })

  test('all equal: all first; none: nothing', () => {
    expect(assignRanks([{ v: 3 }, { v: 3 }, { v: 3 }], (r) => r.v).map((r) => r.rank)).toEqual([1, 1, 1])
    expect(assignRanks([], () => 0)).toEqual([])
  })

  test('a place from how many have strictly more', () => {
    expect(rankFromGreater(0)).toBe(1)
    expect(rankFromGreater(3)).toBe(4)
  })
})

describe('names on the board', () => {
  test('masked unless the volunteer chose their name', () => {
    expect(honourName('王小明', undefined)).toBe('王**')
    expect(honourName('王小明', 'masked')).toBe('王**')
    expect(honourName('欧阳', 'masked')).toBe('欧**')
    expect(honourName('王小明', 'name')).toBe('王小明')
    expect(honourName('', 'name')).toBe('志愿者')
    expect(honourName(undefined, undefined)).toBe('志愿者')
  })
})

describe('certificate codes', () => {
  test('typed codes are normalized; the alphabet leaves out look-alikes', () => {
    expect(normalizeCertificateCode('abcd efgh jk23')).toBe('ABCD-EFGH-JK23')
    expect(CERTIFICATE_CODE.test('ABCD-EFGH-JK23')).toBe(true)
    expect(CERTIFICATE_CODE.test('ABCD-EFGH-JK2O')).toBe(false)
    expect(CERTIFICATE_CODE.test('ABCD-EFGH-JK1')).toBe(false)
  })

  test('the same counts answer the same certificate', () => {
    expect(sameCertifiedCounts({ points: 5, hours: 0.30000000000000004, items: 2 }, { points: 5, hours: 0.3, items: 2 })).toBe(true)
    expect(sameCertifiedCounts({ points: 5, hours: 1, items: 2 }, { points: 5, hours: 1, items: 3 })).toBe(false)
  })
})
