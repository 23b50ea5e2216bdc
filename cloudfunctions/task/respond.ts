/**
 * The assignee's answer to an assignment: `accept` (接单) it, or `decline` (退单) with a
 * reason, which returns the demand to staff for another assignment; the one who declined is
 * remembered and suggested last next time. A volunteer accepts only while the shared assignee
 * rule still allows them (their volunteer role may have been revoked since); declining is
 * always open, so the demand goes back to staff.
 */
import { AppError, contract, volunteerAssignee } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize, transition, viewAfter, viewFor } from '../_runtime/transition'

export const accept = action({
  schema: contract.Schemas.task.accept,
  async run(ctx, { id }) {
    const demand = await getDemand(ctx.db, id)
    authorize(ctx.actor, 'acceptAssignment', demand)
    if (demand.assignee?.type === 'volunteer') {
      const verdict = volunteerAssignee(ctx.actor, demand)
      if (!verdict.allowed) {
        throw new AppError('FORBIDDEN', verdict.reason === 'own_demand' ? verdict.message : '您已不是本社区认证的志愿者，不能接单，请退单')
      }
    }
    const next = await transition(ctx, demand, 'acceptAssignment', { changes: { assignee: { ...demand.assignee!, acceptedAt: ctx.now } } })
    await announce(ctx, next, ['owner', 'creator', 'staff'], { type: 'demand.acceptedByAssignee', title: `${next.assignee!.name}已接单` })
    return viewFor(ctx.actor, next)
  },
})

export const decline = action({
  schema: contract.Schemas.task.decline,
  async run(ctx, { id, reason }) {
    const demand = await getDemand(ctx.db, id)
    const who = demand.assignee
    const declinedBy = who ? [...new Set([...(demand.declinedBy ?? []), who.id])] : demand.declinedBy
    const next = await transition(ctx, demand, 'decline', { note: reason, changes: { assignee: undefined, declinedBy } })
    await announce(ctx, next, ['staff'], { type: 'demand.declined', title: `${who?.name ?? '接单人'}退单，请重新派单`, body: reason })
    return viewAfter(ctx.actor, next)
  },
})
