/**
 * `subscribe`: records the subscribe-message templates the caller just accepted in
 * `wx.requestSubscribeMessage`, one more one-time subscription each (WeChat counts them the
 * same way: every acceptance allows one message), and answers the template ids the client is
 * to ask for, from the same configuration the sender reads, so the two never disagree. Ids
 * that are not this environment's templates are ignored: an old client may still know others.
 */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { templateIds } from '../_runtime/notify'
import { callerOf } from './profile'

export const subscribe = action({
  schema: contract.Schemas.user.subscribe,
  async run(ctx, input) {
    const user = callerOf(ctx) as ReturnType<typeof callerOf> & { subscriptions?: Record<string, number> }
    const templates = templateIds()
    const known = new Set(Object.values(templates))
    const accepted = [...new Set(input.accepted)].filter((id) => known.has(id))
    const subscriptions = { ...(user.subscriptions ?? {}) }
    if (accepted.length > 0) {
      const _ = ctx.db.command
      await ctx.db
        .collection(Collections.users)
        .doc(user._id)
        .update({ data: { subscriptions: Object.fromEntries(accepted.map((id) => [id, _.inc(1)])) } })
      for (const id of accepted) subscriptions[id] = Math.max(0, subscriptions[id] ?? 0) + 1
    }
    return { templates, subscriptions }
  },
})
