/**
 * `demand.similar`: at order time, open demands of the same grid and category whose titles are
 * alike, so a resident can follow (跟进) one instead of reporting the same problem again. Only
 * the newest open ones of the last weeks are read, through the `similar_grid` index
 * (newest first, at most SIMILAR_SCANNED), and ranked by the shared rule. Residents see them
 * masked (no contact details, names or house numbers). Round trips: the caller, then the grid
 * ‖ the candidates: 3. `demand.create` does not call it: the order page asks while typing.
 */
import {
  AppError,
  SIMILAR_SCANNED,
  SIMILAR_WINDOW_MS,
  SimilarStatuses,
  contract,
  isGridWorkerOf,
  present,
  rankSimilar,
  type Demand,
} from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import type { GridDoc } from './new-demand'
import { similarOf } from './similar-view'

export const similar = action({
  schema: contract.Schemas.demand.similar,
  async run(ctx, { gridId, category, title }) {
    const _ = ctx.db.command
    const [grid, res] = await Promise.all([
      getDoc<GridDoc>(ctx.db, Collections.grids, gridId),
      ctx.db
        .collection(Collections.demands)
        .where({ gridId, category, status: _.in([...SimilarStatuses]), createdAt: _.gte(ctx.now - SIMILAR_WINDOW_MS) })
        .orderBy('createdAt', 'desc')
        .limit(SIMILAR_SCANNED)
        .get(),
    ])
    if (!grid) throw new AppError('INVALID_INPUT', '所选网格不存在', { gridId: '所选网格不存在' })
    const resident = ctx.actor.grants.some((g) => g.role === 'resident' && g.communityId === grid.communityId)
    if (!resident && !isGridWorkerOf(ctx.actor, gridId)) throw new AppError('FORBIDDEN', '只能查看本社区的点单')
    // Her own earlier report is not a duplicate to follow.
    const others = (res.data as Demand[]).filter((d) => d.ownerId !== ctx.actor.userId && d.createdBy !== ctx.actor.userId)
    return {
      items: rankSimilar(title, others).map((d) => similarOf(present(d, 'masked'), d.similarity, d.followers?.includes(ctx.actor.userId))),
    }
  },
})
