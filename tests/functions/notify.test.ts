/**
 * Notifications as event rows with audience keys: every party sees an event in the in-app
 * inbox as soon as the action answers, the actor never does, and nobody outside the audience
 * does; read state is each reader's own; the request path writes one row and looks nobody up;
 * the `notify` timer sends the subscribe messages from the queue, each once, a backlog over
 * several runs, only to people with a one-time subscription left for the event's template
 * (spent by the send, zeroed by WeChat's 43101), recording each message's outcome on the event
 * row, and only when the platform's timer runs it.
 */
import type { Demand } from '@honglin/shared'
import { claim, EVENTS_PER_RUN } from '../../cloudfunctions/notify/queue'
import { subscribeAll, useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, C2, OPENID, UNIT, USER, demandInput, driveTo, insertUsers } from './support/demands'
import { eventsSeenBy } from './support/inbox'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const OTHER_UNIT_CONTACT = 'user-n-school-contact'
const STAFF_RESIDENT = 'user-n-staff-resident'

beforeAll(async () => {
  insertUsers(t, [
    { _id: OTHER_UNIT_CONTACT, name: '学校联系人', grants: [{ role: 'unit_contact', unitId: 'unit-school', communityId: C1 }] },
    {
      _id: STAFF_RESIDENT,
      name: '住在本社区的社工',
      grants: [
        { role: 'community_staff', communityId: C1 },
        { role: 'resident', communityId: C1 },
      ],
    },
  ])
  await subscribeAll(t, [{ _id: STAFF_RESIDENT, openid: STAFF_RESIDENT }])
})

const inbox = (openid: string, params: Record<string, unknown> = {}) => t.ok('notify', 'inbox', { page: { limit: 50 }, ...params }, openid)
const about = async (openid: string, demandId: string): Promise<string[]> =>
  (await inbox(openid)).items.filter((n: { demandId?: string }) => n.demandId === demandId).map((n: { type: string }) => n.type)
// demand.accepted: thing1 what about, phrase2 the status, thing3 what happened, time4 when.
const titleOf = (e: { data: Record<string, any> }) => e.data.data.thing3.value as string
const subscribeMessages = () => t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send')

async function fire() {
  const { result, error, stats } = await t.emulator.functions.fireTimer('notify', 'queue')
  expect(error).toBeUndefined()
  return { ...(result as { ok: boolean; data: any; error?: any }), stats }
}

/** Runs the queue until nothing is pending (earlier tests leave events behind). */
async function drain(): Promise<void> {
  for (let i = 0; i < 20; i += 1) if (!(await fire()).data.more) return
  throw new Error('the queue did not drain')
}

/** Every event row about a demand (found through its parties' keys, as the index serves). */
async function eventRowsAbout(demandId: string): Promise<any[]> {
  const keys = [`user:${USER.resident}`, `user:${USER.volunteer}`, `staff:${C1}`, `unit:${UNIT}`]
  const where = { audience: t.db.command.in(keys) }
  const rows = (await t.db.collection('notifications').where(where).orderBy('at', 'desc').orderBy('_id', 'desc').limit(1000).get()).data
  return rows.filter((r: { demandId?: string }) => r.demandId === demandId)
}

/** One-time subscriptions a user has left by template id, as recorded on their document. */
async function subscriptionsOf(userId: string): Promise<Record<string, number>> {
  return (await t.db.collection('users').doc(userId).get()).data.subscriptions ?? {}
}

let counter = 0
function event(audience: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1
  return {
    _id: `n-${counter}`,
    audience,
    type: 'demand.accepted',
    title: `消息 ${counter}`,
    body: '新园里3号楼',
    actorId: 'user-someone',
    at: 1_700_000_000_000 + counter * 1000,
    send: { state: 'sent' },
    ...extra,
  }
}

