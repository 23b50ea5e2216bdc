/** `updateProfile`: the caller's own name, phone, elder mode and avatar; name and avatar are content-checked. */
import { contract } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { checkImages, checkTextAs, TextScene } from '../_runtime/content'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { callerOf, profileOf } from './profile'

export const updateProfile = action({
  schema: contract.Schemas.user.updateProfile,
  async run(ctx, input) {
    const user = callerOf(ctx)
    await checkTextAs(ctx, TextScene.profile, input.name)
    if (input.avatar !== undefined) await checkImages(ctx, [input.avatar])
    const patch: Partial<UserDoc> = { updatedAt: ctx.now }
    if (input.name !== undefined) patch.name = input.name
    if (input.phone !== undefined) patch.phone = input.phone
    if (input.elderMode !== undefined) patch.elderMode = input.elderMode
    if (input.avatar !== undefined) patch.avatar = input.avatar
    if (input.honourName !== undefined) patch.honourName = input.honourName
    await ctx.db.collection(Collections.users).doc(user._id).update({ data: patch })
    return profileOf({ ...user, ...patch })
  },
})
