/**
 * 光荣榜 and service-hour certificates (`points.ranking`, `certificate`, `verify`) on the
 * rollups the `points` timer keeps from the ledger. The awards are written as closing writes
 * them (`awardPointsInTransaction`) or, in bulk, as the documents it leaves; the timer is
 * fired as the platform fires it. The communities, street and volunteers here are the test's
 * own, so the demo data on the same board changes nothing.
 */
import { periodKeyOf, type Demand, type HonourRollup, type LedgerEntry } from '@honglin/shared'
import { awardEntryFor, awardPointsInTransaction } from '../../cloudfunctions/_runtime/points'
import { BOARD_SIZE } from '../../cloudfunctions/points/ranking'
import { rollup, ROLLUP_BATCH, SETTLE_MS } from '../../cloudfunctions/points/rollup'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { insertUsers, OPENID } from './support/demands'
import { cuttingTransaction } from './support/cut-off'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const ST = 'street-hx'
const ST_OTHER = 'street-hx-other'
const HA = 'community-hx-a'
const HB = 'community-hx-b'
const HC = 'community-hx-c'
const CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/

const volunteer = (id: string, name: string, communityId: string) => ({
  _id: id,
  name,
  volunteer: { status: 'verified', skills: [], isPartyMember: false, communityId, appliedAt: 0 },
})

beforeAll(() => {
  t.emulator.database.insertMany('communities', [
    { _id: HA, name: '红邻甲社区', streetId: ST },
    { _id: HB, name: '红邻乙社区', streetId: ST },
    { _id: HC, name: '红邻丙社区', streetId: ST_OTHER },
  ])
  insertUsers(t, [
    volunteer('hx-wang', '王小明', HA),
    volunteer('hx-li', '李四海', HB),
    volunteer('hx-zhao', '赵五', HB),
    volunteer('hx-qian', '钱六', HB),
    volunteer('hx-sun', '孙七', HB),
    volunteer('hx-zhou', '周八', HA),
    volunteer('hx-wu', '吴九', HC),
    volunteer('hx-idle', '郑十', HA),
  ])
})

let seq = 0

/** A closed demand of `owner` in `communityId` with `hours` reported, paid `points` as closing pays. */
async function award(owner: string, points: number, hours: number, communityId: string): Promise<Demand> {
  const now = t.emulator.clock.now()
  const demand = closed(`hx-d-${seq++}`, owner, points, hours, communityId, now)
  t.emulator.database.insertMany('demands', [demand as unknown as Record<string, unknown>])
  const entry = awardEntryFor(demand, now, 'user-staff')!
  await t.db.runTransaction((tx: any) => awardPointsInTransaction(tx, t.db, entry))
  return demand
}

function closed(id: string, owner: string, points: number, hours: number, communityId: string, at: number): Demand {
  return {
    _id: id,
    kind: 'service',
    category: 'errand',
    title: `代买药品 ${id}`,
    detail: '帮忙去药店买药',
    photos: [],
    address: '某小区',
    streetId: communityId === HC ? ST_OTHER : ST,
    communityId,
    gridId: `${communityId}-grid-1`,
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'user-resident',
    createdBy: 'user-resident',
    requestId: `req-${id}`,
    status: 'closed',
    createdAt: at,
    updatedAt: at,
    assignee: { type: 'volunteer', id: owner, name: owner, assignedAt: at, assignedBy: 'user-staff', acceptedAt: at, points },
    completion: { note: '已完成', photos: [], hours, at },
    timeline: [],
    version: 8,
  }
}

/** A staff correction: a ledger entry naming no demand (the owner's community is where it counts). */
async function correction(owner: string, delta: number): Promise<void> {
  const entry: LedgerEntry = {
    _id: `hx-fix-${seq++}`,
    ownerType: 'user',
    ownerId: owner,
    delta,
    reason: 'correction',
    note: '更正',
    createdAt: t.emulator.clock.now(),
    createdBy: 'user-admin',
  }
  await t.db.runTransaction((tx: any) => awardPointsInTransaction(tx, t.db, entry))
}

/** Fires the timer as the platform does, until it has nothing left; answers what it counted. */
async function fire(): Promise<number> {
  t.emulator.clock.advance(SETTLE_MS + 1000)
  let counted = 0
  for (let run = 0; run < 20; run++) {
    const { result, error, stats } = await t.emulator.functions.fireTimer('points', 'honours')
    expect(error).toBeUndefined()
    const answer = result as { ok: boolean; data: { counted: number; more: boolean; roundTrips: number } }
    expect(answer.ok).toBe(true)
    expect(stats.roundTrips).toBe(answer.data.roundTrips)
    counted += answer.data.counted
    if (!answer.data.more) return counted
  }
  throw new Error('the timer never caught up')
}

