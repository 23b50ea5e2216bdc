/**
 * `inbox`: the events addressed to one of the caller's audience keys (their `user:` key and
 * one per staff or unit-contact grant; from the grants loaded with the caller), except their
 * own actions, newest first, optionally unread only, with the unread count. Read state is the
 * caller's own (`inboxRead` on their user document, loaded with them), never the shared rows.
 *
 * One query in the order of the `audience` index (multikey on audience, then `at` and `_id`
 * descending), paged by key (`cursor` → `next`). The unread count comes from the page itself
 * when the first page reaches past what is read; otherwise it is counted up to `UNREAD_CAP`
 * only (`unreadCapped`: the badge shows "99+"): staff of a busy community may have thousands
 * of unread events, and an exact count would read every one of them on every visit. The
 * bounded count walks the same index newest first and stops at the cap.
 */
import { contract, isRead, keysOfUser, readStateOf, type InboxReadState } from '@honglin/shared'
import type { EventRow } from '../_runtime/announce'
import { Collections } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { seekAfter } from '../_runtime/paging'

/** The most unread events counted; more show as "99+". */
export const UNREAD_CAP = 99

export const inbox = action({
  schema: contract.Schemas.notify.inbox,
  async run(ctx, input) {
    const _ = ctx.db.command
    const read = readStateOf((ctx.user as { inboxRead?: InboxReadState } | undefined)?.inboxRead)
    const mine = eventsOf(ctx)
    const unreadOnly = { ...mine, ...unreadWhere(ctx, read) }
    const where = input.unreadOnly ? unreadOnly : mine
    const after = input.cursor ? seekAfter(ctx.db, keysOf(input.cursor)) : undefined
    const rows = ctx.db.collection(Collections.notifications)
    const firstPage = !after && input.page.offset === 0
    const count = () =>
      rows
        .where(unreadOnly)
        .orderBy('at', 'desc')
        .orderBy('_id', 'desc')
        .limit(UNREAD_CAP + 1)
        .field({ _id: true })
        .get()
        .then((r: { data: unknown[] }) => r.data.length)
    const counted: Promise<number> | undefined = firstPage ? undefined : count()

    let query = rows
      .where(after ? _.and([where, after]) : where)
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
    if (!after && input.page.offset > 0) query = query.skip(input.page.offset)
    const found = (await query.limit(input.page.limit + 1).get()).data as EventRow[]
    const items = found.slice(0, input.page.limit)
    const hasMore = found.length > input.page.limit
    // Every unread event is on this page when nothing follows it or it reaches what is read.
    const complete = firstPage && (!hasMore || items.at(-1)!.at <= read.upTo)
    const unread = complete ? items.filter((e) => !isRead(e, read)).length : await (counted ?? count())
    return {
      items: items.map((e) => viewOf(e, read)),
      hasMore,
      ...(hasMore ? { next: `${items.at(-1)!.at}.${items.at(-1)!._id}` } : {}),
      unread: Math.min(unread, UNREAD_CAP),
      unreadCapped: unread > UNREAD_CAP,
    }
  },
})

/** The caller's events: addressed to one of their keys, not caused by them. */
export function eventsOf(ctx: ActionContext): Record<string, unknown> {
  const _ = ctx.db.command
  const keys = keysOfUser(ctx.actor.userId, ctx.actor.grants)
  return { audience: keys.length === 1 ? keys[0] : _.in(keys), actorId: _.neq(ctx.actor.userId) }
}

/** Of those, the ones not read yet. */
export function unreadWhere(ctx: ActionContext, read: InboxReadState): Record<string, unknown> {
  const _ = ctx.db.command
  return { at: _.gt(read.upTo), ...(read.ids.length > 0 ? { _id: _.nin(read.ids.map((e) => e.id)) } : {}) }
}

function keysOf(cursor: string) {
  const [, at, id] = contract.NOTIFY_CURSOR.exec(cursor)!
  return [
    { field: 'at', value: Number(at) },
    { field: '_id', value: id! },
  ]
}

function viewOf(e: EventRow, read: InboxReadState): contract.Notification {
  return {
    _id: e._id,
    type: e.type,
    title: e.title,
    body: e.body,
    ...(e.demandId ? { demandId: e.demandId } : {}),
    ...(e.page ? { page: e.page } : {}),
    read: isRead(e, read),
    createdAt: e.at,
  }
}
