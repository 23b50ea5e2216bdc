/**
 * `list`: one chain newest first, paged by sequence number (`seq < before`) so that entries
 * appended while someone reads do not shift the pages; the (chain, seq) index serves the
 * query and its order, (chain, streetId, seq) the street's view of the global chain.
 */
import { auditActionLabel, contract, type AuditEntry } from '@honglin/shared'
import { AuditCollections } from '../_runtime/audit'
import { action } from '../_runtime/function'
import { scopeOf } from './scope'

export const list = action({
  schema: contract.Schemas.audit.list,
  async run(ctx, { communityId, page }) {
    const { chain, streetIds } = await scopeOf(ctx, 'list', communityId)
    const _ = ctx.db.command
    const where: Record<string, unknown> = { chain }
    if (streetIds) where.streetId = streetIds.length === 1 ? streetIds[0] : _.in(streetIds)
    if (page.before) where.seq = _.lt(page.before)
    const res = await ctx.db
      .collection(AuditCollections.log)
      .where(where)
      .orderBy('seq', 'desc')
      .limit(page.limit + 1)
      .get()
    const rows = res.data as AuditEntry[]
    const items = rows.slice(0, page.limit).map((e) => ({ ...e, label: auditActionLabel(e.action) }))
    const hasMore = rows.length > page.limit
    return { chain, items, hasMore, ...(hasMore ? { next: items[items.length - 1]!.seq } : {}) }
  },
})
