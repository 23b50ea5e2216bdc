/**
 * `volunteers`: a community's volunteer registrations by status (pending first of all), for
 * its staff, most recent application first, paged by key (`cursor` → `next`; index
 * `volunteer_applied`).
 */
import { AppError, contract, isStaffOf } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'

const ORDER: Order = [
  { field: 'volunteer.appliedAt', kind: 'number', optional: true },
  { field: '_id', kind: 'string' },
]

export const volunteers = action({
  schema: contract.Schemas.user.volunteers,
  async run(ctx, input) {
    if (!isStaffOf(ctx.actor, input.communityId)) throw new AppError('FORBIDDEN')
    const where = { 'volunteer.communityId': input.communityId, 'volunteer.status': input.status }
    const paging = { ...(input.cursor ? { cursor: input.cursor } : {}), page: input.page }
    const projection = { name: true, phone: true, avatar: true, volunteer: true }
    const result = await pageByKey<Pick<UserDoc, '_id' | 'name' | 'phone' | 'avatar' | 'volunteer'>>(
      ctx.db,
      Collections.users,
      where,
      ORDER,
      contract.TIME_ID_CURSOR,
      paging,
      projection,
    )
    return {
      ...result,
      items: result.items.map((u) => ({ userId: u._id, name: u.name, phone: u.phone, avatar: u.avatar, volunteer: u.volunteer })),
    }
  },
})
