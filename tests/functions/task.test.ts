/**
 * `task`: the task hall and claiming (one winner among a hundred), the assignee's list, and
 * the work itself (accept, decline, start, progress, complete), through the real functions.
 */
import type { Demand } from '@honglin/shared'
import { writeDemandIfUnchanged } from '../../cloudfunctions/_runtime/db'
import { useHonglin } from '../helpers/honglin'
import {
  C1,
  OPENID,
  STREET,
  UNIT,
  USER,
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
import { eventsSeenBy } from './support/inbox'

const t = instrument(useHonglin())

afterAll(() => {
  saveMeasured('task')
  expectAllQueriesIndexed(t)
})

async function inboxOf(userId: string, demandId: string): Promise<{ type: string; body: string }[]> {
  return eventsSeenBy(t, userId, demandId)
}

describe('hall', () => {
  test('open demands of my community, newest first, contact details masked, by category', async () => {
    const wish = await driveTo(t, 'open', { kind: 'wish' })
    t.emulator.clock.advance(1000)
    const report = await driveTo(t, 'open', { kind: 'report' })
    const notOpen = await driveTo(t, 'accepted')
    const hall = await t.ok('task', 'hall', {}, OPENID.volunteer2)
    const ids = hall.items.map((d: Demand) => d._id)
    expect(ids.indexOf(report._id)).toBeLessThan(ids.indexOf(wish._id))
    expect(ids).not.toContain(notOpen._id)
    for (const d of hall.items) {
      expect(d).toMatchObject({ status: 'open', communityId: C1, contactPhone: expect.stringMatching(/^\d{3}\*{4}\d{4}$/) })
      expect(d.address).toMatch(/\*{4}$/)
    }
    expect(hall.items.find((d: Demand) => d._id === wish._id)).toMatchObject({
      contactPhone: '138****0001',
      contactName: '张**',
      hall: { points: 10 },
      availableActions: ['claim'],
    })
    const lights = await t.ok('task', 'hall', { category: 'street_light' }, OPENID.volunteer2)
    expect(lights.items.map((d: Demand) => d._id)).toContain(report._id)
    expect(lights.items.map((d: Demand) => d._id)).not.toContain(wish._id)
  })

  test('only for volunteers, and only of their community', async () => {
    for (const who of [OPENID.resident, OPENID.staff, OPENID.unit, OPENID.grid, OPENID.admin]) {
      expect((await t.call('task', 'hall', {}, who)).error?.code).toBe('FORBIDDEN')
    }
    expect((await t.call('task', 'hall', { communityId: 'community-hongxing' }, OPENID.volunteer)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('task', 'hall', { page: { limit: 500 } }, OPENID.volunteer)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'page.limit': expect.any(String) },
    })
  })
})