async function rollupOf(scopeId: string, period: 'month' | 'year' | 'all', owner: string): Promise<HonourRollup | undefined> {
  const key = periodKeyOf(period, t.emulator.clock.now())
  return (
    await t.db
      .collection('honours')
      .where({ _id: `${scopeId}:${key}:${owner}` })
      .get()
  ).data[0]
}

const ranking = (params: Record<string, unknown>, openid = 'hx-zhou') => t.call('points', 'ranking', params, openid)

test('only the platform’s timer runs the rollup: a caller sending a timer event is refused and nothing is counted', async () => {
  await award('hx-idle', 10, 1, HA)
  t.emulator.clock.advance(SETTLE_MS + 1000)
  for (const caller of [{ openid: 'hx-idle', source: 'wx_client' }, { source: 'scf' }]) {
    const { result } = await t.emulator.functions.invoke('points', { Type: 'Timer', TriggerName: 'honours' }, caller, {
      TRIGGER_SRC: 'timer',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }
  expect(await rollupOf(HA, 'month', 'hx-idle')).toBeUndefined()
  expect(await fire()).toBeGreaterThanOrEqual(1)
  expect(await rollupOf(HA, 'month', 'hx-idle')).toMatchObject({ points: 10, hours: 1, items: 1, ranked: false })
})

test('rollups follow closes and corrections, in every period and in both scopes; a second run counts nothing', async () => {
  await award('hx-wang', 10, 1.5, HA)
  await award('hx-wang', 20, 2, HA)
  await award('hx-wang', 5, 0.5, HA)
  await correction('hx-wang', -5)
  // Younger than the settling time: left for the next run.
  const early = await t.emulator.functions.fireTimer('points', 'honours')
  expect((early.result as any).data.counted).toBe(0)
  expect(await fire()).toBe(4)
  for (const scope of [HA, ST]) {
    for (const period of ['month', 'year', 'all'] as const) {
      expect(await rollupOf(scope, period, 'hx-wang')).toMatchObject({ points: 30, hours: 4, items: 3, ranked: true })
    }
  }
  expect(await rollupOf(HB, 'month', 'hx-wang')).toBeUndefined()
  expect(await fire()).toBe(0)
  await award('hx-wang', 7, 1.2, HA)
  expect(await fire()).toBe(1)
  expect(await rollupOf(ST, 'all', 'hx-wang')).toMatchObject({ points: 37, hours: 5.2, items: 4 })
})

describe('a run cut off', () => {
  test.each(['before commit', 'after commit'] as const)('%s and resumed counts each entry once', async (when) => {
    const owner = when === 'before commit' ? 'hx-sun' : 'hx-qian'
    const n = ROLLUP_BATCH * 2 + 7
    const now = t.emulator.clock.now()
    const demands = Array.from({ length: n }, (_, i) => closed(`hx-bulk-${when[0]}-${i}`, owner, 2, 0.5, HB, now))
    t.emulator.database.insertMany('demands', demands as unknown as Record<string, unknown>[])
    t.emulator.database.insertMany(
      'points_ledger',
      demands.map((d, i) => ({ ...awardEntryFor(d, now + i, 'user-staff')! }) as unknown as Record<string, unknown>),
    )
    t.emulator.clock.advance(SETTLE_MS + n + 1000)
    const ctx = { now: t.emulator.clock.now() }
    await expect(rollup({ ...ctx, db: cuttingTransaction(t.db, 2, when) })).rejects.toThrow(/cut off/)
    const afterCut = await rollupOf(HB, 'month', owner)
    // The first batch committed; the second counted wholly (after) or not at all (before).
    expect(afterCut?.items).toBe(when === 'before commit' ? ROLLUP_BATCH : ROLLUP_BATCH * 2)
    let counted = 0
    for (let run = 0; run < 5; run++) {
      const summary = await rollup({ ...ctx, db: t.db })
      counted += summary.counted
      if (!summary.more) break
    }
    expect(counted).toBe(when === 'before commit' ? n - ROLLUP_BATCH : n - 2 * ROLLUP_BATCH)
    for (const scope of [HB, ST]) expect(await rollupOf(scope, 'month', owner)).toMatchObject({ items: n, points: 2 * n, hours: n / 2 })
  })
})

describe('the board', () => {
  beforeAll(async () => {
    // HB: 李 and 赵 tie on points; 钱 and 孙 (bulk above) lead; 周 has two items in HA and one in HB.
    for (const [owner, points, hours, community] of [
      ['hx-li', 10, 3, HB],
      ['hx-li', 10, 3, HB],
      ['hx-li', 10, 3, HB],
      ['hx-zhao', 15, 1, HB],
      ['hx-zhao', 15, 1, HB],
      ['hx-zhou', 5, 1, HB],
      ['hx-zhou', 6, 1, HA],
      ['hx-zhou', 6, 1, HA],
      ['hx-wu', 50, 9, HC],
      ['hx-wu', 50, 9, HC],
      ['hx-wu', 50, 9, HC],
    ] as const) {
      await award(owner, points, hours, community)
    }
    await fire()
  })

  test('ties share a place, the minimum of items keeps a small sample off, the caller is marked', async () => {
    const res = await ranking({ communityId: HB, period: 'month' }, 'hx-li')
    expect(res.ok).toBe(true)
    budget('points.ranking', res.stats, 5)
    const board = res.data
    expect(board).toMatchObject({ scope: 'community', scopeId: HB, scopeName: '红邻乙社区', streetId: ST, by: 'points', minItems: 3 })
    expect(board.period).toEqual({
      kind: 'month',
      key: periodKeyOf('month', t.emulator.clock.now()),
      label: expect.stringMatching(/^\d{4}年\d{1,2}月$/),
    })
    expect(board.items.map((r: any) => [r.rank, r.name, r.points])).toEqual([
      [1, '钱**', 2 * (ROLLUP_BATCH * 2 + 7)],
      [1, '孙**', 2 * (ROLLUP_BATCH * 2 + 7)],
      [3, '李**', 30],
    ])
    expect(board.items.filter((r: any) => r.mine).map((r: any) => r.name)).toEqual(['李**'])
    expect(board.me).toMatchObject({ rank: 3, points: 30, hours: 9, items: 3, name: '李**', nameChoice: 'masked' })
    // 赵 has two items and 30 points: tied with 李 on points, not ranked.
    await award('hx-zhao', 0 + 1, 1, HB)
    await fire()
    const again = await ranking({ communityId: HB, period: 'month' }, 'hx-zhao')
    expect(again.data.items.map((r: any) => [r.rank, r.name])).toEqual([
      [1, '钱**'],
      [1, '孙**'],
      [3, '赵**'],
      [4, '李**'],
    ])
    expect(again.data.me).toMatchObject({ rank: 3, points: 31, items: 3 })
  })

  test('by service hours the order is the hours’', async () => {
    const board = await t.ok('points', 'ranking', { communityId: HB, period: 'year', by: 'hours' }, 'hx-li')
    expect(board.items.map((r: any) => [r.rank, r.name, r.hours])).toEqual([
      [1, '钱**', (ROLLUP_BATCH * 2 + 7) / 2],
      [1, '孙**', (ROLLUP_BATCH * 2 + 7) / 2],
      [3, '李**', 9],
      [4, '赵**', 3],
    ])
  })

  test('below the minimum: the caller sees their numbers without a place', async () => {
    const board = await t.ok('points', 'ranking', { communityId: HB, period: 'month' }, 'hx-zhou')
    expect(board.items.some((r: any) => r.mine)).toBe(false)
    expect(board.me).toMatchObject({ rank: null, points: 5, items: 1 })
  })

  test('a street’s board spans its communities; another street’s is apart', async () => {
    const street = await t.ok('points', 'ranking', { streetId: ST, period: 'month' }, 'hx-zhou')
    expect(street.scope).toBe('street')
    const names = street.items.map((r: any) => r.name)
    expect(names).toEqual(expect.arrayContaining(['钱**', '孙**', '王**', '李**', '赵**']))
    expect(names).not.toContain('吴**')
    // 周: two items in HA and one in HB, ranked in neither community but on the street's board.
    expect(street.me).toMatchObject({ points: 17, items: 3, hours: 3 })
    expect(street.me.rank).toBe(street.items.find((r: any) => r.mine).rank)
    for (const c of [HA, HB]) expect((await t.ok('points', 'ranking', { communityId: c, period: 'month' }, 'hx-zhou')).me.rank).toBeNull()
    const other = await t.ok('points', 'ranking', { streetId: ST_OTHER, period: 'all' }, 'hx-wu')
    expect(other.items.map((r: any) => [r.rank, r.name, r.points])).toEqual([[1, '吴**', 150]])
    // Without a scope: the caller's own community.
    const own = await t.ok('points', 'ranking', { period: 'all' }, 'hx-wang')
    expect(own).toMatchObject({ scope: 'community', scopeId: HA })
    expect(own.items.find((r: any) => r.mine)).toMatchObject({ name: '王**', points: 37 })
  })

  test('the privacy choice: masked by default, the full name once chosen, masked again when withdrawn', async () => {
    const nameOf = async () =>
      (await t.ok('points', 'ranking', { communityId: HB, period: 'month' }, 'hx-zhou')).items.find((r: any) => r.points === 30).name
    expect(await nameOf()).toBe('李**')
    await t.ok('user', 'updateProfile', { honourName: 'name' }, 'hx-li')
    expect(await nameOf()).toBe('李四海')
    expect((await t.ok('points', 'ranking', { communityId: HB, period: 'month' }, 'hx-li')).me).toMatchObject({
      name: '李四海',
      nameChoice: 'name',
    })
    await t.ok('user', 'updateProfile', { honourName: 'masked' }, 'hx-li')
    expect(await nameOf()).toBe('李**')
    const bad = await t.call('user', 'updateProfile', { honourName: 'everyone' }, 'hx-li')
    expect(bad.error).toMatchObject({ code: 'INVALID_INPUT', fields: { honourName: '请选择显示全名或隐去名字' } })
  })

  test('off the first page the caller’s place is counted, ties included', async () => {
    const key = periodKeyOf('all', t.emulator.clock.now())
    const BIG = 'community-hx-big'
    const rows = Array.from({ length: BOARD_SIZE + 5 }, (_, i) => ({
      _id: `${BIG}:${key}:hx-big-${i}`,
      scope: 'community',
      scopeId: BIG,
      periodKey: key,
      ownerId: `hx-big-${i}`,
      points: 1000 - Math.floor(i / 2),
      hours: 1,
      items: 3,
      ranked: true,
      updatedAt: 0,
    }))
    // The caller ties with the one before: 52 ahead of both with more points → both 53rd.
    rows.push({ ...rows[0]!, _id: `${BIG}:${key}:hx-idle`, ownerId: 'hx-idle', points: rows.at(-1)!.points })
    t.emulator.database.insertMany('honours', rows)
    const res = await ranking({ communityId: BIG, period: 'all' }, 'hx-idle')
    budget('points.ranking (off the board)', res.stats, 6)
    expect(res.data.items).toHaveLength(BOARD_SIZE)
    expect(res.data.items.at(-1).rank).toBeLessThan(res.data.me.rank)
    const ahead = rows.filter((r) => r.points > rows.at(-1)!.points).length
    expect(res.data.me.rank).toBe(ahead + 1)
  })
})

describe('certificates', () => {
  const year = () => Number(periodKeyOf('year', t.emulator.clock.now()))

  test('issue, ask again, verify by anyone; once the numbers change a new code supersedes the old', async () => {
    const res = await t.call('points', 'certificate', {}, 'hx-wang')
    expect(res.ok).toBe(true)
    budget('points.certificate (issue)', res.stats, 9)
    const first = res.data
    expect(first).toMatchObject({ year: year(), name: '王小明', hours: 5.2, items: 4, points: 37, period: { label: `${year()}年度` } })
    // What the shareable image shows: the name as chosen for honours (masked unless chosen) and the community.
    expect(first).toMatchObject({ shareName: '王**', communityName: '红邻甲社区' })
    expect(first.code).toMatch(CODE)
    expect(first.replaced).toBeUndefined()
    const again = await t.call('points', 'certificate', { year: year() }, 'hx-wang')
    expect(again.data.code).toBe(first.code)
    budget('points.certificate', again.stats, 3)

    for (const who of ['someone-not-registered', OPENID.resident, OPENID.staff, 'hx-li']) {
      const check = await t.call('points', 'verify', { code: first.code.toLowerCase().replace(/-/g, ' ') }, who)
      expect(check.ok).toBe(true)
      budget('points.verify', check.stats, 1)
      expect(check.data).toEqual({
        genuine: true,
        code: first.code,
        name: '王**',
        period: { key: String(year()), label: `${year()}年度` },
        hours: 5.2,
        items: 4,
        points: 37,
        issuedAt: first.issuedAt,
      })
    }

    await award('hx-wang', 3, 1, HA)
    await fire()
    const reissue = await t.call('points', 'certificate', {}, 'hx-wang')
    budget('points.certificate (supersede)', reissue.stats, 10)
    const second = reissue.data
    expect(second).toMatchObject({ hours: 6.2, items: 5, points: 40, replaced: first.code })
    expect(second.code).not.toBe(first.code)
    const old = await t.ok('points', 'verify', { code: first.code }, 'someone-not-registered')
    expect(old).toMatchObject({ genuine: true, items: 4, superseded: { by: second.code } })
    expect((await t.ok('points', 'verify', { code: second.code }, 'someone-not-registered')).superseded).toBeUndefined()
    expect((await t.ok('points', 'certificate', {}, 'hx-wang')).code).toBe(second.code)
    // Chose to appear by name: the image shows the full name; the certificate is the same.
    await t.ok('user', 'updateProfile', { honourName: 'name' }, 'hx-wang')
    expect(await t.ok('points', 'certificate', {}, 'hx-wang')).toMatchObject({ code: second.code, shareName: '王小明' })
    await t.ok('user', 'updateProfile', { honourName: 'masked' }, 'hx-wang')
  })

  test('two requests at once issue one certificate', async () => {
    await award('hx-wang', 3, 1, HA)
    await fire()
    const codes = await Promise.all([1, 2, 3].map(() => t.ok('points', 'certificate', {}, 'hx-wang')))
    expect(new Set(codes.map((c) => c.code)).size).toBe(1)
  })

  test('only the volunteer gets their own: the holder is the caller, never a parameter', async () => {
    const own = await t.ok('points', 'certificate', { ownerId: 'hx-wang' }, 'hx-li')
    expect(own).toMatchObject({ name: '李四海', points: 30, items: 3, hours: 9 })
    const resident = await t.call('points', 'certificate', {}, OPENID.resident)
    expect(resident.error).toMatchObject({ code: 'FORBIDDEN', message: '只有志愿者可以开具服务时长证明' })
    const stranger = await t.call('points', 'certificate', {}, 'someone-not-registered')
    expect(stranger.error?.code).toBe('NOT_REGISTERED')
    const none = await t.call('points', 'certificate', { year: 2021 }, 'hx-wang')
    expect(none.error).toMatchObject({ code: 'NOT_FOUND', message: '2021年还没有已办结的志愿服务记录，暂不能开具证明' })
    const ranking = await t.call('points', 'ranking', { period: 'month' }, 'someone-not-registered')
    expect(ranking.error?.code).toBe('NOT_REGISTERED')
  })

  test('bad codes are refused with a Chinese message', async () => {
    for (const code of ['abc', 'ABCD-EFGH-JK2O', 'head-hx-wang-2026', '']) {
      const res = await t.call('points', 'verify', { code }, 'someone-not-registered')
      expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields: { code: expect.stringMatching(/证书编号/) } })
    }
    const unknown = await t.call('points', 'verify', { code: 'ABCD-EFGH-JK23' }, 'someone-not-registered')
    expect(unknown.error).toMatchObject({ code: 'NOT_FOUND', message: '查无此证书编号，请核对后重新输入' })
    expect((await t.call('points', 'verify', {}, 'someone-not-registered')).error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { code: '请输入证书编号' },
    })
  })
})

