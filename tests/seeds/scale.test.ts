/**
 * The scale data set (seeds/scale.cjs) at a small N: what a real community's history would
 * leave, by the project's own rules. Counts per status, timelines that follow the state
 * machine to the stored status, assignees who may do the work, a ledger that pays each closed
 * demand once with balances equal to its sums, active demands as the SLA timer leaves them,
 * the personas working on top of it, and the same documents from the same N and time.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { DemandStatuses, FinalStatuses, Transitions, loadHolderOf, slaDue, type Demand, type DemandAction } from '@honglin/shared'
import { startEmulator, type Emulator } from '../../emulator/src'
import { readSchema } from '../../emulator/src/schema'
import { useHonglin } from '../helpers/honglin'

const root = join(__dirname, '..', '..')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { seedScale } = require(join(root, 'seeds/scale.cjs')) as {
  seedScale(e: Emulator, o: { demands: number; now: number }): Promise<Summary>
}

interface Summary {
  generatedDemands: number
  demoDemands: number
  byStatus: Record<string, number>
  overdue: number
  documents: Record<string, number>
}

const N = 3000
const NOW = Date.UTC(2025, 5, 2, 1, 30)
const DAY = 24 * 3_600_000
const generated = (d: { _id: string }) => d._id.startsWith('demand-')

const t = useHonglin({ seed: false })
let summary: Summary
let digest: string

function all<T = any>(emulator: Emulator, collection: string): T[] {
  return emulator.database.listDocuments(collection, { skip: 0, limit: Number.MAX_SAFE_INTEGER }).docs as T[]
}

/** Every document of every collection, in a stable order. Ids the emulator chose itself (random) are left out. */
function digestOf(emulator: Emulator): string {
  const hash = createHash('sha256')
  for (const { name } of emulator.database.listCollections()) {
    const lines = all(emulator, name).map((doc) => JSON.stringify(/^[0-9a-f]{32}$/.test(String(doc._id)) ? { ...doc, _id: '?' } : doc))
    hash.update(`${name}\n${lines.sort().join('\n')}\n`)
  }
  return hash.digest('hex')
}

beforeAll(async () => {
  t.emulator.clock.set(NOW)
  summary = await seedScale(t.emulator, { demands: N, now: NOW })
  digest = digestOf(t.emulator)
}, 60_000)

test('N demands on top of the demo’s, in every status: most closed, a small active backlog, some overdue', () => {
  const demands = all<Demand>(t.emulator, 'demands').filter(generated)
  expect(demands).toHaveLength(N)
  const byStatus: Record<string, number> = {}
  for (const d of demands) byStatus[d.status] = (byStatus[d.status] ?? 0) + 1
  expect(byStatus).toEqual(summary.byStatus)
  for (const status of DemandStatuses) expect(byStatus[status]).toBeGreaterThan(0)
  expect(byStatus.closed).toBeGreaterThan(0.75 * N)
  const active = demands.filter((d) => !FinalStatuses.includes(d.status)).length
  expect(active).toBeGreaterThan(0.02 * N)
  expect(active).toBeLessThan(0.1 * N)
  expect(demands.filter((d) => d.overdue).length).toBe(summary.overdue)
  expect(summary.overdue).toBeGreaterThan(0)
  expect(t.emulator.database.listCollections().find((c) => c.name === 'demands')!.count).toBe(N + summary.demoDemands)
  // Three communities, all twelve grids, hundreds of people.
  expect(new Set(demands.map((d) => d.communityId)).size).toBe(3)
  expect(new Set(demands.map((d) => d.gridId)).size).toBe(12)
  expect(summary.documents.users).toBeGreaterThan(200)
})

test('every timeline follows the state machine, step by step, to the stored status; version counts the writes', () => {
  const demands = all<Demand>(t.emulator, 'demands').filter(generated)
  const problems: string[] = []
  for (const d of demands) {
    const [created, ...steps] = d.timeline
    if (created.action !== 'create' || created.to !== 'submitted' || created.at !== d.createdAt)
      problems.push(`${d._id}: no creation entry`)
    let status = created.to
    let at = created.at
    for (const e of steps) {
      const rule = Transitions[e.action as DemandAction]
      if (!rule) problems.push(`${d._id}: unknown action ${e.action}`)
      else if (e.from !== status || !rule.from.includes(status) || e.to !== (rule.to ?? status))
        problems.push(`${d._id}: ${e.action} ${e.from}→${e.to} after ${status}`)
      if (e.at < at) problems.push(`${d._id}: ${e.action} goes back in time`)
      status = e.to
      at = e.at
    }
    if (status !== d.status) problems.push(`${d._id}: timeline ends in ${status}, stored ${d.status}`)
    if (d.updatedAt !== at) problems.push(`${d._id}: updatedAt is not the last step`)
    // Each timeline entry was a write, and so was each escalation the SLA timer made.
    if (d.version !== d.timeline.length + (d.sla?.level ?? 0)) problems.push(`${d._id}: version ${d.version}`)
    if (d.createdAt < NOW - 731 * DAY || at > NOW) problems.push(`${d._id}: outside the two years before now`)
  }
  expect(problems).toEqual([])
  // A growing rate: the last year has more demands than the first.
  const firstYear = demands.filter((d) => d.createdAt < NOW - 365 * DAY).length
  expect(N - firstYear).toBeGreaterThan(firstYear * 1.3)
})

