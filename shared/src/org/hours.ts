/**
 * Whether the service hours an assignee reports are plausible: positive, and no more than the
 * time since the work started plus a tolerance. The hours become a service-hour record (服务
 * 时长); a claim of a day's work a minute after starting is refused. The tolerance covers
 * someone who taps 开始服务 only after arriving or preparing.
 */
import type { Demand } from '../demand/types'

export const HOURS_TOLERANCE_MS = 60 * 60 * 1000

const HOUR_MS = 60 * 60 * 1000

/**
 * When the work in hand started: the latest entry that moved the demand into `in_progress`
 * (starting it, or reopening it). Without one (data from before the timeline recorded it),
 * the acceptance of the assignment, before which nobody worked on it.
 */
export function workStartedAt(demand: Pick<Demand, 'timeline' | 'assignee'>): number | undefined {
  for (let i = demand.timeline.length - 1; i >= 0; i--) {
    const e = demand.timeline[i]!
    if (e.to === 'in_progress' && e.from !== 'in_progress') return e.at
  }
  return demand.assignee?.acceptedAt ?? demand.assignee?.assignedAt
}

/** The most hours that may be reported at `now`, to one decimal (rounded down). */
export function maxReportableHours(demand: Pick<Demand, 'timeline' | 'assignee'>, now: number): number {
  const started = workStartedAt(demand) ?? now
  const ms = Math.max(0, now - started) + HOURS_TOLERANCE_MS
  return Math.floor((ms / HOUR_MS) * 10) / 10
}

/** The Chinese message for field `hours` when they are not plausible, else undefined. */
export function hoursProblem(demand: Pick<Demand, 'timeline' | 'assignee'>, hours: number, now: number): string | undefined {
  if (!Number.isFinite(hours) || hours <= 0) return '服务时长应大于 0'
  const started = workStartedAt(demand) ?? now
  if (hours * HOUR_MS <= Math.max(0, now - started) + HOURS_TOLERANCE_MS) return undefined
  return `服务时长不能超过开始服务以来的时间（目前最多 ${maxReportableHours(demand, now)} 小时）`
}
