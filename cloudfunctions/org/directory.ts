/** The organisation tree any registered user may browse: streets → communities → grids. */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

/** More than any street, community or unit list holds; the lists are not paged. */
export const LIST_LIMIT = 100

export const streets = action({
  schema: contract.Schemas.org.streets,
  async run(ctx) {
    const res = await ctx.db.collection(Collections.streets).orderBy('name', 'asc').limit(LIST_LIMIT).get()
    return { items: res.data }
  },
})

export const communities = action({
  schema: contract.Schemas.org.communities,
  async run(ctx, input) {
    const res = await ctx.db
      .collection(Collections.communities)
      .where(input.streetId ? { streetId: input.streetId } : {})
      .orderBy('streetId', 'asc')
      .orderBy('_id', 'asc')
      .limit(LIST_LIMIT)
      .get()
    return { items: res.data }
  },
})

export const grids = action({
  schema: contract.Schemas.org.grids,
  async run(ctx, input) {
    const res = await ctx.db
      .collection(Collections.grids)
      .where({ communityId: input.communityId })
      .orderBy('_id', 'asc')
      .limit(LIST_LIMIT)
      .get()
    return { items: res.data }
  },
})
