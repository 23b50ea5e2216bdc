/** `demand.listMine`: the caller's own demands, newest first, optionally by status. */
import { contract, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageOf } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

export const listMine = action({
  schema: contract.Schemas.demand.listMine,
  async run(ctx, { status, page }) {
    const query = ctx.db
      .collection(Collections.demands)
      .where({ ownerId: ctx.actor.userId, ...(status ? { status } : {}) })
      .orderBy('createdAt', 'desc')
    const result = await pageOf<Demand>(query, page)
    return { items: result.items.map((d) => viewFor(ctx.actor, d)), hasMore: result.hasMore }
  },
})
