/**
 * `demand.follow` (跟进): a resident who has the same problem joins an open demand as a
 * co-reporter instead of ordering again. She is kept on the demand (`followers`, at most
 * MAX_FOLLOWERS), told of its progress as its owner is (notify/audience.ts) and sees its masked
 * view. One conditional update that adds her only while the demand is open and has room: a
 * retry, or a second tap, finds her there and changes nothing. Staff are told once per new
 * co-reporter. Round trips: the caller, the demand, the update, the event: 4 (a retry: 3).
 */
import { AppError, FinalStatuses, MAX_FOLLOWERS, SimilarStatuses, contract, followVerdict } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { Collections, getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'

export const follow = action({
  schema: contract.Schemas.demand.follow,
  async run(ctx, { id }) {
    const demand = await getDemand(ctx.db, id)
    const verdict = followVerdict(ctx.actor, demand)
    if (!verdict.allowed) {
      // Someone with no business in this community learns nothing about the demand.
      if (verdict.reason === 'not_resident') throw new AppError('NOT_FOUND', '找不到该点单')
      throw new AppError(verdict.reason === 'own_demand' ? 'INVALID_INPUT' : 'INVALID_STATE', verdict.message)
    }
    const me = ctx.actor.userId
    if (demand.followers?.includes(me)) return viewFor(ctx.actor, demand)
    const _ = ctx.db.command
    const res = await ctx.db
      .collection(Collections.demands)
      .where({ _id: id, status: _.in([...SimilarStatuses]), [`followers.${MAX_FOLLOWERS - 1}`]: _.exists(false) })
      .update({ data: { followers: _.addToSet(me) } })
    if (res.stats.updated === 0) {
      // Between the read and the write it ended, filled up, or a racing tap added her.
      const now = await getDemand(ctx.db, id)
      if (now.followers?.includes(me)) return viewFor(ctx.actor, now)
      if (FinalStatuses.includes(now.status) || !SimilarStatuses.includes(now.status))
        throw new AppError('INVALID_STATE', '该点单已结束，不能再跟进')
      throw new AppError('INVALID_STATE', '跟进的人数已满，社区已知晓此问题')
    }
    const next = { ...demand, followers: [...(demand.followers ?? []), me] }
    await announce(ctx, next, ['staff'], { type: 'demand.followed', title: '又有居民反映了同一问题', body: demand.title })
    return viewFor(ctx.actor, next)
  },
})
