/**
 * `grantRole`: gives a user a role in a community (or street), within what the caller may
 * manage (scope.ts). Granting a role the user already holds in that scope updates it (a grid
 * worker's grids); granting the identical role again changes nothing.
 */
import { AppError, contract, type RoleGrant } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { joinCommittee } from './membership'
import { mayManage, precheck, resolveGrant, sameGrant, sameScope } from './scope'

export const grantRole = action({
  schema: contract.Schemas.org.grantRole,
  async run(ctx, input) {
    precheck(ctx.actor, input)
    const grant = await resolveGrant(ctx, input)
    if (!mayManage(ctx.actor, grant.role, grant)) throw new AppError('FORBIDDEN')
    const target = await getDoc<UserDoc>(ctx.db, Collections.users, input.userId)
    if (!target) throw new AppError('NOT_FOUND', '找不到该用户')
    const grants = target.grants ?? []
    const index = grants.findIndex((g) => sameScope(g, grant))
    if (index >= 0 && sameGrant(grants[index]!, grant)) return { userId: target._id, grants, changed: false }

    const _ = ctx.db.command
    const users = ctx.db.collection(Collections.users)
    let next: RoleGrant[]
    if (index >= 0) {
      // Replace that one grant, provided it is still where it was read.
      const at = `grants.${index}`
      const where: Record<string, unknown> = { _id: target._id, [`${at}.role`]: grant.role }
      if (grant.communityId) where[`${at}.communityId`] = grant.communityId
      const res = await users.where(where).update({ data: { [at]: _.set(grant), updatedAt: ctx.now } })
      if (res.stats.updated !== 1) throw new AppError('CONFLICT')
      next = grants.map((g, i) => (i === index ? grant : g))
    } else {
      await users.doc(target._id).update({ data: { grants: _.push([grant]), updatedAt: ctx.now } })
      next = [...grants, grant]
    }
    if (grant.role === 'committee_member') await joinCommittee(ctx, target._id, grant)
    return { userId: target._id, grants: next, changed: true }
  },
})