describe('in-app at once, to every party and nobody else', () => {
  test('a new demand reaches the community’s staff; not the resident who made it, not another community’s staff', async () => {
    const d: Demand = await t.ok('demand', 'create', demandInput(), OPENID.resident)
    const res = await t.call('notify', 'inbox', { page: { limit: 50 } }, OPENID.staff)
    expect(res.data.items.find((n: { demandId?: string }) => n.demandId === d._id)).toMatchObject({
      type: 'demand.submitted',
      title: '有新的点单待受理',
      body: d.title,
      read: false,
      createdAt: expect.any(Number),
    })
    budget('notify.inbox', res.stats, 2)
    expect(await about(OPENID.resident, d._id)).toEqual([])
    expect(await about('demo-staff-2', d._id)).toEqual([])
    expect(await about(OPENID.street, d._id)).toEqual([])
  })

  test('an assignment to a unit reaches its contacts and the resident; not the staff who assigned, not another unit', async () => {
    const d = await driveTo(t, 'accepted')
    await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'unit', id: UNIT } }, OPENID.staff)
    expect(await about(OPENID.unit, d._id)).toEqual(['task.assigned'])
    expect(await about(OPENID.resident, d._id)).toEqual(['demand.dispatched', 'demand.accepted'])
    expect(await about(OPENID.staff, d._id)).toEqual(['demand.submitted'])
    expect(await about(OTHER_UNIT_CONTACT, d._id)).toEqual([])

    await t.ok('task', 'accept', { id: d._id }, OPENID.unit)
    expect(await about(OPENID.staff, d._id)).toEqual(['demand.acceptedByAssignee', 'demand.submitted'])
    expect(await about(OPENID.resident, d._id)).toContain('demand.acceptedByAssignee')
    expect(await about(OPENID.unit, d._id)).toEqual(['task.assigned'])
    expect(await about(OTHER_UNIT_CONTACT, d._id)).toEqual([])
  })

  test('a volunteer’s assignment reaches that volunteer only', async () => {
    const d = await driveTo(t, 'dispatched')
    expect(await about(OPENID.volunteer, d._id)).toEqual(['task.assigned'])
    expect(await about(OPENID.volunteer2, d._id)).toEqual([])
    expect(await about(OPENID.unit, d._id)).toEqual([])
  })

  test('staff are not told of their own action, while their colleagues are, and it is not unread for them', async () => {
    const before = (await inbox(STAFF_RESIDENT)).unread
    const d: Demand = await t.ok('demand', 'create', demandInput(), STAFF_RESIDENT)
    expect(await about(STAFF_RESIDENT, d._id)).toEqual([])
    expect((await inbox(STAFF_RESIDENT)).unread).toBe(before)
    expect(await about(OPENID.staff, d._id)).toEqual(['demand.submitted'])
  })

  test('the request path writes one event row and looks nobody up: no user read but the caller’s, no message', async () => {
    const d: Demand = await t.ok('demand', 'create', demandInput(), OPENID.resident)
    const messages = subscribeMessages().length
    const res = await t.call('dispatch', 'accept', { id: d._id }, OPENID.staff)
    expect(res.ok).toBe(true)
    // The caller, the demand, its conditional write, the event: nothing else.
    expect(res.stats.roundTrips).toBe(4)
    expect(res.stats.docsRead).toBe(2)
    expect(res.stats.docsWritten).toBe(2)
    expect(Object.keys(res.stats.actions).some((a) => a.startsWith('wx.'))).toBe(false)
    expect(subscribeMessages()).toHaveLength(messages)
    const rows = (await eventsSeenBy(t, USER.resident, d._id)).filter((r) => r.type === 'demand.accepted')
    expect(rows).toEqual([
      expect.objectContaining({
        audience: [`user:${USER.resident}`],
        actorId: USER.staff,
        title: '社区已受理您的点单',
        send: { state: 'pending' },
      }),
    ])
  })

  test('role news goes to the same rows: a volunteer registration reaches the community’s staff, the decision the volunteer', async () => {
    const APPLICANT = 'user-n-applicant'
    insertUsers(t, [{ _id: APPLICANT, name: '报到人', grants: [{ role: 'resident', communityId: C2 }] }])
    await t.ok('user', 'registerVolunteer', { communityId: C2, name: '报到人', phone: '13900000077', isPartyMember: false }, APPLICANT)
    const staff2 = await inbox('demo-staff-2')
    expect(staff2.items[0]).toMatchObject({ type: 'volunteer.registered', title: '志愿者报到待审核', read: false })
    expect((await inbox(OPENID.staff)).items.some((n: { type: string }) => n.type === 'volunteer.registered')).toBe(false)
    await t.ok('user', 'verifyVolunteer', { userId: APPLICANT, approve: true }, 'demo-staff-2')
    expect((await inbox(APPLICANT)).items[0]).toMatchObject({ type: 'volunteer.verified', title: '志愿者报到已通过' })
  })
})

