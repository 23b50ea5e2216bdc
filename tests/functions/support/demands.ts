/**
 * Shared by the demand/dispatch/task suites: valid inputs, the demo personas by role, a way to
 * drive a demand through the loop with the real functions, direct fixtures in any state for
 * the permission matrix, and the round-trip budget each action is held to.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DefaultPointsPolicy, type Demand, type DemandStatus } from '@honglin/shared'
import { unindexedByFunctions, type Honglin } from '../../helpers/honglin'

export const C1 = 'community-xinyuan'
export const C2 = 'community-guoyuan-south'
export const G1 = `${C1}-grid-1`
export const G2 = `${C1}-grid-2`
export const G_OTHER = `${C2}-grid-1`
export const STREET = 'street-guoyuan'

export const OPENID = {
  resident: 'demo-resident',
  resident2: 'demo-resident-2',
  volunteer: 'demo-volunteer',
  volunteer2: 'demo-volunteer-2',
  grid: 'demo-grid',
  staff: 'demo-staff',
  unit: 'demo-unit',
  committee: 'demo-committee',
  street: 'demo-street',
  admin: 'demo-admin',
} as const
export type Persona = keyof typeof OPENID
export const PERSONA_NAMES = Object.keys(OPENID) as Persona[]

export const USER = {
  resident: 'user-resident',
  resident2: 'user-resident-2',
  volunteer: 'user-volunteer',
  volunteer2: 'user-volunteer-2',
  grid: 'user-grid',
  staff: 'user-staff',
  unit: 'user-unit',
  committee: 'user-committee',
  street: 'user-street',
  admin: 'user-admin',
} as const

export const UNIT = 'unit-power'

let counter = 0
export const requestId = (prefix = 'req') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`

/** A 1×1 PNG. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** Uploads a photo to the emulator's storage as the client does; answers its file id (this env's). */
export async function uploadPhoto(t: Honglin, bytes: Buffer = PNG): Promise<string> {
  const { fileID } = await t.cloud.uploadFile({ cloudPath: `test/${requestId('photo')}.png`, fileContent: bytes })
  return fileID
}

export type Kind = 'service' | 'wish' | 'report'
const SAMPLE: Record<Kind, { category: string; title: string; detail: string }> = {
  service: { category: 'elderly_care', title: '帮忙买菜送上门', detail: '腿脚不便，每周需要有人帮忙买一次菜' },
  wish: { category: 'study_supplies', title: '想要一个新书包', detail: '孙子上三年级，书包已经破了' },
  report: { category: 'street_light', title: '楼下路灯不亮了', detail: '3号楼东侧路灯坏了一个星期，晚上很黑' },
}

export function demandInput(kind: Kind = 'service', overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind,
    ...SAMPLE[kind],
    address: '新园里3号楼2门301',
    gridId: G1,
    contactName: '张阿姨',
    contactPhone: '13800000001',
    requestId: requestId(),
    consent: true,
    ...overrides,
  }
}

/** Where a demand is driven to, and by which dispatch path. */
export type Path = 'volunteer' | 'unit' | 'hall'

const AHEAD: DemandStatus[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'done', 'reviewed', 'closed']

/**
 * Creates a demand as the resident and drives it to `target` with the real functions along
 * `path` (for `dispatched`: assigned and not yet accepted, or claimed when `path` is hall).
 */
export async function driveTo(
  t: Honglin,
  target: DemandStatus,
  options: { kind?: Kind; path?: Path; points?: number } = {},
): Promise<Demand> {
  const { kind = 'service', path = 'volunteer', points } = options
  let d: Demand = await t.ok('demand', 'create', demandInput(kind), OPENID.resident)
  const step = async (fn: string, action: string, params: Record<string, unknown>, who: Persona) => {
    d = await t.ok(fn, action, { id: d._id, ...params }, OPENID[who])
  }
  const reach = (s: DemandStatus) => AHEAD.indexOf(target) >= AHEAD.indexOf(s)
  if (target === 'submitted') return d
  if (target === 'rejected') return (await step('dispatch', 'reject', { reason: '不属于社区服务范围' }, 'staff'), d)
  if (target === 'cancelled') return (await step('demand', 'cancel', { reason: '已自行解决' }, 'resident'), d)
  await step('dispatch', 'accept', {}, 'staff')
  if (target === 'accepted') return d
  const worker: Persona = path === 'unit' ? 'unit' : 'volunteer'
  if (path === 'hall' || target === 'open') {
    await step('dispatch', 'publish', { points }, 'staff')
    if (target === 'open') return d
    await step('task', 'claim', {}, 'volunteer')
  } else {
    await step(
      'dispatch',
      'assign',
      { assignee: path === 'unit' ? { type: 'unit', id: UNIT } : { type: 'volunteer', id: USER.volunteer }, points },
      'staff',
    )
    if (target === 'dispatched') return d
    await step('task', 'accept', {}, worker)
  }
  if (!reach('in_progress')) return d
  await step('task', 'start', {}, worker)
  if (target === 'in_progress') return d
  await step('task', 'complete', { note: '已完成', photos: [await uploadPhoto(t)], hours: 1 }, worker)
  if (target === 'done') return d
  await step('demand', 'confirm', {}, 'resident')
  if (target === 'reviewed') return d
  await step('dispatch', 'close', { evaluation: '服务及时' }, 'staff')
  return d
}

