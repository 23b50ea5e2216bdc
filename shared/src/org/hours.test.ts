/** Plausible service hours: positive, within the time since the work started plus the tolerance. */
import type { Demand, TimelineEntry } from '../demand/types'
import { HOURS_TOLERANCE_MS, hoursProblem, maxReportableHours, workStartedAt } from './hours'

const HOUR = 3_600_000
const T0 = 1_700_000_000_000

const entry = (at: number, action: string, from: Demand['status'] | undefined, to: Demand['status']): TimelineEntry => ({
  at,
  action,
  from,
  to,
  actorId: 'u',
  actorName: 'u',
})

const started = (timeline: TimelineEntry[], assignee?: Demand['assignee']) => ({ timeline, assignee })
const base = [entry(T0 - 5 * HOUR, 'create', undefined, 'submitted'), entry(T0 - 2 * HOUR, 'acceptAssignment', 'dispatched', 'dispatched')]

test('work starts at the start entry; progress notes do not move it; a reopen starts it again', () => {
  const d = started([...base, entry(T0, 'start', 'dispatched', 'in_progress'), entry(T0 + HOUR, 'progress', 'in_progress', 'in_progress')])
  expect(workStartedAt(d)).toBe(T0)
  const reopened = started([
    ...d.timeline,
    entry(T0 + 2 * HOUR, 'complete', 'in_progress', 'done'),
    entry(T0 + 30 * HOUR, 'reopen', 'done', 'in_progress'),
  ])
  expect(workStartedAt(reopened)).toBe(T0 + 30 * HOUR)
})

test('without a start entry, the acceptance (or assignment) bounds it', () => {
  const assignee = { type: 'volunteer' as const, id: 'u', name: 'u', assignedAt: T0 - HOUR, assignedBy: 's', points: 1 }
  expect(workStartedAt(started(base, { ...assignee, acceptedAt: T0 }))).toBe(T0)
  expect(workStartedAt(started(base, assignee))).toBe(T0 - HOUR)
  expect(workStartedAt(started([]))).toBeUndefined()
})

describe('hoursProblem', () => {
  const d = started([...base, entry(T0, 'start', 'dispatched', 'in_progress')])

  test('24 hours one minute after starting are refused, with the most that may be reported', () => {
    const now = T0 + 60_000
    expect(hoursProblem(d, 24, now)).toBe('服务时长不能超过开始服务以来的时间（目前最多 1 小时）')
    expect(maxReportableHours(d, now)).toBe(1)
  })

  test('up to the elapsed time plus the tolerance is accepted, not a minute more', () => {
    const now = T0 + 2 * HOUR
    const limit = (2 * HOUR + HOURS_TOLERANCE_MS) / HOUR
    expect(hoursProblem(d, limit, now)).toBeUndefined()
    expect(hoursProblem(d, 0.5, now)).toBeUndefined()
    expect(hoursProblem(d, limit + 1 / 60, now)).toMatch(/^服务时长不能超过/)
  })

  test('zero, negative and non-numbers are refused', () => {
    for (const hours of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(hoursProblem(d, hours, T0 + HOUR)).toBe('服务时长应大于 0')
  })

  test('a clock behind the start entry allows only the tolerance', () => {
    expect(hoursProblem(d, HOURS_TOLERANCE_MS / HOUR, T0 - HOUR)).toBeUndefined()
    expect(hoursProblem(d, HOURS_TOLERANCE_MS / HOUR + 0.1, T0 - HOUR)).toMatch(/^服务时长不能超过/)
  })
})
