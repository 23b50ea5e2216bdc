/**
 * `verifyVolunteer`: the staff of the community a volunteer reported to approve or reject the
 * registration. Approval makes them the volunteer of that community (they can then claim
 * tasks in its hall): registration and grant are written together. Only a pending
 * registration can be decided, once; nobody decides their own. One transaction writes the
 * decision and its audit entry; the volunteer is told after it commits.
 */
import { AppError, contract, roleChangeRefusal, userKey, withVolunteerGrant, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { checkText } from '../_runtime/content'
import { Collections, docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { changeRoles } from '../_runtime/role-change'
import { tellAfterCommit } from './tell'

export const verifyVolunteer = action({
  schema: contract.Schemas.user.verifyVolunteer,
  async run(ctx, input) {
    const asked = { kind: 'grant', userId: input.userId, role: 'volunteer' } as const
    const early = roleChangeRefusal(ctx.actor, asked)
    if (early) throw new AppError(early.code, early.message)
    if (!input.approve && !input.reason) throw new AppError('INVALID_INPUT', '请填写不通过的原因', { reason: '请填写不通过的原因' })
    await checkText(ctx, input.reason)

    const decided = await changeRoles(ctx, { userId: input.userId }, async ({ tx, user }) => {
      const registration = user.volunteer
      if (!registration) throw new AppError('NOT_FOUND', '找不到该志愿者报到申请')
      if (roleChangeRefusal(ctx.actor, { ...asked, communityId: registration.communityId })) throw new AppError('FORBIDDEN')
      if (registration.status !== 'pending') throw new AppError('INVALID_STATE', '该报到申请已处理')
      const { reason: _earlier, ...rest } = registration
      const volunteer: NonNullable<UserDoc['volunteer']> = {
        ...rest,
        status: input.approve ? 'verified' : 'rejected',
        decidedAt: ctx.now,
        decidedBy: ctx.actor.userId,
        ...(input.reason ? { reason: input.reason } : {}),
      }
      let grants: RoleGrant[] | undefined
      if (input.approve) {
        const community = await docById<{ streetId?: string }>(tx, Collections.communities, registration.communityId)
        const grant: RoleGrant = {
          role: 'volunteer',
          ...(community?.streetId ? { streetId: community.streetId } : {}),
          communityId: registration.communityId,
        }
        const next = withVolunteerGrant(user.grants ?? [], grant)
        if (next.changed) grants = next.grants
      }
      return {
        grants,
        volunteer,
        audit: {
          action: 'volunteer.verify',
          communityId: registration.communityId,
          target: { type: 'user', id: user._id },
          detail: { role: 'volunteer', communityId: registration.communityId, approved: input.approve },
        },
        answer: { user, volunteer, grants: grants ?? user.grants ?? [] },
      }
    })

    await tellAfterCommit(ctx, [userKey(decided.user._id)], {
      type: input.approve ? 'volunteer.verified' : 'volunteer.rejected',
      title: input.approve ? '志愿者报到已通过' : '志愿者报到未通过',
      body: input.approve ? '欢迎加入社区志愿者队伍，可以去任务大厅认领任务了' : `原因：${input.reason}`,
    })
    return { userId: decided.user._id, volunteer: decided.volunteer, grants: decided.grants }
  },
})
