/**
 * `registerVolunteer` (双报到): a resident or in-service party member reports to the community
 * where they live, with skills and, for party members, their work unit. The registration
 * waits for the community's staff, who are told about it.
 */
import { AppError, contract } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { notify } from '../_runtime/notify'
import { communityStaff } from '../_runtime/recipients'
import { callerOf, profileOf } from './profile'

export const registerVolunteer = action({
  schema: contract.Schemas.user.registerVolunteer,
  async run(ctx, input) {
    const user = callerOf(ctx)
    const current = user.volunteer
    if (current?.status === 'verified' && current.communityId === input.communityId) {
      throw new AppError('INVALID_STATE', '您已在该社区完成志愿者报到，无需重复提交')
    }
    const place = await placeOf(ctx, input.communityId, input.gridId)
    await checkText(ctx, input.name, input.workUnit, ...input.skills)
    const volunteer: NonNullable<UserDoc['volunteer']> = {
      status: 'pending',
      skills: input.skills,
      isPartyMember: input.isPartyMember,
      communityId: input.communityId,
      appliedAt: ctx.now,
      ...(input.workUnit ? { workUnit: input.workUnit } : {}),
      ...(input.gridId ? { gridId: input.gridId } : {}),
    }
    const _ = ctx.db.command
    await ctx.db
      .collection(Collections.users)
      .doc(user._id)
      .update({ data: { name: input.name, phone: input.phone, volunteer: _.set(volunteer), updatedAt: ctx.now } })
    await notify(ctx, await communityStaff(ctx.db, input.communityId), {
      type: 'volunteer.registered',
      title: '志愿者报到待审核',
      body: `${input.name}${input.isPartyMember ? '（党员）' : ''}申请在${place}报到`,
    })
    return profileOf({ ...user, name: input.name, phone: input.phone, volunteer, updatedAt: ctx.now })
  },
})

/** The grid's name if one was chosen (it must lie in the community), else the community's. */
async function placeOf(ctx: ActionContext, communityId: string, gridId?: string): Promise<string> {
  if (gridId) {
    const grid = await getDoc<{ name: string; communityId: string }>(ctx.db, Collections.grids, gridId)
    if (!grid) throw new AppError('NOT_FOUND', '找不到该网格')
    if (grid.communityId !== communityId) throw new AppError('INVALID_INPUT', '所选网格不属于该社区', { gridId: '所选网格不属于该社区' })
    return grid.name
  }
  const community = await getDoc<{ name: string }>(ctx.db, Collections.communities, communityId)
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  return community.name
}
