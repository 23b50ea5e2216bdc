/**
 * `dispatch.assign` (派单): to whoever the shared assignee rule allows (shared/src/org/
 * assignee.ts: a verified volunteer of the demand's community with a live volunteer grant,
 * never the person who ordered it; or a co-building unit serving the community), with a due
 * time and the points the work earns on close (the category's default unless staff choose,
 * always within the community's points policy as the demand recorded it when created).
 */
import { AppError, contract, pointsFor, unitAssignee, volunteerAssignee, type Assignee } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { announceEach } from '../_runtime/announce'
import { Collections, getDemand, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pointsTermsOf } from '../_runtime/points'
import { authorize, transition, viewFor } from '../_runtime/transition'

interface UnitDoc {
  _id: string
  name: string
  communityIds?: string[]
}

const notOurs = (message: string) => new AppError('INVALID_INPUT', message, { 'assignee.id': message })

/** What the rule knows of the person named: nothing at all if there is no such user. */
const volunteerFacts = (id: string, user: UserDoc | undefined) => ({
  userId: id,
  grants: user?.grants ?? [],
  volunteer: user?.volunteer ?? null,
})

export const assign = action({
  schema: contract.Schemas.dispatch.assign,
  async run(ctx, input) {
    const demand = await getDemand(ctx.db, input.id)
    authorize(ctx.actor, 'assign', demand)
    if (input.dueAt !== undefined && input.dueAt <= ctx.now)
      throw new AppError('INVALID_INPUT', '完成期限应晚于现在', { dueAt: '完成期限应晚于现在' })
    const ref = input.assignee
    const [who, terms] = await Promise.all([
      ref.type === 'volunteer' ? getDoc<UserDoc>(ctx.db, Collections.users, ref.id) : getDoc<UnitDoc>(ctx.db, Collections.units, ref.id),
      pointsTermsOf(ctx.db, demand),
    ])
    const verdict =
      ref.type === 'volunteer'
        ? volunteerAssignee(volunteerFacts(ref.id, who as UserDoc | undefined), demand)
        : unitAssignee((who as UnitDoc | undefined) ?? {}, demand)
    if (!verdict.allowed) throw notOurs(verdict.message)
    const assignee: Assignee = {
      type: ref.type,
      id: ref.id,
      name: who!.name,
      assignedAt: ctx.now,
      assignedBy: ctx.actor.userId,
      dueAt: input.dueAt,
      points: pointsFor(demand.kind, demand.category, input.points, terms),
    }
    // An earlier hall offer (claimed, then declined) no longer applies.
    const changes = demand.hall ? { assignee, hall: undefined } : { assignee }
    const next = await transition(ctx, demand, 'assign', { note: input.note, changes })
    await announceEach(ctx, next, [
      { parties: ['assignee'], message: { type: 'task.assigned', title: '您有新的派单，请及时接单' } },
      { parties: ['owner', 'creator'], message: { type: 'demand.dispatched', title: `已派给${assignee.name}` } },
    ])
    return viewFor(ctx.actor, next)
  },
})
