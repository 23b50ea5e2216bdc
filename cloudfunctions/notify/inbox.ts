/** `inbox`: the caller's notifications, newest first, optionally unread only, with the unread count. */
import { contract } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

export const inbox = action({
  schema: contract.Schemas.notify.inbox,
  async run(ctx, input) {
    const { offset, limit } = input.page
    const rows = ctx.db.collection(Collections.notifications)
    const mine = { recipientId: ctx.actor.userId }
    const [page, unread] = await Promise.all([
      rows
        .where(input.unreadOnly ? { ...mine, read: false } : mine)
        .orderBy('createdAt', 'desc')
        .skip(offset)
        .limit(limit + 1)
        .get(),
      rows.where({ ...mine, read: false }).count(),
    ])
    const items = page.data as { _id: string }[]
    return { items: items.slice(0, limit), hasMore: items.length > limit, unread: unread.total as number }
  },
})
