/**
 * `stats.ledger` (台账): a community's, a grid's and a street's demands received on the chosen
 * China days, newest first, paged by key through the end without a row twice or a row missing
 * (ties in time included), the ledger's columns with the contact masked, and who may read it.
 */
import { dayStart, type Demand } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { insertUsers } from './support/demands'
import {
  chinaTime,
  insertDemands,
  insertPlace,
  insertStaff,
  ledgerOrder,
  pageThrough,
  placedDemand,
  RL,
  RL_GRIDS,
  RL_STAFF,
  RL_STREET,
} from './support/reports'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const FROM = '2026-11-01'
const TO = '2026-11-30'
const inPeriod: Demand[] = []
let closed: Demand

beforeAll(() => {
  insertPlace(t)
  insertStaff(t)
  insertUsers(t, [
    {
      _id: 'rl-grid',
      openid: 'rl-grid',
      name: '测试网格员',
      grants: [{ role: 'grid_worker', communityId: RL, gridIds: [RL_GRIDS[1]!._id] }],
    },
  ])
  const start = dayStart(FROM)
  for (let i = 0; i < 137; i += 1) {
    // Every fifth shares its time with the one before: the id breaks the tie.
    const at = i % 5 === 4 ? inPeriod.at(-1)!.createdAt : chinaTime('2026-11-01', i * 300)
    inPeriod.push(placedDemand({ createdAt: at, gridId: RL_GRIDS[i % 3]!._id }))
  }
  // The first instant of the first day belongs; the instant before it and the first of the day after the last do not.
  inPeriod.push(placedDemand({ createdAt: start, gridId: RL_GRIDS[0]!._id }))
  const outside = [placedDemand({ createdAt: start - 1 }), placedDemand({ createdAt: dayStart('2026-12-01') })]
  const accepted = chinaTime('2026-11-10', 30)
  const done = chinaTime('2026-11-12')
  closed = placedDemand({
    createdAt: chinaTime('2026-11-10'),
    gridId: RL_GRIDS[1]!._id,
    status: 'closed',
    extra: {
      kind: 'report',
      category: 'street_light',
      title: '3号楼前路灯不亮',
      detail: '晚上很黑，联系我 13912345678',
      assignee: { type: 'volunteer', id: 'user-volunteer', name: '王小红', assignedAt: accepted, assignedBy: 'rl-staff', points: 10 },
      rating: { stars: 4, comment: '修得快，张阿姨很满意，电话13800000001', at: done },
      timeline: [
        { at: chinaTime('2026-11-10'), action: 'create', to: 'submitted', actorId: 'user-resident', actorName: '张阿姨' },
        { at: accepted, action: 'accept', from: 'submitted', to: 'accepted', actorId: 'rl-staff', actorName: '测试书记' },
        { at: done, action: 'close', from: 'reviewed', to: 'closed', actorId: 'rl-staff', actorName: '测试书记' },
      ],
    },
  })
  inPeriod.push(closed)
  insertDemands(t, [...inPeriod, ...outside])
})

const scope = { communityId: RL, from: FROM, to: TO }

test('the community ledger pages through every demand received on the days, newest first, none twice, none missing', async () => {
  const { ids, pages, maxTrips } = await pageThrough(t, scope, RL_STAFF.openid, 20)
  const expected = [...inPeriod].sort(ledgerOrder).map((d) => d._id)
  expect(ids).toHaveLength(139)
  expect(new Set(ids).size).toBe(ids.length)
  expect(ids).toEqual(expected)
  expect(pages).toBe(7)
  // The caller, the community, its grids and the page.
  budget('stats.ledger', { roundTrips: maxTrips }, 4)
})

