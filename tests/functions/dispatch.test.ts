/**
 * `dispatch`: the staff's queue and every staff decision (accept, reject, merge, suggest,
 * assign, publish, close with the points award), through the real functions.
 */
import type { Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import {
  C1,
  OPENID,
  STREET,
  UNIT,
  USER,
  demandInput,
  driveTo,
  expectAllQueriesIndexed,
  insertFixture,
  insertUsers,
  instrument,
  readDemand,
  saveMeasured,
} from './support/demands'
import { eventsSeenBy, sendQueued } from './support/inbox'
import { settleAll } from './support/settle'

const t = instrument(useHonglin())

const C3 = 'community-hongxing'
const STAFF_C3 = 't-staff-c3'
const RESIDENT_C3 = 't-resident-c3'
const VOLUNTEER_C3 = 't-volunteer-c3'

beforeAll(() => {
  insertUsers(t, [
    { _id: STAFF_C3, name: '红星社区 吴主任', grants: [{ role: 'community_staff', communityId: C3, streetId: STREET }] },
    { _id: RESIDENT_C3, name: '红星居民', grants: [{ role: 'resident', communityId: C3, streetId: STREET }] },
    {
      _id: VOLUNTEER_C3,
      name: '红星志愿者',
      grants: [{ role: 'volunteer', communityId: C3, streetId: STREET }],
      volunteer: { status: 'verified', skills: ['助老'], isPartyMember: true, communityId: C3, gridId: `${C3}-grid-1`, appliedAt: 1 },
    },
  ])
})

afterAll(() => {
  saveMeasured('dispatch')
  expectAllQueriesIndexed(t)
})

async function inboxOf(userId: string, demandId: string): Promise<{ type: string; title: string; body: string }[]> {
  return eventsSeenBy(t, userId, demandId)
}

async function balanceOf(collection: 'users' | 'units', id: string): Promise<number> {
  return (await t.db.collection(collection).where({ _id: id }).get()).data[0]?.pointsBalance ?? 0
}

const c3Input = (kind: 'service' | 'wish' | 'report' = 'service', extra: Record<string, unknown> = {}) =>
  demandInput(kind, {
    gridId: `${C3}-grid-${extra.grid ?? 1}`,
    contactName: '红星居民',
    contactPhone: '13700000001',
    ...extra,
    grid: undefined,
  })

describe('inbox', () => {
  test('the community’s demands with filters; overdue items first', async () => {
    const a: Demand = await t.ok('demand', 'create', c3Input('service'), RESIDENT_C3)
    t.emulator.clock.advance(1000)
    const b: Demand = await t.ok('demand', 'create', c3Input('report', { grid: 2 }), RESIDENT_C3)
    t.emulator.clock.advance(1000)
    const c: Demand = await t.ok('demand', 'create', c3Input('wish'), RESIDENT_C3)
    await t.ok('dispatch', 'accept', { id: c._id }, STAFF_C3)
    // The SLA timer marks late items; here its mark is set by hand.
    await t.db
      .collection('demands')
      .where({ _id: a._id })
      .update({ data: { overdue: { since: Date.now() - 1000, stage: 'triage' } } })

    const all = await t.ok('dispatch', 'inbox', {}, STAFF_C3)
    expect(all.items.map((d: Demand) => d._id)).toEqual([a._id, c._id, b._id])
    expect(all.items[0]).toMatchObject({
      overdue: { stage: 'triage' },
      contactPhone: '13700000001',
      availableActions: ['accept', 'reject', 'merge'],
    })

    const ids = async (filter: Record<string, unknown>) =>
      (await t.ok('dispatch', 'inbox', filter, STAFF_C3)).items.map((d: Demand) => d._id)
    expect(await ids({ status: 'submitted' })).toEqual([a._id, b._id])
    expect(await ids({ kind: 'report' })).toEqual([b._id])
    expect(await ids({ gridId: `${C3}-grid-2` })).toEqual([b._id])
    expect(await ids({ overdue: true })).toEqual([a._id])
    expect(await ids({ overdue: false })).toEqual([c._id, b._id])
    const page = await t.ok('dispatch', 'inbox', { page: { offset: 1, limit: 1 } }, STAFF_C3)
    expect(page).toMatchObject({ hasMore: true, items: [expect.objectContaining({ _id: c._id })] })

    // Accepting clears the triage mark: the item is no longer late.
    await t.ok('dispatch', 'accept', { id: a._id }, STAFF_C3)
    expect((await readDemand(t, a._id)).overdue).toBeUndefined()
  })

  test('who may look: staff of the community, street staff of its street, admin naming a community', async () => {
    await t.ok('demand', 'create', c3Input(), RESIDENT_C3)
    const ofC3 = (r: { items: Demand[] }) => r.items.every((d) => d.communityId === C3)
    expect(ofC3(await t.ok('dispatch', 'inbox', { communityId: C3 }, OPENID.street))).toBe(true)
    expect(ofC3(await t.ok('dispatch', 'inbox', { communityId: C3 }, OPENID.admin))).toBe(true)
    const street = await t.ok('dispatch', 'inbox', {}, OPENID.street)
    expect(street.items.length).toBeGreaterThan(0)
    expect((await t.call('dispatch', 'inbox', {}, OPENID.admin)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { communityId: '请选择社区' },
    })
    expect((await t.call('dispatch', 'inbox', { communityId: C3 }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
    for (const who of [OPENID.resident, OPENID.volunteer, OPENID.grid, OPENID.unit, OPENID.committee]) {
      expect((await t.call('dispatch', 'inbox', {}, who)).error?.code).toBe('FORBIDDEN')
    }
    expect((await t.call('dispatch', 'inbox', { kind: 'other' }, OPENID.staff)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { kind: expect.any(String) },
    })
  })
})

describe('inbox paging by key', () => {
  const CP = 'community-paging'
  const STAFF_CP = 't-staff-paging'
  const T0 = Date.UTC(2026, 0, 1)
  type Row = { _id: string; overdue?: { since: number }; createdAt: number }
  let stored: Demand[] = []

  beforeAll(() => {
    insertUsers(t, [{ _id: STAFF_CP, name: '翻页社区 陈主任', grants: [{ role: 'community_staff', communityId: CP, streetId: STREET }] }])
    const kinds = ['service', 'wish', 'report'] as const
    const states = ['submitted', 'accepted', 'dispatched', 'closed'] as const
    // 30 items: creation times repeat (same millisecond) and so do overdue marks, so the
    // order needs its tie-breaker; every fourth item is overdue.
    stored = Array.from({ length: 30 }, (_, i) => {
      const createdAt = T0 + Math.floor(i / 3) * 60_000
      const overdue = i % 4 === 0 ? { overdue: { since: T0 + 3_600_000 + Math.floor(i / 8) * 1000, stage: 'triage' as const } } : {}
      return insertFixture(t, states[i % 4]!, {
        communityId: CP,
        gridId: `${CP}-grid-${(i % 2) + 1}`,
        extra: { _id: `page-${String(i).padStart(2, '0')}`, kind: kinds[i % 3]!, createdAt, ...overdue },
      })
    })
  })

  /** Every page of `filter` by cursor, with the round trips each took. */
  async function pages(filter: Record<string, unknown>, limit: number, who = STAFF_CP): Promise<{ ids: string[][]; trips: number[] }> {
    const ids: string[][] = []
    const trips: number[] = []
    let cursor: string | undefined
    for (;;) {
      const res = await t.call('dispatch', 'inbox', { ...filter, ...(cursor ? { cursor } : {}), page: { limit } }, who)
      expect(res.ok).toBe(true)
      ids.push(res.data.items.map((d: Demand) => d._id))
      trips.push(res.stats.roundTrips)
      expect(res.data.hasMore).toBe(res.data.next !== undefined)
      if (!res.data.hasMore) return { ids, trips }
      cursor = res.data.next
      expect(typeof cursor).toBe('string')
      if (ids.length > 50) throw new Error('paging does not end')
    }
  }

  /** Overdue first, most recently overdue first, then newest first: each row at or after the next. */
  function expectInboxOrder(ids: string[]): void {
    const byId = new Map(stored.map((d) => [d._id, d as Row]))
    const keyOf = (id: string) => [byId.get(id)!.overdue?.since ?? -1, byId.get(id)!.createdAt]
    for (let i = 1; i < ids.length; i++) {
      const [a, b] = [keyOf(ids[i - 1]!), keyOf(ids[i]!)]
      expect({ at: i, inOrder: a[0]! > b[0]! || (a[0] === b[0] && a[1]! >= b[1]!) }).toEqual({ at: i, inOrder: true })
    }
  }

  test('more than three pages by cursor give every item once, overdue first, within the round-trip budget', async () => {
    const { ids, trips } = await pages({}, 4)
    expect(ids.length).toBeGreaterThan(3)
    expect(ids.slice(0, -1).every((p) => p.length === 4)).toBe(true)
    const all = ids.flat()
    expect(all).toHaveLength(30)
    expect(new Set(all).size).toBe(30)
    expect([...all].sort()).toEqual(stored.map((d) => d._id).sort())
    expectInboxOrder(all)
    const overdue = stored.filter((d) => d.overdue).length
    expect(all.slice(0, overdue).every((id) => stored.find((d) => d._id === id)!.overdue)).toBe(true)
    // The cursor pages ask for the same rows as the first page: caller and one query.
    expect(Math.max(...trips)).toBeLessThanOrEqual(2)
    // The first page is the one the offset answers too, so older clients see the same order.
    const first = await t.ok('dispatch', 'inbox', { page: { offset: 0, limit: 30 } }, STAFF_CP)
    expect(first.items.map((d: Demand) => d._id)).toEqual(all)
  })

  test('filters page by cursor too', async () => {
    const filters: [Record<string, unknown>, (d: Demand) => boolean][] = [
      [{ status: 'submitted' }, (d) => d.status === 'submitted'],
      [{ kind: 'wish' }, (d) => d.kind === 'wish'],
      [{ gridId: `${CP}-grid-2` }, (d) => d.gridId === `${CP}-grid-2`],
      [{ overdue: true }, (d) => d.overdue !== undefined],
      [{ overdue: false }, (d) => d.overdue === undefined],
      [{ kind: 'service', overdue: false }, (d) => d.kind === 'service' && d.overdue === undefined],
    ]
    for (const [filter, keep] of filters) {
      const all = (await pages(filter, 2)).ids.flat()
      const expected = stored.filter(keep).map((d) => d._id)
      expect({ filter, ids: [...all].sort() }).toEqual({ filter, ids: expected.sort() })
      expect(new Set(all).size).toBe(all.length)
      expectInboxOrder(all)
    }
  })

  test('street staff page across their communities by cursor within the budget', async () => {
    await t.ok('demand', 'create', c3Input(), RESIDENT_C3)
    await t.ok('demand', 'create', demandInput('service'), OPENID.resident)
    const { ids, trips } = await pages({}, 2, OPENID.street)
    const all = ids.flat()
    expect(ids.length).toBeGreaterThan(1)
    expect(new Set(all).size).toBe(all.length)
    const once = await t.ok('dispatch', 'inbox', { page: { limit: 50 } }, OPENID.street)
    expect(once.hasMore).toBe(false)
    expect(all).toEqual(once.items.map((d: Demand) => d._id))
    expect(new Set(once.items.map((d: Demand) => d.communityId)).size).toBeGreaterThan(1)
    expect(Math.max(...trips)).toBeLessThanOrEqual(3)
  })

  test('a cursor that is not one the inbox gave is INVALID_INPUT', async () => {
    for (const cursor of ['abc', '1.2', '.1.x/y', `1.2.${'a'.repeat(65)}`, 'x'.repeat(101), 12, '']) {
      const res = await t.call('dispatch', 'inbox', { cursor }, STAFF_CP)
      expect({ cursor, error: res.error }).toMatchObject({
        cursor,
        error: { code: 'INVALID_INPUT', fields: { cursor: expect.any(String) } },
      })
    }
  })
})

describe('accept and reject', () => {
  test('accept tells the resident; a second accept is INVALID_STATE', async () => {
    const d = await driveTo(t, 'submitted')
    const res = await t.call('dispatch', 'accept', { id: d._id, note: '今天安排' }, OPENID.staff)
    expect(res.data).toMatchObject({ status: 'accepted', availableActions: ['merge', 'assign', 'publish'] })
    expect(res.data.timeline.at(-1)).toMatchObject({
      action: 'accept',
      from: 'submitted',
      to: 'accepted',
      actorId: USER.staff,
      actorName: '刘书记',
      note: '今天安排',
    })
    expect(await inboxOf(USER.resident, d._id)).toEqual([expect.objectContaining({ type: 'demand.accepted', title: '社区已受理您的点单' })])
    expect((await t.call('dispatch', 'accept', { id: d._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
  })

  test('reject needs a reason, which is checked, stored and sent to the resident', async () => {
    const d = await driveTo(t, 'submitted')
    expect((await t.call('dispatch', 'reject', { id: d._id }, OPENID.staff)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { reason: '请填写不予受理的原因' },
    })
    const risky = await t.call('dispatch', 'reject', { id: d._id, reason: '违禁词测试' }, OPENID.staff)
    expect(risky.error?.code).toBe('CONTENT_RISKY')
    expect(risky.stats.docsWritten).toBe(0)
    expect((await readDemand(t, d._id)).status).toBe('submitted')
    const res = await t.ok('dispatch', 'reject', { id: d._id, reason: '属于物业维修范围，请联系物业' }, OPENID.staff)
    expect(res).toMatchObject({ status: 'rejected', rejectReason: '属于物业维修范围，请联系物业' })
    expect(await inboxOf(USER.resident, d._id)).toEqual([
      expect.objectContaining({ type: 'demand.rejected', body: '属于物业维修范围，请联系物业' }),
    ])
  })

  test('staff of another community get NOT_FOUND; street staff may see but not triage (FORBIDDEN)', async () => {
    const d = await driveTo(t, 'submitted')
    expect((await t.call('dispatch', 'accept', { id: d._id }, STAFF_C3)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('dispatch', 'accept', { id: d._id }, OPENID.street)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('dispatch', 'accept', { id: 'no-such-demand' }, OPENID.staff)).error?.code).toBe('NOT_FOUND')
  })
})

describe('merge', () => {
  test('into a live demand of the same community; the owner is told where to follow it', async () => {
    const target = await driveTo(t, 'accepted', { kind: 'report' })
    const dup: Demand = await t.ok('demand', 'create', demandInput('report'), OPENID.resident2)
    const res = await t.ok('dispatch', 'merge', { id: dup._id, intoId: target._id }, OPENID.staff)
    expect(res).toMatchObject({ status: 'merged', mergedInto: target._id })
    expect(await inboxOf(USER.resident2, dup._id)).toEqual([expect.objectContaining({ type: 'demand.merged', body: target.title })])
    expect((await readDemand(t, target._id)).version).toBe(target.version)
  })

  test('not into itself, another community’s demand or a finished one', async () => {
    const d = await driveTo(t, 'submitted')
    expect((await t.call('dispatch', 'merge', { id: d._id, intoId: d._id }, OPENID.staff)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { intoId: '不能合并到自身' },
    })
    const elsewhere: Demand = await t.ok('demand', 'create', c3Input(), RESIDENT_C3)
    expect((await t.call('dispatch', 'merge', { id: d._id, intoId: elsewhere._id }, OPENID.staff)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { intoId: expect.any(String) },
    })
    expect((await t.call('dispatch', 'merge', { id: d._id, intoId: 'no-such-demand' }, OPENID.staff)).error?.code).toBe('INVALID_INPUT')
    const rejected = await driveTo(t, 'rejected')
    expect((await t.call('dispatch', 'merge', { id: d._id, intoId: rejected._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
    expect((await readDemand(t, d._id)).status).toBe('submitted')
  })
})

describe('suggest', () => {
  test('volunteers by same grid, skills and load; a volunteer who declined is listed last; every unit, ranked by resources', async () => {
    // 助老助残: 王小红 (grid 1, skill 助老) fits; 赵志强 (grid 2, errands and tutoring) does not.
    const d = await driveTo(t, 'accepted')
    const first = await t.call('dispatch', 'suggest', { id: d._id }, OPENID.staff)
    expect(first.ok).toBe(true)
    expect(first.data.category).toBe('助老助残')
    const byId = (list: { id: string }[], id: string) => list.find((v) => v.id === id)
    expect(first.data.volunteers[0]).toMatchObject({ id: USER.volunteer, sameGrid: true, skillMatch: ['助老'], declined: false })
    expect(byId(first.data.volunteers, USER.volunteer2)).toMatchObject({ sameGrid: false, skillMatch: [] })
    expect(first.data.volunteers.map((v: { id: string }) => v.id)).not.toContain(VOLUNTEER_C3)
    // No unit offers 助老, yet every unit of the community can be chosen.
    expect(first.data.units.length).toBe(first.data.totals.units)
    expect(first.data.totals.units).toBeGreaterThanOrEqual(5)

    // Load is the counter on the volunteer's own document (kept by the writes that give and end work).
    await t.db
      .collection('users')
      .where({ _id: USER.volunteer })
      .update({ data: { activeLoad: 6 } })
    const again = (await t.ok('dispatch', 'suggest', { id: d._id }, OPENID.staff)).volunteers
    expect(byId(again, USER.volunteer)).toMatchObject({ load: 6, score: 5 - 6 })
    // Now the idle ones (赵志强 among them) rank above the busy one despite the fit.
    expect(again[0]).toMatchObject({ load: 0 })
    const rank = (id: string) => again.findIndex((v: { id: string }) => v.id === id)
    expect(rank(USER.volunteer2)).toBeGreaterThanOrEqual(0)
    expect(rank(USER.volunteer2)).toBeLessThan(rank(USER.volunteer))
    await t.db
      .collection('users')
      .where({ _id: USER.volunteer })
      .update({ data: { activeLoad: 0 } })
    await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer } }, OPENID.staff)
    await t.ok('task', 'decline', { id: d._id, reason: '这周出差' }, OPENID.volunteer)
    const afterDecline = (await t.ok('dispatch', 'suggest', { id: d._id }, OPENID.staff)).volunteers
    expect(afterDecline.at(-1)).toMatchObject({ id: USER.volunteer, declined: true })

    // 课业辅导: the volunteer with that skill and the school first.
    const tutoring: Demand = await t.ok(
      'demand',
      'create',
      demandInput('service', { category: 'tutoring', title: '孩子数学辅导' }),
      OPENID.resident,
    )
    await t.ok('dispatch', 'accept', { id: tutoring._id }, OPENID.staff)
    const s = await t.ok('dispatch', 'suggest', { id: tutoring._id }, OPENID.staff)
    expect(s.volunteers[0]).toMatchObject({ id: USER.volunteer2, skillMatch: ['课业辅导'] })
    expect(s.units[0]).toMatchObject({ id: 'unit-school', resourceMatch: ['课业辅导'] })
    expect(s.units.slice(1).every((u: { resourceMatch: string[] }) => u.resourceMatch.length === 0)).toBe(true)
  })

  test('a broken street light goes to the power-supply unit: suggested first, and assignable', async () => {
    const light: Demand = await t.ok(
      'demand',
      'create',
      demandInput('report', { category: 'street_light', title: '路灯不亮' }),
      OPENID.resident,
    )
    await t.ok('dispatch', 'accept', { id: light._id }, OPENID.staff)
    const s = await t.ok('dispatch', 'suggest', { id: light._id }, OPENID.staff)
    expect(s.units[0]).toMatchObject({ id: UNIT, resourceMatch: ['电路检修', '用电安全宣传'] })
    const done = await t.ok('dispatch', 'assign', { id: light._id, assignee: { type: 'unit', id: UNIT } }, OPENID.staff)
    expect(done).toMatchObject({ status: 'dispatched', assignee: { type: 'unit', id: UNIT } })
  })

  test('the search box finds anyone by name, skill or resource; nothing found is an empty list', async () => {
    const d = await driveTo(t, 'accepted')
    const byName = await t.ok('dispatch', 'suggest', { id: d._id, q: '志强' }, OPENID.staff)
    expect(byName.volunteers.map((v: { id: string }) => v.id)).toEqual([USER.volunteer2])
    expect(byName.totals).toEqual({ volunteers: 1, units: 0 })
    const byResource = await t.ok('dispatch', 'suggest', { id: d._id, q: '法律' }, OPENID.staff)
    expect(byResource.units.map((u: { id: string }) => u.id)).toEqual(['unit-court'])
    const none = await t.ok('dispatch', 'suggest', { id: d._id, q: '没有这个人' }, OPENID.staff)
    expect(none.totals).toEqual({ volunteers: 0, units: 0 })
    const tooLong = await t.call('dispatch', 'suggest', { id: d._id, q: '长'.repeat(21) }, OPENID.staff)
    expect(tooLong.error?.code).toBe('INVALID_INPUT')
  })

  test('four round trips whatever the community’s history, and only for the community’s staff', async () => {
    const d = await driveTo(t, 'accepted')
    const res = await t.call('dispatch', 'suggest', { id: d._id }, OPENID.staff)
    expect(res.stats.roundTrips).toBe(4)
    expect(res.stats.actions['database.aggregateDocuments']).toBeUndefined()
    expect((await t.call('dispatch', 'suggest', { id: d._id }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('dispatch', 'suggest', { id: d._id }, OPENID.resident)).error?.code).toBe('FORBIDDEN')
  })
})

describe('publish', () => {
  test('the note typed before publishing is kept on the timeline, where the hall shows it', async () => {
    const d = await driveTo(t, 'accepted')
    const res = await t.ok('dispatch', 'publish', { id: d._id, note: '需要会用扳手' }, OPENID.staff)
    expect(res.timeline.at(-1)).toMatchObject({ action: 'publish', note: '需要会用扳手' })
    const hall = await t.ok('task', 'hall', {}, OPENID.volunteer2)
    const seen = hall.items.find((x: Demand) => x._id === d._id)
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'publish', note: '需要会用扳手' })
  })
})

describe('assign', () => {
  test('to a volunteer: due time, default points of the category, the volunteer and the resident told', async () => {
    const d = await driveTo(t, 'accepted')
    const dueAt = Date.now() + 86_400_000
    const res = await t.ok(
      'dispatch',
      'assign',
      { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer }, dueAt, note: '请带上购物袋' },
      OPENID.staff,
    )
    expect(res).toMatchObject({
      status: 'dispatched',
      assignee: { type: 'volunteer', id: USER.volunteer, name: '王小红', dueAt, points: 20, assignedBy: USER.staff },
    })
    expect(res.assignee.acceptedAt).toBeUndefined()
    expect(await inboxOf(USER.volunteer, d._id)).toEqual([expect.objectContaining({ type: 'task.assigned' })])
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(
      expect.objectContaining({ type: 'demand.dispatched', title: '已派给王小红' }),
    )
    await sendQueued(t)
    const sent = t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send' && e.data.touser === OPENID.volunteer)
    expect(sent.at(-1)!.data.template_id).toBe('TPL_TASK_ASSIGNED')
  })

  test('to a unit: its contacts are told', async () => {
    const d = await driveTo(t, 'accepted')
    const res = await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'unit', id: UNIT }, points: 30 }, OPENID.staff)
    expect(res.assignee).toMatchObject({ type: 'unit', id: UNIT, name: '国网供电所', points: 30 })
    expect(await inboxOf(USER.unit, d._id)).toEqual([expect.objectContaining({ type: 'task.assigned' })])
  })

  test('points stay within the community’s policy', async () => {
    await t.db
      .collection('communities')
      .where({ _id: C1 })
      .update({ data: { pointsPolicy: { minPerDemand: 5, maxPerDemand: 25 } } })
    try {
      const high = await driveTo(t, 'accepted')
      expect(
        (await t.ok('dispatch', 'assign', { id: high._id, assignee: { type: 'volunteer', id: USER.volunteer }, points: 500 }, OPENID.staff))
          .assignee.points,
      ).toBe(25)
      const low = await driveTo(t, 'accepted')
      expect((await t.ok('dispatch', 'publish', { id: low._id, points: 0 }, OPENID.staff)).hall.points).toBe(5)
    } finally {
      await t.db
        .collection('communities')
        .where({ _id: C1 })
        .update({ data: { pointsPolicy: t.db.command.remove() } })
    }
  })

  test('only to verified volunteers of the community or units serving it; due time in the future', async () => {
    const d = await driveTo(t, 'accepted')
    const bad = async (assignee: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      (await t.call('dispatch', 'assign', { id: d._id, assignee, ...extra }, OPENID.staff)).error
    expect(await bad({ type: 'volunteer', id: VOLUNTEER_C3 })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'assignee.id': '只能派给本社区已认证的志愿者' },
    })
    expect(await bad({ type: 'volunteer', id: USER.resident2 })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'assignee.id': expect.any(String) },
    })
    expect(await bad({ type: 'volunteer', id: 'user-ghost' })).toMatchObject({ code: 'INVALID_INPUT' })
    t.emulator.database.insertMany('units', [{ _id: 't-unit-elsewhere', name: '外区单位', communityIds: [C3], resources: [] }])
    expect(await bad({ type: 'unit', id: 't-unit-elsewhere' })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'assignee.id': '该单位不是本社区的共建单位' },
    })
    expect(await bad({ type: 'robot', id: USER.volunteer })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'assignee.type': expect.any(String) },
    })
    expect(await bad({ type: 'volunteer', id: USER.volunteer }, { dueAt: Date.now() - 1000 })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { dueAt: '完成期限应晚于现在' },
    })
    expect(await bad({ type: 'volunteer', id: USER.volunteer }, { points: -1 })).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { points: expect.any(String) },
    })
    expect(await bad({ type: 'volunteer', id: USER.volunteer }, { note: '违禁词测试' })).toMatchObject({ code: 'CONTENT_RISKY' })
    expect((await readDemand(t, d._id)).status).toBe('accepted')
    const submitted = await driveTo(t, 'submitted')
    expect(
      (await t.call('dispatch', 'assign', { id: submitted._id, assignee: { type: 'volunteer', id: USER.volunteer } }, OPENID.staff)).error
        ?.code,
    ).toBe('INVALID_STATE')
  })

  test('a volunteer who declined may still be assigned', async () => {
    const d = await driveTo(t, 'dispatched')
    await t.ok('task', 'decline', { id: d._id, reason: '临时有事' }, OPENID.volunteer)
    const res = await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer } }, OPENID.staff)
    expect(res).toMatchObject({ status: 'dispatched', declinedBy: [USER.volunteer], assignee: { id: USER.volunteer } })
  })
})

