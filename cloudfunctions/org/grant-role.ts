/**
 * `grantRole`: gives a user a role in a community (or street), if the shared rule lets the
 * caller (never to themselves; within their community or street; to people of their street).
 * A grant is keyed by role and scope: granting in a scope the user already holds replaces that
 * grant whole (a grid worker's grids), the identical grant again changes nothing, and ten
 * identical grants at once leave one. The volunteer role verifies the person's registration
 * for that community with it; the committee role seats them on the 大党委. One transaction
 * writes the grants, the registration or committee row, and the audit entry.
 */
import {
  contract,
  roleChangeRefusal,
  verifiedRegistration,
  withGrant,
  withVolunteerGrant,
  type RoleChange,
  type RoleGrant,
} from '@honglin/shared'
import { action } from '../_runtime/function'
import { changeRoles } from '../_runtime/role-change'
import { committeeRowId } from './membership'
import { auditDetail, refuse, resolveGrant } from './scope'

export const grantRole = action({
  schema: contract.Schemas.org.grantRole,
  async run(ctx, input) {
    refuse(roleChangeRefusal(ctx.actor, { kind: 'grant', userId: input.userId, role: input.role, communityId: input.communityId }))
    const seated = input.role === 'committee_member' && input.communityId
    const [grant, rowId] = await Promise.all([
      resolveGrant(ctx, input),
      seated ? committeeRowId(ctx, input.communityId!, input.userId) : undefined,
    ])
    const change: RoleChange = {
      kind: 'grant',
      userId: input.userId,
      role: grant.role,
      communityId: grant.communityId,
      streetId: grant.streetId,
    }
    refuse(roleChangeRefusal(ctx.actor, change))

    const committee = rowId ? { communityId: grant.communityId!, rowId } : undefined
    return changeRoles(ctx, { userId: input.userId, committee }, ({ user }) => {
      const current: RoleGrant[] = user.grants ?? []
      refuse(roleChangeRefusal(ctx.actor, change, { targetGrants: current }))
      const volunteer =
        grant.role === 'volunteer'
          ? verifiedRegistration(user.volunteer, grant.communityId!, { at: ctx.now, by: ctx.actor.userId })
          : undefined
      const next = grant.role === 'volunteer' ? withVolunteerGrant(current, grant) : withGrant(current, grant)
      const changed = next.changed || volunteer !== undefined
      return {
        grants: next.changed ? next.grants : undefined,
        volunteer,
        // An identical committee grant still seats the person: that repairs a row a crash lost.
        committee: committee ? { present: true, unitId: grant.unitId } : undefined,
        audit: changed
          ? { action: 'role.grant', communityId: grant.communityId, target: { type: 'user', id: user._id }, detail: auditDetail(grant) }
          : undefined,
        answer: { userId: user._id, grants: next.grants, changed },
      }
    })
  },
})
