/**
 * `kill -9` in the middle of work. The emulator runs as its own process (the CLI with the
 * project's functions, schema and demo seed, as `npm run emulator -- --seed demo`); a
 * concurrent load drives the functions the way clients do — demands created and carried
 * through to 销号 with points, roles granted and revoked (大党委 members among them) — and the
 * process is killed at a random moment, then started again on the same data directory, for
 * several rounds. After each restart:
 * - every write a client saw acknowledged (`ok: true`) is there;
 * - every user's and unit's points balance equals the sum of their ledger entries;
 * - every committee_member grant has its committee_members row and every row its grant;
 * - every demand's status is the `to` of its last timeline entry, and each entry follows from
 *   the one before by a transition of the state machine;
 * - nobody holds two grants of one role in one place, no demand is paid twice.
 * The `settle` timer runs alongside the load (so kills land in its transactions too) and once
 * more after each restart, before the checks; then also:
 * - every acknowledged close has its ledger entry and exactly one `demand.close` audit entry,
 *   and every community's audit chain verifies;
 * - every assignee's `activeLoad` equals the number of demands that count toward them.
 * `HONGLIN_CRASH_ROUNDS` (default 3) and `HONGLIN_CRASH_SEED` change the rounds and the timing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  Transitions,
  loadHolderOf,
  type AuditEntry,
  type Demand,
  type DemandAction,
  type DemandStatus,
  type RoleGrant,
} from '@honglin/shared'
import { ensureBuilt, killHard, readCollection, startEmulatorProcess, type EmulatorProcess } from '../helpers/emulator-process'
import { C1, C2, PEOPLE, gridOf, type Who } from './support/personas'

jest.setTimeout(240_000)

const ROUNDS = Number(process.env.HONGLIN_CRASH_ROUNDS ?? 3)
const MEMBERSHIP_ROUNDS = Number(process.env.HONGLIN_CRASH_MEMBERSHIP_ROUNDS ?? 8)
const WORKERS = { demands: 3, roles: 2 }

/** A small seeded generator, so the moments of the kills repeat from run to run. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0
    return s / 2 ** 32
  }
}
const rand = random(Number(process.env.HONGLIN_CRASH_SEED ?? 7))

let child: EmulatorProcess | undefined
const dataDirs: string[] = []
let url = ''

beforeAll(() => {
  ensureBuilt()
})

afterAll(async () => {
  if (child) await killHard(child.proc)
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true })
})

class Gone extends Error {}

interface Answer {
  ok: boolean
  data?: any
  error?: { code: string; message: string }
}

const tally = { calls: 0, acknowledged: 0, refused: 0, cutOff: 0, escalations: [] as string[] }

/** One call as a client makes it; a connection the kill cut off throws `Gone`. */
async function call(fn: string, action: string, params: Record<string, unknown>, openid: string): Promise<Answer> {
  tally.calls += 1
  let res: Response
  try {
    res = await fetch(`${url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ action, ...params }),
      signal: AbortSignal.timeout(20_000),
    })
  } catch {
    tally.cutOff += 1
    throw new Gone()
  }
  let body: Answer
  try {
    body = (await res.json()) as Answer
  } catch {
    tally.cutOff += 1
    throw new Gone()
  }
  if (res.status !== 200 || body.error?.code === 'INTERNAL') {
    tally.escalations.push(`${fn}.${action}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`)
  }
  if (body.ok) tally.acknowledged += 1
  else tally.refused += 1
  return body
}

// --- what clients saw acknowledged ---

interface DemandRecord {
  id: string
  /** Transitions acknowledged, in order (after `create`). */
  acked: { action: DemandAction; to: DemandStatus }[]
  /** The step whose answer the kill cut off: it may or may not have landed. */
  inFlight?: { action: DemandAction; to: DemandStatus }
  closedWithPoints?: number
}
const demands = new Map<string, DemandRecord>()
/** Users created by an acknowledged login. */
const logins = new Map<string, string>()
/** userId → grant key → held (true) or revoked (false) as last acknowledged; absent when cut off. */
const roles = new Map<string, Map<string, boolean>>()

interface Place {
  owner: Who
  staff: Who
  volunteer: Who
  volunteerId: string
  communityId: string
}
const PLACES: Place[] = [
  { owner: 'resident', staff: 'staff', volunteer: 'volunteer2', volunteerId: PEOPLE.volunteer2.userId, communityId: C1 },
  { owner: 'resident3', staff: 'staff2', volunteer: 'volunteer3', volunteerId: PEOPLE.volunteer3.userId, communityId: C2 },
]

let counter = 0
const fresh = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** One demand from 点单 to 销号 with points, every step by the person whose step it is. */
async function carryDemand(place: Place): Promise<void> {
  const created = await call(
    'demand',
    'create',
    {
      kind: 'service',
      category: 'errand',
      title: '帮忙取快递',
      detail: '快递放在驿站，腿脚不便，请帮忙取回',
      address: '小区3号楼2门301',
      gridId: gridOf(place.communityId),
      contactName: '住户',
      contactPhone: '13800000001',
      requestId: fresh('crash'),
      consent: true,
    },
    PEOPLE[place.owner].openid,
  )
  if (!created.ok) return
  const record: DemandRecord = { id: created.data._id, acked: [] }
  demands.set(record.id, record)
  const points = 5 + Math.floor(rand() * 20)
  const steps: [string, string, DemandAction, DemandStatus, Who, Record<string, unknown>][] = [
    ['dispatch', 'accept', 'accept', 'accepted', place.staff, {}],
    ['dispatch', 'assign', 'assign', 'dispatched', place.staff, { assignee: { type: 'volunteer', id: place.volunteerId }, points }],
    ['task', 'accept', 'acceptAssignment', 'dispatched', place.volunteer, {}],
    ['task', 'start', 'start', 'in_progress', place.volunteer, {}],
    ['task', 'complete', 'complete', 'done', place.volunteer, { note: '已取回并送到家', hours: 0.5 }],
    ['demand', 'confirm', 'confirm', 'reviewed', place.owner, {}],
    ['dispatch', 'close', 'close', 'closed', place.staff, { evaluation: '及时' }],
  ]
  for (const [fn, action, machine, to, who, params] of steps) {
    record.inFlight = { action: machine, to }
    const res = await call(fn, action, { id: record.id, ...params }, PEOPLE[who].openid)
    record.inFlight = undefined
    if (!res.ok) return
    record.acked.push({ action: machine, to })
    if (machine === 'close') record.closedWithPoints = points
  }
}

const grantKey = (communityId: string, role: string, unitId?: string) => `${role}|${communityId}|${unitId ?? ''}`

function remember(userId: string, key: string, held: boolean | undefined): void {
  const mine = roles.get(userId) ?? new Map<string, boolean>()
  if (held === undefined) mine.delete(key)
  else mine.set(key, held)
  roles.set(userId, mine)
}

/** Role grants sent and not yet answered: the kill aims at one of them (a grant is more than one write). */
let grantsInFlight = 0

/** A new user logs in; staff make them a 大党委 member or a volunteer, and sometimes take it back. */
async function appointSomeone(): Promise<void> {
  const openid = fresh('wx-crash')
  const login = await call('user', 'login', {}, openid)
  if (!login.ok) return
  const userId = login.data.profile.userId as string
  logins.set(openid, userId)
  const committee = rand() < 0.6
  const role = committee ? 'committee_member' : 'volunteer'
  const params = { userId, role, communityId: C1, ...(committee ? { unitId: 'unit-hospital' } : {}) }
  const key = grantKey(C1, role)
  remember(userId, key, undefined)
  grantsInFlight += 1
  const granted = await call('org', 'grantRole', params, PEOPLE.staff.openid).finally(() => (grantsInFlight -= 1))
  if (!granted.ok) return
  remember(userId, key, true)
  if (rand() < 0.4) {
    remember(userId, key, undefined)
    const revoked = await call('org', 'revokeRole', { userId, role, communityId: C1 }, PEOPLE.staff.openid)
    if (revoked.ok) remember(userId, key, false)
  }
}

/** One user, made a 大党委 member and taken off again, over and over: each step is a grant and a committee row. */
function membershipCycle(): () => Promise<void> {
  let userId: string | undefined
  return async () => {
    if (!userId) {
      const openid = fresh('wx-member')
      const login = await call('user', 'login', {}, openid)
      if (!login.ok) return
      userId = login.data.profile.userId as string
      logins.set(openid, userId)
    }
    const key = grantKey(C1, 'committee_member')
    const holds = roles.get(userId)?.get(key) === true
    const action = holds ? 'revokeRole' : 'grantRole'
    remember(userId, key, undefined)
    grantsInFlight += 1
    const res = await call(
      'org',
      action,
      { userId, role: 'committee_member', communityId: C1, unitId: 'unit-court' },
      PEOPLE.staff.openid,
    ).finally(() => (grantsInFlight -= 1))
    if (res.ok) remember(userId, key, !holds)
    // A step the kill cut off leaves the state unknown: this user is left alone from then on.
    else userId = undefined
  }
}

/** The settle timer, fired as the platform would; a run the kill cut off is simply gone. */
async function settleRun(): Promise<{ more: boolean }> {
  let res: Response
  try {
    res = await fetch(`${url}/_emulator/timers/settle/settle`, { method: 'POST', signal: AbortSignal.timeout(30_000) })
  } catch {
    throw new Gone()
  }
  const body = (await res.json().catch(() => {
    throw new Gone()
  })) as { result?: { ok: boolean; data?: { more: boolean; failed: number } }; error?: string }
  if (!body.result?.ok || body.result.data?.failed) tally.escalations.push(`settle: ${JSON.stringify(body).slice(0, 200)}`)
  return { more: !!body.result?.data?.more }
}

/** As the platform’s minute timer would, only every second: kills land in its transactions too, without starving the load. */
async function settleWhileLoaded(): Promise<void> {
  await settleRun()
  await sleep(1000)
}

/** After a restart: everything owed is settled before the checks. */
async function settleEverything(): Promise<void> {
  for (let i = 0; i < 50; i++) if (!(await settleRun()).more) return
  tally.escalations.push('settle did not finish after a restart')
}

/** Runs `work` over and over until the process is gone or `stop()` says so. */
async function worker(work: () => Promise<void>, stop: () => boolean): Promise<void> {
  while (!stop()) {
    try {
      await work()
    } catch (error) {
      if (error instanceof Gone) return
      throw error
    }
  }
}

// --- the checks after a restart ---

type Doc = Record<string, any>

function problemsIn(data: Record<string, Doc[]>): { lost: string[]; broken: string[]; duplicates: string[] } {
  const lost: string[] = []
  const broken: string[] = []
  const duplicates: string[] = []
  const byId = (docs: Doc[]) => new Map(docs.map((d) => [String(d._id), d]))
  const demandsById = byId(data.demands!)
  const users = data.users!
  const usersById = byId(users)

  // Every acknowledged write is there.
  for (const r of demands.values()) {
    const d = demandsById.get(r.id)
    if (!d) {
      lost.push(`demand ${r.id} (acknowledged create)`)
      continue
    }
    const done = (d.timeline as Doc[]).slice(1).map((e) => e.action as string)
    const acked = r.acked.map((s) => s.action as string)
    const prefix = done.slice(0, acked.length)
    if (JSON.stringify(prefix) !== JSON.stringify(acked))
      lost.push(`demand ${r.id}: acknowledged ${acked.join('→')}, stored ${done.join('→')}`)
    const extra = done.slice(acked.length)
    if (extra.length > 1 || (extra.length === 1 && extra[0] !== r.inFlight?.action))
      broken.push(`demand ${r.id}: steps nobody acknowledged or had in flight: ${extra.join('→')}`)
    if (r.closedWithPoints !== undefined && !data.points_ledger!.some((e) => e.demandId === r.id && e.reason === 'demand_closed'))
      lost.push(`demand ${r.id}: closed (acknowledged) without its ledger entry`)
  }
  for (const [openid, userId] of logins) {
    if (!users.some((u) => u.openid === openid && u._id === userId)) lost.push(`user ${userId} (acknowledged login of ${openid})`)
  }
  for (const [userId, keys] of roles) {
    const grants = (usersById.get(userId)?.grants ?? []) as RoleGrant[]
    for (const [key, held] of keys) {
      const has = grants.some((g) => grantKey(g.communityId ?? '', g.role) === key)
      if (has !== held)
        lost.push(`user ${userId}: ${key} ${held ? 'granted' : 'revoked'} (acknowledged), stored ${has ? 'held' : 'not held'}`)
    }
  }

  // Points balances follow from the ledger; nothing is paid twice.
  const sums = new Map<string, number>()
  const paid = new Map<string, number>()
  for (const e of data.points_ledger!) {
    sums.set(`${e.ownerType}:${e.ownerId}`, (sums.get(`${e.ownerType}:${e.ownerId}`) ?? 0) + Number(e.delta))
    if (e.reason === 'demand_closed') paid.set(e.demandId, (paid.get(e.demandId) ?? 0) + 1)
  }
  for (const [type, docs] of [
    ['user', users],
    ['unit', data.units!],
  ] as const) {
    for (const owner of docs) {
      const sum = sums.get(`${type}:${owner._id}`) ?? 0
      if (Number(owner.pointsBalance ?? 0) !== sum) broken.push(`${type} ${owner._id}: balance ${owner.pointsBalance}, ledger sum ${sum}`)
    }
  }
  for (const [demandId, n] of paid) if (n > 1) duplicates.push(`demand ${demandId} paid ${n} times`)

  // Settled closes are in the audit chains, once each (the chains are verified by audit.verify, chainProblems).
  const closesAudited = new Map<string, number>()
  for (const e of data.audit_log as unknown as AuditEntry[]) {
    if (e.action === 'demand.close') closesAudited.set(e.target.id, (closesAudited.get(e.target.id) ?? 0) + 1)
  }
  for (const r of demands.values()) {
    if (r.closedWithPoints !== undefined && closesAudited.get(r.id) !== 1)
      lost.push(`demand ${r.id}: closed (acknowledged) with ${closesAudited.get(r.id) ?? 0} demand.close audit entries`)
  }
  for (const [id, n] of closesAudited) if (n > 1) duplicates.push(`demand ${id}: ${n} demand.close audit entries`)

  // Load counters follow from the demands; nothing is left owed.
  const loads = new Map<string, number>()
  for (const d of data.demands! as unknown as Demand[]) {
    const holder = loadHolderOf(d)
    if (holder) loads.set(holder.id, (loads.get(holder.id) ?? 0) + 1)
    if (d.settleAt !== undefined) broken.push(`demand ${d._id}: still owed to the settle timer after it finished`)
  }
  for (const owner of [...users, ...data.units!]) {
    const want = loads.get(String(owner._id)) ?? 0
    if (Number(owner.activeLoad ?? 0) !== want) broken.push(`${owner._id}: activeLoad ${owner.activeLoad}, demands counting ${want}`)
  }

  // Committee rows and committee_member grants go together.
  const rows = new Set(data.committee_members!.map((r) => `${r.communityId}|${r.userId}`))
  const granted = new Set<string>()
  for (const u of users) {
    const keys = new Set<string>()
    for (const g of (u.grants ?? []) as RoleGrant[]) {
      if (g.role === 'committee_member') granted.add(`${g.communityId}|${u._id}`)
      // One position per role and place (per unit for unit contacts).
      const key = [
        g.role,
        g.role === 'street_staff' ? g.streetId : '',
        g.communityId ?? '',
        g.role === 'unit_contact' ? g.unitId : '',
      ].join('|')
      if (keys.has(key)) duplicates.push(`user ${u._id} holds ${key} twice`)
      keys.add(key)
    }
  }
  for (const r of rows) if (!granted.has(r)) broken.push(`committee row ${r} without a committee_member grant`)
  for (const g of granted) if (!rows.has(g)) broken.push(`committee_member grant ${g} without a committee row`)

  // Each demand's timeline is a walk through the state machine ending in its status.
  const requests = new Set<string>()
  for (const d of data.demands!) {
    const timeline = d.timeline as Doc[]
    const first = timeline[0]
    if (first?.action !== 'create' || first.to !== 'submitted')
      broken.push(`demand ${d._id}: timeline does not start with create → submitted`)
    for (let i = 1; i < timeline.length; i++) {
      const e = timeline[i]!
      const prev = timeline[i - 1]!.to as DemandStatus
      const t = Transitions[e.action as DemandAction]
      if (!t) broken.push(`demand ${d._id}: unknown timeline action ${e.action}`)
      else if (e.from !== prev || !t.from.includes(prev) || e.to !== (t.to ?? prev))
        broken.push(`demand ${d._id}: ${e.action} ${e.from}→${e.to} after ${prev} is not a transition of the machine`)
    }
    if (timeline.at(-1)?.to !== d.status) broken.push(`demand ${d._id}: status ${d.status}, last timeline entry → ${timeline.at(-1)?.to}`)
    const request = `${d.createdBy}|${d.requestId}`
    if (requests.has(request)) duplicates.push(`two demands for request ${request}`)
    requests.add(request)
  }
  return { lost, broken, duplicates }
}

/** Every chain the load appends to, verified by the `audit` function as an administrator. */
async function chainProblems(): Promise<string[]> {
  const problems: string[] = []
  for (const communityId of [C1, C2, undefined]) {
    const res = await call('audit', 'verify', communityId ? { communityId } : {}, PEOPLE.admin.openid)
    if (!res.ok || !res.data.ok || !res.data.complete)
      problems.push(`audit chain ${communityId ?? 'global'}: ${JSON.stringify(res.data ?? res.error)}`)
  }
  return problems
}

async function readAll(): Promise<Record<string, Doc[]>> {
  const names = ['users', 'units', 'demands', 'points_ledger', 'committee_members', 'audit_log']
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readCollection(url, n)] as const)))
}

interface Round {
  test: string
  acknowledged: number
  killedAfterMs: number
  lost: number
  broken: number
  duplicates: number
}
const rounds: Round[] = []

afterAll(() => {
  if (process.env.HONGLIN_PRINT_CRASH) console.log(JSON.stringify({ tally: { ...tally, escalations: tally.escalations.length }, rounds }))
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * `count` rounds: the workers write until the round has seen `threshold()` acknowledged writes,
 * then the process is killed (while a role grant is on its way, a few milliseconds into it)
 * and started again; answers what the checks found, each problem the first time it shows.
 */
async function killRounds(name: string, count: number, workers: (() => () => Promise<void>)[], threshold: () => number): Promise<string[]> {
  // Each test on its own data directory, freshly seeded, with its own record of what was acknowledged.
  demands.clear()
  logins.clear()
  roles.clear()
  if (child) await killHard(child.proc)
  const dataDir = mkdtempSync(join(tmpdir(), 'honglin-crash-'))
  dataDirs.push(dataDir)
  child = await startEmulatorProcess(dataDir)
  url = child.url
  const findings = new Map<string, number>()
  for (let round = 1; round <= count; round++) {
    const ackedAtStart = tally.acknowledged
    const enough = threshold()
    const started = Date.now()
    let stopped = false
    const running = workers.map((make) => worker(make(), () => stopped))
    while (tally.acknowledged - ackedAtStart < enough && Date.now() - started < 20_000) await sleep(5)
    for (const until = Date.now() + 5_000; grantsInFlight === 0 && Date.now() < until;) await sleep(0)
    await sleep(Math.floor(rand() * 8))
    await killHard(child.proc)
    const killedAfterMs = Date.now() - started
    stopped = true
    await Promise.all(running)

    child = await startEmulatorProcess(dataDir, child.port)
    url = child.url
    await settleEverything()
    const { lost, broken, duplicates } = problemsIn(await readAll())
    broken.push(...(await chainProblems()))
    rounds.push({
      test: name,
      acknowledged: tally.acknowledged - ackedAtStart,
      killedAfterMs,
      lost: lost.length,
      broken: broken.length,
      duplicates: duplicates.length,
    })
    for (const p of [...lost, ...broken, ...duplicates]) if (!findings.has(p)) findings.set(p, round)
  }
  return [...findings].map(([p, round]) => `round ${round}: ${p}`)
}

test(`${ROUNDS} rounds of kill -9 under a concurrent write load lose no acknowledged write and keep every invariant`, async () => {
  const workers = [
    ...Array.from({ length: WORKERS.demands }, (_, i) => () => () => carryDemand(PLACES[i % PLACES.length]!)),
    ...Array.from({ length: WORKERS.roles }, () => () => appointSomeone),
    () => settleWhileLoaded,
  ]
  // Kill once the round has seen between 60 and 140 acknowledged writes.
  const findings = await killRounds('mixed load', ROUNDS, workers, () => 60 + Math.floor(rand() * 80))
  expect({ findings, escalations: tally.escalations }).toEqual({ findings: [], escalations: [] })
  // The load did reach every kind of write.
  expect([...demands.values()].some((r) => r.closedWithPoints !== undefined)).toBe(true)
  expect([...roles.values()].some((keys) => [...keys].some(([key, held]) => key.startsWith('committee_member') && held))).toBe(true)
})

test(`${MEMBERSHIP_ROUNDS} short rounds of kill -9 while 大党委 members are appointed and removed keep grants and committee rows together`, async () => {
  const workers = Array.from({ length: 4 }, () => membershipCycle)
  const findings = await killRounds('membership', MEMBERSHIP_ROUNDS, workers, () => 10 + Math.floor(rand() * 30))
  expect({ findings, escalations: tally.escalations }).toEqual({ findings: [], escalations: [] })
})
