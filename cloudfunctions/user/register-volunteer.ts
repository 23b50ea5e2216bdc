/**
 * `registerVolunteer` (双报到): a resident or in-service party member reports to the community
 * where they live, with skills and, for party members, their work unit. The registration
 * waits for the community's staff, who are told about it.
 *
 * A person has one registration: reporting to another community withdraws them as volunteer
 * of the old one (its volunteer grant goes in the same write). Sending the same registration
 * again while it waits (a retry, a double tap) changes nothing and tells nobody; the write is
 * conditional on the registration read, so of several at once one lands and the others find
 * it and answer it.
 */
import { AppError, contract, staffKey, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { callerOf, profileOf } from './profile'
import { tellAfterCommit } from './tell'

type Input = ReturnType<typeof contract.Schemas.user.registerVolunteer.parse>

export const registerVolunteer = action({
  schema: contract.Schemas.user.registerVolunteer,
  async run(ctx, input) {
    const user = callerOf(ctx)
    const current = user.volunteer
    if (current?.status === 'verified' && current.communityId === input.communityId) {
      throw new AppError('INVALID_STATE', '您已在该社区完成志愿者报到，无需重复提交')
    }
    if (isSamePending(user, input)) return profileOf(user)
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
    const grants: RoleGrant[] = (user.grants ?? []).filter((g) => g.role !== 'volunteer')
    const withdraws = grants.length < (user.grants ?? []).length
    const res = await ctx.db
      .collection(Collections.users)
      .where(
        current
          ? { _id: user._id, 'volunteer.status': current.status, 'volunteer.appliedAt': current.appliedAt }
          : { _id: user._id, volunteer: _.exists(false) },
      )
      .update({
        data: {
          name: input.name,
          phone: input.phone,
          volunteer: _.set(volunteer),
          ...(withdraws ? { grants: _.pull({ role: 'volunteer' }) } : {}),
          updatedAt: ctx.now,
        },
      })
    if (res.stats.updated !== 1) {
      // Someone else's write got there first: the same registration sent twice at once.
      const now = await getDoc<UserDoc>(ctx.db, Collections.users, user._id)
      if (now && isSamePending(now, input)) return profileOf(now)
      throw new AppError('CONFLICT')
    }

    await tellAfterCommit(ctx, [staffKey(input.communityId)], {
      type: 'volunteer.registered',
      title: '志愿者报到待审核',
      body: `${input.name}${input.isPartyMember ? '（党员）' : ''}申请在${place}报到`,
    })
    return profileOf({ ...user, name: input.name, phone: input.phone, grants, volunteer, updatedAt: ctx.now })
  },
})

/** The registration `input` describes is the one already waiting. */
function isSamePending(user: UserDoc, input: Input): boolean {
  const v = user.volunteer
  return (
    v?.status === 'pending' &&
    v.communityId === input.communityId &&
    (v.gridId ?? undefined) === (input.gridId ?? undefined) &&
    v.isPartyMember === input.isPartyMember &&
    (v.workUnit || undefined) === (input.workUnit || undefined) &&
    v.skills.join('\u0000') === input.skills.join('\u0000') &&
    user.name === input.name &&
    user.phone === input.phone
  )
}

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
