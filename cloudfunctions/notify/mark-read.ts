/**
 * `markRead`: marks the caller's notifications read, by id or all at once, in one write.
 * The recipient is part of the condition, so ids of other people's notifications change nothing.
 */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const markRead = action({
  schema: contract.Schemas.notify.markRead,
  async run(ctx, input) {
    const where: Record<string, unknown> = { recipientId: ctx.actor.userId, read: false }
    if (!input.all) where._id = ctx.db.command.in(input.ids ?? [])
    const res = await ctx.db
      .collection(Collections.notifications)
      .where(where)
      .update({ data: { read: true, readAt: ctx.now } })
    return { updated: res.stats.updated as number }
  },
})
