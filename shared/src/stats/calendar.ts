/**
 * The statistics calendar: days, ISO weeks (Monday first), months and years in China time
 * (UTC+8) whatever the server's zone, and how a range of days is covered by the fewest
 * whole periods, so that a view reads a bounded number of counter documents.
 */
export const StatsPeriods = ['day', 'week', 'month', 'year'] as const
export type StatsPeriod = (typeof StatsPeriods)[number]

const CHINA_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

/** A day written `2026-11-27` (China date). */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/

const pad = (n: number) => String(n).padStart(2, '0')
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`

/** Days since 1970-01-01 of a `YYYY-MM-DD` day; NaN when it is no real date. */
export function dayNumber(day: string): number {
  if (!DAY_PATTERN.test(day)) return NaN
  const ms = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))
  return ymd(new Date(ms)) === day ? ms / DAY_MS : NaN
}

export const dayOfNumber = (n: number): string => ymd(new Date(n * DAY_MS))

/** The China date of an instant. */
export const dayOf = (at: number): string => ymd(new Date(at + CHINA_OFFSET_MS))

/** The instant a China day begins. */
export const dayStart = (day: string): number => dayNumber(day) * DAY_MS - CHINA_OFFSET_MS

/** ISO week key of a day: `2026-W48` (the week belongs to the year of its Thursday). */
export function weekKeyOf(day: string): string {
  const n = dayNumber(day)
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7
  const thursday = new Date((n - weekday + 3) * DAY_MS)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() / DAY_MS - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1
  return `${year}-W${pad(week)}`
}

/** The Monday of a day's week. */
export function weekStartOf(day: string): string {
  const n = dayNumber(day)
  return dayOfNumber(n - ((new Date(n * DAY_MS).getUTCDay() + 6) % 7))
}

/** The key of the period a day falls in: `2026-11-27`, `2026-W48`, `2026-11`, `2026`. */
export function periodKey(period: StatsPeriod, day: string): string {
  switch (period) {
    case 'day':
      return day
    case 'week':
      return weekKeyOf(day)
    case 'month':
      return day.slice(0, 7)
    case 'year':
      return day.slice(0, 4)
  }
}

/** The first and last day of the period that starts on or contains `day`. */
export function periodBounds(period: StatsPeriod, day: string): { first: string; last: string } {
  const n = dayNumber(day)
  switch (period) {
    case 'day':
      return { first: day, last: day }
    case 'week': {
      const first = weekStartOf(day)
      return { first, last: dayOfNumber(dayNumber(first) + 6) }
    }
    case 'month': {
      const y = Number(day.slice(0, 4))
      const m = Number(day.slice(5, 7))
      return { first: `${day.slice(0, 7)}-01`, last: dayOfNumber(Date.UTC(y, m, 1) / DAY_MS - 1) }
    }
    case 'year':
      return { first: `${day.slice(0, 4)}-01-01`, last: `${day.slice(0, 4)}-12-31` }
  }
  return { first: dayOfNumber(n), last: dayOfNumber(n) }
}

/** Label of a period key: 11月27日, 2026年第48周, 2026年11月, 2026年. */
export function periodKeyLabel(key: string): string {
  if (/^\d{4}-W\d{2}$/.test(key)) return `${key.slice(0, 4)}年第${Number(key.slice(6))}周`
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return `${Number(key.slice(5, 7))}月${Number(key.slice(8))}日`
  if (/^\d{4}-\d{2}$/.test(key)) return `${key.slice(0, 4)}年${Number(key.slice(5))}月`
  return `${key}年`
}

/**
 * Whole years, months, ISO weeks and days that exactly cover `from`..`to` (both included),
 * the biggest that fit first: at most about 6 days, 4 weeks and 11 months at each end, and the
 * years between. A week is taken only where it does not use up the first day of a month that
 * would fit whole (a week may straddle two months; a month is the fewer documents).
 */
export function coverOf(from: string, to: string): { period: StatsPeriod; key: string }[] {
  const end = dayNumber(to)
  const keys: { period: StatsPeriod; key: string }[] = []
  const fits = (period: StatsPeriod, day: string) => {
    const b = periodBounds(period, day)
    return b.first === day && dayNumber(b.last) <= end
  }
  let n = dayNumber(from)
  while (n <= end) {
    const day = dayOfNumber(n)
    let period: StatsPeriod = fits('year', day) ? 'year' : fits('month', day) ? 'month' : 'day'
    if (period === 'day' && fits('week', day)) {
      const nextMonth = dayOfNumber(dayNumber(periodBounds('month', day).last) + 1)
      const crosses = dayNumber(periodBounds('week', day).last) >= dayNumber(nextMonth)
      if (!crosses || !fits('month', nextMonth)) period = 'week'
    }
    keys.push({ period, key: periodKey(period, day) })
    n = dayNumber(periodBounds(period, day).last) + 1
  }
  return keys
}

/** The consecutive periods from the one containing `from` to the one containing `to`. */
export function periodsBetween(
  period: Exclude<StatsPeriod, 'year'> | 'year',
  from: string,
  to: string,
): { key: string; first: string; last: string }[] {
  const out: { key: string; first: string; last: string }[] = []
  let day = from
  while (dayNumber(day) <= dayNumber(to)) {
    const b = periodBounds(period, day)
    out.push({ key: periodKey(period, day), ...b })
    day = dayOfNumber(dayNumber(b.last) + 1)
  }
  return out
}