describe('publish', () => {
  test('to the task hall with points and an optional due time', async () => {
    const d = await driveTo(t, 'accepted', { kind: 'wish' })
    const dueAt = Date.now() + 3 * 86_400_000
    const res = await t.ok('dispatch', 'publish', { id: d._id, dueAt }, OPENID.staff)
    expect(res).toMatchObject({ status: 'open', hall: { points: 10, dueAt, publishedBy: USER.staff } })
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.published' }))
    expect((await t.call('dispatch', 'publish', { id: d._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
  })
})

describe('close (销号)', () => {
  test('closes in one write; the settle timer pays the assignee once; closing again is INVALID_STATE and pays nothing', async () => {
    const d = await driveTo(t, 'reviewed')
    await settleAll(t)
    const before = await balanceOf('users', USER.volunteer)
    const res = await t.call('dispatch', 'close', { id: d._id, evaluation: '服务周到' }, OPENID.staff)
    expect(res.data).toMatchObject({ status: 'closed', availableActions: [] })
    expect(res.data.timeline.at(-1)).toMatchObject({ action: 'close', from: 'reviewed', to: 'closed', note: '服务周到' })
    expect(res.stats.actions['database.startTransaction']).toBeUndefined()
    expect(res.stats.actions['database.modifyDocument']).toBe(1)
    // Owed until the timer runs, then paid.
    expect(await balanceOf('users', USER.volunteer)).toBe(before)
    expect(await settleAll(t)).toMatchObject({ settled: 1, awards: 1 })
    expect(await balanceOf('users', USER.volunteer)).toBe(before + 20)
    const entry = (
      await t.db
        .collection('points_ledger')
        .where({ _id: `award-${d._id}` })
        .get()
    ).data
    expect(entry).toEqual([
      expect.objectContaining({ ownerType: 'user', ownerId: USER.volunteer, delta: 20, reason: 'demand_closed', demandId: d._id }),
    ])
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.closed' }))
    // The notice names the points the close pays.
    expect(await inboxOf(USER.volunteer, d._id)).toContainEqual(
      expect.objectContaining({ type: 'demand.closed', title: '点单已办结销号，服务者获得 20 积分' }),
    )

    const again = await t.call('dispatch', 'close', { id: d._id }, OPENID.staff)
    expect(again.error?.code).toBe('INVALID_STATE')
    expect(again.stats.docsWritten).toBe(0)
    expect(await settleAll(t)).toMatchObject({ settled: 0, awards: 0 })
    expect(await balanceOf('users', USER.volunteer)).toBe(before + 20)
  })

  test('five staff closing at once: one closes, the demand is paid once', async () => {
    const d = await driveTo(t, 'reviewed', { path: 'unit' })
    const before = await balanceOf('units', UNIT)
    const results = await Promise.all(
      [OPENID.staff, OPENID.street, OPENID.admin, OPENID.staff, OPENID.street].map((who) =>
        t.call('dispatch', 'close', { id: d._id }, who),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const r of results.filter((x) => !x.ok)) expect(['INVALID_STATE', 'CONFLICT']).toContain(r.error?.code)
    await Promise.all([settleAll(t), settleAll(t)])
    expect(await balanceOf('units', UNIT)).toBe(before + 20)
    const stored = await readDemand(t, d._id)
    expect(stored.timeline.filter((e) => e.action === 'close')).toHaveLength(1)
    expect(stored.version).toBe(d.version + 1)
  })

  test('street staff may close; a risky evaluation changes nothing; the resident may not close', async () => {
    const d = await driveTo(t, 'reviewed')
    const risky = await t.call('dispatch', 'close', { id: d._id, evaluation: '违禁词测试' }, OPENID.staff)
    expect(risky.error?.code).toBe('CONTENT_RISKY')
    expect((await readDemand(t, d._id)).status).toBe('reviewed')
    expect(
      (
        await t.db
          .collection('points_ledger')
          .where({ _id: `award-${d._id}` })
          .get()
      ).data,
    ).toEqual([])
    expect((await t.call('dispatch', 'close', { id: d._id }, OPENID.resident)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('dispatch', 'close', { id: d._id }, STAFF_C3)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('dispatch', 'close', { id: 'no-such-demand' }, OPENID.staff)).error?.code).toBe('NOT_FOUND')
    expect(await t.ok('dispatch', 'close', { id: d._id, evaluation: '街道抽查满意' }, OPENID.street)).toMatchObject({ status: 'closed' })
  })

  test('a demand with zero points closes without a ledger entry', async () => {
    const d = insertFixture(t, 'reviewed', {
      extra: {
        assignee: {
          type: 'volunteer',
          id: USER.volunteer2,
          name: '赵志强',
          assignedAt: 1,
          assignedBy: USER.staff,
          points: 0,
          acceptedAt: 2,
        },
      },
    })
    await settleAll(t)
    const before = await balanceOf('users', USER.volunteer2)
    expect(await t.ok('dispatch', 'close', { id: d._id }, OPENID.staff)).toMatchObject({ status: 'closed' })
    expect(await settleAll(t)).toMatchObject({ closes: 1, awards: 0 })
    expect(await balanceOf('users', USER.volunteer2)).toBe(before)
    expect(
      (
        await t.db
          .collection('points_ledger')
          .where({ _id: `award-${d._id}` })
          .get()
      ).data,
    ).toEqual([])
  })
})