describe('read state is the reader’s own', () => {
  const S = 'user-n-reader'
  const B = 'user-n-bystander'
  const CX = 'community-n-x'

  beforeAll(() => {
    insertUsers(t, [
      { _id: S, name: '读者', grants: [{ role: 'community_staff', communityId: CX }] },
      { _id: B, name: '旁人', grants: [{ role: 'community_staff', communityId: CX }] },
    ])
    t.emulator.database.insertMany('notifications', [
      event([`staff:${CX}`], { _id: 's1' }),
      event([`user:${S}`], { _id: 's2' }),
      event([`staff:${CX}`], { _id: 's3', actorId: S }),
      event(['staff:community-n-y'], { _id: 's4' }),
      event(['unit:unit-n', 'user:user-n-else'], { _id: 's5' }),
      event([`staff:${CX}`, `user:${S}`], { _id: 's6' }),
    ])
  })

  const ids = (answer: { items: { _id: string }[] }) => answer.items.map((n) => n._id)
  const storedEvents = async () =>
    (
      await t.db
        .collection('notifications')
        .where({ audience: `staff:${CX}` })
        .get()
    ).data

  test('the inbox: events to any of the reader’s keys, newest first, once each; their own and others’ are not there', async () => {
    const s = await inbox(S)
    expect(ids(s)).toEqual(['s6', 's2', 's1'])
    expect(s).toMatchObject({ unread: 3, hasMore: false })
    expect(s.items.every((n: { read: boolean }) => !n.read)).toBe(true)
    const b = await inbox(B)
    expect(ids(b)).toEqual(['s6', 's3', 's1'])
    expect(b.unread).toBe(3)
  })

  test('marking by id counts and changes only the caller’s own unread events; anyone else’s ids change nothing', async () => {
    const rows = await storedEvents()
    const bystander = (await t.db.collection('users').where({ _id: B }).get()).data[0]
    const res = await t.call('notify', 'markRead', { ids: ['s2', 's3', 's4', 's5', 'nonexistent'] }, S)
    expect(res.data).toEqual({ updated: 1 })
    budget('notify.markRead (ids)', res.stats, 3)
    const s = await inbox(S)
    expect(s.unread).toBe(2)
    expect(s.items.map((n: { _id: string; read: boolean }) => [n._id, n.read])).toEqual([
      ['s6', false],
      ['s2', true],
      ['s1', false],
    ])
    expect(ids(await inbox(S, { unreadOnly: true }))).toEqual(['s6', 's1'])
    // Nobody else's state, and no shared row, changed.
    expect((await inbox(B)).unread).toBe(3)
    expect((await t.db.collection('users').where({ _id: B }).get()).data[0]).toEqual(bystander)
    expect(await storedEvents()).toEqual(rows)

    expect(await t.ok('notify', 'markRead', { ids: ['s2'] }, S)).toEqual({ updated: 0 })
    // Someone else's id for the bystander: s2 is not theirs.
    expect(await t.ok('notify', 'markRead', { ids: ['s2'] }, B)).toEqual({ updated: 0 })
    expect((await inbox(B)).unread).toBe(3)
  })

  test('marking all: the caller’s unread count goes to 0 and stays for what follows; the bystander’s does not move', async () => {
    const res = await t.call('notify', 'markRead', { all: true }, S)
    expect(res.data).toEqual({ updated: 2 })
    budget('notify.markRead (all)', res.stats, 3)
    expect(await inbox(S, { unreadOnly: true })).toEqual({ items: [], hasMore: false, unread: 0, unreadCapped: false })
    expect((await inbox(S)).items.every((n: { read: boolean }) => n.read)).toBe(true)
    expect((await inbox(B)).unread).toBe(3)

    t.emulator.database.insertMany('notifications', [event([`staff:${CX}`], { _id: 's7', at: Date.now() + 60_000 })])
    const s = await inbox(S)
    expect(s.unread).toBe(1)
    expect(s.items[0]).toMatchObject({ _id: 's7', read: false })
  })

  test('what to mark must be said; strangers have no inbox', async () => {
    expect((await t.call('notify', 'markRead', {}, B)).error).toMatchObject({ code: 'INVALID_INPUT', message: '请指定要标记的消息' })
    expect((await t.call('notify', 'markRead', { ids: [] }, B)).error!.code).toBe('INVALID_INPUT')
    expect((await t.call('notify', 'inbox', {}, 'wx-unknown')).error!.code).toBe('NOT_REGISTERED')
    expect((await t.call('notify', 'inbox', { cursor: 'x' }, B)).error!.code).toBe('INVALID_INPUT')
  })
})