test('a grid ledger holds that grid’s demands only, and a street ledger every community’s of the street', async () => {
  const grid = RL_GRIDS[1]!._id
  const byGrid = await pageThrough(t, { gridId: grid, from: FROM, to: TO }, RL_STAFF.openid, 50)
  expect(byGrid.ids).toEqual(
    [...inPeriod]
      .filter((d) => d.gridId === grid)
      .sort(ledgerOrder)
      .map((d) => d._id),
  )
  // The grid worker of that grid reads it too (and nothing wider).
  expect((await pageThrough(t, { gridId: grid, from: FROM, to: TO }, 'rl-grid', 50)).ids).toEqual(byGrid.ids)
  expect((await t.call('stats', 'ledger', scope, 'rl-grid')).error?.code).toBe('FORBIDDEN')

  const _ = t.db.command
  const street = await t.db
    .collection('demands')
    .where({ streetId: RL_STREET, createdAt: _.gte(dayStart(FROM)).and(_.lt(dayStart('2026-12-01'))) })
    .limit(1000)
    .get()
  const expected = (street.data as Demand[]).sort(ledgerOrder).map((d) => d._id)
  const byStreet = await pageThrough(t, { streetId: RL_STREET, from: FROM, to: TO }, 'demo-street', 50)
  expect(byStreet.ids).toEqual(expected)
  expect(byStreet.ids).toEqual(expect.arrayContaining(inPeriod.map((d) => d._id)))
})

test('a row has the ledger’s columns: grid name, labels, handler, accepted and closed times, rating; phones masked', async () => {
  const { rows } = await pageThrough(t, { gridId: RL_GRIDS[1]!._id, from: '2026-11-10', to: '2026-11-10' }, RL_STAFF.openid, 50)
  const row = rows.find((r) => r.id === closed._id)
  expect(row).toMatchObject({
    date: '2026-11-10',
    kindLabel: '随手拍',
    categoryLabel: '路灯损坏',
    gridName: '红邻测试社区第2网格',
    address: '新园里3号楼2门301',
    statusLabel: '已办结',
    handler: '王小红',
    contact: '张** 138****0001',
    acceptedAt: chinaTime('2026-11-10', 30),
    closedAt: chinaTime('2026-11-12'),
    rating: { stars: 4 },
  })
  expect(row.content).toBe('3号楼前路灯不亮：晚上很黑，联系我 ***********')
  expect(row.rating.comment).not.toMatch(/13800000001/)
  expect(row.rating.comment).toContain('张**')
  expect(JSON.stringify(rows)).not.toMatch(/1391234|13800000001/)
})

test('who may read a ledger: its staff, its street’s staff, admins; nobody else', async () => {
  const want: [string, Record<string, unknown>, string][] = [
    [RL_STAFF.openid, scope, 'ok'],
    ['demo-street', scope, 'ok'],
    ['demo-admin', scope, 'ok'],
    ['demo-staff', scope, 'FORBIDDEN'],
    ['demo-street-2', scope, 'FORBIDDEN'],
    ['demo-resident', scope, 'FORBIDDEN'],
    ['demo-volunteer', scope, 'FORBIDDEN'],
    ['demo-committee', scope, 'FORBIDDEN'],
    ['demo-staff', { streetId: RL_STREET, from: FROM, to: TO }, 'FORBIDDEN'],
    ['demo-street-2', { streetId: RL_STREET, from: FROM, to: TO }, 'FORBIDDEN'],
    ['demo-admin', { communityId: 'community-nowhere', from: FROM, to: TO }, 'NOT_FOUND'],
    // No place given: the caller's own (an admin has none).
    ['demo-admin', { from: FROM, to: TO }, 'INVALID_INPUT'],
    [RL_STAFF.openid, { from: FROM, to: TO }, 'ok'],
  ]
  const got = await Promise.all(want.map(([who, params]) => t.call('stats', 'ledger', params, who)))
  expect(got.map((r) => (r.ok ? 'ok' : r.error!.code))).toEqual(want.map((w) => w[2]))
  expect(got.at(-1)!.data.scope).toEqual({ kind: 'community', id: RL, name: '红邻测试社区' })
})

test('the input: one place at most, the days in order, a cursor only as answered', async () => {
  const bad = await Promise.all([
    t.call('stats', 'ledger', { communityId: RL, gridId: RL_GRIDS[0]!._id, from: FROM, to: TO }, RL_STAFF.openid),
    t.call('stats', 'ledger', { communityId: RL, from: TO, to: FROM }, RL_STAFF.openid),
    t.call('stats', 'ledger', { communityId: RL, from: '2026-11-31', to: TO }, RL_STAFF.openid),
    t.call('stats', 'ledger', { ...scope, cursor: 'abc' }, RL_STAFF.openid),
  ])
  expect(bad.map((r) => r.error?.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT'])
})
