/**
 * One key-paged page of demands, newest first (`createdAt`, then `_id`): the `next` of a page
 * is where the following one starts, so a page deep into years of history costs what the
 * first does. The index must be the filter's equalities followed by `createdAt`, `_id`.
 */
import { contract, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { seekAfter } from '../_runtime/paging'

export async function newestFirst(
  ctx: ActionContext,
  where: Record<string, unknown>,
  { cursor, page }: { cursor?: string; page: contract.Page },
): Promise<{ items: Demand[]; hasMore: boolean; next?: string }> {
  const _ = ctx.db.command
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
  return { items, hasMore, ...(hasMore && last ? { next: `${last.createdAt}.${last._id}` } : {}) }
}
