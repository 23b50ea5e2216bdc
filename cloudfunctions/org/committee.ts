/**
 * `committee`: a community's 大党委 members, with their name and co-building unit, in one round
 * trip. A 大党委 has dozens of members; past `LIST_LIMIT` the call fails (INTERNAL, logged)
 * rather than showing a list with members silently missing.
 */
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
      // One more than the bound, so a longer list fails loudly instead of being cut.
      .limit(LIST_LIMIT + 1)
      .lookup({ from: Collections.users, localField: 'userId', foreignField: '_id', as: 'user' })
      .lookup({ from: Collections.units, localField: 'unitId', foreignField: '_id', as: 'unit' })
      // Only what a member list shows: never a member's phone or grants.
      .project({ communityId: 1, userId: 1, unitId: 1, title: 1, 'user.name': 1, 'user.avatar': 1, 'unit.name': 1, 'unit.type': 1 })
      .end()
    const rows = res.list as Row[]
    if (rows.length > LIST_LIMIT) throw new Error(`committee of ${input.communityId} has more than ${LIST_LIMIT} members`)
    const items = rows.map((row) => ({
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
