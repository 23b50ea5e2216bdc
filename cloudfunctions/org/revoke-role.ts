/**
 * `revokeRole`: takes a role away in a community (or street), if the shared rule lets the
 * caller (never their own; never the last admin). Names the scope like `grantRole`; a unit
 * contact's unit narrows it to that unit. Revoking the volunteer role marks the person's
 * registration `revoked`; revoking the committee role takes them off the 大党委, and a row a
 * crash left behind without its grant is removed by revoking again. One transaction writes
 * the grants, the registration or committee row, and the audit entry. Revoking a role the
 * user does not hold answers NOT_FOUND and changes nothing.
 */
import {
  AppError,
  CommunityRoles,
  contract,
  revokedRegistration,
  roleChangeRefusal,
  withoutGrants,
  type GrantMatcher,
  type RoleChange,
} from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { changeRoles } from '../_runtime/role-change'
import { committeeRowId } from './membership'
import { auditDetail, refuse, required, type GrantInput } from './scope'

export const revokeRole = action({
  schema: contract.Schemas.org.revokeRole,
  async run(ctx, input) {
    refuse(roleChangeRefusal(ctx.actor, { kind: 'revoke', userId: input.userId, role: input.role, communityId: input.communityId }))
    const seated = input.role === 'committee_member' && input.communityId
    const [change, rowId, adminCount] = await Promise.all([
      changeFor(ctx, input),
      seated ? committeeRowId(ctx, input.communityId!, input.userId) : undefined,
      input.role === 'admin' ? countAdmins(ctx) : undefined,
    ])
    refuse(roleChangeRefusal(ctx.actor, change, { adminCount }))
    const matcher = matcherOf(change, input)

    const committee = rowId ? { communityId: change.communityId!, rowId } : undefined
    const revokingAdmin = change.role === 'admin'
    return changeRoles(ctx, { userId: input.userId, committee, withCaller: revokingAdmin }, ({ user, committeeRow, caller }) => {
      // The caller's own admin grant is read again here: of two admins revoking each other, the second finds theirs gone.
      if (revokingAdmin && !(caller?.grants ?? []).some((g) => g.role === 'admin')) throw new AppError('FORBIDDEN')
      const current = user.grants ?? []
      const remaining = withoutGrants(current, matcher)
      const removed = remaining.length < current.length
      const keepsSeat = remaining.some((g) => g.role === 'committee_member' && g.communityId === change.communityId)
      const strayRow = !!committee && !!committeeRow && !keepsSeat
      if (!removed && !strayRow) throw new AppError('NOT_FOUND', '该用户没有此角色')
      const volunteer =
        change.role === 'volunteer' && removed
          ? revokedRegistration(user.volunteer, change.communityId!, { at: ctx.now, by: ctx.actor.userId })
          : undefined
      return {
        grants: removed ? remaining : undefined,
        volunteer,
        committee: committee ? { present: keepsSeat } : undefined,
        touchCaller: revokingAdmin,
        audit: removed
          ? { action: 'role.revoke', communityId: change.communityId, target: { type: 'user', id: user._id }, detail: auditDetail(matcher) }
          : undefined,
        answer: { userId: user._id, grants: remaining },
      }
    })
  },
})

/** The change `input` names, with the street of a community-staff grant looked up. */
async function changeFor(ctx: ActionContext, input: GrantInput): Promise<RoleChange> {
  const { role } = input
  const base = { kind: 'revoke' as const, userId: input.userId, role }
  if (role === 'admin') return base
  if (role === 'street_staff') return { ...base, streetId: required(input.streetId, 'streetId', '请选择街道') }
  const communityId = required(input.communityId, 'communityId', '请选择社区')
  if (CommunityRoles.includes(role)) return { ...base, communityId }
  const community = await getDoc<{ streetId: string }>(ctx.db, Collections.communities, communityId)
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  return { ...base, communityId, streetId: community.streetId }
}

/** The fields that pick out the grants to remove. */
function matcherOf(change: RoleChange, input: GrantInput): GrantMatcher {
  const { role } = change
  if (role === 'admin') return { role }
  if (role === 'street_staff') return { role, streetId: change.streetId }
  const narrowToUnit = input.unitId && (role === 'unit_contact' || role === 'committee_member')
  return { role, communityId: change.communityId, ...(narrowToUnit ? { unitId: input.unitId } : {}) }
}

/** Users holding `admin` (one indexed count). */
async function countAdmins(ctx: ActionContext): Promise<number> {
  const res = await ctx.db.collection(Collections.users).where({ 'grants.role': 'admin' }).count()
  return res.total as number
}
