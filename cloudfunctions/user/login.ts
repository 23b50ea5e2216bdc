/**
 * `login`: the WeChat user behind OPENID becomes (or already is) a Honglin user. The first
 * login creates the user as a resident; every login records when. Two first logins at once
 * (a double tap, two devices) still make one user: the unique `users.openid` index lets only
 * one insert land, and the others read the user it created.
 */
import { contract, type RoleGrant } from '@honglin/shared'
import { findUserByOpenid, type UserDoc } from '../_runtime/actor'
import { Collections } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { profileOf } from './profile'

/** WeChat's own placeholder nickname, until the user fills in a name. */
const DEFAULT_NAME = '微信用户'
const RESIDENT: RoleGrant = { role: 'resident' }

export const login = action({
  schema: contract.Schemas.user.login,
  auth: 'none',
  async run(ctx) {
    const existing = await findUserByOpenid(ctx.db, ctx.openid)
    if (existing) return { ...profileOf(await touch(ctx, existing)), isNew: false }
    const fresh: Omit<UserDoc, '_id'> = {
      openid: ctx.openid,
      name: DEFAULT_NAME,
      grants: [RESIDENT],
      pointsBalance: 0,
      elderMode: false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      lastLoginAt: ctx.now,
    }
    try {
      const res = await ctx.db.collection(Collections.users).add({ data: fresh })
      return { ...profileOf({ ...fresh, _id: res._id as string }), isNew: true }
    } catch (error) {
      // Lost the race to a concurrent first login: that one created the user.
      const winner = await findUserByOpenid(ctx.db, ctx.openid)
      if (!winner) throw error
      return { ...profileOf(winner), isNew: false }
    }
  },
})

/** Records the login; a user left without any role becomes a resident again. */
async function touch(ctx: ActionContext, user: UserDoc): Promise<UserDoc> {
  const patch: Partial<UserDoc> = { lastLoginAt: ctx.now }
  if (!user.grants?.length) patch.grants = [RESIDENT]
  await ctx.db.collection(Collections.users).doc(user._id).update({ data: patch })
  return { ...user, ...patch }
}
