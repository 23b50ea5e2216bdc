/** `committee`: a community's 大党委 members, with their name and co-building unit, in one round trip. */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { LIST_LIMIT } from './directory'

interface Row {
  _id: string
  communityId: string
  userId: string
  unitId?: string
  title?: string
  user: { name?: string; avatar?: string }[]
  unit: { name?: string; type?: string }[]
}

export const committee = action({
  schema: contract.Schemas.org.committee,
  async run(ctx, input) {
    const res = await ctx.db
      .collection(Collections.committee)
      .aggregate()
      .match({ communityId: input.communityId })
      .limit(LIST_LIMIT)
      .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'user' })
      .lookup({ from: Collections.units, localField: 'unitId', foreignField: '_id', as: 'unit' })
      // Only what a member list shows: never a member's phone or grants.
      .project({ communityId: 1, userId: 1, unitId: 1, title: 1, 'user.name': 1, 'user.avatar': 1, 'unit.name': 1, 'unit.type': 1 })
      .end()
    const items = (res.list as Row[]).map((row) => ({
      _id: row._id,
      communityId: row.communityId,
      userId: row.userId,
      name: row.user[0]?.name ?? '',
      avatar: row.user[0]?.avatar,
      title: row.title ?? '委员',
      unit: row.unitId ? { _id: row.unitId, name: row.unit[0]?.name ?? '', type: row.unit[0]?.type } : null,
    }))
    return { items }
  },
})
