/**
 * `task.mine`: demands assigned to the caller, or to a unit they are a contact of, most
 * recently changed first. Contact details are shown while the work is theirs. Paged by key
 * (`cursor` → `next`; index `assignee_updated` / `assignee_status_updated`). The key is the
 * time of the last change: an item changed between two pages moves to the head of the list,
 * where a refresh finds it, instead of repeating on a later page.
 */
import { contract, unitIdsOf, type Demand } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'
import { viewFor } from '../_runtime/transition'

const ORDER: Order = [
  { field: 'updatedAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

export const mine = action({
  schema: contract.Schemas.task.mine,
  async run(ctx, { status, cursor, page }) {
    const units = unitIdsOf(ctx.actor)
    const ids = [ctx.actor.userId, ...units]
    const where: Record<string, unknown> = {
      'assignee.id': ids.length === 1 ? ids[0] : ctx.db.command.in(ids),
      ...(status ? { status } : {}),
    }
    const paging = { ...(cursor ? { cursor } : {}), page }
    const result = await pageByKey<Demand>(ctx.db, Collections.demands, where, ORDER, contract.TIME_ID_CURSOR, paging)
    // Ids are unique across users and units; the type check keeps it so if that ever changed.
    const ours = result.items.filter((d) =>
      d.assignee?.type === 'unit' ? units.includes(d.assignee.id) : d.assignee?.id === ctx.actor.userId,
    )
    return { ...result, items: ours.map((d) => viewFor(ctx.actor, d)) }
  },
})
