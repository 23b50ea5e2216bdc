/**
 * `dispatch.similar`: what a demand may be merged into, picked instead of typed: the open
 * demands of its community and category whose titles are alike (the rule residents are offered
 * at order time), or, with `q`, those whose title or address holds the words searched. Only
 * the newest SIMILAR_SCANNED open ones of the category and the last weeks are read, through
 * the `similar_community` index, so a community's history is never scanned; `searched` says
 * how many were looked at. Round trips: the caller, the demand, the candidates: 3.
 */
import { SIMILAR_SCANNED, SIMILAR_WINDOW_MS, SimilarStatuses, contract, rankSimilar, titleSimilarity, type Demand } from '@honglin/shared'
import { Collections, getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { authorize } from '../_runtime/transition'
import { similarOf } from '../demand/similar-view'

/** How many search hits are listed. */
const FOUND_SHOWN = 20

export const similar = action({
  schema: contract.Schemas.dispatch.similar,
  async run(ctx, { id, q }) {
    const demand = await getDemand(ctx.db, id)
    authorize(ctx.actor, 'merge', demand)
    const _ = ctx.db.command
    const res = await ctx.db
      .collection(Collections.demands)
      .where({
        communityId: demand.communityId,
        category: demand.category,
        status: _.in([...SimilarStatuses]),
        createdAt: _.gte(ctx.now - SIMILAR_WINDOW_MS),
      })
      .orderBy('createdAt', 'desc')
      .limit(SIMILAR_SCANNED)
      .get()
    const others = (res.data as Demand[]).filter((d) => d._id !== id)
    const words = (q ?? '').trim().split(/\s+/).filter(Boolean)
    const items =
      words.length === 0
        ? rankSimilar(demand.title, others).map((d) => similarOf(d, d.similarity))
        : others
            .filter((d) => words.every((w) => d.title.includes(w) || d.address.includes(w)))
            .slice(0, FOUND_SHOWN)
            .map((d) => similarOf(d, Math.round(titleSimilarity(demand.title, d.title) * 100) / 100))
    return { items, searched: res.data.length }
  },
})
