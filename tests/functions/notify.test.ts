/**
 * The `notify` function: each person's inbox, and marking read without ever touching
 * someone else's notifications.
 */
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'

const t = useHonglin()

const budget = useRoundTripBudget(t)

const A = 'user-inbox-a'
const B = 'user-inbox-b'

beforeAll(() => {
  const base = { grants: [{ role: 'resident', communityId: 'community-xinyuan' }], pointsBalance: 0, createdAt: 1, updatedAt: 1 }
  t.emulator.database.insertMany('users', [
    { ...base, _id: A, openid: 'wx-inbox-a', name: '居民甲' },
    { ...base, _id: B, openid: 'wx-inbox-b', name: '居民乙' },
  ])
  const row = (id: string, recipientId: string, minute: number, read = false) => ({
    _id: id,
    recipientId,
    type: 'demand.accepted',
    title: '点单已受理',
    body: `第 ${minute} 条`,
    demandId: `d-${id}`,
    page: 'pages/index/index',
    read,
    createdAt: 1_700_000_000_000 + minute * 60_000,
  })
  t.emulator.database.insertMany('notifications', [
    row('a1', A, 1),
    row('a2', A, 2, true),
    row('a3', A, 3),
    row('a4', A, 4),
    row('a5', A, 5),
    row('b1', B, 1),
    row('b2', B, 6),
  ])
})

async function rows(recipientId: string): Promise<any[]> {
  return (await t.db.collection('notifications').where({ recipientId }).get()).data
}

test('the inbox holds the caller’s notifications only, newest first, with the unread count', async () => {
  const res = await t.call('notify', 'inbox', {}, 'wx-inbox-a')
  expect(res.data.items.map((n: any) => n._id)).toEqual(['a5', 'a4', 'a3', 'a2', 'a1'])
  expect(res.data.unread).toBe(4)
  expect(res.data.hasMore).toBe(false)
  expect(res.data.items[0]).toMatchObject({ recipientId: A, type: 'demand.accepted', title: '点单已受理', read: false })
  budget('notify.inbox', res.stats, 3)

  const b = await t.ok('notify', 'inbox', {}, 'wx-inbox-b')
  expect(b.items.map((n: any) => n._id)).toEqual(['b2', 'b1'])
  expect(b.unread).toBe(2)
})

test('unread only, and paging', async () => {
  const unread = await t.ok('notify', 'inbox', { unreadOnly: true }, 'wx-inbox-a')
  expect(unread.items.map((n: any) => n._id)).toEqual(['a5', 'a4', 'a3', 'a1'])
  const first = await t.ok('notify', 'inbox', { page: { limit: 2 } }, 'wx-inbox-a')
  expect(first.items.map((n: any) => n._id)).toEqual(['a5', 'a4'])
  expect(first.hasMore).toBe(true)
  const last = await t.ok('notify', 'inbox', { page: { offset: 4, limit: 2 } }, 'wx-inbox-a')
  expect(last.items.map((n: any) => n._id)).toEqual(['a1'])
  expect(last.hasMore).toBe(false)
})

test('marking by id changes only the caller’s own notifications; others’ ids are ignored', async () => {
  const res = await t.call('notify', 'markRead', { ids: ['a5', 'b2', 'b1', 'nonexistent'] }, 'wx-inbox-a')
  expect(res.data).toEqual({ updated: 1 })
  budget('notify.markRead (ids)', res.stats, 2)
  const mine = Object.fromEntries((await rows(A)).map((n) => [n._id, n]))
  expect(mine.a5.read).toBe(true)
  expect(mine.a5.readAt).toEqual(expect.any(Number))
  for (const other of await rows(B)) {
    expect(other.read).toBe(false)
    expect(other.readAt).toBeUndefined()
  }
  expect((await t.ok('notify', 'inbox', {}, 'wx-inbox-a')).unread).toBe(3)

  // Marking again, or marking what is already read, changes nothing.
  expect(await t.ok('notify', 'markRead', { ids: ['a5', 'a2'] }, 'wx-inbox-a')).toEqual({ updated: 0 })
})

test('marking all marks all of the caller’s, and nobody else’s', async () => {
  const res = await t.call('notify', 'markRead', { all: true }, 'wx-inbox-a')
  expect(res.data).toEqual({ updated: 3 })
  budget('notify.markRead (all)', res.stats, 2)
  expect((await rows(A)).every((n) => n.read)).toBe(true)
  expect((await rows(B)).every((n) => !n.read)).toBe(true)
  expect(await t.ok('notify', 'inbox', { unreadOnly: true }, 'wx-inbox-a')).toEqual({ items: [], hasMore: false, unread: 0 })
  expect((await t.ok('notify', 'inbox', {}, 'wx-inbox-b')).unread).toBe(2)
})

test('what to mark must be said; strangers have no inbox', async () => {
  const none = await t.call('notify', 'markRead', {}, 'wx-inbox-b')
  expect(none.error).toMatchObject({ code: 'INVALID_INPUT', message: '请指定要标记的消息' })
  const empty = await t.call('notify', 'markRead', { ids: [] }, 'wx-inbox-b')
  expect(empty.error!.code).toBe('INVALID_INPUT')
  expect((await t.call('notify', 'inbox', {}, 'wx-unknown')).error!.code).toBe('NOT_REGISTERED')
  expect((await rows(B)).every((n) => !n.read)).toBe(true)
})
