/**
 * `ledger` (积分明细): the caller's ledger entries, newest first, paged by key: `cursor` is the
 * `next` of the previous page, so entries added meanwhile (a close awarding points) neither
 * repeat nor push one out of the pages, and a page deep into a long ledger costs what the
 * first does (index `owner_type`). Entries are never edited or deleted. Round trips: 2.
 */
import { contract, type LedgerEntry } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { seekAfter } from '../_runtime/paging'

export const ledger = action({
  schema: contract.Schemas.points.ledger,
  async run(ctx, input) {
    const { offset, limit } = input.page
    const where = { ownerId: ctx.actor.userId, ownerType: 'user' }
    const after = input.cursor ? seekAfter(ctx.db, keysOf(input.cursor)) : undefined
    let query = ctx.db
      .collection(Collections.ledger)
      .where(after ? ctx.db.command.and([where, after]) : where)
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
    // `page.offset` is kept for older clients; with a cursor the key says where to start.
    if (!after && offset > 0) query = query.skip(offset)
    const rows = (await query.limit(limit + 1).get()).data as LedgerEntry[]
    const items = rows.slice(0, limit)
    const hasMore = rows.length > limit
    const last = items.at(-1)
    return { items, hasMore, ...(hasMore && last ? { next: `${last.createdAt}.${last._id}` } : {}) }
  },
})

function keysOf(cursor: string) {
  const [, createdAt, id] = contract.LEDGER_CURSOR.exec(cursor)!
  return [
    { field: 'createdAt', value: Number(createdAt) },
    { field: '_id', value: id! },
  ]
}