describe('claim', () => {
  test('the claimer becomes the accepted assignee with the hall’s points; the next claimer is ALREADY_CLAIMED', async () => {
    const d = await driveTo(t, 'open', { points: 12 })
    const res = await t.ok('task', 'claim', { id: d._id }, OPENID.volunteer)
    expect(res).toMatchObject({
      status: 'dispatched',
      assignee: { type: 'volunteer', id: USER.volunteer, points: 12 },
      availableActions: ['decline', 'start'],
    })
    expect(res.assignee.acceptedAt).toEqual(expect.any(Number))
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.claimed' }))
    expect(await inboxOf(USER.staff, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.claimed' }))
    const late = await t.call('task', 'claim', { id: d._id }, OPENID.volunteer2)
    expect(late.error).toMatchObject({ code: 'ALREADY_CLAIMED', message: '手慢了，该任务已被其他人认领' })
    expect(late.stats.docsWritten).toBe(0)
  })

  test('not by residents, staff or units; not for demands that are not in the hall', async () => {
    const d = await driveTo(t, 'open')
    for (const who of [OPENID.resident2, OPENID.unit, OPENID.committee])
      expect((await t.call('task', 'claim', { id: d._id }, who)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('task', 'claim', { id: d._id }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
    const accepted = await driveTo(t, 'accepted')
    expect((await t.call('task', 'claim', { id: accepted._id }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
    expect((await readDemand(t, d._id)).status).toBe('open')
  })

  test('100 volunteers claim one task at once: exactly one wins, 99 are ALREADY_CLAIMED, nothing stray is written', async () => {
    const volunteers = Array.from({ length: 100 }, (_, i) => `t-claimer-${i}`)
    insertUsers(
      t,
      volunteers.map((id, i) => ({
        _id: id,
        name: `志愿者${i}`,
        grants: [{ role: 'volunteer', communityId: C1, streetId: STREET }],
        volunteer: { status: 'verified', skills: [], isPartyMember: false, communityId: C1, appliedAt: 1 },
      })),
    )
    const d = await driveTo(t, 'open')
    const notes = async () => (await inboxOf(USER.resident, d._id)).length + (await inboxOf(USER.staff, d._id)).length
    const notesBefore = await notes()
    const results = await Promise.all(volunteers.map((openid) => t.call('task', 'claim', { id: d._id }, openid)))

    const winners = results.filter((r) => r.ok)
    const losers = results.filter((r) => !r.ok)
    expect(winners).toHaveLength(1)
    expect(losers).toHaveLength(99)
    expect(new Set(losers.map((r) => r.error?.code))).toEqual(new Set(['ALREADY_CLAIMED']))
    for (const r of losers) expect(r.stats.docsWritten).toBe(0)
    const stored = await readDemand(t, d._id)
    expect(stored.status).toBe('dispatched')
    expect(stored.assignee!.id).toBe(winners[0]!.data.assignee.id)
    expect(stored.timeline.filter((e) => e.action === 'claim')).toHaveLength(1)
    expect(stored.version).toBe(d.version + 1)
    // Only the winner's notifications (resident and staff) were added.
    expect((await notes()) - notesBefore).toBe(2)
    const claimers = new Set(volunteers)
    for (const id of volunteers.slice(0, 5)) expect(await inboxOf(id, d._id)).toEqual([])
    expect(claimers.has(stored.assignee!.id)).toBe(true)
  })

  test('a claim that read the task before another claim landed writes nothing (the conditional write)', async () => {
    // Under the emulator most of the hundred above read the task after the winner's write;
    // this pins the interleaving where the read came first.
    const d = await driveTo(t, 'open')
    const staleRead = await readDemand(t, d._id)
    await t.ok('task', 'claim', { id: d._id }, OPENID.volunteer)
    const outcome = await writeDemandIfUnchanged(t.db, staleRead, {
      status: 'dispatched',
      assignee: { type: 'volunteer', id: USER.volunteer2 },
    })
    expect(outcome).toBe('lost')
    expect((await readDemand(t, d._id)).assignee?.id).toBe(USER.volunteer)
  })
})

describe('mine', () => {
  test('demands assigned to me, or to my unit, by status', async () => {
    const toMe = await driveTo(t, 'dispatched')
    const toUnit = await driveTo(t, 'in_progress', { path: 'unit' })
    const mine = await t.ok('task', 'mine', {}, OPENID.volunteer)
    const ids = mine.items.map((d: Demand) => d._id)
    expect(ids).toContain(toMe._id)
    expect(ids).not.toContain(toUnit._id)
    expect(mine.items.find((d: Demand) => d._id === toMe._id)).toMatchObject({
      contactPhone: '13800000001',
      availableActions: ['acceptAssignment', 'decline'],
    })

    const unit = await t.ok('task', 'mine', { status: 'in_progress' }, OPENID.unit)
    expect(unit.items.map((d: Demand) => d._id)).toContain(toUnit._id)
    expect(unit.items.every((d: Demand) => d.status === 'in_progress' && d.assignee?.id === UNIT)).toBe(true)
    expect((await t.ok('task', 'mine', {}, OPENID.resident2)).items).toEqual([])
  })
})

describe('accept and decline', () => {
  test('accept records the acceptance once', async () => {
    const d = await driveTo(t, 'dispatched')
    const res = await t.ok('task', 'accept', { id: d._id }, OPENID.volunteer)
    expect(res).toMatchObject({
      status: 'dispatched',
      assignee: { acceptedAt: expect.any(Number) },
      availableActions: ['decline', 'start'],
    })
    expect(res.timeline.at(-1)).toMatchObject({ action: 'acceptAssignment', from: 'dispatched', to: 'dispatched' })
    expect(await inboxOf(USER.staff, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.acceptedByAssignee' }))
    expect((await t.call('task', 'accept', { id: d._id }, OPENID.volunteer)).error?.code).toBe('INVALID_STATE')
    expect((await t.call('task', 'accept', { id: d._id }, OPENID.volunteer2)).error?.code).toBe('NOT_FOUND')
  })

  test('decline needs a reason; returns the demand to staff, remembers who declined, clears the assignee', async () => {
    const d = await driveTo(t, 'dispatched', { path: 'unit' })
    expect((await t.call('task', 'decline', { id: d._id }, OPENID.unit)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { reason: '请填写退单原因' },
    })
    expect((await t.call('task', 'decline', { id: d._id, reason: '违禁词测试' }, OPENID.unit)).error?.code).toBe('CONTENT_RISKY')
    expect((await readDemand(t, d._id)).assignee?.id).toBe(UNIT)
    const res = await t.ok('task', 'decline', { id: d._id, reason: '本周检修任务已满' }, OPENID.unit)
    expect(res).toEqual({ _id: d._id, status: 'accepted', version: d.version + 1 })
    const stored = await readDemand(t, d._id)
    expect(stored).toMatchObject({ status: 'accepted', declinedBy: [UNIT] })
    expect(stored.assignee).toBeUndefined()
    expect(await inboxOf(USER.staff, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.declined', body: '本周检修任务已满' }))
    expect((await t.call('task', 'decline', { id: d._id, reason: '再退一次' }, OPENID.unit)).error?.code).toBe('NOT_FOUND')
  })
})

describe('start, progress, complete', () => {
  test('start only after accepting; progress and completion recorded with photos and hours', async () => {
    const d = await driveTo(t, 'dispatched')
    expect((await t.call('task', 'start', { id: d._id }, OPENID.volunteer)).error?.code).toBe('INVALID_STATE')
    await t.ok('task', 'accept', { id: d._id }, OPENID.volunteer)
    expect(await t.ok('task', 'start', { id: d._id }, OPENID.volunteer)).toMatchObject({ status: 'in_progress' })
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.started' }))

    const [p1, p2] = [await uploadPhoto(t), await uploadPhoto(t)]
    const progress = await t.ok(
      'task',
      'progress',
      { id: d._id, note: '已买好菜，正在送去', photos: [p1], requestId: requestId() },
      OPENID.volunteer,
    )
    expect(progress.status).toBe('in_progress')
    expect(progress.timeline.at(-1)).toMatchObject({ action: 'progress', note: '已买好菜，正在送去', photos: [p1] })
    expect((await t.call('task', 'progress', { id: d._id, note: '', requestId: requestId() }, OPENID.volunteer)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { note: '请填写进展说明' },
    })
    expect(
      (await t.call('task', 'progress', { id: d._id, note: 'x', photos: ['http://x/y.jpg'], requestId: requestId() }, OPENID.volunteer))
        .error,
    ).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { 'photos.0': '图片地址不正确' },
    })
    const risky = await t.call('task', 'progress', { id: d._id, note: '违禁词测试', requestId: requestId() }, OPENID.volunteer)
    expect(risky.error?.code).toBe('CONTENT_RISKY')
    expect((await readDemand(t, d._id)).version).toBe(progress.version)

    expect((await t.call('task', 'complete', { id: d._id, note: '已送达', hours: 0 }, OPENID.volunteer)).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { hours: '服务时长至少 0.5 小时' },
    })
    // An hour and a half of work, an hour after starting: within the tolerance.
    t.emulator.clock.advance(3_600_000)
    const done = await t.ok('task', 'complete', { id: d._id, note: '已送达，老人很满意', photos: [p2], hours: 1.5 }, OPENID.volunteer)
    expect(done).toMatchObject({ status: 'done', completion: { note: '已送达，老人很满意', photos: [p2], hours: 1.5 } })
    expect(done.timeline.at(-1)).toMatchObject({ action: 'complete', hours: 1.5 })
    expect(await inboxOf(USER.resident, d._id)).toContainEqual(expect.objectContaining({ type: 'demand.done' }))
    expect((await t.call('task', 'complete', { id: d._id, note: '再完成一次', hours: 1 }, OPENID.volunteer)).error?.code).toBe(
      'INVALID_STATE',
    )
  })

  test('a unit contact completes for the unit and is recorded as the worker', async () => {
    const d = await driveTo(t, 'in_progress', { path: 'unit' })
    t.emulator.clock.advance(3_600_000)
    const done = await t.ok('task', 'complete', { id: d._id, note: '线路已修复', hours: 2 }, OPENID.unit)
    expect(done.assignee).toMatchObject({ type: 'unit', id: UNIT, workerUserId: USER.unit })
  })

  test('only the assignee works on it', async () => {
    const d = insertFixture(t, 'in_progress')
    expect((await t.call('task', 'progress', { id: d._id, note: '代为记录', requestId: requestId() }, OPENID.volunteer2)).error?.code).toBe(
      'NOT_FOUND',
    )
    expect((await t.call('task', 'complete', { id: d._id, note: '代为完成', hours: 1 }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('task', 'start', { id: 'no-such-demand' }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
    expect(await readDemand(t, d._id)).toMatchObject({ status: 'in_progress', version: d.version })
  })
})