// Last, as it moves the clock a year on.
test('a new year starts empty boards for the month and the year; all time keeps counting', async () => {
  const before = (await rollupOf(HA, 'all', 'hx-wang'))!
  t.emulator.clock.advance(366 * 24 * 3_600_000)
  await award('hx-wang', 4, 2, HA)
  expect(await fire()).toBe(1)
  expect(await rollupOf(HA, 'year', 'hx-wang')).toMatchObject({ points: 4, hours: 2, items: 1, ranked: false })
  expect(await rollupOf(HA, 'month', 'hx-wang')).toMatchObject({ points: 4, items: 1 })
  expect(await rollupOf(HA, 'all', 'hx-wang')).toMatchObject({ points: before.points + 4, items: before.items + 1, ranked: true })
  const board = await t.ok('points', 'ranking', { communityId: HA, period: 'year' }, 'hx-wang')
  expect(board.items).toEqual([])
  expect(board.me).toMatchObject({ rank: null, points: 4, items: 1 })
  expect(board.period.label).toBe(`${periodKeyOf('year', t.emulator.clock.now())}年度`)
  // Last year's certificate is still issued from last year's rollups.
  const lastYear = Number(periodKeyOf('year', t.emulator.clock.now())) - 1
  expect(await t.ok('points', 'certificate', { year: lastYear }, 'hx-wang')).toMatchObject({ year: lastYear, items: before.items })
})