describe('paging by key', () => {
  const P = 'user-n-pager'

  beforeAll(() => {
    insertUsers(t, [{ _id: P, name: '翻页人', grants: [{ role: 'resident', communityId: C1 }] }])
    const at = 1_700_000_500_000
    // Three share a time: the id breaks the tie, so no page repeats or skips one.
    t.emulator.database.insertMany(
      'notifications',
      ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'].map((id, i) => event([`user:${P}`], { _id: id, at: at + Math.min(i, 3) * 1000 })),
    )
  })

  test('pages follow `next` through every event once, newest first, with the same unread count', async () => {
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 5; i += 1) {
      const res = await t.call('notify', 'inbox', { page: { limit: 3 }, ...(cursor ? { cursor } : {}) }, P)
      seen.push(...res.data.items.map((n: { _id: string }) => n._id))
      expect(res.data.unread).toBe(7)
      // More unread than a page holds: the count is a second query.
      budget('notify.inbox (count)', res.stats, 3)
      cursor = res.data.next
      expect(res.data.hasMore).toBe(cursor !== undefined)
      if (!cursor) break
    }
    expect(seen).toEqual(['p7', 'p6', 'p5', 'p4', 'p3', 'p2', 'p1'])
  })

  test('offset paging still works for older clients', async () => {
    const last = await t.ok('notify', 'inbox', { page: { offset: 6, limit: 3 } }, P)
    expect(last.items.map((n: { _id: string }) => n._id)).toEqual(['p1'])
    expect(last).toMatchObject({ hasMore: false, unread: 7 })
  })
})

describe('a bounded unread count', () => {
  const M = 'user-n-many'
  const CM = 'community-n-many'

  beforeAll(() => {
    insertUsers(t, [{ _id: M, name: '忙碌社区的社工', grants: [{ role: 'community_staff', communityId: CM }] }])
    t.emulator.database.insertMany(
      'notifications',
      Array.from({ length: 400 }, (_, i) => event([`staff:${CM}`], { _id: `many-${String(i).padStart(3, '0')}` })),
    )
  })

  test('past 99 unread the count stops at 99 and says so, reading about a hundred events, not all of them', async () => {
    const read = t.emulator.database.documentsRead()
    const res = await t.call('notify', 'inbox', { page: { limit: 10 } }, M)
    expect(res.data).toMatchObject({ unread: 99, unreadCapped: true, hasMore: true })
    expect(res.data.items).toHaveLength(10)
    budget('notify.inbox (bounded count)', res.stats, 3)
    // The caller, a page of 11 and at most 100 counted: far below the 400 unread events.
    expect(t.emulator.database.documentsRead() - read).toBeLessThanOrEqual(1 + 11 + 100)
  })

  test('exactly 99 unread is exact and not capped; 100 is capped', async () => {
    for (const n of [99, 100]) {
      const who = `user-n-count-${n}`
      const community = `community-n-count-${n}`
      insertUsers(t, [{ _id: who, name: `${n} 条未读的社工`, grants: [{ role: 'community_staff', communityId: community }] }])
      t.emulator.database.insertMany(
        'notifications',
        Array.from({ length: n }, () => event([`staff:${community}`])),
      )
      const res = await t.ok('notify', 'inbox', { page: { limit: 10 } }, who)
      expect({ n, unread: res.unread, capped: res.unreadCapped }).toEqual({ n, unread: 99, capped: n > 99 })
    }
  })
})

