/**
 * Timer triggers: the 7-field cron in a function's `config.json`
 * (`{ "triggers": [{ "name": "daily", "type": "timer", "config": "0 0 2 * * * *" }] }`).
 *
 * Rules, from the WeChat cloud development guide "定时触发器"
 * (developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.md),
 * agreeing with the CloudBase CLI docs (docs.cloudbase.net/cli-v1/functions/trigger) and the
 * Tencent SCF timer trigger page (cloud.tencent.com/document/product/583/9708):
 * - Seven required fields separated by spaces: second minute hour day month weekday year.
 * - second 0-59, minute 0-59, hour 0-23, day 1-31, month 1-12 or JAN-DEC, weekday 0-6 or
 *   SUN-SAT, year 1970-2099.
 * - Only `,` (union), `-` (inclusive range), `*` (every value) and `/` (step: `1/10` in the
 *   minute field is minute 1, 11, 21, …). SCF itself also knows `?`, `L`, `W` and `#`, but the
 *   cloud development guide lists none of them, so they are rejected here.
 * - When both day and weekday are given they are OR'ed: "日"和"星期"字段同时指定值时，两者为"或"关系.
 *   A field counts as given unless it allows every value (`*`, `1-31`, `0-6`); otherwise the
 *   given one alone decides, as in Vixie cron.
 * - Our reading where the docs are silent: names are case-insensitive; `a/n` runs from a to the
 *   end of the field; a range must not run backwards (no wrap-around); a day that no month has
 *   (30 February) parses but never fires.
 * - Triggers run on Beijing time: "触发器规则的时区为 UTC+8".
 *
 * Weekday numbering: mirrors disagree. The 2019 pages (cloud.tencent.com/document/product/876/32314,
 * the QQ mini-program wiki) say "0 指星期一"; the current WeChat guide, the CloudBase CLI docs
 * and the SCF page say "0 指周日，1 指周一 … 6 指周六". This file follows the current WeChat
 * guide: 0 is Sunday and 7 is not allowed (tests pin it). A community report says numeric
 * weekdays were refused on deployment, so prefer weekday names (MON, SUN) in config.json.
 */

export const BEIJING_OFFSET_MS = 8 * 3600_000

interface FieldSpec {
  name: string
  min: number
  max: number
  /** Three-letter names by value, upper case. */
  names?: Record<string, number>
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: Object.fromEntries(MONTH_NAMES.map((n, i) => [n, i + 1])) },
  { name: 'weekday', min: 0, max: 6, names: Object.fromEntries(WEEKDAY_NAMES.map((n, i) => [n, i])) },
  { name: 'year', min: 1970, max: 2099 },
]

export interface CronField {
  /** Allowed values, ascending. */
  readonly values: readonly number[]
  /** Every value of the field's range is allowed (`*`, or a list covering it). */
  readonly all: boolean
}

export interface CronSchedule {
  readonly source: string
  readonly second: CronField
  readonly minute: CronField
  readonly hour: CronField
  readonly day: CronField
  readonly month: CronField
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: CronField
  readonly year: CronField
}

/** Parses a 7-field CloudBase cron expression; throws an Error naming the field at fault. */
export function parseCron(expr: string): CronSchedule {
  if (typeof expr !== 'string') throw new Error(`invalid cron expression: expected a string, got ${typeof expr}`)
  const parts = expr.trim().split(/\s+/).filter(Boolean)
  if (parts.length !== 7) {
    throw new Error(`invalid cron expression "${expr}": expected 7 fields (second minute hour day month weekday year), got ${parts.length}`)
  }
  const fields = parts.map((text, i) => {
    try {
      return parseField(text, FIELDS[i]!)
    } catch (error) {
      throw new Error(`invalid cron expression "${expr}": ${FIELDS[i]!.name} field "${text}": ${(error as Error).message}`)
    }
  })
  const [second, minute, hour, day, month, weekday, year] = fields as [
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
    CronField,
  ]
  return { source: expr.trim(), second, minute, hour, day, month, weekday, year }
}

function parseField(text: string, spec: FieldSpec): CronField {
  const special = /[?#]/.exec(text)
  if (special) throw unsupported(special[0])
  const set = new Set<number>()
  for (const item of text.split(',')) {
    if (!item) throw new Error('empty list item')
    const [base, stepText, extra] = item.split('/')
    if (extra !== undefined) throw new Error(`"${item}" has more than one "/"`)
    let from: number
    let to: number
    if (base === '*') {
      from = spec.min
      to = spec.max
    } else if (base!.includes('-')) {
      const [a, b, more] = base!.split('-')
      if (more !== undefined || !a || !b) throw new Error(`"${base}" is not a range like 1-5`)
      from = parseValue(a, spec)
      to = parseValue(b, spec)
      if (from > to) {
        const hint = spec.name === 'weekday' ? ' (0 is Sunday: write SAT,SUN or 0,6 for a span across it)' : ''
        throw new Error(`range ${base} runs backwards${hint}`)
      }
    } else {
      from = parseValue(base!, spec)
      // `a/n` steps from a to the end of the range; a bare value is just itself.
      to = stepText === undefined ? from : spec.max
    }
    let step = 1
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw new Error(`step "${stepText}" is not a positive integer`)
      step = Number(stepText)
      if (step < 1 || step > spec.max - spec.min + 1) {
        throw new Error(`step ${stepText} is outside 1-${spec.max - spec.min + 1}`)
      }
    }
    for (let v = from; v <= to; v += step) set.add(v)
  }
  const values = [...set].sort((a, b) => a - b)
  return { values, all: values.length === spec.max - spec.min + 1 }
}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text)
    if (value < spec.min || value > spec.max) throw new Error(`${value} is outside ${spec.min}-${spec.max}`)
    return value
  }
  const named = spec.names?.[text.toUpperCase()]
  if (named !== undefined) return named
  // Quartz/SCF extras such as `L`, `15W`, `5L`, `LW`.
  const extra = /^\d*([LW])W?$/i.exec(text)
  if (extra) throw unsupported(extra[1]!.toUpperCase())
  if (spec.names) {
    throw new Error(`"${text}" is neither ${spec.min}-${spec.max} nor one of ${Object.keys(spec.names).join(',')}`)
  }
  throw new Error(`"${text}" is not an integer ${spec.min}-${spec.max}`)
}

