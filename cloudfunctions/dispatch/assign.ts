/**
 * `dispatch.assign` (派单): to a verified volunteer of the demand's community or a co-building
 * unit serving it, with a due time and the points the work earns on close (the category's
 * default unless staff choose, always within the community's points policy).
 */
import { AppError, DefaultPointsPolicy, contract, pointsFor, type Assignee, type PointsPolicy } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { announceEach } from '../_runtime/announce'
import { Collections, getDemand, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize, transition, viewFor } from '../_runtime/transition'

interface CommunityDoc {
  _id: string
  pointsPolicy?: PointsPolicy
}

interface UnitDoc {
  _id: string
  name: string
  communityIds?: string[]
}

const notOurs = (message: string) => new AppError('INVALID_INPUT', message, { 'assignee.id': message })

export const assign = action({
  schema: contract.Schemas.dispatch.assign,
  async run(ctx, input) {
    const demand = await getDemand(ctx.db, input.id)
    authorize(ctx.actor, 'assign', demand)
    if (input.dueAt !== undefined && input.dueAt <= ctx.now)
      throw new AppError('INVALID_INPUT', '完成期限应晚于现在', { dueAt: '完成期限应晚于现在' })
    const ref = input.assignee
    const [who, community] = await Promise.all([
      ref.type === 'volunteer' ? getDoc<UserDoc>(ctx.db, Collections.users, ref.id) : getDoc<UnitDoc>(ctx.db, Collections.units, ref.id),
      getDoc<CommunityDoc>(ctx.db, Collections.communities, demand.communityId),
    ])
    if (ref.type === 'volunteer') {
      const user = who as UserDoc | undefined
      const v = user?.volunteer
      if (!user || v?.status !== 'verified' || v.communityId !== demand.communityId) throw notOurs('只能派给本社区已认证的志愿者')
      if (user._id === demand.ownerId) throw notOurs('不能派给点单居民本人')
    } else if (!who || !((who as UnitDoc).communityIds ?? []).includes(demand.communityId)) {
      throw notOurs('该单位不是本社区的共建单位')
    }
    const assignee: Assignee = {
      type: ref.type,
      id: ref.id,
      name: who!.name,
      assignedAt: ctx.now,
      assignedBy: ctx.actor.userId,
      dueAt: input.dueAt,
      points: pointsFor(demand.kind, demand.category, input.points, community?.pointsPolicy ?? DefaultPointsPolicy),
    }
    // An earlier hall offer (claimed, then declined) no longer applies.
    const changes = demand.hall ? { assignee, hall: undefined } : { assignee }
    const next = await transition(ctx, demand, 'assign', { note: input.note, changes })
    const known = ref.type === 'volunteer' ? [{ userId: ref.id, openid: (who as UserDoc).openid }] : []
    await announceEach(
      ctx,
      next,
      [
        { parties: ['assignee'], message: { type: 'task.assigned', title: '您有新的派单，请及时接单' } },
        { parties: ['owner', 'creator'], message: { type: 'demand.dispatched', title: `已派给${assignee.name}` } },
      ],
      known,
    )
    return viewFor(ctx.actor, next)
  },
})