describe('subscribe messages from the queue', () => {
  const Q = 'community-n-queue'
  const OK_STAFF = 'user-n-q-ok'
  const BROKEN_STAFF = 'user-n-q-broken'
  const OFFLINE = 'user-n-q-offline'
  const FOLLOWER = 'user-n-q-follower'

  beforeAll(async () => {
    insertUsers(t, [
      { _id: OK_STAFF, name: '社工甲', grants: [{ role: 'community_staff', communityId: Q }] },
      // An OPENID WeChat refuses (the emulator answers "touser is empty" for blank ones).
      { _id: BROKEN_STAFF, openid: ' ', name: '社工乙', grants: [{ role: 'community_staff', communityId: Q }] },
      { _id: FOLLOWER, name: '居民丙', grants: [{ role: 'resident', communityId: Q }] },
    ])
    t.emulator.database.insertMany('users', [
      { _id: OFFLINE, name: '线下居民', grants: [], offline: true, pointsBalance: 0, createdAt: 1, updatedAt: 1 },
    ])
    await subscribeAll(
      t,
      [OK_STAFF, BROKEN_STAFF, FOLLOWER].map((id) => ({ _id: id, openid: id === BROKEN_STAFF ? ' ' : id })),
    )
  })

  beforeEach(async () => {
    await drain()
  })

  const sentSince = (n: number) => subscribeMessages().slice(n)

  test('a run sends each pending event’s messages once, to every party but the actor; a second run sends nothing', async () => {
    const d = await driveTo(t, 'accepted')
    await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer } }, OPENID.staff)
    const before = subscribeMessages().length
    const run = await fire()
    expect(run.ok).toBe(true)
    // create → both staff of the community; accept → resident; assign → volunteer (task template), resident
    expect(run.data).toMatchObject({ events: 4, sent: 5, failed: 0, refused: 0, invalid: 0, skipped: 0, more: false })
    const sent = sentSince(before)
    expect(sent.map((e) => e.data.touser).sort()).toEqual(
      [OPENID.resident, OPENID.resident, OPENID.staff, STAFF_RESIDENT, OPENID.volunteer].sort(),
    )
    // Each kind with its own template and keywords (shared/notify/templates.ts).
    expect(sent.find((e) => e.data.touser === OPENID.volunteer)!.data).toMatchObject({
      template_id: 'TPL_TASK_ASSIGNED',
      data: {
        thing1: { value: d.title },
        phrase2: { value: '待接单' },
        thing3: { value: '您有新的派单，请及时接单' },
        time4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
      },
    })
    expect(sent.find((e) => e.data.touser === OPENID.staff)!.data).toMatchObject({
      template_id: 'TPL_STAFF_TODO',
      data: { phrase2: { value: '待受理' }, thing3: { value: '有新的点单待受理' } },
    })
    expect(sent.every((e) => e.errcode === 0)).toBe(true)
    const rows = await eventRowsAbout(d._id)
    expect(rows.map((r: { send: { state: string } }) => r.send.state)).toEqual(['sent', 'sent', 'sent', 'sent'])
    // Every message's outcome is on its event's row.
    expect(rows.flatMap((r: any) => r.send.results.map((x: any) => x.outcome))).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
    // pending page, users by id ‖ community staff, claim, 5 × (spend a subscription, send), 4 event rows
    budget('notify queue (4 events, 5 messages)', run.stats, 18)

    const again = await fire()
    expect(again.data).toEqual({ events: 0, sent: 0, refused: 0, invalid: 0, failed: 0, skipped: 0, more: false })
    budget('notify queue (nothing pending)', again.stats, 1)
    expect(subscribeMessages()).toHaveLength(before + 5)
  })

  test('one recipient’s failed send does not hold back the others; nobody is sent to twice; the actor and people without WeChat get none', async () => {
    t.emulator.database.insertMany('notifications', [
      event([`staff:${Q}`, `user:${FOLLOWER}`, `user:${OFFLINE}`], { _id: 'q-fail', actorId: OK_STAFF, send: { state: 'pending' } }),
      event([`staff:${Q}`], { _id: 'q-staff', send: { state: 'pending' } }),
    ])
    const before = subscribeMessages().length
    const brokenBefore = await subscriptionsOf(BROKEN_STAFF)
    const run = await fire()
    // The blank OPENID is refused as bad data (47003), which spends no subscription.
    expect(run.data).toMatchObject({ events: 2, sent: 2, invalid: 2, failed: 0, more: false })
    const sent = sentSince(before)
    expect(
      sent
        .filter((e) => e.errcode === 0)
        .map((e) => e.data.touser)
        .sort(),
    ).toEqual([FOLLOWER, OK_STAFF].sort())
    expect(sent.filter((e) => e.errcode !== 0)).toHaveLength(2)
    const rows = (
      await t.db
        .collection('notifications')
        .where({ _id: t.db.command.in(['q-fail', 'q-staff']) })
        .get()
    ).data
    expect(rows.map((r: { send: { state: string } }) => r.send.state)).toEqual(['sent', 'sent'])
    expect(rows.find((r: any) => r._id === 'q-fail').send.results).toEqual(
      expect.arrayContaining([
        { userId: FOLLOWER, outcome: 'sent' },
        { userId: BROKEN_STAFF, outcome: 'invalid', errCode: 47003 },
      ]),
    )
    expect(await subscriptionsOf(BROKEN_STAFF)).toEqual(brokenBefore)
    expect((await fire()).data.events).toBe(0)
    expect(subscribeMessages()).toHaveLength(before + 4)
  })

  test('a backlog larger than one run is drained over runs, oldest first, each message once', async () => {
    const total = EVENTS_PER_RUN + 30
    t.emulator.database.insertMany(
      'notifications',
      Array.from({ length: total }, (_, i) =>
        event([`user:${FOLLOWER}`], { _id: `q-backlog-${i}`, title: `积压 ${i}`, send: { state: 'pending' } }),
      ),
    )
    const before = subscribeMessages().length
    const first = await fire()
    expect(first.data).toMatchObject({ events: EVENTS_PER_RUN, sent: EVENTS_PER_RUN, more: true })
    // pending page, users by id, claim, per event: spend, send, record
    budget('notify queue (a full run)', first.stats, 3 + 3 * EVENTS_PER_RUN)
    const firstTitles = sentSince(before).map((e) => titleOf(e))
    expect(new Set(firstTitles)).toEqual(new Set(Array.from({ length: EVENTS_PER_RUN }, (_, i) => `积压 ${i}`)))
    const second = await fire()
    expect(second.data).toMatchObject({ events: 30, sent: 30, more: false })
    expect((await fire()).data.events).toBe(0)
    const titles = sentSince(before).map((e) => titleOf(e))
    expect(titles).toHaveLength(total)
    expect(new Set(titles).size).toBe(total)
  })

  test('a run sends only what it claimed: events another run took between its read and its claim are left to that run', async () => {
    const ids = ['q-claim-1', 'q-claim-2', 'q-claim-3']
    t.emulator.database.insertMany(
      'notifications',
      ids.map((id) => event([`user:${FOLLOWER}`], { _id: id, send: { state: 'pending' } })),
    )
    // Run A claims two; run B, which read all three as pending before, gets only the third.
    expect([...(await claim(t.db, 'run-a', 1, ids.slice(0, 2)))].sort()).toEqual(ids.slice(0, 2))
    expect([...(await claim(t.db, 'run-b', 2, ids))]).toEqual(['q-claim-3'])
    expect([...(await claim(t.db, 'run-c', 3, ids))]).toEqual([])
    const rows = (
      await t.db
        .collection('notifications')
        .where({ _id: t.db.command.in(ids) })
        .get()
    ).data
    expect(Object.fromEntries(rows.map((r: { _id: string; send: { run: string } }) => [r._id, r.send.run]))).toEqual({
      'q-claim-1': 'run-a',
      'q-claim-2': 'run-a',
      'q-claim-3': 'run-b',
    })
    // Claimed and never finished (the run died): at most once, so no later run sends them.
    const before = subscribeMessages().length
    expect((await fire()).data.events).toBe(0)
    expect(subscribeMessages()).toHaveLength(before)
  })

  test('runs fired at once send each event once', async () => {
    const total = 40
    t.emulator.database.insertMany(
      'notifications',
      Array.from({ length: total }, (_, i) =>
        event([`user:${FOLLOWER}`], { _id: `q-race-${i}`, title: `并发 ${i}`, send: { state: 'pending' } }),
      ),
    )
    const before = subscribeMessages().length
    const runs = await Promise.all([fire(), fire(), fire()])
    expect(runs.reduce((n, r) => n + r.data.events, 0)).toBe(total)
    const titles = sentSince(before).map(titleOf)
    expect(titles).toHaveLength(total)
    expect(new Set(titles).size).toBe(total)
  })

  describe('only to people with a subscription left, each message’s outcome on its row', () => {
    const NONE = 'user-n-q-none'
    const ONCE = 'user-n-q-once'
    const GONE = 'user-n-q-gone'
    const TPL = 'TPL_DEMAND_STATUS'

    beforeAll(async () => {
      insertUsers(t, [
        { _id: NONE, name: '没订阅的居民', grants: [{ role: 'resident', communityId: Q }] },
        { _id: ONCE, name: '订阅一次的居民', grants: [{ role: 'resident', communityId: Q }] },
        { _id: GONE, name: '在别处用完订阅的居民', grants: [{ role: 'resident', communityId: Q }] },
      ])
      // ONCE accepted once, on both sides; GONE's record says 3 but WeChat has none left for them.
      await subscribeAll(t, [{ _id: ONCE, openid: ONCE }], 1)
      await t.db
        .collection('users')
        .doc(GONE)
        .update({ data: { subscriptions: { [TPL]: 3 } } })
    })

    const rowOf = async (id: string) => (await t.db.collection('notifications').doc(id).get()).data
    const sentTo = (openid: string, since: number) => sentSince(since).filter((e) => e.data.touser === openid)

    test('people without a subscription are skipped without a call; the inbox has the event all the same', async () => {
      t.emulator.database.insertMany('notifications', [
        event([`user:${NONE}`, `user:${FOLLOWER}`], { _id: 'q-sub-1', send: { state: 'pending' } }),
      ])
      const before = subscribeMessages().length
      const run = await fire()
      expect(run.data).toMatchObject({ events: 1, sent: 1, skipped: 1 })
      expect(sentTo(NONE, before)).toEqual([])
      expect(sentTo(FOLLOWER, before)).toHaveLength(1)
      expect((await rowOf('q-sub-1')).send).toMatchObject({ state: 'sent', skipped: 1, results: [{ userId: FOLLOWER, outcome: 'sent' }] })
      expect((await inbox(NONE)).items.map((n: { _id: string }) => n._id)).toContain('q-sub-1')
    })

    test('a one-time subscription is spent by the send: the second message is not sent', async () => {
      t.emulator.database.insertMany('notifications', [
        event([`user:${ONCE}`], { _id: 'q-once-1', send: { state: 'pending' } }),
        event([`user:${ONCE}`], { _id: 'q-once-2', send: { state: 'pending' } }),
      ])
      const before = subscribeMessages().length
      const run = await fire()
      expect(run.data).toMatchObject({ events: 2, sent: 1, skipped: 1, refused: 0 })
      expect(sentTo(ONCE, before)).toHaveLength(1)
      expect((await subscriptionsOf(ONCE))[TPL]).toBe(0)
      expect(t.emulator.openapi.subscriptions()[ONCE]![TPL]).toBe(0)
      expect((await inbox(ONCE)).items.map((n: { _id: string }) => n._id)).toEqual(expect.arrayContaining(['q-once-1', 'q-once-2']))
    })

    test('WeChat’s 43101 is recorded and zeroes the count, so the next message is not tried', async () => {
      t.emulator.database.insertMany('notifications', [event([`user:${GONE}`], { _id: 'q-gone-1', send: { state: 'pending' } })])
      const before = subscribeMessages().length
      expect((await fire()).data).toMatchObject({ events: 1, sent: 0, refused: 1 })
      expect(sentTo(GONE, before)).toMatchObject([{ errcode: 43101 }])
      expect((await rowOf('q-gone-1')).send.results).toEqual([{ userId: GONE, outcome: 'refused', errCode: 43101 }])
      expect((await subscriptionsOf(GONE))[TPL]).toBe(0)

      t.emulator.database.insertMany('notifications', [event([`user:${GONE}`], { _id: 'q-gone-2', send: { state: 'pending' } })])
      expect((await fire()).data).toMatchObject({ events: 1, sent: 0, refused: 0, skipped: 1 })
      expect(sentTo(GONE, before)).toHaveLength(1)
    })

    test('a kind of event with no template is told in the inbox only', async () => {
      t.emulator.database.insertMany('notifications', [
        event([`user:${FOLLOWER}`], { _id: 'q-unmapped', type: 'project.approved', send: { state: 'pending' } }),
      ])
      const before = subscribeMessages().length
      const left = await subscriptionsOf(FOLLOWER)
      const run = await fire()
      expect(run.data).toMatchObject({ events: 1, sent: 0, skipped: 0, failed: 0 })
      // Nobody was looked up for it: pending page, claim, mark done.
      budget('notify queue (inbox only)', run.stats, 3)
      expect(subscribeMessages()).toHaveLength(before)
      expect(await subscriptionsOf(FOLLOWER)).toEqual(left)
      expect((await rowOf('q-unmapped')).send).toMatchObject({ state: 'sent' })
      expect((await inbox(FOLLOWER)).items.map((n: { _id: string }) => n._id)).toContain('q-unmapped')
    })

    test('long titles are cut to each keyword’s limit by type, and WeChat accepts them', async () => {
      const title = '服务有新进展：志愿者已到现场查看楼道灯线路，需要更换整段老化电线，预计明天上午完成'
      const body = '新园里3号楼2单元楼道灯坏了好几天，晚上老人上下楼很不方便，请尽快安排人修理'
      t.emulator.database.insertMany('notifications', [
        event([`user:${FOLLOWER}`], { _id: 'q-long', type: 'demand.progress', title, body, send: { state: 'pending' } }),
      ])
      const before = subscribeMessages().length
      expect((await fire()).data).toMatchObject({ sent: 1, invalid: 0 })
      const [message] = sentTo(FOLLOWER, before)
      expect(message!.errcode).toBe(0)
      expect(message!.data.data).toEqual({
        thing1: { value: `${[...body].slice(0, 19).join('')}…` },
        phrase2: { value: '有进展' },
        thing3: { value: `${[...title].slice(0, 19).join('')}…` },
        time4: { value: expect.stringMatching(/^2023年11月15日 \d{2}:\d{2}$/) },
      })
    })
  })

  test('user.subscribe records what was accepted, one each, ignores unknown templates, and tells the client the ids', async () => {
    await t.ok('user', 'login', {}, 'wx-n-subscriber')
    const first = await t.ok(
      'user',
      'subscribe',
      { accepted: ['TPL_DEMAND_STATUS', 'TPL_NOT_OURS', 'TPL_DEMAND_STATUS'] },
      'wx-n-subscriber',
    )
    expect(first.templates).toEqual({
      demandStatus: 'TPL_DEMAND_STATUS',
      taskAssigned: 'TPL_TASK_ASSIGNED',
      volunteerReview: 'TPL_VOLUNTEER_REVIEW',
      mallPickup: 'TPL_MALL_PICKUP',
      staffTodo: 'TPL_STAFF_TODO',
    })
    expect(first.subscriptions).toEqual({ TPL_DEMAND_STATUS: 1 })
    const second = await t.call('user', 'subscribe', { accepted: ['TPL_DEMAND_STATUS', 'TPL_MALL_PICKUP'] }, 'wx-n-subscriber')
    expect(second.data.subscriptions).toEqual({ TPL_DEMAND_STATUS: 2, TPL_MALL_PICKUP: 1 })
    // caller, one write
    budget('user.subscribe', second.stats, 2)
    const asking = await t.call('user', 'subscribe', {}, 'wx-n-subscriber')
    expect(asking.data.subscriptions).toEqual({ TPL_DEMAND_STATUS: 2, TPL_MALL_PICKUP: 1 })
    budget('user.subscribe (ask only)', asking.stats, 1)
    const bad = await t.call('user', 'subscribe', { accepted: ['x y'] }, 'wx-n-subscriber')
    expect(bad.error?.code).toBe('INVALID_INPUT')
  })

  test('only the platform’s timer runs it: a forged timer payload is refused and sends nothing', async () => {
    t.emulator.database.insertMany('notifications', [event([`user:${FOLLOWER}`], { _id: 'q-forged', send: { state: 'pending' } })])
    const before = subscribeMessages().length
    const timerEvent = { Type: 'Timer', TriggerName: 'queue', Time: new Date().toISOString() }
    for (const openid of [OPENID.resident, OPENID.admin]) {
      const res = await t.call('notify', 'run', timerEvent, openid)
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      budget('notify queue (refused)', res.stats, 0)
    }
    const fns = t.emulator.functions
    expect((await fns.invoke('notify', timerEvent, { source: 'scf' })).result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(subscribeMessages()).toHaveLength(before)
    expect((await t.db.collection('notifications').where({ _id: 'q-forged' }).get()).data[0].send).toEqual({ state: 'pending' })
  })
})
