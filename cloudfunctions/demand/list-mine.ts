/**
 * `demand.listMine` (我的点单): the caller's own demands, newest first, optionally by status,
 * paged by key (`cursor` → `next`, index `owner` / `owner_status`).
 *
 * Search (`q`, title or address) cannot use an index; each call looks at no more than
 * `SEARCH_WINDOW` of the caller's newest demands (`search` in the answer says how many) and
 * "加载更多" looks further back, so even a grid worker's long list costs a bounded read.
 */
import { contract, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { mentions, pageByKey, searchByKey, type Order } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

const ORDER: Order = [
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

/** Rows one search call looks at, at most. */
export const SEARCH_WINDOW = 200

export const listMine = action({
  schema: contract.Schemas.demand.listMine,
  async run(ctx, { status, q, cursor, page }) {
    const where = { ownerId: ctx.actor.userId, ...(status ? { status } : {}) }
    const paging = { ...(cursor ? { cursor } : {}), page }
    const pattern = contract.TIME_ID_CURSOR
    const answer = q
      ? await searchByKey<Demand>(
          ctx.db,
          Collections.demands,
          where,
          ORDER,
          pattern,
          { ...paging, window: SEARCH_WINDOW, fields: ['title', 'address'] },
          (row) => mentions(q, row.title, row.address),
        )
      : await pageByKey<Demand>(ctx.db, Collections.demands, where, ORDER, pattern, paging)
    return { ...answer, items: answer.items.map((d) => viewFor(ctx.actor, d)) }
  },
})
