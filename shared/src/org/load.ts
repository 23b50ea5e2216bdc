/**
 * An assignee's load (在办任务数): how many demands they hold work on right now. It is kept as a
 * counter (`activeLoad`) on the volunteer's `users` document or the unit's `units` document, so
 * ranking candidates never counts demands.
 *
 * A demand counts toward its assignee while it waits on them: assigned and not yet finished
 * (`dispatched`, accepted or not) or being worked on (`in_progress`, again after a resident's
 * reopen). Finished work waiting on the resident or on staff (`done`, `reviewed`) and every
 * final status no longer count. That is the one rule; the counter and the demand's record of
 * whom it is counted for (`loadOf`) are brought in line by the settle timer.
 */
import type { Demand, DemandStatus } from '../demand/types'

export const LoadStatuses: readonly DemandStatus[] = ['dispatched', 'in_progress']

/** Whose counter a demand belongs in. */
export interface LoadHolder {
  type: 'volunteer' | 'unit'
  id: string
}

/** The assignee the demand counts toward now, or none. */
export function loadHolderOf(demand: Pick<Demand, 'status' | 'assignee'>): LoadHolder | undefined {
  if (!demand.assignee || !LoadStatuses.includes(demand.status)) return undefined
  return { type: demand.assignee.type, id: demand.assignee.id }
}

export const sameHolder = (a: LoadHolder | undefined, b: LoadHolder | undefined): boolean =>
  a === b || (!!a && !!b && a.type === b.type && a.id === b.id)

/**
 * Whether writing `next` over `read` leaves the counters to settle. The counted holder may be
 * the one `read` records, or, if the timer settled the demand after it was read (settling
 * does not change its version), the holder `read` itself implies: either differing from what
 * `next` implies is work for the timer.
 */
export function loadChanges(read: Pick<Demand, 'status' | 'assignee' | 'loadOf'>, next: Pick<Demand, 'status' | 'assignee'>): boolean {
  const holder = loadHolderOf(next)
  return !sameHolder(holder, read.loadOf) || !sameHolder(holder, loadHolderOf(read))
}

/** The counter changes that bring `counted` (what the counters include) to `holder`: −1 and +1. */
export function loadDeltas(counted: LoadHolder | undefined, holder: LoadHolder | undefined): { holder: LoadHolder; delta: 1 | -1 }[] {
  if (sameHolder(counted, holder)) return []
  return [...(counted ? [{ holder: counted, delta: -1 as const }] : []), ...(holder ? [{ holder, delta: 1 as const }] : [])]
}
