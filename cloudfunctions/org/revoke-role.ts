/**
 * `revokeRole`: takes a role away in a community (or street), within what the caller may
 * manage. Names the scope like `grantRole`; a unit contact's unit narrows it to that unit.
 * Revoking a role the user does not hold answers NOT_FOUND and changes nothing.
 */
import { AppError, contract, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { leaveCommittee } from './membership'
import { CommunityRoles, mayManage, precheck, type GrantInput } from './scope'

export const revokeRole = action({
  schema: contract.Schemas.org.revokeRole,
  async run(ctx, input) {
    precheck(ctx.actor, input)
    const matcher = await matcherFor(ctx, input)
    const target = await getDoc<UserDoc>(ctx.db, Collections.users, input.userId)
    if (!target) throw new AppError('NOT_FOUND', '找不到该用户')
    const grants = target.grants ?? []
    const remaining = grants.filter((g) => !matches(g, matcher))
    if (remaining.length === grants.length) throw new AppError('NOT_FOUND', '该用户没有此角色')
    await ctx.db
      .collection(Collections.users)
      .doc(target._id)
      .update({ data: { grants: ctx.db.command.pull(matcher), updatedAt: ctx.now } })
    if (
      matcher.role === 'committee_member' &&
      !remaining.some((g) => g.role === 'committee_member' && g.communityId === matcher.communityId)
    ) {
      await leaveCommittee(ctx, target._id, matcher.communityId!)
    }
    return { userId: target._id, grants: remaining }
  },
})

/** The fields that pick out the grants to remove, once the caller is known to manage them. */
async function matcherFor(ctx: ActionContext, input: GrantInput): Promise<Partial<RoleGrant>> {
  const { role } = input
  if (role === 'admin' || role === 'street_staff') {
    if (!mayManage(ctx.actor, role, {})) throw new AppError('FORBIDDEN')
    if (role === 'admin') return { role }
    if (!input.streetId) throw new AppError('INVALID_INPUT', '请选择街道', { streetId: '请选择街道' })
    return { role, streetId: input.streetId }
  }
  if (!input.communityId) throw new AppError('INVALID_INPUT', '请选择社区', { communityId: '请选择社区' })
  let streetId: string | undefined
  if (!CommunityRoles.includes(role)) {
    const community = await getDoc<{ streetId: string }>(ctx.db, Collections.communities, input.communityId)
    streetId = community?.streetId
  }
  if (!mayManage(ctx.actor, role, { communityId: input.communityId, streetId })) throw new AppError('FORBIDDEN')
  const narrowToUnit = input.unitId && (role === 'unit_contact' || role === 'committee_member')
  return { role, communityId: input.communityId, ...(narrowToUnit ? { unitId: input.unitId } : {}) }
}

function matches(grant: RoleGrant, matcher: Partial<RoleGrant>): boolean {
  return Object.entries(matcher).every(([key, value]) => (grant as unknown as Record<string, unknown>)[key] === value)
}
