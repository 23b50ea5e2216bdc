/**
 * `markRead`: marks events read for the caller only, in their own read state (`inboxRead` on
 * their user document); the shared event rows are never written, so nobody else's inbox
 * changes. By id: the ids are first checked to be the caller's unread events (one query on
 * `_id`), so other people's ids change nothing and are not counted. All: everything up to now.
 */
import { contract, READ_IDS_KEPT, readStateOf, type InboxReadState } from '@honglin/shared'
import type { EventRow } from '../_runtime/announce'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { eventsOf, unreadWhere } from './inbox'

export const markRead = action({
  schema: contract.Schemas.notify.markRead,
  async run(ctx, input) {
    const _ = ctx.db.command
    const read = readStateOf((ctx.user as { inboxRead?: InboxReadState } | undefined)?.inboxRead)
    const rows = ctx.db.collection(Collections.notifications)
    const me = ctx.db.collection(Collections.users).doc(ctx.actor.userId)
    if (input.all) {
      const [count] = await Promise.all([
        rows.where({ ...eventsOf(ctx), ...unreadWhere(ctx, read) }).count(),
        me.update({ data: { inboxRead: _.set({ upTo: ctx.now, ids: [] }) } }),
      ])
      return { updated: count.total as number }
    }
    const ids = [...new Set(input.ids ?? [])].filter((id) => !read.ids.some((e) => e.id === id))
    if (ids.length === 0) return { updated: 0 }
    const where = { ...eventsOf(ctx), at: _.gt(read.upTo), _id: _.in(ids) }
    const found = (await rows.where(where).field({ at: true }).limit(ids.length).get()).data as Pick<EventRow, '_id' | 'at'>[]
    if (found.length === 0) return { updated: 0 }
    const entries = found.map((e) => ({ id: e._id, at: e.at }))
    // Newest kept: past READ_IDS_KEPT the oldest fall back to unread, never the other way round.
    await me.update({ data: { inboxRead: { ids: _.push({ each: entries, sort: { at: -1 }, slice: READ_IDS_KEPT }) } } })
    return { updated: found.length }
  },
})
