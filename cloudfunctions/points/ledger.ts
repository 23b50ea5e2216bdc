/** `ledger` (积分明细): the caller's ledger entries, newest first, paged. Entries are never edited or deleted. */
import { contract, type LedgerEntry } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const ledger = action({
  schema: contract.Schemas.points.ledger,
  async run(ctx, input) {
    const { offset, limit } = input.page
    const res = await ctx.db
      .collection(Collections.ledger)
      .where({ ownerId: ctx.actor.userId, ownerType: 'user' })
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(offset)
      .limit(limit + 1)
      .get()
    const rows = res.data as LedgerEntry[]
    return { items: rows.slice(0, limit), hasMore: rows.length > limit }
  },
})
