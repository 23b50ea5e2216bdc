/**
 * `demand.listOnBehalf` (我代办的): the demands a grid worker ordered for residents, newest
 * first, with their progress. "For residents" is the consent he attested (`consent.by`), so
 * his own orders as a resident are not among them. Served by the `on_behalf` index; pages go
 * by key (`cursor` → `next`), so a page deep into years of 代办 costs what the first does.
 */
import { contract, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { seekAfter } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

export const listOnBehalf = action({
  schema: contract.Schemas.demand.listOnBehalf,
  async run(ctx, { cursor, page }) {
    const me = ctx.actor.userId
    const _ = ctx.db.command
    const where = { createdBy: me, 'consent.by': me }
    const at = cursor ? contract.ON_BEHALF_CURSOR.exec(cursor)! : undefined
    const after = at
      ? seekAfter(ctx.db, [
          { field: 'createdAt', value: Number(at[1]) },
          { field: '_id', value: at[2]! },
        ])
      : undefined
    let query = ctx.db
      .collection(Collections.demands)
      .where(after ? _.and([where, after]) : where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
    if (!after && page.offset > 0) query = query.skip(page.offset)
    const rows = (await query.limit(page.limit + 1).get()).data as Demand[]
    const items = rows.slice(0, page.limit)
    const hasMore = rows.length > page.limit
    const last = items.at(-1)
    return {
      items: items.map((d) => viewFor(ctx.actor, d)),
      hasMore,
      ...(hasMore && last ? { next: `${last.createdAt}.${last._id}` } : {}),
    }
  },
})