/**
 * Round-trip budgets per action: every request an invocation makes to the platform (database
 * and open API: content check), the most any call of the suites takes with the demo data.
 * Comments say what the requests are. Telling people is one insert of event rows ("event"):
 * recipients are audience keys computed from the demand, and subscribe messages go out from
 * the `notify` timer's queue, never on the request path.
 */
export const BUDGET: Record<string, number> = {
  // caller, grid then community ‖ content check, transaction (start, insert, day counter read and
  // write, the caller's consent on first acceptance, commit), event
  'demand.create': 11,
  // + owner read or offline lookup
  'demand.createOnBehalf': 12,
  'demand.listMine': 2,
  'demand.get': 2,
  // caller, demand, content check of the reason, write, event
  'demand.cancel': 5,
  // caller, demand, write, event
  'demand.confirm': 4,
  // + content check of the comment
  'demand.rate': 5,
  // + content check of the reason
  'demand.reopen': 5,
  // + the street's communities for street staff
  'dispatch.inbox': 3,
  // caller, demand, write, event (+ content check of a note)
  'dispatch.accept': 5,
  // caller, demand, content check of the reason, write, event
  'dispatch.reject': 5,
  // caller, both demands in one query, write, event
  'dispatch.merge': 4,
  // caller, demand, then volunteers ‖ units (loads are counters on their documents)
  'dispatch.suggest': 4,
  // caller, demand, open demands of its category
  'dispatch.similar': 3,
  // caller, grid ‖ open demands of the grid and category
  'demand.similar': 3,
  // caller, demand, conditional update, event
  'demand.follow': 4,
  'demand.listOnBehalf': 2,
  'demand.listFollowing': 2,
  // caller, demand, assignee, write, event (+ content check of a note); the points bounds come
  // from the demand (`pointsTerms`, recorded at create), not the community
  'dispatch.assign': 6,
  // caller, demand, write, event (points bounds from the demand; + content check of a note)
  'dispatch.publish': 5,
  // caller, demand, content check of the evaluation, write (status, timeline and the outbox
  // mark), event. The audit entries, the ledger entry and the balance are written by the
  // settle timer within a minute (cloudfunctions/settle), exactly once.
  'dispatch.close': 5,
  'task.hall': 2,
  // caller, demand, write, event
  'task.claim': 4,
  'task.mine': 2,
  'task.accept': 4,
  // + content check of the reason
  'task.decline': 5,
  'task.start': 4,
  // caller, demand, content check of the note, write, event
  'task.progress': 5,
  'task.complete': 5,
}

/** Every photo an action takes costs its download and its image check on top of the budget. */
const ROUND_TRIPS_PER_PHOTO = 2
const photosIn = (params: Record<string, unknown> | undefined) => (Array.isArray(params?.photos) ? params.photos.length : 0)

/** The largest round-trip count seen per action in successful calls. */
export const measured = new Map<string, number>()

/**
 * Holds every successful call of the suite to its action's budget, so a regression fails the
 * call that caused it; also records what was measured.
 */
export function instrument(t: Honglin): Honglin {
  const call = t.call
  t.call = async (fn, action, params, openid) => {
    const result = await call(fn, action, params, openid)
    const key = `${fn}.${action}`
    if (result.ok && key in BUDGET) {
      measured.set(key, Math.max(measured.get(key) ?? 0, result.stats.roundTrips))
      const budget = BUDGET[key]! + ROUND_TRIPS_PER_PHOTO * photosIn(params)
      if (result.stats.roundTrips > budget) {
        throw new Error(`${key} took ${result.stats.roundTrips} round trips (budget ${budget}): ${JSON.stringify(result.stats.actions)}`)
      }
    }
    return result
  }
  return t
}

