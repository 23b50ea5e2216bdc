/**
 * The resident's review (评单) of finished work: `confirm` it is done, `rate` it (1–5 stars),
 * or `reopen` it when it is not fixed, which sends it back to the assignee.
 */
import { contract } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { transition, viewFor } from '../_runtime/transition'

export const confirm = action({
  schema: contract.Schemas.demand.confirm,
  async run(ctx, { id }) {
    const next = await transition(ctx, await getDemand(ctx.db, id), 'confirm')
    await announce(ctx, next, ['staff', 'assignee'], { type: 'demand.confirmed', title: '居民已确认完成，待销号' })
    return viewFor(ctx.actor, next)
  },
})

export const rate = action({
  schema: contract.Schemas.demand.rate,
  async run(ctx, { id, stars, comment }) {
    const demand = await getDemand(ctx.db, id)
    const next = await transition(ctx, demand, 'rate', {
      note: comment,
      changes: { rating: { stars, comment: comment || undefined, at: ctx.now } },
    })
    await announce(ctx, next, ['staff', 'assignee'], { type: 'demand.rated', title: `居民评价：${stars} 星` })
    return viewFor(ctx.actor, next)
  },
})

export const reopen = action({
  schema: contract.Schemas.demand.reopen,
  async run(ctx, { id, reason }) {
    // A new round of work: the earlier rating no longer describes it (it stays in the timeline).
    const demand = await getDemand(ctx.db, id)
    const next = await transition(ctx, demand, 'reopen', {
      note: demand.rating ? `${reason}（原评价 ${demand.rating.stars} 星）` : reason,
      changes: { rating: undefined },
    })
    await announce(ctx, next, ['assignee', 'staff'], { type: 'task.reopened', title: '居民反馈未解决，请继续处理', body: reason })
    return viewFor(ctx.actor, next)
  },
})