test('work goes to verified volunteers of the demand’s community or to units serving it, never to the owner', () => {
  const users = new Map(all(t.emulator, 'users').map((u) => [u._id, u]))
  const units = new Map(all(t.emulator, 'units').map((u) => [u._id, u]))
  const problems: string[] = []
  const kinds = new Set<string>()
  for (const d of all<Demand>(t.emulator, 'demands').filter(generated)) {
    const owner = users.get(d.ownerId)
    if (!owner || !owner.grants.some((g: any) => g.role === 'resident' && g.communityId === d.communityId))
      problems.push(`${d._id}: owner ${d.ownerId} is no resident of ${d.communityId}`)
    const working = ['dispatched', 'in_progress', 'done', 'reviewed', 'closed'].includes(d.status)
    if (working !== !!d.assignee && d.status !== 'cancelled') problems.push(`${d._id}: ${d.status} with assignee ${!!d.assignee}`)
    if (d.status === 'open' && !d.hall) problems.push(`${d._id}: open but not in the hall`)
    const a = d.assignee
    if (!a) continue
    kinds.add(a.type)
    if (a.type === 'volunteer') {
      const v = users.get(a.id)?.volunteer
      if (v?.status !== 'verified' || v.communityId !== d.communityId) problems.push(`${d._id}: ${a.id} is no verified volunteer here`)
      if (a.id === d.ownerId) problems.push(`${d._id}: assigned to its owner`)
    } else if (!units.get(a.id)?.communityIds.includes(d.communityId))
      problems.push(`${d._id}: unit ${a.id} does not serve ${d.communityId}`)
    if (a.name !== (users.get(a.id) ?? units.get(a.id))?.name) problems.push(`${d._id}: assignee name`)
  }
  expect(problems).toEqual([])
  expect([...kinds].sort()).toEqual(['unit', 'volunteer'])
})

test('the ledger pays each closed demand once, and every balance is the sum of its entries', () => {
  const ledger = all(t.emulator, 'points_ledger')
  const byDemand = new Map(ledger.map((e) => [e.demandId, e]))
  const closed = all<Demand>(t.emulator, 'demands').filter((d) => d.status === 'closed')
  // The demo mall's entries (opening points, redemptions, reversals) are not awards.
  expect(ledger.filter((e) => e.reason === 'demand_closed')).toHaveLength(closed.length)
  for (const d of closed) {
    const e = byDemand.get(d._id)
    expect(e).toMatchObject({ _id: `award-${d._id}`, ownerId: d.assignee!.id, delta: d.assignee!.points, reason: 'demand_closed' })
    expect(e.ownerType).toBe(d.assignee!.type === 'unit' ? 'unit' : 'user')
    expect(e.createdAt).toBe(d.updatedAt)
  }
  const sums = new Map<string, number>()
  for (const e of ledger) sums.set(e.ownerId, (sums.get(e.ownerId) ?? 0) + e.delta)
  const accounts = [...all(t.emulator, 'users'), ...all(t.emulator, 'units')]
  const wrong = accounts.filter((a) => a.pointsBalance !== (sums.get(a._id) ?? 0)).map((a) => `${a._id}: ${a.pointsBalance}`)
  expect(wrong).toEqual([])
  expect(accounts.filter((a) => a.pointsBalance > 0).length).toBeGreaterThan(50)
})

