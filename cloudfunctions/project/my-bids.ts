/**
 * `myBids` (我的揭榜): the bids of the caller's units, newest first, each with its project's
 * title and state. Paged by key on the unit's bids; round trips: caller, bids, projects.
 */
import { contactUnits, contract, type Bid, type Project } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { action } from '../_runtime/function'
import { pageByKey } from '../_runtime/paging'
import { bidView } from './bids'
import { NEWEST } from './list'
import { P } from './store'

export const myBids = action({
  schema: contract.Schemas.project.myBids,
  async run(ctx, { cursor, page }) {
    const units = contactUnits(ctx.actor)
    if (units.length === 0) return { items: [], hasMore: false }
    // A contact acts for one unit in practice; with several, the first one's bids.
    const res = await pageByKey<Bid>(ctx.db, P.bids, { unitId: units[0] }, NEWEST, contract.TIME_ID_CURSOR, {
      ...(cursor ? { cursor } : {}),
      page,
    })
    const ids = [...new Set(res.items.map((b) => b.projectId))]
    const projects = ids.length
      ? await readAll<Project>(ctx.db, P.projects, { _id: ctx.db.command.in(ids) }, { title: true, status: true, bidDeadline: true })
      : []
    const byId = new Map(projects.map((p) => [p._id, p]))
    return {
      ...res,
      items: res.items.map((b) => {
        const p = byId.get(b.projectId)
        return {
          ...bidView(b),
          project: { _id: b.projectId, title: p?.title ?? '', status: p?.status ?? 'cancelled', bidDeadline: p?.bidDeadline ?? 0 },
        }
      }),
    }
  },
})
