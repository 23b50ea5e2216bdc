/**
 * `demand`: ordering (create, on behalf), the resident's list and detail with masking, and the
 * resident's own transitions (cancel, confirm, rate, reopen), through the real functions.
 */
import type { Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import {
  C1,
  G1,
  G2,
  G_OTHER,
  OPENID,
  STREET,
  USER,
  demandInput,
  driveTo,
  expectAllQueriesIndexed,
  insertFixture,
  insertUsers,
  instrument,
  readDemand,
  requestId,
  saveMeasured,
  uploadPhoto,
} from './support/demands'
import { eventsSeenBy, sendQueued } from './support/inbox'

const t = instrument(useHonglin())

async function demandsByRequest(createdBy: string, reqId: string): Promise<Demand[]> {
  return (await t.db.collection('demands').where({ createdBy, requestId: reqId }).get()).data
}

async function inboxOf(userId: string, demandId: string): Promise<{ type: string; title: string }[]> {
  return eventsSeenBy(t, userId, demandId)
}

/** A call as the client makes it, outside the suite's round-trip budget. */
async function unbudgeted(fn: string, action: string, params: Record<string, unknown>, openid: string) {
  const res = await fetch(`${t.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ action, ...params }),
  })
  return (await res.json()) as { ok: boolean; data: Demand; error?: { code: string } }
}

afterAll(() => {
  saveMeasured('demand')
  expectAllQueriesIndexed(t)
})

describe('create', () => {
  test('stores a submitted demand in the grid’s community and street, with its first timeline entry', async () => {
    const photo = await uploadPhoto(t)
    const input = demandInput('report', { gridId: G2, photos: [photo], urgency: 'urgent' })
    const res = await t.call('demand', 'create', input, OPENID.resident)
    expect(res.ok).toBe(true)
    const d = res.data as Demand & { availableActions: string[] }
    expect(d).toMatchObject({
      kind: 'report',
      category: 'street_light',
      status: 'submitted',
      gridId: G2,
      communityId: C1,
      streetId: STREET,
      ownerId: USER.resident,
      createdBy: USER.resident,
      urgency: 'urgent',
      photos: [photo],
      contactPhone: '13800000001',
      version: 1,
    })
    expect(d.timeline).toEqual([
      expect.objectContaining({ action: 'create', to: 'submitted', actorId: USER.resident, actorName: '张阿姨' }),
    ])
    expect(d.availableActions).toEqual(['cancel'])
    expect(await readDemand(t, d._id)).toMatchObject({ status: 'submitted', version: 1 })
  })

  test('tells the community’s staff, in the inbox and by subscribe message', async () => {
    await sendQueued(t)
    const before = t.emulator.openapi.outbox().length
    const d: Demand = await t.ok('demand', 'create', demandInput('wish'), OPENID.resident)
    expect(await inboxOf(USER.staff, d._id)).toEqual([expect.objectContaining({ type: 'demand.submitted', title: '有新的点单待受理' })])
    await sendQueued(t)
    const sent = t.emulator.openapi
      .outbox()
      .slice(before)
      .filter((e) => e.api === 'subscribeMessage.send')
    expect(sent.map((e) => e.data.touser)).toEqual([OPENID.staff])
    expect(await inboxOf(USER.resident, d._id)).toEqual([])
  })

  test('invalid input is INVALID_INPUT with the problem fields, and stores nothing', async () => {
    const reqId = requestId()
    const res = await t.call(
      'demand',
      'create',
      demandInput('service', { title: '', contactPhone: '123', category: 'street_light', requestId: reqId }),
      OPENID.resident,
    )
    expect(res.ok).toBe(false)
    expect(res.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { title: expect.any(String), contactPhone: '请填写正确的手机号或座机号' },
    })
    const mismatch = await t.call(
      'demand',
      'create',
      demandInput('service', { category: 'street_light', requestId: reqId }),
      OPENID.resident,
    )
    expect(mismatch.error).toMatchObject({ code: 'INVALID_INPUT', fields: { category: '类别与点单类型不符' } })
    const noGrid = await t.call('demand', 'create', demandInput('service', { gridId: 'grid-nowhere', requestId: reqId }), OPENID.resident)
    expect(noGrid.error).toMatchObject({ code: 'INVALID_INPUT', fields: { gridId: '所选网格不存在' } })
    expect(await demandsByRequest(USER.resident, reqId)).toEqual([])
  })

  test('risky text is CONTENT_RISKY and nothing is stored or sent', async () => {
    const reqId = requestId()
    const before = t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send').length
    const res = await t.call(
      'demand',
      'create',
      demandInput('service', { detail: '这里有违禁词测试内容', requestId: reqId }),
      OPENID.resident,
    )
    expect(res.error?.code).toBe('CONTENT_RISKY')
    expect(res.stats.docsWritten).toBe(0)
    expect(await demandsByRequest(USER.resident, reqId)).toEqual([])
    expect(t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send').length).toBe(before)
  })

  test('an unregistered caller is NOT_REGISTERED', async () => {
    const res = await t.call('demand', 'create', demandInput(), 'someone-unknown')
    expect(res.error?.code).toBe('NOT_REGISTERED')
  })
})

describe('idempotent create (requestId)', () => {
  test('a sequential retry answers the same demand; one document, one notification', async () => {
    const input = demandInput('service')
    const first: Demand = await t.ok('demand', 'create', input, OPENID.resident)
    const retry = await t.call('demand', 'create', input, OPENID.resident)
    expect(retry.ok).toBe(true)
    expect(retry.data._id).toBe(first._id)
    expect(retry.stats.docsWritten).toBe(0)
    expect(await demandsByRequest(USER.resident, input.requestId as string)).toHaveLength(1)
    expect(await inboxOf(USER.staff, first._id)).toHaveLength(1)
  })

  test('ten concurrent retries produce one demand, and all answer it', async () => {
    const input = demandInput('report')
    // Outside the round-trip budget: retries racing on the day's counter run their transaction again.
    const results = await Promise.all(Array.from({ length: 10 }, () => unbudgeted('demand', 'create', input, OPENID.resident)))
    expect(results.every((r) => r.ok)).toBe(true)
    const ids = new Set(results.map((r) => r.data._id))
    expect(ids.size).toBe(1)
    const stored = await demandsByRequest(USER.resident, input.requestId as string)
    expect(stored.map((d) => d._id)).toEqual([...ids])
    expect(await inboxOf(USER.staff, stored[0]!._id)).toHaveLength(1)
  })

  test('the same requestId from another person is another demand', async () => {
    const input = demandInput('service')
    const a: Demand = await t.ok('demand', 'create', input, OPENID.resident)
    const b: Demand = await t.ok('demand', 'create', { ...input, contactName: '李大爷', contactPhone: '13800000002' }, OPENID.resident2)
    expect(b._id).not.toBe(a._id)
    expect(b.ownerId).toBe(USER.resident2)
  })
})

describe('createOnBehalf (代办)', () => {
  test('a grid worker orders for a new offline resident; a retry reuses both the account and the demand', async () => {
    const input = demandInput('service', {
      gridId: G1,
      ownerName: '孙奶奶',
      ownerPhone: '13900000011',
      contactName: '孙奶奶',
      contactPhone: '13900000011',
    })
    const d: Demand = await t.ok('demand', 'createOnBehalf', input, OPENID.grid)
    expect(d).toMatchObject({ status: 'submitted', createdBy: USER.grid, communityId: C1 })
    expect(d.ownerId).not.toBe(USER.grid)
    const owner = (await t.db.collection('users').where({ _id: d.ownerId }).get()).data[0]
    expect(owner).toMatchObject({
      name: '孙奶奶',
      phone: '13900000011',
      offline: true,
      grants: [{ role: 'resident', communityId: C1, streetId: STREET }],
    })
    expect(owner.openid).toBeUndefined()
    expect(d.timeline[0]!.note).toContain('孙奶奶')

    const again: Demand = await t.ok('demand', 'createOnBehalf', input, OPENID.grid)
    expect(again._id).toBe(d._id)
    expect(await demandsByRequest(USER.grid, input.requestId as string)).toHaveLength(1)
    // The offline resident has an inbox row (no OPENID, so no subscribe message); staff are told.
    expect(await inboxOf(d.ownerId, d._id)).toHaveLength(1)
    expect(await inboxOf(USER.staff, d._id)).toHaveLength(1)
  })

  test('for an existing resident, who then sees it as their own', async () => {
    const d: Demand = await t.ok('demand', 'createOnBehalf', demandInput('wish', { gridId: G2, ownerId: USER.resident2 }), OPENID.grid)
    expect(d.ownerId).toBe(USER.resident2)
    const mine = await t.ok('demand', 'listMine', {}, OPENID.resident2)
    expect(mine.items.map((x: Demand) => x._id)).toContain(d._id)
    expect(await inboxOf(USER.resident2, d._id)).toEqual([expect.objectContaining({ title: '网格员已为您代办点单' })])
    // The grid worker created it, so they may cancel it for the resident.
    expect((await t.call('demand', 'get', { id: d._id }, OPENID.grid)).data.availableActions).toEqual(['cancel'])
  })

  test('only for a grid the worker owns; owner must exist; name and phone otherwise', async () => {
    const other = await t.call('demand', 'createOnBehalf', demandInput('service', { gridId: G_OTHER, ownerId: USER.resident }), OPENID.grid)
    expect(other.error?.code).toBe('FORBIDDEN')
    const notGrid = await t.call('demand', 'createOnBehalf', demandInput('service', { ownerId: USER.resident }), OPENID.staff)
    expect(notGrid.error?.code).toBe('FORBIDDEN')
    // One answer whether or not the id exists (privacy.test.ts has every kind of refused owner).
    const ghost = await t.call('demand', 'createOnBehalf', demandInput('service', { ownerId: 'user-ghost' }), OPENID.grid)
    expect(ghost.error).toMatchObject({ code: 'INVALID_INPUT', fields: { ownerId: '只能为本社区登记的居民代办' } })
    const nobody = await t.call('demand', 'createOnBehalf', demandInput('service'), OPENID.grid)
    expect(nobody.error).toMatchObject({ code: 'INVALID_INPUT', fields: { ownerName: '请填写居民姓名和电话' } })
    const risky = await t.call(
      'demand',
      'createOnBehalf',
      demandInput('service', { ownerName: '违禁词测试', ownerPhone: '13900000012' }),
      OPENID.grid,
    )
    expect(risky.error?.code).toBe('CONTENT_RISKY')
    expect(risky.stats.docsWritten).toBe(0)
  })
})

describe('listMine', () => {
  const owner = 't-list-owner'
  beforeAll(() => insertUsers(t, [{ _id: owner, name: '列表居民', grants: [{ role: 'resident', communityId: C1, streetId: STREET }] }]))

  test('the owner’s demands, newest first, by status, paged', async () => {
    const created: Demand[] = []
    for (const kind of ['service', 'wish', 'report'] as const) {
      created.push(await t.ok('demand', 'create', demandInput(kind), owner))
      t.emulator.clock.advance(1000)
    }
    await t.ok('demand', 'cancel', { id: created[0]!._id }, owner)
    const all = await t.ok('demand', 'listMine', {}, owner)
    expect(all.items.map((d: Demand) => d._id)).toEqual(created.map((d) => d._id).reverse())
    expect(all.hasMore).toBe(false)
    const cancelled = await t.ok('demand', 'listMine', { status: 'cancelled' }, owner)
    expect(cancelled.items.map((d: Demand) => d._id)).toEqual([created[0]!._id])
    const page1 = await t.ok('demand', 'listMine', { page: { offset: 0, limit: 2 } }, owner)
    const page2 = await t.ok('demand', 'listMine', { page: { offset: 2, limit: 2 } }, owner)
    expect(page1).toMatchObject({ hasMore: true })
    expect(page2).toMatchObject({ hasMore: false })
    expect([...page1.items, ...page2.items].map((d: Demand) => d._id)).toEqual(all.items.map((d: Demand) => d._id))
    expect(all.items[0].contactPhone).toBe('13800000001')
    const none = await t.ok('demand', 'listMine', {}, OPENID.committee)
    expect(none.items.filter((d: Demand) => d.ownerId !== USER.committee)).toEqual([])
  })

  test('a bad status is INVALID_INPUT', async () => {
    const res = await t.call('demand', 'listMine', { status: 'lost' }, owner)
    expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { status: expect.any(String) } })
  })
})

describe('get and masking', () => {
  test('a volunteer browsing the hall sees masked contact details; the assignee sees them while assigned', async () => {
    const open = await driveTo(t, 'open')
    const browsing = await t.call('demand', 'get', { id: open._id }, OPENID.volunteer2)
    expect(browsing.data).toMatchObject({ contactPhone: '138****0001', contactName: '张**', address: '新园里****', requestId: '' })
    expect(browsing.data.availableActions).toEqual(['claim'])
    expect(JSON.stringify(browsing.data.timeline)).not.toContain('张阿姨')

    const claimed: Demand = await t.ok('task', 'claim', { id: open._id }, OPENID.volunteer)
    expect(claimed).toMatchObject({ contactPhone: '13800000001', address: '新园里3号楼2门301', contactName: '张阿姨' })
    // Now it is someone else's: the other volunteer no longer sees it at all.
    expect((await t.call('demand', 'get', { id: open._id }, OPENID.volunteer2)).error?.code).toBe('NOT_FOUND')
  })

  test('after the work is closed the assignee sees it masked again', async () => {
    const closed = await driveTo(t, 'closed')
    const res = await t.call('demand', 'get', { id: closed._id }, OPENID.volunteer)
    expect(res.data).toMatchObject({ status: 'closed', contactPhone: '138****0001' })
  })

  test('another resident, a committee member and a stranger get NOT_FOUND; staff, street and the grid worker see everything', async () => {
    const d: Demand = await t.ok('demand', 'create', demandInput(), OPENID.resident)
    for (const who of [OPENID.resident2, OPENID.committee, OPENID.unit, OPENID.volunteer]) {
      expect((await t.call('demand', 'get', { id: d._id }, who)).error?.code).toBe('NOT_FOUND')
    }
    for (const who of [OPENID.staff, OPENID.street, OPENID.grid, OPENID.admin, OPENID.resident]) {
      expect((await t.call('demand', 'get', { id: d._id }, who)).data.contactPhone).toBe('13800000001')
    }
    expect((await t.call('demand', 'get', { id: 'no-such-demand' }, OPENID.staff)).error?.code).toBe('NOT_FOUND')
  })
})

describe('cancel', () => {
  test('before work starts; the assignee and staff are told', async () => {
    const d = await driveTo(t, 'dispatched')
    const res = await t.call('demand', 'cancel', { id: d._id, reason: '已经自己解决了' }, OPENID.resident)
    expect(res.data).toMatchObject({ status: 'cancelled', availableActions: [] })
    expect(res.data.timeline.at(-1)).toMatchObject({ action: 'cancel', from: 'dispatched', to: 'cancelled', note: '已经自己解决了' })
    expect(await inboxOf(USER.volunteer, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.cancelled' }))
    expect(await inboxOf(USER.staff, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.cancelled' }))
  })

  test('not once work has started (INVALID_STATE), and not twice', async () => {
    const d = await driveTo(t, 'in_progress')
    expect((await t.call('demand', 'cancel', { id: d._id }, OPENID.resident)).error?.code).toBe('INVALID_STATE')
    const e = await driveTo(t, 'submitted')
    await t.ok('demand', 'cancel', { id: e._id }, OPENID.resident)
    expect((await t.call('demand', 'cancel', { id: e._id }, OPENID.resident)).error?.code).toBe('INVALID_STATE')
  })

  test('a risky reason is CONTENT_RISKY and the demand is unchanged', async () => {
    const d = await driveTo(t, 'submitted')
    const res = await t.call('demand', 'cancel', { id: d._id, reason: '违禁词测试' }, OPENID.resident)
    expect(res.error?.code).toBe('CONTENT_RISKY')
    expect(res.stats.docsWritten).toBe(0)
    const { availableActions: _actions, ...stored } = d as Demand & { availableActions: string[] }
    expect(await readDemand(t, d._id)).toEqual(stored)
  })

  test('by someone else: NOT_FOUND for a stranger, FORBIDDEN for staff who can see it', async () => {
    const d = await driveTo(t, 'submitted')
    expect((await t.call('demand', 'cancel', { id: d._id }, OPENID.resident2)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('demand', 'cancel', { id: d._id }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
  })
})

describe('confirm, rate, reopen', () => {
  test('confirm moves done → reviewed and tells staff and the assignee', async () => {
    const d = await driveTo(t, 'done')
    const res = await t.call('demand', 'confirm', { id: d._id }, OPENID.resident)
    expect(res.data).toMatchObject({ status: 'reviewed', availableActions: ['rate', 'reopen'] })
    expect(await inboxOf(USER.staff, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.confirmed' }))
    expect(await inboxOf(USER.volunteer, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.confirmed' }))
    expect((await t.call('demand', 'confirm', { id: d._id }, OPENID.resident)).error?.code).toBe('INVALID_STATE')
  })

  test('rate once, with 1–5 stars; the rating is stored and a second rating is INVALID_STATE', async () => {
    const d = await driveTo(t, 'done')
    const bad = await t.call('demand', 'rate', { id: d._id, stars: 6 }, OPENID.resident)
    expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', fields: { stars: '星级为 1–5' } })
    const missing = await t.call('demand', 'rate', { id: d._id }, OPENID.resident)
    expect(missing.error).toMatchObject({ code: 'INVALID_INPUT', fields: { stars: '请选择星级' } })
    const risky = await t.call('demand', 'rate', { id: d._id, stars: 5, comment: '违禁词测试' }, OPENID.resident)
    expect(risky.error?.code).toBe('CONTENT_RISKY')
    expect((await readDemand(t, d._id)).rating).toBeUndefined()

    const rated: Demand = await t.ok('demand', 'rate', { id: d._id, stars: 5, comment: '非常及时，谢谢' }, OPENID.resident)
    expect(rated).toMatchObject({ status: 'reviewed', rating: { stars: 5, comment: '非常及时，谢谢' } })
    expect((await t.call('demand', 'rate', { id: d._id, stars: 4 }, OPENID.resident)).error?.code).toBe('INVALID_STATE')
    expect((await t.call('demand', 'rate', { id: d._id, stars: 1 }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
  })

  test('reopen sends it back to the assignee, clears the rating, and it can be rated again after the rework', async () => {
    const d = await driveTo(t, 'done')
    await t.ok('demand', 'rate', { id: d._id, stars: 2 }, OPENID.resident)
    const noReason = await t.call('demand', 'reopen', { id: d._id }, OPENID.resident)
    expect(noReason.error).toMatchObject({ code: 'INVALID_INPUT', fields: { reason: '请填写原因' } })
    const reopened: Demand = await t.ok('demand', 'reopen', { id: d._id, reason: '灯又不亮了' }, OPENID.resident)
    expect(reopened.status).toBe('in_progress')
    expect(reopened.rating).toBeUndefined()
    expect(reopened.timeline.at(-1)).toMatchObject({ action: 'reopen', note: '灯又不亮了（原评价 2 星）' })
    expect(await inboxOf(USER.volunteer, d._id)).toContainEqual(expect.objectContaining({ type: 'task.reopened' }))
    await t.ok('task', 'complete', { id: d._id, note: '换了新灯泡', hours: 1 }, OPENID.volunteer)
    expect(await t.ok('demand', 'rate', { id: d._id, stars: 5 }, OPENID.resident)).toMatchObject({ rating: { stars: 5 } })
  })

  test('reopen is not for submitted demands', async () => {
    const d = insertFixture(t, 'accepted')
    expect((await t.call('demand', 'reopen', { id: d._id, reason: '没有解决' }, OPENID.resident)).error?.code).toBe('INVALID_STATE')
  })
})
