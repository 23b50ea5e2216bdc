/**
 * One key-paged page of demands, newest first (`createdAt`, then `_id`), through the shared
 * pager: the index must be the filter's equalities followed by `createdAt`, `_id`.
 */
import { contract, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { pageByKey, type KeyPage, type Order } from '../_runtime/paging'

const NEWEST_FIRST: Order = [
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

export function newestFirst(
  ctx: ActionContext,
  where: Record<string, unknown>,
  paging: { cursor?: string; page: contract.Page },
): Promise<KeyPage<Demand>> {
  return pageByKey<Demand>(ctx.db, Collections.demands, where, NEWEST_FIRST, contract.ON_BEHALF_CURSOR, paging)
}
