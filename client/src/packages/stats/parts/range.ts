/**
 * The periods a dashboard looks at (本周 / 本月 / 本年 / 自定义) as the `from`–`to` days the stats
 * functions take, both ends included, in the community's own calendar (China time), so a
 * period means the same days whatever the device's clock zone.
 */
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

const CHINA_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000

/** The calendar day in China at `ms`, as YYYY-MM-DD. */
export function chinaDay(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

function dayMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`)
}

/** The range of a preset period that contains `now` (weeks start on Monday). */
export function rangeOf(period: Exclude<PeriodKey, 'custom'>, now: number): DayRange {
  const today = chinaDay(now)
  if (period === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` }
  if (period === 'month') {
    const [y, m] = today.split('-').map(Number) as [number, number]
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
    return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` }
  }
  const weekday = (new Date(dayMs(today)).getUTCDay() + 6) % 7
  const monday = dayMs(today) - weekday * DAY_MS
  return { from: chinaDay(monday - CHINA_OFFSET_MS), to: chinaDay(monday + 6 * DAY_MS - CHINA_OFFSET_MS) }
}

/** The number of days in a range, both ends counted. */
export function daysIn(range: DayRange): number {
  return Math.round((dayMs(range.to) - dayMs(range.from)) / DAY_MS) + 1
}

/** The trend's step for a range: days for a month or less, weeks up to a quarter, else months. */
export function stepFor(range: DayRange): 'day' | 'week' | 'month' {
  const days = daysIn(range)
  if (days <= 31) return 'day'
  if (days <= 92) return 'week'
  return 'month'
}

/** A custom range put right: ends in order, never more than two years. */
export function customRange(from: string, to: string): DayRange {
  const [a, b] = from <= to ? [from, to] : [to, from]
  const max = dayMs(a) + 731 * DAY_MS
  return { from: a, to: dayMs(b) > max ? chinaDay(max - CHINA_OFFSET_MS) : b }
}

/** How a range reads in a heading: 2026年11月1日–30日, or the full days when years differ. */
export function rangeLabel(range: DayRange): string {
  const [fy, fm, fd] = range.from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = range.to.split('-').map(Number) as [number, number, number]
  if (fy !== ty) return `${fy}年${fm}月${fd}日–${ty}年${tm}月${td}日`
  if (fm !== tm) return `${fy}年${fm}月${fd}日–${tm}月${td}日`
  return `${fy}年${fm}月${fd}日–${td}日`
}

/** The last `days` days of a range (all of it when shorter). */
export function lastDays(range: DayRange, days: number): DayRange {
  if (daysIn(range) <= days) return range
  return { from: chinaDay(dayMs(range.to) - (days - 1) * DAY_MS - CHINA_OFFSET_MS), to: range.to }
}
