/** `volunteers`: a community's volunteer registrations by status (pending first of all), for its staff. */
import { AppError, contract, isStaffOf } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const volunteers = action({
  schema: contract.Schemas.user.volunteers,
  async run(ctx, input) {
    if (!isStaffOf(ctx.actor, input.communityId)) throw new AppError('FORBIDDEN')
    const { offset, limit } = input.page
    const res = await ctx.db
      .collection(Collections.users)
      .where({ 'volunteer.communityId': input.communityId, 'volunteer.status': input.status })
      .orderBy('volunteer.appliedAt', 'desc')
      .skip(offset)
      .limit(limit + 1)
      .field({ name: true, phone: true, avatar: true, volunteer: true })
      .get()
    const rows = res.data as Pick<UserDoc, '_id' | 'name' | 'phone' | 'avatar' | 'volunteer'>[]
    return {
      items: rows.slice(0, limit).map((u) => ({ userId: u._id, name: u.name, phone: u.phone, avatar: u.avatar, volunteer: u.volunteer })),
      hasMore: rows.length > limit,
    }
  },
})
