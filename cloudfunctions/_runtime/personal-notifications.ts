/**
 * A person's own messages for "我的数据": the events addressed to their `user:` key. Messages to
 * a group they belong to (staff, unit) are the group's work, not their data, and stay.
 */
import { isRead, readStateOf, userKey, type InboxReadState } from '@honglin/shared'
import type { EventRow } from './announce'
import { Collections, type Db } from './db'

const PAGE = 1000
/** Ids per bulk write. */
const IDS_PER_WRITE = 500

async function addressedTo(db: Db, userId: string): Promise<EventRow[]> {
  const rows: EventRow[] = []
  for (;;) {
    const res = await db
      .collection(Collections.notifications)
      .where({ audience: userKey(userId) })
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .skip(rows.length)
      .limit(PAGE)
      .get()
    rows.push(...(res.data as EventRow[]))
    if (res.data.length < PAGE) return rows
  }
}

/**
 * The export's view of them: what they were told and whether they read it, without the
 * audience (other people's ids) or who caused it.
 */
export async function notificationsForExport(db: Db, userId: string, stored?: Partial<InboxReadState>): Promise<Record<string, unknown>[]> {
  const read = readStateOf(stored)
  return (await addressedTo(db, userId)).map((e) => ({
    type: e.type,
    title: e.title,
    body: e.body,
    ...(e.demandId ? { demandId: e.demandId } : {}),
    at: e.at,
    read: isRead(e, read),
  }))
}

/**
 * On account deletion: events addressed to them alone are deleted; from the others (shared with
 * other parties, who keep their news) their key is taken out. Safe to run again.
 */
export async function forgetNotificationsOf(db: Db, userId: string): Promise<void> {
  const _ = db.command
  const key = userKey(userId)
  const rows = await addressedTo(db, userId)
  const alone = rows.filter((e) => e.audience.length === 1).map((e) => e._id)
  const shared = rows.filter((e) => e.audience.length > 1).map((e) => e._id)
  const events = db.collection(Collections.notifications)
  const writes: Promise<unknown>[] = []
  for (let i = 0; i < alone.length; i += IDS_PER_WRITE) writes.push(events.where({ _id: _.in(alone.slice(i, i + IDS_PER_WRITE)) }).remove())
  for (let i = 0; i < shared.length; i += IDS_PER_WRITE)
    writes.push(events.where({ _id: _.in(shared.slice(i, i + IDS_PER_WRITE)) }).update({ data: { audience: _.pull(key) } }))
  await Promise.all(writes)
}