function unsupported(char: string): Error {
  return new Error(`"${char}" is not supported (timer triggers accept numbers, names and , - * / only)`)
}

/** Local wall-clock parts of an instant at a fixed UTC offset. */
function wallClock(date: Date, offsetMs: number) {
  const d = new Date(date.getTime() + offsetMs)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  }
}

function dayMatches(schedule: CronSchedule, day: number, weekday: number): boolean {
  const byDay = schedule.day.values.includes(day)
  const byWeekday = schedule.weekday.values.includes(weekday)
  // Both restricted: either may match. Otherwise the restricted one decides (or neither is).
  if (!schedule.day.all && !schedule.weekday.all) return byDay || byWeekday
  return byDay && byWeekday
}

/** Whether the schedule fires at this instant (to the second) in the given time zone offset. */
export function matches(schedule: CronSchedule, date: Date, offsetMs = BEIJING_OFFSET_MS): boolean {
  const t = wallClock(date, offsetMs)
  return (
    schedule.year.values.includes(t.year) &&
    schedule.month.values.includes(t.month) &&
    dayMatches(schedule, t.day, t.weekday) &&
    schedule.hour.values.includes(t.hour) &&
    schedule.minute.values.includes(t.minute) &&
    schedule.second.values.includes(t.second)
  )
}

function nextValue(field: CronField, atLeast: number): number | undefined {
  return field.values.find((v) => v >= atLeast)
}

/**
 * The first firing strictly after `after`, or null when none is left (the year field, or a day
 * such as 30 February, excludes every later time). Fixed offset: Beijing time has no DST.
 */
export function nextFireTime(schedule: CronSchedule, after: Date, offsetMs = BEIJING_OFFSET_MS): Date | null {
  // Work in "local milliseconds": UTC getters on (instant + offset) read Beijing wall-clock time.
  let t = Math.floor((after.getTime() + offsetMs) / 1000) * 1000 + 1000
  const lastYear = schedule.year.values[schedule.year.values.length - 1]!
  for (;;) {
    const d = new Date(t)
    const year = d.getUTCFullYear()
    const month = d.getUTCMonth() + 1
    const day = d.getUTCDate()
    if (year > lastYear) return null
    if (!schedule.year.values.includes(year)) {
      t = Date.UTC(nextValue(schedule.year, year)!, 0, 1)
      continue
    }
    if (!schedule.month.values.includes(month)) {
      const m = nextValue(schedule.month, month)
      t = m === undefined ? Date.UTC(year + 1, 0, 1) : Date.UTC(year, m - 1, 1)
      continue
    }
    if (!dayMatches(schedule, day, d.getUTCDay())) {
      t = Date.UTC(year, month - 1, day + 1)
      continue
    }
    const h = nextValue(schedule.hour, d.getUTCHours())
    if (h === undefined) {
      t = Date.UTC(year, month - 1, day + 1)
      continue
    }
    if (h !== d.getUTCHours()) {
      t = Date.UTC(year, month - 1, day, h)
      continue
    }
    const m = nextValue(schedule.minute, d.getUTCMinutes())
    if (m === undefined) {
      t = Date.UTC(year, month - 1, day, h + 1)
      continue
    }
    if (m !== d.getUTCMinutes()) {
      t = Date.UTC(year, month - 1, day, h, m)
      continue
    }
    const s = nextValue(schedule.second, d.getUTCSeconds())
    if (s === undefined) {
      t = Date.UTC(year, month - 1, day, h, m + 1)
      continue
    }
    return new Date(Date.UTC(year, month - 1, day, h, m, s) - offsetMs)
  }
}

/**
 * Firings in (after, until], oldest first, at most `limit` of them: what a scheduler owes when
 * the clock jumps forward.
 */
export function fireTimesBetween(
  schedule: CronSchedule,
  after: Date,
  until: Date,
  options: { limit?: number; offsetMs?: number } = {},
): Date[] {
  const { limit = 1000, offsetMs = BEIJING_OFFSET_MS } = options
  const times: Date[] = []
  let cursor: Date | null = after
  while (times.length < limit) {
    cursor = nextFireTime(schedule, cursor, offsetMs)
    if (!cursor || cursor.getTime() > until.getTime()) break
    times.push(cursor)
  }
  return times
}
