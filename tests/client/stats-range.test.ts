import { customRange, lastDays, rangeLabel, rangeOf, stepFor } from '../../client/src/packages/stats/parts/range'

// 2026-11-27 is a Friday; at 20:00 UTC it is already Saturday the 28th in China.
const FRIDAY_NOON_CHINA = Date.parse('2026-11-27T04:00:00Z')
const SATURDAY_EARLY_CHINA = Date.parse('2026-11-27T20:00:00Z')

test('本周 runs Monday to Sunday of the China day, 本月 and 本年 their whole calendar', () => {
  expect(rangeOf('week', FRIDAY_NOON_CHINA)).toEqual({ from: '2026-11-23', to: '2026-11-29' })
  expect(rangeOf('month', FRIDAY_NOON_CHINA)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
  expect(rangeOf('year', FRIDAY_NOON_CHINA)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  expect(rangeOf('month', Date.parse('2026-02-28T17:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-31' })
  expect(rangeOf('week', SATURDAY_EARLY_CHINA)).toEqual({ from: '2026-11-23', to: '2026-11-29' })
})

test('the trend steps by day up to a month, by week up to a quarter, else by month', () => {
  expect(stepFor({ from: '2026-11-01', to: '2026-11-30' })).toBe('day')
  expect(stepFor({ from: '2026-01-01', to: '2026-01-31' })).toBe('day')
  expect(stepFor({ from: '2026-01-01', to: '2026-02-01' })).toBe('week')
  expect(stepFor({ from: '2026-01-01', to: '2026-12-31' })).toBe('month')
})

test('a custom range is put in order and cut to two years; a long range keeps its last days for hotspots', () => {
  expect(customRange('2026-11-30', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' })
  expect(customRange('2020-01-01', '2026-01-01')).toEqual({ from: '2020-01-01', to: '2021-12-31' })
  expect(lastDays({ from: '2026-01-01', to: '2026-12-31' }, 93)).toEqual({ from: '2026-09-30', to: '2026-12-31' })
  expect(lastDays({ from: '2026-11-01', to: '2026-11-30' }, 93)).toEqual({ from: '2026-11-01', to: '2026-11-30' })
})

test('a range reads as Chinese dates, naming the year once when it does not change', () => {
  expect(rangeLabel({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026年11月1日–30日')
  expect(rangeLabel({ from: '2026-11-23', to: '2026-12-06' })).toBe('2026年11月23日–12月6日')
  expect(rangeLabel({ from: '2025-12-29', to: '2026-01-04' })).toBe('2025年12月29日–2026年1月4日')
})
