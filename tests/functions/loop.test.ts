/**
 * The whole loop (点单 → 派单 → 接单 → 评单) for each kind of demand and each dispatch path,
 * ending with the assignee paid exactly once (by the settle timer, after the close); then the
 * points ledger against the balances,
 * and the round trips of every action in a typical call (written for the docs).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Demand } from '@honglin/shared'
import { useHonglin, type CallResult } from '../helpers/honglin'
import {
  BUDGET,
  OPENID,
  UNIT,
  USER,
  demandInput,
  driveTo,
  expectAllQueriesIndexed,
  instrument,
  requestId,
  saveMeasured,
  type Kind,
  type Path,
} from './support/demands'
import { eventsSeenBy } from './support/inbox'
import { settleAll } from './support/settle'

const t = instrument(useHonglin())

afterAll(() => {
  saveMeasured('loop')
  expectAllQueriesIndexed(t)
})

async function typesFor(userId: string, demandId: string): Promise<string[]> {
  return (await eventsSeenBy(t, userId, demandId)).reverse().map((n: { type: string }) => n.type)
}

async function balance(path: Path): Promise<number> {
  const [collection, id] = path === 'unit' ? ['units', UNIT] : ['users', USER.volunteer]
  return (await t.db.collection(collection).where({ _id: id }).get()).data[0].pointsBalance ?? 0
}

const KINDS: Kind[] = ['service', 'wish', 'report']
const PATHS: Path[] = ['volunteer', 'unit', 'hall']
const EXPECTED_POINTS: Record<Kind, number> = { service: 20, wish: 10, report: 5 }

describe.each(KINDS)('a %s demand', (kind) => {
  test.each(PATHS)('dispatched by %s, from order to close: every step recorded, told, and paid once', async (path) => {
    await settleAll(t)
    const before = await balance(path)
    const d: Demand = await driveTo(t, 'closed', { kind, path })
    // Owed by the close, paid by the timer.
    expect(await balance(path)).toBe(before)
    await settleAll(t)

    expect(d.status).toBe('closed')
    const dispatchSteps = path === 'hall' ? ['publish', 'claim'] : ['assign', 'acceptAssignment']
    expect(d.timeline.map((e) => e.action)).toEqual(['create', 'accept', ...dispatchSteps, 'start', 'complete', 'confirm', 'close'])
    for (const [i, e] of d.timeline.entries()) {
      expect(e).toEqual(
        expect.objectContaining({
          at: expect.any(Number),
          actorId: expect.any(String),
          actorName: expect.any(String),
          to: expect.any(String),
        }),
      )
      if (i > 0) expect(e.from).toBe(d.timeline[i - 1]!.to)
    }
    expect(d.version).toBe(d.timeline.length)

    // Paid exactly once: one ledger entry for the demand, the balance moved by its points.
    const points = EXPECTED_POINTS[kind]
    expect(d.assignee!.points).toBe(points)
    expect(await balance(path)).toBe(before + points)
    const ledger = (
      await t.db
        .collection('points_ledger')
        .where({ _id: `award-${d._id}` })
        .get()
    ).data
    expect(ledger).toEqual([
      expect.objectContaining({
        ownerType: path === 'unit' ? 'unit' : 'user',
        ownerId: path === 'unit' ? UNIT : USER.volunteer,
        delta: points,
      }),
    ])
    expect((await t.call('dispatch', 'close', { id: d._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
    await settleAll(t)
    expect(await balance(path)).toBe(before + points)

    // Everyone concerned was told at each step (never about their own action).
    const worker = path === 'unit' ? USER.unit : USER.volunteer
    const dispatched = path === 'hall' ? ['demand.published', 'demand.claimed'] : ['demand.dispatched', 'demand.acceptedByAssignee']
    expect(await typesFor(USER.resident, d._id)).toEqual([
      'demand.accepted',
      ...dispatched,
      'demand.started',
      'demand.done',
      'demand.closed',
    ])
    const staffSees = path === 'hall' ? ['demand.submitted', 'demand.claimed'] : ['demand.submitted', 'demand.acceptedByAssignee']
    expect(await typesFor(USER.staff, d._id)).toEqual([...staffSees, 'demand.done', 'demand.confirmed'])
    expect(await typesFor(worker, d._id)).toEqual([...(path === 'hall' ? [] : ['task.assigned']), 'demand.confirmed', 'demand.closed'])
  })
})

test('after everything, each points balance equals the sum of its ledger entries', async () => {
  for (const [collection, id] of [
    ['users', USER.volunteer],
    ['units', UNIT],
  ] as const) {
    const entries = (await t.db.collection('points_ledger').where({ ownerId: id }).limit(1000).get()).data as { delta: number }[]
    const stored = (await t.db.collection(collection).where({ _id: id }).get()).data[0].pointsBalance ?? 0
    expect(entries.length).toBeGreaterThan(0)
    expect(entries.reduce((sum, e) => sum + e.delta, 0)).toBe(stored)
  }
})

describe('round trips per action', () => {
  const typical = new Map<string, CallResult>()
  const run = async (fn: string, action: string, params: Record<string, unknown>, who: string) => {
    const res = await t.call(fn, action, params, who)
    if (!res.ok) throw new Error(`${fn}.${action}: ${res.error?.code}`)
    typical.set(`${fn}.${action}`, res)
    return res.data
  }

  afterAll(() => {
    const rows = [...typical].map(([key, res]) => {
      const openApi = res.stats.actions['wx.openApi'] ?? 0
      return { action: key, roundTrips: res.stats.roundTrips, database: res.stats.roundTrips - openApi, openApi, budget: BUDGET[key] }
    })
    const dir = join(__dirname, '..', '..', 'test-artifacts', 'round-trips')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'typical.json'), JSON.stringify(rows, null, 2))
  })

  test('a typical call of each action stays within its budget', async () => {
    const create = async () => (await run('demand', 'create', demandInput('service'), OPENID.resident)) as Demand
    const d = await create()
    await run('demand', 'get', { id: d._id }, OPENID.resident)
    await run('demand', 'listMine', {}, OPENID.resident)
    await run('dispatch', 'inbox', {}, OPENID.staff)
    await run('dispatch', 'accept', { id: d._id }, OPENID.staff)
    await run('dispatch', 'suggest', { id: d._id }, OPENID.staff)
    await run('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer } }, OPENID.staff)
    await run('task', 'mine', {}, OPENID.volunteer)
    await run('task', 'decline', { id: d._id, reason: '临时有事' }, OPENID.volunteer)
    await run('dispatch', 'publish', { id: d._id }, OPENID.staff)
    await run('task', 'hall', {}, OPENID.volunteer)
    await run('task', 'claim', { id: d._id }, OPENID.volunteer)
    await run('task', 'start', { id: d._id }, OPENID.volunteer)
    await run('task', 'progress', { id: d._id, note: '正在处理', requestId: requestId() }, OPENID.volunteer)
    await run('task', 'complete', { id: d._id, note: '已完成', hours: 1 }, OPENID.volunteer)
    await run('demand', 'reopen', { id: d._id, reason: '还没修好' }, OPENID.resident)
    await t.ok('task', 'complete', { id: d._id, note: '已修好', hours: 1 }, OPENID.volunteer)
    await run('demand', 'confirm', { id: d._id }, OPENID.resident)
    await run('demand', 'rate', { id: d._id, stars: 5, comment: '很满意' }, OPENID.resident)
    await run('dispatch', 'close', { id: d._id, evaluation: '办结' }, OPENID.staff)

    const assigned = await driveTo(t, 'dispatched')
    await run('task', 'accept', { id: assigned._id }, OPENID.volunteer)
    await run('demand', 'cancel', { id: (await create())._id }, OPENID.resident)
    await run('dispatch', 'reject', { id: (await create())._id, reason: '不属于服务范围' }, OPENID.staff)
    await run('dispatch', 'merge', { id: (await create())._id, intoId: assigned._id }, OPENID.staff)
    await run('demand', 'createOnBehalf', demandInput('wish', { ownerName: '孙奶奶', ownerPhone: '13900000021' }), OPENID.grid)
    await run('demand', 'listOnBehalf', {}, OPENID.grid)
    const first = await create()
    await run('demand', 'similar', { gridId: first.gridId, category: first.category, title: first.title }, OPENID.resident2)
    await run('demand', 'follow', { id: first._id }, OPENID.resident2)
    await run('dispatch', 'similar', { id: first._id }, OPENID.staff)
    await run('demand', 'listFollowing', {}, OPENID.resident2)

    for (const [key, res] of typical) expect({ key, ok: res.stats.roundTrips <= BUDGET[key]! }).toEqual({ key, ok: true })
    expect([...typical.keys()].sort()).toEqual(Object.keys(BUDGET).sort())
  })
})
