import { coverOf, dayNumber, dayOfNumber, periodBounds, periodKey, weekKeyOf } from './calendar'
import { addToCells, cellDeltas, contributionOf, applyCellDelta, packCell, unpackCell, type StatsCell } from './contribution'
import { A, E, WEEK } from './fixture.test-support'
import { addCounters, metricsOf, quantileHours, rankRows, breakdownOf, type Counters } from './metrics'

const cells = () => {
  const map = new Map<string, StatsCell>()
  for (const d of WEEK) addToCells(map, contributionOf(d), 1)
  return map
}

/** The totals of a place over from..to, as the overview sums them. */
function sum(scope: string, from: string, to: string, map = cells()): { total: Counters; by: Record<string, Counters> } {
  let total: Counters = {}
  const by: Record<string, Counters> = {}
  for (const { key } of coverOf(from, to)) {
    const c = map.get(`${scope}:${key}`)
    if (!c) continue
    total = addCounters(total, c.total)
    const crossed = map.get(`${scope}:${key}:x`)?.gc
    for (const [k, v] of Object.entries({ ...c.by, ...crossed })) by[k] = addCounters(by[k] ?? {}, v)
  }
  return { total, by }
}

describe('every definition on the hand-computed week of community c1 (2026-03-02 … 03-08)', () => {
  const m = metricsOf(sum('community:c1', '2026-03-02', '2026-03-08').total)

  test('flow counts are counted on the day each event happened', () => {
    expect(m).toMatchObject({ received: 5, accepted: 2, rejected: 1, merged: 1, cancelled: 1, closed: 1, completed: 1, reopened: 0 })
  })
  test('resolution rate: of those received, less the merged, cancelled and rejected, the share closed', () => {
    expect(m.resolution).toEqual({ resolved: 1, base: 2, rate: 0.5 })
  })
  test('on time per stage, on the day each stage ended; the confirmation stage is not judged', () => {
    const byStage = Object.fromEntries(m.onTime.map((s) => [s.stage, [s.onTime, s.ended]]))
    expect(byStage).toEqual({ triage: [3, 5], dispatch: [2, 2], claim: [1, 1], acceptance: [0, 1], work: [1, 1], close: [1, 1] })
  })
  test('response and done times come from the buckets: the upper bound of the bucket of the quantile', () => {
    // Responses: 1.5 h (≤ 2) and 25 h (≤ 48); done: 96 h (≤ 120).
    expect(m.responseHours).toEqual({ count: 2, median: 2, p90: 48, beyond: false })
    expect(m.doneHours).toEqual({ count: 1, median: 120, p90: 120, beyond: false })
  })
  test('satisfaction, volunteer hours and points', () => {
    expect(m.satisfaction).toEqual({ rated: 1, averageStars: 5, goodShare: 1, reopenRate: 0 })
    expect(m.volunteer).toEqual({ hours: 2, points: 20 })
  })
  test('the next week holds E’s two completions and the reopen between them', () => {
    const next = metricsOf(sum('community:c1', '2026-03-09', '2026-03-15').total)
    expect(next).toMatchObject({ received: 0, completed: 2, reopened: 1, closed: 0 })
    expect(next.satisfaction.reopenRate).toBe(0.5)
    // Both work stages ended on time: 72 h from the claim, then a fresh 72 h window from the reopen.
    expect(next.onTime.find((s) => s.stage === 'work')).toMatchObject({ ended: 2, onTime: 2 })
  })
  test('the street adds its other community; grids and kinds break the community down', () => {
    const street = sum('street:s1', '2026-03-02', '2026-03-08')
    expect(metricsOf(street.total)).toMatchObject({ received: 6, resolution: { resolved: 1, base: 3, rate: 0.3333 } })
    expect(street.by['m~c2']).toEqual({ received: 1, cohortBase: 1 })
    const { by } = sum('community:c1', '2026-03-02', '2026-03-08')
    expect([by['g~g1']?.received, by['g~g2']?.received]).toEqual([3, 2])
    expect([by['k~service']?.received, by['k~wish']?.received, by['k~report']?.received]).toEqual([3, 1, 1])
    expect(by['gc~g1~elderly_care']).toMatchObject({ received: 2, cohortBase: 1, cohortResolved: 1, closed: 1 })
    expect(street.by['mc~c1~elderly_care']).toMatchObject({ received: 2 })
  })
  test('a cell holds what the overview reads; the crossed breakdowns are a document of their own; a street does not carry grids', () => {
    const map = cells()
    const main = map.get('street:s1:2026-03')!
    const crossed = map.get('street:s1:2026-03:x')!
    expect(main.gc).toBeUndefined()
    expect(Object.keys(main.by).some((d) => d.startsWith('g~') || d.includes('~', 2))).toBe(false)
    expect(Object.keys(main.by)).toEqual(expect.arrayContaining(['m~c1', 'm~c2', 'c~elderly_care', 'k~service']))
    expect(crossed.total).toEqual({})
    expect(Object.keys(crossed.gc!)).toEqual(expect.arrayContaining(['gc~g1~elderly_care', 'mc~c1~elderly_care']))
    expect(map.get('community:c1:2026-03:x')!.gc!['mc~c1~elderly_care']).toBeUndefined()
    expect(map.get('grid:g1:2026-03:x')).toBeUndefined()
  })
  test('a cell is stored with its counters packed and reads back the same, one part at a time too', () => {
    for (const cell of cells().values()) {
      const packed = packCell(cell)
      expect([typeof packed.total, typeof packed.by]).toEqual(['string', 'string'])
      expect(unpackCell(packed)).toEqual(cell.gc && Object.keys(cell.gc).length ? cell : { ...cell, gc: undefined })
    }
    const month = packCell(cells().get('street:s1:2026-03')!)
    expect(unpackCell({ key: month.key, total: month.total })).toMatchObject({ total: JSON.parse(month.total), by: {} })
  })
  test('a week’s cell equals its days, and a month’s its weeks where they fall wholly inside it', () => {
    const map = cells()
    const week = map.get(`community:c1:${weekKeyOf('2026-03-02')}`)!.total
    expect(week).toEqual(sum('community:c1', '2026-03-02', '2026-03-08', map).total)
    expect(map.get('community:c1:2026-03')!.total).toEqual(sum('community:c1', '2026-03-01', '2026-03-31', map).total)
  })
})

