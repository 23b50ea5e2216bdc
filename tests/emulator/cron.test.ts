import { BEIJING_OFFSET_MS, type CronSchedule, fireTimesBetween, matches, nextFireTime, parseCron } from '../../emulator/src/functions/cron'

/** Beijing wall-clock time, e.g. bj('2024-06-03 10:15:00'). */
function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}+08:00`)
}

/** Formats an instant as Beijing wall-clock time, the way the tables are written. */
function fmt(date: Date | null): string | null {
  if (!date) return null
  return new Date(date.getTime() + BEIJING_OFFSET_MS).toISOString().replace('T', ' ').slice(0, 19)
}

describe('parseCron: accepted fields', () => {
  const cases: Array<[string, Exclude<keyof CronSchedule, 'source'>, number[]]> = [
    ['* * * * * * *', 'hour', Array.from({ length: 24 }, (_, i) => i)],
    ['0 */5 * * * * *', 'minute', [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]],
    ['0 1/10 * * * * *', 'minute', [1, 11, 21, 31, 41, 51]],
    ['10-30/10 * * * * * *', 'second', [10, 20, 30]],
    ['0 0 9-17 * * * *', 'hour', [9, 10, 11, 12, 13, 14, 15, 16, 17]],
    ['0 0 10,14,16 * * * *', 'hour', [10, 14, 16]],
    ['0 0 1-3,20-21,23 * * * *', 'hour', [1, 2, 3, 20, 21, 23]],
    ['0 0 0 1,15,31 * * *', 'day', [1, 15, 31]],
    ['0 0 0 */10 * * *', 'day', [1, 11, 21, 31]],
    ['0 0 0 1 JAN,JUL * *', 'month', [1, 7]],
    ['0 0 0 1 jan-mar * *', 'month', [1, 2, 3]],
    ['0 0 0 1 3/3 * *', 'month', [3, 6, 9, 12]],
    ['0 0 0 1 FEB/6 * *', 'month', [2, 8]],
    ['0 0 0 * * MON-FRI *', 'weekday', [1, 2, 3, 4, 5]],
    ['0 0 0 * * SUN,SAT *', 'weekday', [0, 6]],
    ['0 0 0 * * 0 *', 'weekday', [0]],
    ['0 0 0 * * 6 *', 'weekday', [6]],
    ['0 0 0 * * Wed *', 'weekday', [3]],
    ['0 0 0 * * 0-6/2 *', 'weekday', [0, 2, 4, 6]],
    ['0 0 0 1 1 * 2030', 'year', [2030]],
    ['0 0 0 1 1 * 2025-2027', 'year', [2025, 2026, 2027]],
    ['0 0 0 1 1 * 2090/5', 'year', [2090, 2095]],
    ['59 59 23 31 12 * 2099', 'second', [59]],
    ['  0   0  0 1 1 *   *  ', 'second', [0]],
    ['5,5,1 * * * * * *', 'second', [1, 5]],
  ]
  test.each(cases)('%s → %s', (expr, field, values) => {
    expect(parseCron(expr)[field].values).toEqual(values)
  })

  test('`all` is true for * and for lists that cover the whole range', () => {
    const s = parseCron('* 0-59 * 1-31 * MON-SAT *')
    expect([s.second.all, s.minute.all, s.day.all, s.weekday.all, s.hour.all]).toEqual([true, true, true, false, true])
    expect(parseCron('* * * * * SUN-SAT *').weekday.all).toBe(true)
    expect(parseCron('* * * * * 0-6 *').weekday.all).toBe(true)
  })
})

describe('parseCron: rejected expressions', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /expected 7 fields .* got 0/],
    ['0 0 2 1 * *', /expected 7 fields \(second minute hour day month weekday year\), got 6/],
    ['0 0 2 1 * * * *', /got 8/],
    ['60 * * * * * *', /second field "60": 60 is outside 0-59/],
    ['* 60 * * * * *', /minute field "60": 60 is outside 0-59/],
    ['* * 24 * * * *', /hour field "24": 24 is outside 0-23/],
    ['* * * 0 * * *', /day field "0": 0 is outside 1-31/],
    ['* * * 32 * * *', /day field "32": 32 is outside 1-31/],
    ['* * * * 0 * *', /month field "0"/],
    ['* * * * 13 * *', /month field "13"/],
    // Weekday pinning: 0-6 with 0 = Sunday; 7 is not an alias for Sunday.
    ['* * * * * 7 *', /weekday field "7": 7 is outside 0-6/],
    ['* * * * * 1-7 *', /weekday field "1-7": 7 is outside 0-6/],
    ['* * * * * * 1969', /year field "1969": 1969 is outside 1970-2099/],
    ['* * * * * * 2100', /year field "2100"/],
    ['5-1 * * * * * *', /second field "5-1": range 5-1 runs backwards/],
    ['* * * * * FRI-MON *', /range FRI-MON runs backwards/],
    ['* * * * * MON-SUN *', /range MON-SUN runs backwards \(0 is Sunday/],
    ['*/0 * * * * * *', /step 0 is outside 1-60/],
    ['*/61 * * * * * *', /step 61 is outside 1-60/],
    ['*/x * * * * * *', /step "x" is not a positive integer/],
    ['1/2/3 * * * * * *', /more than one "\/"/],
    ['1-2-3 * * * * * *', /"1-2-3" is not a range/],
    ['-5 * * * * * *', /"-5" is not a range/],
    ['1,,2 * * * * * *', /empty list item/],
    ['1, * * * * * *', /empty list item/],
    ['a * * * * * *', /"a" is not an integer 0-59/],
    ['1.5 * * * * * *', /"1.5" is not an integer/],
    ['+1 * * * * * *', /"\+1" is not an integer/],
    ['* * * * JANUARY * *', /month field "JANUARY": "JANUARY" is neither 1-12 nor one of JAN,FEB/],
    ['* * * * MON * *', /month field "MON"/],
    ['* * * * * JAN *', /weekday field "JAN"/],
    ['* * MON * * * *', /hour field "MON": "MON" is not an integer 0-23/],
    ['0 0 0 ? * MON *', /day field "\?": "\?" is not supported/],
    ['0 0 0 * * ? *', /weekday field "\?"/],
    ['0 0 0 L * * *', /day field "L": "L" is not supported/],
    ['0 0 0 15W * * *', /"W" is not supported/],
    ['0 0 0 * * 5L *', /"L" is not supported/],
    ['0 0 0 * * FRI#3 *', /"#" is not supported/],
    ['0 0 0 LW * * *', /"L" is not supported/],
    ['0 0 0 * WED * *', /month field "WED": "WED" is neither 1-12/],
  ]
  test.each(cases)('%j', (expr, error) => {
    expect(() => parseCron(expr)).toThrow(error)
  })

  test('messages quote the whole expression', () => {
    expect(() => parseCron('0 0 25 * * * *')).toThrow('invalid cron expression "0 0 25 * * * *": hour field "25"')
  })
})

describe('nextFireTime (Beijing time)', () => {
  const cases: Array<[string, string, string, string | null]> = [
    // [what, expression, after (Beijing), expected (Beijing) or null]
    ['every second', '* * * * * * *', '2024-01-01 00:00:00', '2024-01-01 00:00:01'],
    ['strictly after, whole seconds', '* * * * * * *', '2024-01-01 00:00:00.500', '2024-01-01 00:00:01'],
    ['every 5 minutes', '0 */5 * * * * *', '2024-01-01 00:03:10', '2024-01-01 00:05:00'],
    ['every 5 minutes, exactly on one', '0 */5 * * * * *', '2024-01-01 00:05:00', '2024-01-01 00:10:00'],
    ['second 30 of each minute', '30 * * * * * *', '2024-01-01 10:00:30', '2024-01-01 10:01:30'],
    ['minute step from 1', '0 1/10 * * * * *', '2024-01-01 00:00:00', '2024-01-01 00:01:00'],
    ['minute step rolls to the next hour', '0 1/10 * * * * *', '2024-01-01 00:51:00', '2024-01-01 01:01:00'],
    ['seconds range with step', '10-30/10 * * * * * *', '2024-01-01 00:00:25', '2024-01-01 00:00:30'],
    ['seconds range with step, wraps', '10-30/10 * * * * * *', '2024-01-01 00:00:30', '2024-01-01 00:01:10'],
    ['hour list', '0 0 10,14,16 * * * *', '2024-01-01 10:00:00', '2024-01-01 14:00:00'],
    ['hour list, next day', '0 0 10,14,16 * * * *', '2024-01-01 16:00:00', '2024-01-02 10:00:00'],
    ['half hours 9-17', '0 */30 9-17 * * * *', '2024-01-01 17:30:00', '2024-01-02 09:00:00'],
    ['half hours 9-17, early', '0 */30 9-17 * * * *', '2024-01-01 03:00:00', '2024-01-01 09:00:00'],
    ['2:00 on the 1st (guide example)', '0 0 2 1 * * *', '2024-01-15 10:00:00', '2024-02-01 02:00:00'],
    ['weekdays 10:15 from a Saturday', '0 15 10 * * MON-FRI *', '2024-06-01 09:00:00', '2024-06-03 10:15:00'],
    ['Wednesday noon', '0 0 12 * * WED *', '2024-06-03 12:00:00', '2024-06-05 12:00:00'],
    ['month names', '0 0 0 1 JAN,JUL * *', '2024-02-01 00:00:00', '2024-07-01 00:00:00'],
    ['month names wrap the year', '0 0 0 1 jan,jul * *', '2024-07-01 00:00:00', '2025-01-01 00:00:00'],
    ['new year', '0 0 0 1 1 * *', '2024-12-31 23:59:59', '2025-01-01 00:00:00'],
    // Month ends and leap years.
    ['31st skips 30-day months', '0 0 0 31 * * *', '2024-04-01 00:00:00', '2024-05-31 00:00:00'],
    ['31st skips February', '0 0 0 31 * * *', '2024-01-31 00:00:00', '2024-03-31 00:00:00'],
    ['29 Feb in a leap year', '0 0 0 29 2 * *', '2023-01-01 00:00:00', '2024-02-29 00:00:00'],
    ['29 Feb waits four years', '0 0 0 29 2 * *', '2024-03-01 00:00:00', '2028-02-29 00:00:00'],
    ['29 Feb skips 2100 (outside the year range)', '0 0 0 29 2 * *', '2096-03-01 00:00:00', null],
    ['30 Feb never comes', '0 0 0 30 2 * *', '2024-01-01 00:00:00', null],
    ['last second of a leap year day', '59 59 23 29 FEB * *', '2024-02-29 23:59:58', '2024-02-29 23:59:59'],
    // Year field.
    ['one year', '0 0 0 1 1 * 2030', '2024-05-05 00:00:00', '2030-01-01 00:00:00'],
    ['one year, passed', '0 0 0 1 1 * 2030', '2030-01-01 00:00:00', null],
    ['year range, last fire', '0 0 0 1 * * 2025-2026', '2026-11-15 00:00:00', '2026-12-01 00:00:00'],
    ['year range, exhausted', '0 0 0 1 * * 2025-2026', '2026-12-01 00:00:00', null],
    ['year step', '0 0 0 1 1 * 2024/2', '2024-01-01 00:00:00', '2026-01-01 00:00:00'],
    ['last instant allowed', '59 59 23 31 12 * 2099', '2099-12-31 23:59:58', '2099-12-31 23:59:59'],
    ['after the last instant allowed', '* * * * * * *', '2099-12-31 23:59:59', null],
    ['before 1970', '0 0 0 1 1 * 1970', '1969-06-01 00:00:00', '1970-01-01 00:00:00'],
    // Day and weekday: OR'ed when both are restricted, otherwise the restricted one decides.
    ['day 10 OR Monday: the Monday first', '0 0 0 10 * MON *', '2024-09-01 00:00:00', '2024-09-02 00:00:00'],
    ['day 10 OR Monday: then the 10th (a Tuesday)', '0 0 0 10 * MON *', '2024-09-09 00:00:00', '2024-09-10 00:00:00'],
    ['day 13 OR Friday', '0 0 0 13 * FRI *', '2024-09-06 00:00:00', '2024-09-13 00:00:00'],
    ['day 10, any weekday', '0 0 0 10 * * *', '2024-09-02 00:00:00', '2024-09-10 00:00:00'],
    ['Monday, any day', '0 0 0 * * MON *', '2024-09-02 00:00:00', '2024-09-09 00:00:00'],
    ['day step with weekday *', '0 0 0 */10 * * *', '2024-09-21 00:00:00', '2024-10-01 00:00:00'],
    ['day step with a full weekday list is not OR', '0 0 0 */10 * 0-6 *', '2024-09-21 00:00:00', '2024-10-01 00:00:00'],
    // Weekday pinning: 0 is Sunday, 6 is Saturday (current WeChat guide, not the 2019 "0 指星期一").
    ['weekday 0 is Sunday', '0 0 0 * * 0 *', '2024-06-03 00:00:00', '2024-06-09 00:00:00'],
    ['SUN is Sunday', '0 0 0 * * SUN *', '2024-06-03 00:00:00', '2024-06-09 00:00:00'],
    ['weekday 1 is Monday', '0 0 0 * * 1 *', '2024-06-01 00:00:00', '2024-06-03 00:00:00'],
    ['weekday 6 is Saturday', '0 0 0 * * 6 *', '2024-06-02 00:00:00', '2024-06-08 00:00:00'],
    ['weekend', '0 0 8 * * 0,6 *', '2024-06-03 00:00:00', '2024-06-08 08:00:00'],
  ]
  test.each(cases)('%s: %s after %s', (_what, expr, after, expected) => {
    expect(fmt(nextFireTime(parseCron(expr), bj(after)))).toBe(expected)
  })

  test('evaluates in Beijing time by default: midnight there is 16:00 UTC', () => {
    const next = nextFireTime(parseCron('0 0 0 * * * *'), new Date('2024-01-01T00:00:00Z'))
    expect(next?.toISOString()).toBe('2024-01-01T16:00:00.000Z')
  })

  test('the weekday is Beijing’s: Monday 01:00 there is Sunday 17:00 UTC', () => {
    const next = nextFireTime(parseCron('0 0 1 * * MON *'), new Date('2024-06-01T00:00:00Z'))
    expect(next?.toISOString()).toBe('2024-06-02T17:00:00.000Z')
  })

  test('the offset is a parameter', () => {
    const schedule = parseCron('0 0 0 * * * *')
    expect(nextFireTime(schedule, new Date('2024-01-01T00:00:00Z'), 0)?.toISOString()).toBe('2024-01-02T00:00:00.000Z')
    expect(nextFireTime(schedule, new Date('2024-01-01T00:00:00Z'), -5 * 3600_000)?.toISOString()).toBe('2024-01-01T05:00:00.000Z')
  })
})

describe('matches', () => {
  const cases: Array<[string, string, boolean]> = [
    ['0 */5 * * * * *', '2024-01-01 10:05:00', true],
    ['0 */5 * * * * *', '2024-01-01 10:05:01', false],
    ['0 */5 * * * * *', '2024-01-01 10:06:00', false],
    ['0 15 10 * * MON-FRI *', '2024-06-03 10:15:00', true],
    ['0 15 10 * * MON-FRI *', '2024-06-01 10:15:00', false],
    ['0 0 0 10 * MON *', '2024-09-10 00:00:00', true],
    ['0 0 0 10 * MON *', '2024-09-16 00:00:00', true],
    ['0 0 0 10 * MON *', '2024-09-17 00:00:00', false],
    ['0 0 0 29 2 * *', '2024-02-29 00:00:00', true],
    ['0 0 0 1 1 * 2030', '2031-01-01 00:00:00', false],
  ]
  test.each(cases)('%s at %s → %s', (expr, at, expected) => {
    expect(matches(parseCron(expr), bj(at))).toBe(expected)
  })

  test('ignores milliseconds and honours the offset', () => {
    const schedule = parseCron('0 0 8 * * * *')
    expect(matches(schedule, new Date('2024-01-01T00:00:00.999Z'))).toBe(true)
    expect(matches(schedule, new Date('2024-01-01T08:00:00Z'), 0)).toBe(true)
    expect(matches(schedule, new Date('2024-01-01T08:00:00Z'))).toBe(false)
  })

  test('every time nextFireTime returns matches', () => {
    for (const expr of ['0 */5 * * * * *', '0 0 0 10 * MON *', '30 1/7 3-5 * 2,4 * *']) {
      const schedule = parseCron(expr)
      let at: Date | null = bj('2024-01-01 00:00:00')
      for (let i = 0; i < 50 && at; i++) {
        at = nextFireTime(schedule, at)
        expect(at && matches(schedule, at)).toBe(true)
      }
    }
  })
})

describe('fireTimesBetween', () => {
  test('lists the firings in (after, until], oldest first', () => {
    const times = fireTimesBetween(parseCron('0 */5 * * * * *'), bj('2024-01-01 00:00:00'), bj('2024-01-01 00:20:00'))
    expect(times.map(fmt)).toEqual(['2024-01-01 00:05:00', '2024-01-01 00:10:00', '2024-01-01 00:15:00', '2024-01-01 00:20:00'])
  })

  test('stops at the limit and when the schedule runs out', () => {
    const every = parseCron('* * * * * * *')
    expect(fireTimesBetween(every, bj('2024-01-01 00:00:00'), bj('2024-01-02 00:00:00'), { limit: 3 })).toHaveLength(3)
    const once = parseCron('0 0 0 1 1 * 2030')
    expect(fireTimesBetween(once, bj('2024-01-01 00:00:00'), bj('2099-01-01 00:00:00')).map(fmt)).toEqual(['2030-01-01 00:00:00'])
  })
})
