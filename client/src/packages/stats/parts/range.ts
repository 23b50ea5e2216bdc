/**
 * The periods a dashboard looks at (本周 / 本月 / 本年 / 自定义) as the `from`–`to` days the stats
 * functions take (both ends included), in China time as the shared stats calendar counts them.
 */
import { dayNumber, dayOf, dayOfNumber, periodBounds } from '@honglin/shared'

export type PeriodKey = 'week' | 'month' | 'year' | 'custom'

export interface DayRange {
  /** First day, YYYY-MM-DD. */
  from: string
  /** Last day, YYYY-MM-DD (included). */
  to: string
}

export const PERIOD_OPTIONS = [
  { value: 'week', label: '本周' },
  { value: 'month', label: '本月' },
  { value: 'year', label: '本年' },
  { value: 'custom', label: '自定义' },
] as const

/** The China day at `ms`. */
export const chinaDay = dayOf

/** The week (from Monday), month or year that contains `now`. */
export function rangeOf(period: Exclude<PeriodKey, 'custom'>, now: number): DayRange {
  const { first, last } = periodBounds(period, dayOf(now))
  return { from: first, to: last }
}

/** The number of days in a range, both ends counted. */
export const daysIn = (range: DayRange): number => dayNumber(range.to) - dayNumber(range.from) + 1

/** The trend's step for a range: days for a month or less, weeks up to a quarter, else months. */
export function stepFor(range: DayRange): 'day' | 'week' | 'month' {
  const days = daysIn(range)
  if (days <= 31) return 'day'
  if (days <= 92) return 'week'
  return 'month'
}

/** The longest custom range, in days (the overview's limit is three years). */
export const MAX_CUSTOM_DAYS = 731

/** A custom range put right: ends in order, never longer than MAX_CUSTOM_DAYS. */
export function customRange(from: string, to: string): DayRange {
  const [a, b] = from <= to ? [from, to] : [to, from]
  const last = dayNumber(a) + MAX_CUSTOM_DAYS - 1
  return { from: a, to: dayNumber(b) > last ? dayOfNumber(last) : b }
}

/** The last `days` days of a range (all of it when shorter). */
export function lastDays(range: DayRange, days: number): DayRange {
  if (daysIn(range) <= days) return range
  return { from: dayOfNumber(dayNumber(range.to) - days + 1), to: range.to }
}

/** How a range reads in a heading: 2026年11月1日–30日, or the full days when years differ. */
export function rangeLabel(range: DayRange): string {
  const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number]
  if (fy !== ty) return `${fy}年${fm}月${fd}日–${ty}年${tm}月${td}日`
  if (fm !== tm) return `${fy}年${fm}月${fd}日–${tm}月${td}日`
  return `${fy}年${fm}月${fd}日–${td}日`
}

/** The preset a range is (本周, 本月, 本年 as of `now`), else 自定义. */
export function presetOf(range: DayRange, now: number): PeriodKey {
  const preset = (['week', 'month', 'year'] as const).find((p) => {
    const r = rangeOf(p, now)
    return r.from === range.from && r.to === range.to
  })
  return preset ?? 'custom'
}