/** Writes what the suite measured (test-artifacts/round-trips/<suite>.json) for the docs. */
export function saveMeasured(suite: string): void {
  const dir = join(__dirname, '..', '..', '..', 'test-artifacts', 'round-trips')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `${suite}.json`), JSON.stringify(Object.fromEntries([...measured].sort()), null, 2))
}

/** No query of the suite went unserved by a declared index. */
export function expectAllQueriesIndexed(t: Honglin): void {
  expect(unindexedByFunctions(t)).toEqual([])
}

// --- Direct fixtures: a demand in any state, for the permission matrix and edge cases. ---

/** The states a demand can be in, with `dispatched` split by whether the assignee accepted. */
export type FixtureState = DemandStatus | 'dispatched_accepted'

export interface FixtureOptions {
  assignee?: 'volunteer' | 'unit'
  createdBy?: string
  communityId?: string
  gridId?: string
  extra?: Partial<Demand>
}

let fixtureCounter = 0
const WITH_ASSIGNEE: FixtureState[] = ['dispatched', 'dispatched_accepted', 'in_progress', 'done', 'reviewed', 'closed']

/** A demand document in `state`, as the functions would have left it. */
export function fixtureDemand(state: FixtureState, options: FixtureOptions = {}): Demand {
  const now = Date.now()
  const status: DemandStatus = state === 'dispatched_accepted' ? 'dispatched' : state
  const communityId = options.communityId ?? C1
  const d: Demand = {
    _id: `fx-${now.toString(36)}-${(fixtureCounter++).toString(36)}`,
    kind: 'service',
    category: 'elderly_care',
    title: '帮忙买菜送上门',
    detail: '腿脚不便，每周需要有人帮忙买一次菜',
    photos: [],
    address: '新园里3号楼2门301',
    streetId: STREET,
    communityId,
    gridId: options.gridId ?? (communityId === C1 ? G1 : `${communityId}-grid-1`),
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: USER.resident,
    createdBy: options.createdBy ?? USER.resident,
    requestId: `fx-req-${fixtureCounter}`,
    status,
    createdAt: now - 3_600_000,
    updatedAt: now - 3_600_000,
    timeline: [{ at: now - 3_600_000, action: 'create', to: 'submitted', actorId: USER.resident, actorName: '张阿姨' }],
    pointsTerms: DefaultPointsPolicy,
    version: 3,
  }
  if (WITH_ASSIGNEE.includes(state)) {
    const unit = options.assignee === 'unit'
    d.assignee = {
      type: unit ? 'unit' : 'volunteer',
      id: unit ? UNIT : USER.volunteer,
      name: unit ? '国网供电所' : '王小红',
      assignedAt: now - 1_800_000,
      assignedBy: USER.staff,
      points: 20,
      ...(state === 'dispatched' ? {} : { acceptedAt: now - 1_700_000 }),
    }
  }
  if (state === 'open') d.hall = { points: 10, publishedAt: now - 1_800_000, publishedBy: USER.staff }
  if (['done', 'reviewed', 'closed'].includes(state)) d.completion = { note: '已完成', photos: [], hours: 1, at: now - 600_000 }
  if (state === 'rejected') d.rejectReason = '不属于服务范围'
  return { ...d, ...options.extra }
}

export function insertFixture(t: Honglin, state: FixtureState, options: FixtureOptions = {}): Demand {
  const d = fixtureDemand(state, options)
  t.emulator.database.insertMany('demands', [d as unknown as Record<string, unknown>])
  return d
}

export async function readDemand(t: Honglin, id: string): Promise<Demand> {
  const res = await t.db.collection('demands').where({ _id: id }).get()
  return res.data[0] as Demand
}

/** Inserts test-only users (each with an OPENID equal to its id unless given). */
export function insertUsers(t: Honglin, users: Record<string, unknown>[]): void {
  const now = Date.now()
  t.emulator.database.insertMany(
    'users',
    users.map((u) => ({ openid: u._id, pointsBalance: 0, createdAt: now, updatedAt: now, grants: [], ...u })),
  )
}
