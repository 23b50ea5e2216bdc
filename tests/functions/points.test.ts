/**
 * The `points` function: balance and ledger (积分明细) of the caller.
 *
 * Points are earned when staff close a demand (the `dispatch` function; the `settle` timer pays
 * the award within a minute). Here the awards are made by the same runtime code the timer uses,
 * `awardPointsInTransaction`, called in a
 * transaction through the test's own SDK on closed demands inserted directly, so that this
 * suite does not depend on the loop's functions.
 */
import type { Demand } from '@honglin/shared'
import { awardEntryFor, awardPointsInTransaction } from '../../cloudfunctions/_runtime/points'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { insertFixture, OPENID, USER } from './support/demands'
import { settleAll } from './support/settle'

const t = useHonglin()

const C1 = 'community-xinyuan'
const VOLUNTEER = 'user-volunteer-2'

const budget = useRoundTripBudget(t)

function closedDemand(id: string, assignee: { type: 'volunteer' | 'unit'; id: string; points: number }): Demand {
  const now = t.emulator.clock.now()
  return {
    _id: id,
    kind: 'service',
    category: 'errand',
    title: `代买药品 ${id}`,
    detail: '帮忙去药店买降压药',
    photos: [],
    address: '新园社区3号楼2单元501',
    streetId: 'street-guoyuan',
    communityId: C1,
    gridId: `${C1}-grid-2`,
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'user-resident',
    createdBy: 'user-resident',
    requestId: `req-${id}`,
    status: 'closed',
    createdAt: now,
    updatedAt: now,
    assignee: { ...assignee, name: assignee.id, assignedAt: now, assignedBy: 'user-staff', acceptedAt: now },
    timeline: [],
    version: 8,
  }
}

/** Awards a closed demand's points as closing does: ledger entry and balance in one transaction. */
async function award(demand: Demand): Promise<void> {
  t.emulator.database.insertMany('demands', [demand as unknown as Record<string, unknown>])
  t.emulator.clock.advance(60_000)
  const now = t.emulator.clock.now()
  const entry = awardEntryFor(demand, now, 'user-staff')
  if (entry) await t.db.runTransaction((tx: any) => awardPointsInTransaction(tx, t.db, entry))
}

const READS = new Set(['database.getDocument', 'database.aggregateDocuments', 'database.calculateDocument'])

test('before any award: zero', async () => {
  const res = await t.call('points', 'balance', {}, 'demo-volunteer-2')
  expect(res.data).toEqual({ balance: 0, entries: 0, reserved: 0 })
  budget('points.balance', res.stats, 2)
  const ledger = await t.call('points', 'ledger', {}, 'demo-volunteer-2')
  expect(ledger.data).toEqual({ items: [], hasMore: false })
})

test('after awards the balance equals the sum of the ledger; entries come newest first, paged', async () => {
  await award(closedDemand('pts-1', { type: 'volunteer', id: VOLUNTEER, points: 10 }))
  await award(closedDemand('pts-2', { type: 'volunteer', id: VOLUNTEER, points: 20 }))
  await award(closedDemand('pts-unit', { type: 'unit', id: 'unit-power', points: 30 }))
  await award(closedDemand('pts-3', { type: 'volunteer', id: VOLUNTEER, points: 15 }))
  // A second award for one demand is refused by the ledger's deterministic id; nothing changes.
  await expect(award({ ...closedDemand('pts-1', { type: 'volunteer', id: VOLUNTEER, points: 10 }), _id: 'pts-1' })).rejects.toBeDefined()

  const balance = await t.call('points', 'balance', {}, 'demo-volunteer-2')
  expect(balance.data).toEqual({ balance: 45, entries: 3, reserved: 0 })
  budget('points.balance', balance.stats, 2)
  expect(await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: VOLUNTEER }, OPENID.admin)).toEqual({
    ownerType: 'user',
    ownerId: VOLUNTEER,
    balance: 45,
    ledgerSum: 45,
    entries: 3,
    consistent: true,
  })

  const first = await t.call('points', 'ledger', { page: { limit: 2 } }, 'demo-volunteer-2')
  expect(first.data.items.map((e: any) => [e.demandId, e.delta])).toEqual([
    ['pts-3', 15],
    ['pts-2', 20],
  ])
  expect(first.data.items[0]).toMatchObject({
    _id: 'award-pts-3',
    ownerType: 'user',
    ownerId: VOLUNTEER,
    reason: 'demand_closed',
    createdBy: 'user-staff',
  })
  expect(first.data.hasMore).toBe(true)
  budget('points.ledger', first.stats, 2)
  const rest = await t.ok('points', 'ledger', { page: { offset: 2, limit: 2 } }, 'demo-volunteer-2')
  expect(rest.items.map((e: any) => e.demandId)).toEqual(['pts-1'])
  expect(rest.hasMore).toBe(false)

  // Reading points never writes: the ledger is append-only and nothing here appends.
  for (const res of [balance, first]) expect(Object.keys(res.stats.actions).every((a) => READS.has(a))).toBe(true)
})

test('each caller sees only their own points; a unit’s points are not a person’s', async () => {
  expect(await t.ok('points', 'balance', {}, 'demo-resident')).toEqual({ balance: 0, entries: 0, reserved: 0 })
  expect((await t.ok('points', 'ledger', {}, 'demo-resident')).items).toEqual([])
  // The unit contact: their unit earned 30, they personally did not.
  expect(await t.ok('points', 'balance', {}, 'demo-unit')).toEqual({ balance: 0, entries: 0, reserved: 0 })
  const unit = (await t.db.collection('units').where({ _id: 'unit-power' }).get()).data[0]
  expect(unit.pointsBalance).toBe(30)
  expect(await t.ok('points', 'reconcile', { ownerType: 'unit', ownerId: 'unit-power' }, OPENID.admin)).toMatchObject({
    balance: 30,
    ledgerSum: 30,
    entries: 1,
    consistent: true,
  })
})

