/**
 * `dispatch.inbox` (派单台): the demands of the caller's communities, overdue items first
 * (most recently overdue first), then newest first. "Overdue" is the mark the SLA timer sets
 * (`overdue`); transitions clear it when the item moves past the late stage.
 *
 * The order is one declared index's order (`inbox*` in database/schema.json): a missing
 * `overdue.since` sorts last in a descending index, so one query serves "overdue first" and
 * pages go by key (`cursor` → `next`), never reading the community's whole history.
 */
import { contract, isOverdue, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { seekAfter, type SeekKey } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'
import { communitiesOf } from './scope'

const ORDER = ['overdue.since', 'createdAt', '_id'] as const

export const inbox = action({
  schema: contract.Schemas.dispatch.inbox,
  async run(ctx, input) {
    const communities = await communitiesOf(ctx.db, ctx.actor, input.communityId)
    const _ = ctx.db.command
    const where: Record<string, unknown> = { communityId: communities.length === 1 ? communities[0] : _.in(communities) }
    if (input.status) where.status = input.status
    if (input.kind) where.kind = input.kind
    if (input.gridId) where.gridId = input.gridId
    // On the sort field itself, so the filter is a range of the same index.
    if (input.overdue !== undefined) where['overdue.since'] = input.overdue ? _.gt(0) : null
    const after = input.cursor ? seekAfter(ctx.db, keysOf(input.cursor)) : undefined
    let query = ctx.db.collection(Collections.demands).where(after ? _.and([where, after]) : where)
    for (const field of ORDER) query = query.orderBy(field, 'desc')
    // `page.offset` is kept for older clients; with a cursor the key says where to start.
    if (!after && input.page.offset > 0) query = query.skip(input.page.offset)
    const rows = (await query.limit(input.page.limit + 1).get()).data as Demand[]
    const items = rows.slice(0, input.page.limit)
    const hasMore = rows.length > input.page.limit
    return {
      items: items.map((d) => ({ ...viewFor(ctx.actor, d), late: isOverdue(d, ctx.now) })),
      hasMore,
      ...(hasMore ? { next: cursorOf(items.at(-1)!) } : {}),
    }
  },
})

function cursorOf(d: Demand): string {
  return `${d.overdue?.since ?? ''}.${d.createdAt}.${d._id}`
}

function keysOf(cursor: string): SeekKey[] {
  const [, since, createdAt, id] = contract.INBOX_CURSOR.exec(cursor)!
  return [
    { field: ORDER[0], value: since ? Number(since) : null, optional: true },
    { field: ORDER[1], value: Number(createdAt) },
    { field: ORDER[2], value: id! },
  ]
}
