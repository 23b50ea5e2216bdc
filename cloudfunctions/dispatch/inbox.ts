/**
 * `dispatch.inbox` (派单台): the demands of the caller's communities, overdue items first
 * (most recently overdue first), then urgent before normal, then newest first. "Overdue" is
 * the mark the SLA timer sets (`overdue`); transitions clear it when the item moves past the
 * late stage.
 *
 * The order is one declared index's order (`inbox*` in database/schema.json): a missing
 * `overdue.since` sorts last in a descending index, so one query serves "overdue first" and
 * pages go by key (`cursor` → `next`), never reading the community's whole history.
 *
 * Search (`q`): a whole phone number is an equality on the `inbox_phone` index, so it finds
 * that person's demands in the whole history; the list's filters then apply to those few rows.
 * Other words (title, address, part of a number) cannot use an index, so each call looks at
 * no more than `SEARCH_WINDOW` rows of the filtered inbox order and says so (`search`); "加载
 * 更多" looks further back. Active items sit at the head of that order (overdue first), so the
 * window holds what staff search for most.
 */
import { contract, isOverdue, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { mentions, pageByKey, searchByKey, type Order } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'
import { communitiesOf } from './scope'

export const ORDER: Order = [
  { field: 'overdue.since', kind: 'number', optional: true },
  { field: 'urgency', kind: 'string', optional: true },
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

/** Rows one search call looks at, at most. */
export const SEARCH_WINDOW = 200

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/

export const inbox = action({
  schema: contract.Schemas.dispatch.inbox,
  async run(ctx, input) {
    const communities = await communitiesOf(ctx.db, ctx.actor, input.communityId)
    const _ = ctx.db.command
    const community = { communityId: communities.length === 1 ? communities[0] : _.in(communities) }
    const filters: Record<string, unknown> = {}
    if (input.status) filters.status = input.status
    if (input.kind) filters.kind = input.kind
    if (input.gridId) filters.gridId = input.gridId
    // On the sort field itself, so the filter is a range of the same index.
    if (input.overdue !== undefined) filters['overdue.since'] = input.overdue ? _.gt(0) : null
    const paging = { ...(input.cursor ? { cursor: input.cursor } : {}), page: input.page }
    const pattern = contract.INBOX_CURSOR
    const demands = Collections.demands

    let answer
    if (input.q && PHONE.test(input.q)) {
      const where = { ...community, contactPhone: input.q }
      const fields = ['status', 'kind', 'gridId']
      answer = await searchByKey<Demand>(ctx.db, demands, where, ORDER, pattern, { ...paging, window: SEARCH_WINDOW, fields }, (row) =>
        passes(row, input),
      )
    } else if (input.q) {
      const q = input.q
      const fields = ['title', 'address', 'contactPhone']
      answer = await searchByKey<Demand>(
        ctx.db,
        demands,
        { ...community, ...filters },
        ORDER,
        pattern,
        { ...paging, window: SEARCH_WINDOW, fields },
        (row) => mentions(q, row.title, row.address, row.contactPhone),
      )
    } else {
      answer = await pageByKey<Demand>(ctx.db, demands, { ...community, ...filters }, ORDER, pattern, paging)
    }
    return { ...answer, items: answer.items.map((d) => ({ ...viewFor(ctx.actor, d), late: isOverdue(d, ctx.now) })) }
  },
})

/** The list's filters, tested on a row the phone lookup found. */
function passes(row: Record<string, unknown>, input: { status?: string; kind?: string; gridId?: string; overdue?: boolean }): boolean {
  const since = (row.overdue as { since?: number } | undefined)?.since
  return (
    (!input.status || row.status === input.status) &&
    (!input.kind || row.kind === input.kind) &&
    (!input.gridId || row.gridId === input.gridId) &&
    (input.overdue === undefined || input.overdue === (since !== undefined && since !== null))
  )
}