test('光荣榜: the rollups count the whole ledger, as the points timer would; a timer run then counts nothing', async () => {
  const counting = all(t.emulator, 'points_ledger').filter(
    (e) => e.ownerType === 'user' && ['demand_closed', 'award', 'correction'].includes(e.reason),
  )
  const sums = new Map<string, { points: number; items: number }>()
  for (const e of counting) {
    const s = sums.get(e.ownerId) ?? { points: 0, items: 0 }
    s.points += e.delta
    s.items += e.reason !== 'correction' && e.demandId ? 1 : 0
    sums.set(e.ownerId, s)
  }
  // Every volunteer's all-time rollups across the streets hold all their entries.
  const totals = new Map<string, { points: number; items: number }>()
  for (const r of all(t.emulator, 'honours').filter((r) => r.scope === 'street' && r.periodKey === 'all')) {
    const s = totals.get(r.ownerId) ?? { points: 0, items: 0 }
    s.points += r.points
    s.items += r.items
    totals.set(r.ownerId, s)
  }
  const wrong = [...sums].filter(([id, s]) => totals.get(id)?.points !== s.points || totals.get(id)?.items !== s.items)
  expect(wrong.map(([id, s]) => `${id}: ${JSON.stringify(s)} ≠ ${JSON.stringify(totals.get(id))}`)).toEqual([])
  expect(totals.size).toBeGreaterThan(50)
  const run = await t.emulator.functions.fireTimer('points', 'honours')
  expect(run.result).toMatchObject({ ok: true, data: { counted: 0 } })
  const board = await t.ok('points', 'ranking', { period: 'all' }, 'demo-volunteer')
  expect(board.items.length).toBeGreaterThan(10)
})

test('every assignee’s activeLoad counts the demands that count toward them, as the settle timer leaves it', () => {
  const should = new Map<string, number>()
  const demands = all<Demand>(t.emulator, 'demands')
  for (const d of demands) {
    const holder = loadHolderOf(d)
    expect(d.loadOf).toEqual(holder)
    expect(d.settleAt).toBeUndefined()
    if (holder) should.set(holder.id, (should.get(holder.id) ?? 0) + 1)
  }
  const accounts = [...all(t.emulator, 'users'), ...all(t.emulator, 'units')]
  const wrong = accounts.filter((a) => (a.activeLoad ?? 0) !== (should.get(a._id) ?? 0)).map((a) => `${a._id}: ${a.activeLoad}`)
  expect(wrong).toEqual([])
  expect(accounts.filter((a) => a.activeLoad > 0).length).toBeGreaterThan(10)
})

test('active demands are as the SLA timer left them: nothing new to mark, clear or confirm, and a timer run changes none', async () => {
  const demands = all<Demand>(t.emulator, 'demands').filter(generated)
  const findings = demands.map((d) => ({ id: d._id, due: slaDue(d, NOW) })).filter((f) => f.due)
  expect(findings).toEqual([])
  // Every active demand has its stored deadline, and those past it carry the overdue mark.
  const active = demands.filter((d) => !FinalStatuses.includes(d.status))
  expect(active.filter((d) => !d.sla).map((d) => d._id)).toEqual([])
  expect(active.filter((d) => d.sla!.level > 0 && !d.overdue).map((d) => d._id)).toEqual([])
  const versions = new Map(demands.map((d) => [d._id, d.version]))
  const run = await t.emulator.functions.fireTimer('sla', 'sla')
  expect(run.result).toMatchObject({ ok: true, data: { autoConfirmed: 0, failed: 0 } })
  const changed = all<Demand>(t.emulator, 'demands').filter((d) => generated(d) && d.version !== versions.get(d._id))
  expect(changed.map((d) => d._id)).toEqual([])
})

test('the personas work on top of it: staff queue, the volunteer’s tasks and points, the resident’s demands', async () => {
  const queue = await t.ok('dispatch', 'inbox', {}, 'demo-staff')
  expect(queue.items).toHaveLength(20)
  expect(queue.hasMore).toBe(true)
  expect(queue.items[0].overdue).toBeDefined()
  const tasks = await t.ok('task', 'mine', {}, 'demo-volunteer')
  expect(tasks.items.length).toBeGreaterThan(0)
  const points = await t.ok('points', 'balance', {}, 'demo-volunteer')
  expect(points.entries).toBeGreaterThan(0)
  const check = await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: 'user-volunteer' }, 'demo-admin')
  expect(check).toMatchObject({ consistent: true, balance: points.balance, entries: points.entries })
  const mine = await t.ok('demand', 'listMine', {}, 'demo-resident')
  expect(mine.items.length).toBeGreaterThan(1)
  const hall = await t.ok('task', 'hall', {}, 'demo-volunteer')
  expect(hall.items.length).toBeGreaterThan(0)
  expect(t.emulator.database.unindexedQueries()).toEqual([])
})

test('deterministic: the same N and time give the same documents, loaded in bulk or inserted one batch at a time', async () => {
  const schema = readSchema(join(root, 'database/schema.json'))
  const emulator = await startEmulator({ quiet: true, indexes: schema.indexes })
  for (const name of schema.collections) emulator.database.ensureCollection(name)
  try {
    // Without the emulator's bulk load the seed uses the ordinary insert.
    const plain = { clock: emulator.clock, database: { ...emulator.database, bulkLoad: undefined } } as unknown as Emulator
    await seedScale(plain, { demands: N, now: NOW })
    expect(digestOf(emulator)).toBe(digest)
  } finally {
    await emulator.stop()
  }
}, 60_000)
