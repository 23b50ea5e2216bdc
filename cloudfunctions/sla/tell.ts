/**
 * How the SLA timer tells people: every notice of a run, with its audience keys
 * (`staff:<communityId>`, `street:<streetId>`, `user:<userId>`), as event rows in one insert
 * (`publish`): each party sees them in the in-app inbox at once, and the `notify` timer's
 * queue sends the subscribe messages. What telling costs a run is one round trip, whatever
 * the number of items or people. Never throws: the marks stand even if telling fails.
 */
import { publish } from '../_runtime/announce'
import type { SweepContext } from './sweep'

export interface Notice {
  audience: string[]
  type: string
  title: string
  body: string
  demandId: string
}

/**
 * Distinct audiences one run may name. Telling costs the same for any number, but one
 * insert should stay a small request; items past it wait for the next run.
 */
export const AUDIENCES_PER_RUN = 50

/** Answers the round trips it made. */
export async function tell(ctx: SweepContext, notices: Notice[]): Promise<number> {
  if (notices.length === 0) return 0
  await publish(
    ctx,
    notices.map((n) => ({ ...n, page: `pages/index/index?demandId=${n.demandId}` })),
  )
  return 1
}