test('the balance is the kept one, read with the caller: the ledger is not summed on the read path', async () => {
  // Many entries: a read that summed or listed them would grow with them; this one stays at two.
  t.emulator.database.insertMany('users', [
    { _id: 'user-bulk', openid: 'wx-bulk', name: '积分多', grants: [], pointsBalance: 1500, createdAt: 1, updatedAt: 1 },
  ])
  const entries = Array.from({ length: 1500 }, (_, i) => ({
    _id: `bulk-${i}`,
    ownerType: 'user',
    ownerId: 'user-bulk',
    delta: 1,
    reason: 'demand_closed',
    demandId: `bulk-demand-${i}`,
    note: '批量',
    createdAt: 1_700_000_000_000 + i,
    createdBy: 'user-staff',
  }))
  t.emulator.database.insertMany('points_ledger', entries)
  const res = await t.call('points', 'balance', {}, 'wx-bulk')
  expect(res.data).toEqual({ balance: 1500, entries: 1500, reserved: 0 })
  expect(res.stats.roundTrips).toBe(2)
  expect(res.stats.actions['database.aggregateDocuments'] ?? 0).toBe(0)
  expect(res.stats.actions['database.getDocument']).toBe(1)
  expect(await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: 'user-bulk' }, OPENID.admin)).toMatchObject({
    ledgerSum: 1500,
    entries: 1500,
    consistent: true,
  })
})

test('reconcile is for administrators only, and names a missing owner', async () => {
  for (const persona of ['volunteer2', 'staff', 'street'] as const) {
    const res = await t.call('points', 'reconcile', { ownerType: 'user', ownerId: VOLUNTEER }, OPENID[persona])
    expect(res.error?.code).toBe('FORBIDDEN')
  }
  const missing = await t.call('points', 'reconcile', { ownerType: 'unit', ownerId: 'no-such-unit' }, OPENID.admin)
  expect(missing.error?.code).toBe('NOT_FOUND')
  const res = await t.call('points', 'reconcile', { ownerType: 'user', ownerId: VOLUNTEER }, OPENID.admin)
  expect(res.stats.roundTrips).toBe(3)
})

test('a balance that disagrees with the ledger is reported by reconcile, not hidden', async () => {
  t.emulator.database.insertMany('users', [
    {
      _id: 'user-drift',
      openid: 'wx-drift',
      name: '对账测试',
      grants: [{ role: 'volunteer', communityId: C1 }],
      pointsBalance: 7,
      createdAt: 1,
      updatedAt: 1,
    },
  ])
  expect(await t.ok('points', 'balance', {}, 'wx-drift')).toEqual({ balance: 7, entries: 0, reserved: 0 })
  expect(await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: 'user-drift' }, OPENID.admin)).toMatchObject({
    balance: 7,
    ledgerSum: 0,
    consistent: false,
  })
})

test('paging is validated with Chinese messages', async () => {
  const res = await t.call('points', 'ledger', { page: { limit: 500 } }, 'demo-volunteer-2')
  expect(res.error!.code).toBe('INVALID_INPUT')
  expect(res.error!.fields!['page.limit']).toMatch(/[\u4e00-\u9fa5]/)
})

describe('closing many demands of one volunteer at once', () => {
  // The closes share no document; their awards all change the volunteer's balance and append to
  // the community's audit chain, which the settle timer does one demand at a time, exactly once.
  test('20 parallel closes all succeed: 20 ledger entries, the balance equals the ledger sum, one unbroken audit chain', async () => {
    const demands = Array.from({ length: 20 }, () => insertFixture(t, 'reviewed'))
    const before = await t.ok('points', 'balance', {}, OPENID.volunteer)
    const results = await Promise.all(demands.map((d) => t.call('dispatch', 'close', { id: d._id }, OPENID.staff)))
    const attempts = results.reduce((n, r) => n + (r.stats.actions['database.startTransaction'] ?? 0), 0)
    if (process.env.HONGLIN_PRINT_ROUND_TRIPS) console.log(`20 parallel closes: ${attempts} transaction attempts`)
    expect(results.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual([])
    // Nothing is paid before the timer runs; then everything, once, whatever runs overlap.
    expect(await t.ok('points', 'balance', {}, OPENID.volunteer)).toEqual(before)
    await Promise.all([settleAll(t), settleAll(t)])

    const ledger = await t.db
      .collection('points_ledger')
      .where({ ownerId: USER.volunteer, demandId: t.db.command.in(demands.map((d) => d._id)) })
      .get()
    expect(ledger.data).toHaveLength(20)
    const after = await t.ok('points', 'balance', {}, OPENID.volunteer)
    expect(after).toEqual({ entries: before.entries + 20, balance: before.balance + 20 * 20, reserved: before.reserved })
    expect(await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: USER.volunteer }, OPENID.admin)).toMatchObject({
      consistent: true,
    })

    const chain = (await t.db.collection('audit_log').where({ chain: C1 }).orderBy('seq', 'asc').limit(1000).get()).data
    expect(chain.map((e: any) => e.seq)).toEqual(chain.map((_: unknown, i: number) => i + 1))
    const closes = chain.filter((e: any) => e.action === 'demand.close' && demands.some((d) => d._id === e.target.id))
    expect(closes).toHaveLength(20)
    const verified = await t.ok('audit', 'verify', {}, OPENID.staff)
    expect(verified).toMatchObject({ ok: true, checked: chain.length, complete: true })
    expect(verified.checked).toBeGreaterThanOrEqual(40)
  })
})
