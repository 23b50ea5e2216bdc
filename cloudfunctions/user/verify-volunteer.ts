/**
 * `verifyVolunteer`: the staff of the community a volunteer reported to approve or reject the
 * registration. Approval makes them a volunteer of that community (they can then claim tasks
 * in its hall). Only a pending registration can be decided, once.
 */
import { AppError, contract, isStaffOf, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { notify } from '../_runtime/notify'

export const verifyVolunteer = action({
  schema: contract.Schemas.user.verifyVolunteer,
  async run(ctx, input) {
    const target = await getDoc<UserDoc>(ctx.db, Collections.users, input.userId)
    const registration = target?.volunteer
    if (!target || !registration) throw new AppError('NOT_FOUND', '找不到该志愿者报到申请')
    if (!isStaffOf(ctx.actor, registration.communityId)) throw new AppError('FORBIDDEN')
    if (registration.status !== 'pending') throw new AppError('INVALID_STATE', '该报到申请已处理')
    if (!input.approve && !input.reason) throw new AppError('INVALID_INPUT', '请填写不通过的原因', { reason: '请填写不通过的原因' })
    await checkText(ctx, input.reason)

    const _ = ctx.db.command
    const status = input.approve ? 'verified' : 'rejected'
    const patch: Record<string, unknown> = {
      'volunteer.status': status,
      'volunteer.decidedAt': ctx.now,
      'volunteer.decidedBy': ctx.actor.userId,
      'volunteer.reason': input.reason ? input.reason : _.remove(),
      updatedAt: ctx.now,
    }
    let grants = target.grants ?? []
    const alreadyVolunteer = grants.some((g) => g.role === 'volunteer' && g.communityId === registration.communityId)
    if (input.approve && !alreadyVolunteer) {
      const community = await getDoc<{ streetId?: string }>(ctx.db, Collections.communities, registration.communityId)
      const grant: RoleGrant = {
        role: 'volunteer',
        communityId: registration.communityId,
        ...(community?.streetId ? { streetId: community.streetId } : {}),
      }
      patch.grants = _.push([grant])
      grants = [...grants, grant]
    }
    // Conditional on the registration read: two staff deciding at once, one decision lands.
    const res = await ctx.db
      .collection(Collections.users)
      .where({ _id: target._id, 'volunteer.status': 'pending', 'volunteer.appliedAt': registration.appliedAt })
      .update({ data: patch })
    if (res.stats.updated !== 1) throw new AppError('CONFLICT')

    await notify(ctx, [{ userId: target._id, openid: target.openid }], {
      type: input.approve ? 'volunteer.verified' : 'volunteer.rejected',
      title: input.approve ? '志愿者报到已通过' : '志愿者报到未通过',
      body: input.approve ? '欢迎加入社区志愿者队伍，可以去任务大厅认领任务了' : `原因：${input.reason}`,
    })
    const { reason: _earlier, ...rest } = registration
    const volunteer: NonNullable<UserDoc['volunteer']> = {
      ...rest,
      status,
      decidedAt: ctx.now,
      decidedBy: ctx.actor.userId,
      ...(input.reason ? { reason: input.reason } : {}),
    }
    return { userId: target._id, volunteer, grants }
  },
})
