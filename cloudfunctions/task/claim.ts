/**
 * `task.claim` (认领): the first volunteer to claim an open task gets it, accepted at once.
 * Who may claim is the state machine's `hall_volunteer`, which asks the shared assignee rule:
 * a verified volunteer of the community, never the person who ordered the demand or entered
 * it. The write is conditional on the status and version read, so of any number of volunteers
 * claiming together exactly one write lands; the others get ALREADY_CLAIMED and write nothing.
 */
import { AppError, contract, decide, isPartyTo, type Actor, type Assignee, type Demand } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { transition, viewFor } from '../_runtime/transition'

export const claim = action({
  schema: contract.Schemas.task.claim,
  async run(ctx, { id }) {
    const demand = await getDemand(ctx.db, id)
    if (claimedAlready(ctx.actor, demand)) throw new AppError('ALREADY_CLAIMED')
    // They may see their own demand; say plainly why they may not take it.
    if (demand.status === 'open' && isPartyTo(ctx.actor.userId, demand)) throw new AppError('FORBIDDEN', '不能认领自己的点单')
    const assignee: Assignee = {
      type: 'volunteer',
      id: ctx.actor.userId,
      name: ctx.actor.name,
      acceptedAt: ctx.now,
      assignedAt: ctx.now,
      assignedBy: ctx.actor.userId,
      dueAt: demand.hall?.dueAt,
      points: demand.hall?.points ?? 0,
    }
    const next = await transition(ctx, demand, 'claim', { changes: { assignee }, lostCode: 'ALREADY_CLAIMED' })
    await announce(ctx, next, ['owner', 'creator', 'staff'], { type: 'demand.claimed', title: `${assignee.name}已认领，将为您服务` })
    return viewFor(ctx.actor, next)
  },
})

/** A volunteer who read the task after someone else's claim landed lost the same race. */
function claimedAlready(actor: Actor, demand: Demand): boolean {
  const decision = decide(actor, 'claim', demand)
  return (
    !decision.allowed &&
    decision.code === 'INVALID_STATE' &&
    demand.status !== 'open' &&
    !!demand.assignee &&
    demand.timeline.some((e) => e.action === 'claim')
  )
}
