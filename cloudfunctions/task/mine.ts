/**
 * `task.mine`: demands assigned to the caller, or to a unit they are a contact of, most
 * recently changed first. Contact details are shown while the work is theirs.
 */
import { contract, unitIdsOf, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageOf } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

export const mine = action({
  schema: contract.Schemas.task.mine,
  async run(ctx, { status, page }) {
    const units = unitIdsOf(ctx.actor)
    const ids = [ctx.actor.userId, ...units]
    const where: Record<string, unknown> = {
      'assignee.id': ids.length === 1 ? ids[0] : ctx.db.command.in(ids),
      ...(status ? { status } : {}),
    }
    const query = ctx.db.collection(Collections.demands).where(where).orderBy('updatedAt', 'desc')
    const result = await pageOf<Demand>(query, page)
    // Ids are unique across users and units; the type check keeps it so if that ever changed.
    const ours = result.items.filter((d) =>
      d.assignee?.type === 'unit' ? units.includes(d.assignee.id) : d.assignee?.id === ctx.actor.userId,
    )
    return { items: ours.map((d) => viewFor(ctx.actor, d)), hasMore: result.hasMore }
  },
})