describe('moving a demand by its difference', () => {
  test('reopened: subtracting what it counted and adding what it counts equals counting it afresh', () => {
    const done = { ...E, status: 'done' as const, timeline: E.timeline.slice(0, 6) }
    const reopened = E
    const stored = new Map<string, StatsCell>()
    for (const c of cellDeltas(undefined, contributionOf(done))) stored.set(c._id, applyCellDelta(undefined, c))
    for (const c of cellDeltas(contributionOf(done), contributionOf(reopened))) stored.set(c._id, applyCellDelta(stored.get(c._id), c))
    const fresh = addToCells(new Map(), contributionOf(reopened), 1)
    for (const [id, cell] of fresh) expect(stored.get(id)).toMatchObject({ total: cell.total })
    for (const [id, cell] of stored) if (!fresh.has(id)) expect(cell.total).toEqual({})
  })
  test('counting the same contribution again changes nothing', () => {
    expect(cellDeltas(contributionOf(A), contributionOf(A))).toEqual([])
  })
  test('a cancelled demand leaves the resolution base on the day it was received', () => {
    const open = { ...A, status: 'submitted' as const, timeline: A.timeline.slice(0, 1), rating: undefined }
    const cancelled = { ...open, status: 'cancelled' as const }
    const deltas = cellDeltas(contributionOf(open), contributionOf(cancelled))
    expect(deltas.find((c) => c._id === 'community:c1:2026-03-02')?.total).toEqual({ cohortBase: -1 })
  })
})

describe('quantiles and rankings', () => {
  test('quantile: the bucket holding the ⌈q·n⌉-th value, empty is null', () => {
    expect(quantileHours([], 0.5)).toBeNull()
    expect(quantileHours([0, 1, 0, 3], 0.5)).toBe(8)
    expect(quantileHours([0, 1, 0, 3], 0.25)).toBe(2)
  })
  test('places with fewer than 10 demands behind the rate are shown but not ranked; ties share a place', () => {
    const row = (key: string, base: number, resolved: number) =>
      breakdownOf(key, key, { received: base, cohortBase: base, cohortResolved: resolved })
    const ranked = rankRows([row('a', 10, 9), row('b', 20, 18), row('c', 5, 5), row('d', 10, 5)])
    expect(ranked.map((r) => [r.key, r.rank])).toEqual([
      ['a', 1],
      ['b', 1],
      ['d', 3],
      ['c', null],
    ])
  })
})

describe('the calendar', () => {
  test('a period is covered by whole years, months, weeks and days, the biggest first', () => {
    expect(coverOf('2026-01-01', '2026-12-31')).toEqual([{ period: 'year', key: '2026' }])
    expect(coverOf('2026-02-27', '2026-04-02').map((c) => c.key)).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03',
      '2026-04-01',
      '2026-04-02',
    ])
    // 30 days to Saturday 11-28: two days of October, Sunday 11-01, three weeks, then days.
    expect(coverOf('2026-10-30', '2026-11-28').map((c) => c.key)).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-W45',
      '2026-W46',
      '2026-W47',
      ...['23', '24', '25', '26', '27', '28'].map((d) => `2026-11-${d}`),
    ])
    // Monday 03-30 starts a week that would take April's first days: April whole is fewer documents.
    expect(coverOf('2026-03-30', '2026-04-30').map((c) => c.key)).toEqual(['2026-03-30', '2026-03-31', '2026-04'])
    // The same week with April not whole is taken across the two months.
    expect(coverOf('2026-03-30', '2026-04-20').map((c) => c.key)).toEqual(['2026-W14', '2026-W15', '2026-W16', '2026-04-20'])
    // Every cover is exact: its periods tile the days with no gap and no overlap.
    for (const [from, to] of [
      ['2025-12-29', '2026-11-28'],
      ['2024-02-28', '2026-03-03'],
      ['2026-11-28', '2026-11-28'],
    ] as const) {
      let day: string = from
      for (const c of coverOf(from, to)) {
        expect([periodKey(c.period, day), periodBounds(c.period, day).first]).toEqual([c.key, day])
        day = dayOfNumber(dayNumber(periodBounds(c.period, day).last) + 1)
      }
      expect(dayNumber(day)).toBe(dayNumber(to) + 1)
    }
    expect(weekKeyOf('2026-01-01')).toBe('2026-W01')
    expect(weekKeyOf('2027-01-01')).toBe('2026-W53')
    expect(weekKeyOf('2026-03-08')).toBe('2026-W10')
  })
})
