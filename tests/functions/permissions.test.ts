/**
 * The permission matrix: every demand/dispatch/task action × every demo persona, for a
 * demand in every state. Where the shared state machine is the rule, the expectation is
 * derived from it (`decide`, and `viewOf` for who may not even see the demand: NOT_FOUND);
 * what is asserted is the real function's answer. A denied call must leave the demand exactly
 * as it was; an allowed one must lead where the machine says.
 *
 * Then every action of every function (`contract.Schemas`; the table must list them all) ×
 * every persona of the seed, across communities and streets, against a table written by hand
 * (the last part of this file), so that a rule changed in `shared` cannot quietly change both
 * the code and its expectation.
 */
import {
  availableActions,
  contract,
  decide,
  periodKeyOf,
  viewOf,
  type Actor,
  type Demand,
  type DemandAction,
  type RoleGrant,
} from '@honglin/shared'
import { PERSONAS, useHonglin } from '../helpers/honglin'
import {
  C1,
  G1,
  OPENID,
  PERSONA_NAMES,
  USER,
  demandInput,
  expectAllQueriesIndexed,
  fixtureDemand,
  insertFixture,
  insertUsers,
  instrument,
  readDemand,
  saveMeasured,
  type FixtureOptions,
  type FixtureState,
  type Persona,
} from './support/demands'
import {
  C1 as PC1,
  C2 as PC2,
  EVERYONE,
  PEOPLE,
  STREET_1,
  STREET_2,
  X1 as PX1,
  X1_VOLUNTEER,
  clonePersona,
  gridOf,
  insertDemandIn,
  removeClones,
  type Place,
  type Who,
} from './support/personas'

const t = instrument(useHonglin())

afterAll(() => {
  saveMeasured('permissions')
  expectAllQueriesIndexed(t)
})

const STATES: FixtureState[] = [
  'submitted',
  'accepted',
  'rejected',
  'merged',
  'dispatched',
  'dispatched_accepted',
  'open',
  'in_progress',
  'done',
  'reviewed',
  'closed',
  'cancelled',
]

/** The personas as the functions see them (the seed adds the street to every grant). */
const ACTORS = Object.fromEntries(
  PERSONA_NAMES.map((p) => {
    const seeded = (
      PERSONAS as unknown as { _id: string; openid: string; name: string; grants: RoleGrant[]; volunteer?: Actor['volunteer'] }[]
    ).find((x) => x.openid === OPENID[p])!
    const actor: Actor = {
      userId: seeded._id,
      openid: seeded.openid,
      name: seeded.name,
      grants: seeded.grants.map((g) => ({ streetId: 'street-guoyuan', ...g })),
      volunteer: seeded.volunteer ? { status: seeded.volunteer.status, communityId: seeded.volunteer.communityId } : null,
    }
    return [p, actor]
  }),
) as Record<Persona, Actor>

interface TransitionCase {
  fn: string
  action: string
  machine: DemandAction
  params(d: Demand): Record<string, unknown>
}

let mergeTarget: Demand
beforeAll(() => {
  mergeTarget = insertFixture(t, 'submitted')
})

const TRANSITIONS: TransitionCase[] = [
  { fn: 'demand', action: 'cancel', machine: 'cancel', params: (d) => ({ id: d._id, reason: '不需要了' }) },
  { fn: 'demand', action: 'confirm', machine: 'confirm', params: (d) => ({ id: d._id }) },
  { fn: 'demand', action: 'rate', machine: 'rate', params: (d) => ({ id: d._id, stars: 4, comment: '不错' }) },
  { fn: 'demand', action: 'reopen', machine: 'reopen', params: (d) => ({ id: d._id, reason: '没有修好' }) },
  { fn: 'dispatch', action: 'accept', machine: 'accept', params: (d) => ({ id: d._id }) },
  { fn: 'dispatch', action: 'reject', machine: 'reject', params: (d) => ({ id: d._id, reason: '不属于服务范围' }) },
  { fn: 'dispatch', action: 'merge', machine: 'merge', params: (d) => ({ id: d._id, intoId: mergeTarget._id }) },
  {
    fn: 'dispatch',
    action: 'assign',
    machine: 'assign',
    params: (d) => ({ id: d._id, assignee: { type: 'volunteer', id: USER.volunteer2 } }),
  },
  { fn: 'dispatch', action: 'publish', machine: 'publish', params: (d) => ({ id: d._id }) },
  { fn: 'dispatch', action: 'close', machine: 'close', params: (d) => ({ id: d._id, evaluation: '满意' }) },
  { fn: 'task', action: 'claim', machine: 'claim', params: (d) => ({ id: d._id }) },
  { fn: 'task', action: 'accept', machine: 'acceptAssignment', params: (d) => ({ id: d._id }) },
  { fn: 'task', action: 'decline', machine: 'decline', params: (d) => ({ id: d._id, reason: '时间冲突' }) },
  { fn: 'task', action: 'start', machine: 'start', params: (d) => ({ id: d._id }) },
  { fn: 'task', action: 'progress', machine: 'progress', params: (d) => ({ id: d._id, note: '进行中', requestId: `p-${d._id}` }) },
  { fn: 'task', action: 'complete', machine: 'complete', params: (d) => ({ id: d._id, note: '完成', hours: 1 }) },
]

/** What the function must answer: `ok`, or the error code. */
function expected(actor: Actor, action: DemandAction, d: Demand): string {
  const decision = decide(actor, action, d)
  if (decision.allowed) return 'ok'
  return viewOf(actor, d) === 'none' ? 'NOT_FOUND' : decision.code
}

/**
 * Runs `c` for every persona on a demand in each state; answers the mismatches (empty when the
 * functions agree with the machine everywhere).
 */
async function matrix(c: TransitionCase, options: FixtureOptions = {}): Promise<string[]> {
  const problems: string[] = []
  const seen = { allowed: 0, denied: 0 }
  for (const state of STATES) {
    const shared = insertFixture(t, state, options)
    for (const persona of PERSONA_NAMES) {
      const want = expected(ACTORS[persona], c.machine, shared)
      // An allowed call changes the demand: it gets its own copy.
      const d = want === 'ok' ? insertFixture(t, state, options) : shared
      const res = await t.call(c.fn, c.action, c.params(d), OPENID[persona])
      const got = res.ok ? 'ok' : res.error!.code
      seen[want === 'ok' ? 'allowed' : 'denied'] += 1
      if (got !== want)
        problems.push(`${c.fn}.${c.action} ${state} as ${persona}: expected ${want}, got ${got} ${res.error?.message ?? ''}`)
      if (res.ok) {
        const decision = decide(ACTORS[persona], c.machine, d)
        const stored = await readDemand(t, d._id)
        if (decision.allowed && stored.status !== decision.to)
          problems.push(`${c.fn}.${c.action} ${state} as ${persona}: status ${stored.status}, machine says ${decision.to}`)
      } else if (res.stats.docsWritten !== 0) {
        problems.push(`${c.fn}.${c.action} ${state} as ${persona}: a rejected call wrote ${res.stats.docsWritten} document(s)`)
      }
    }
    expect(await readDemand(t, shared._id)).toEqual(shared)
  }
  // The matrix exercises both sides of the rule.
  if (seen.allowed === 0 || seen.denied === 0) problems.push(`${c.fn}.${c.action}: ${seen.allowed} allowed, ${seen.denied} denied cases`)
  return problems
}

describe('transitions × personas × states, as the machine says', () => {
  test.each(TRANSITIONS.map((c) => [`${c.fn}.${c.action}`, c] as const))('%s', async (_name, c) => {
    expect(await matrix(c)).toEqual([])
  })

  test.each(TRANSITIONS.filter((c) => c.fn === 'task' && c.action !== 'claim').map((c) => [`${c.fn}.${c.action}`, c] as const))(
    '%s with a unit as the assignee (its contact acts for it)',
    async (_name, c) => {
      expect(await matrix(c, { assignee: 'unit' })).toEqual([])
    },
  )

  test('demand.cancel of a demand a grid worker ordered (the creator may cancel)', async () => {
    expect(await matrix(TRANSITIONS[0]!, { createdBy: USER.grid })).toEqual([])
  })
})

describe('reads and lists × personas', () => {
  test('demand.get: NOT_FOUND without a view, masked or full contact details, and the machine’s available actions', async () => {
    const problems: string[] = []
    for (const state of STATES) {
      const d = insertFixture(t, state)
      for (const persona of PERSONA_NAMES) {
        const view = viewOf(ACTORS[persona], d)
        const res = await t.call('demand', 'get', { id: d._id }, OPENID[persona])
        const where = `get ${state} as ${persona}`
        if (view === 'none') {
          if (res.error?.code !== 'NOT_FOUND') problems.push(`${where}: expected NOT_FOUND, got ${res.ok ? 'ok' : res.error?.code}`)
          continue
        }
        if (!res.ok) {
          problems.push(`${where}: expected ok, got ${res.error?.code}`)
          continue
        }
        const phone = view === 'full' ? '13800000001' : '138****0001'
        if (res.data.contactPhone !== phone) problems.push(`${where}: phone ${res.data.contactPhone}, expected ${phone}`)
        const actions = availableActions(ACTORS[persona], d)
        if (JSON.stringify(res.data.availableActions) !== JSON.stringify(actions))
          problems.push(`${where}: actions ${res.data.availableActions} ≠ ${actions}`)
      }
    }
    expect(problems).toEqual([])
  })

  test('dispatch.suggest follows the assignment rule', async () => {
    const problems: string[] = []
    for (const state of STATES) {
      const d = insertFixture(t, state)
      for (const persona of PERSONA_NAMES) {
        const want = expected(ACTORS[persona], 'assign', d)
        const res = await t.call('dispatch', 'suggest', { id: d._id }, OPENID[persona])
        const got = res.ok ? 'ok' : res.error!.code
        if (got !== want) problems.push(`suggest ${state} as ${persona}: expected ${want}, got ${got}`)
      }
    }
    expect(problems).toEqual([])
  })

  const answers = async (fn: string, action: string, params: (p: Persona) => Record<string, unknown>) =>
    Object.fromEntries(
      await Promise.all(
        PERSONA_NAMES.map(async (p) => {
          const res = await t.call(fn, action, params(p), OPENID[p])
          return [p, res.ok ? 'ok' : res.error!.code] as const
        }),
      ),
    )

  test('demand.create: anyone registered may order', async () => {
    const all = await answers('demand', 'create', () => demandInput())
    expect(all).toEqual(Object.fromEntries(PERSONA_NAMES.map((p) => [p, 'ok'])))
  })

  test('demand.createOnBehalf: only the grid worker of the grid', async () => {
    const all = await answers('demand', 'createOnBehalf', () => demandInput('service', { gridId: G1, ownerId: USER.resident2 }))
    expect(all).toEqual(Object.fromEntries(PERSONA_NAMES.map((p) => [p, p === 'grid' ? 'ok' : 'FORBIDDEN'])))
  })

  test('demand.listMine and task.mine: everyone, each their own', async () => {
    const everyoneOk = Object.fromEntries(PERSONA_NAMES.map((p) => [p, 'ok']))
    expect(await answers('demand', 'listMine', () => ({}))).toEqual(everyoneOk)
    expect(await answers('task', 'mine', () => ({}))).toEqual(everyoneOk)
  })

  test('dispatch.inbox: community staff, street staff, admin (naming a community)', async () => {
    expect(await answers('dispatch', 'inbox', () => ({}))).toEqual({
      resident: 'FORBIDDEN',
      resident2: 'FORBIDDEN',
      volunteer: 'FORBIDDEN',
      volunteer2: 'FORBIDDEN',
      grid: 'FORBIDDEN',
      staff: 'ok',
      unit: 'FORBIDDEN',
      committee: 'FORBIDDEN',
      street: 'ok',
      admin: 'INVALID_INPUT',
    })
    const named = await answers('dispatch', 'inbox', () => ({ communityId: C1 }))
    expect(
      Object.entries(named)
        .filter(([, v]) => v === 'ok')
        .map(([p]) => p),
    ).toEqual(['staff', 'street', 'admin'])
  })

  test('task.hall: volunteers of the community', async () => {
    const all = await answers('task', 'hall', () => ({}))
    expect(
      Object.entries(all)
        .filter(([, v]) => v === 'ok')
        .map(([p]) => p),
    ).toEqual(['volunteer', 'volunteer2'])
    expect(Object.values(all).filter((v) => v !== 'ok')).toEqual(Array(8).fill('FORBIDDEN'))
  })
})

test('every action: a caller without an account is NOT_REGISTERED, an unknown action UNKNOWN_ACTION', async () => {
  const d = fixtureDemand('submitted')
  const calls: [string, string, Record<string, unknown>][] = [
    ...TRANSITIONS.map((c) => [c.fn, c.action, c.params(d)] as [string, string, Record<string, unknown>]),
    ['demand', 'create', demandInput()],
    ['demand', 'createOnBehalf', demandInput('service', { ownerId: USER.resident })],
    ['demand', 'listMine', {}],
    ['demand', 'get', { id: d._id }],
    ['dispatch', 'inbox', {}],
    ['dispatch', 'suggest', { id: d._id }],
    ['task', 'hall', {}],
    ['task', 'mine', {}],
  ]
  for (const [fn, action, params] of calls) {
    const res = await t.call(fn, action, params, 'openid-without-account')
    expect({ call: `${fn}.${action}`, code: res.error?.code }).toEqual({ call: `${fn}.${action}`, code: 'NOT_REGISTERED' })
  }
  for (const fn of ['demand', 'dispatch', 'task'])
    expect((await t.call(fn, 'explode', {}, OPENID.staff)).error?.code).toBe('UNKNOWN_ACTION')
})

// --- Every action of every function × every persona, from a table written by hand ---

/**
 * Expected answers, role by role, written from the rules as documented (cloudfunctions/README.md,
 * docs on roles and the workflow), not computed by the code under test. `by(fallback, { code:
 * 'persona persona …' })` reads: everyone answers `fallback` except the personas listed.
 * Personas come from the demo seed: the first community (新园社区), a second community of the
 * same street (果园南社区: staff2, resident3, volunteer3, grid2) and a second street (幸福街道:
 * street2, staff3 and resident4 of 幸福东社区).
 */
type Want = 'ok' | 'FORBIDDEN' | 'NOT_FOUND' | 'INVALID_STATE' | 'INVALID_INPUT' | 'QUORUM_NOT_REACHED'

function by(fallback: Want, exceptions: Partial<Record<Want, string>> = {}): Record<Who, Want> {
  const want = Object.fromEntries(EVERYONE.map((w) => [w, fallback])) as Record<Who, Want>
  for (const [code, names] of Object.entries(exceptions) as [Want, string][]) {
    for (const name of names.split(/\s+/).filter(Boolean)) {
      if (!(name in want)) throw new Error(`unknown persona ${name} in the permission table`)
      want[name as Who] = code
    }
  }
  return want
}

interface Prepared {
  params: Record<string, unknown>
  /** Calls as someone else than the persona (a copy of them, for actions on one's own account). */
  openid?: string
}

interface Row {
  /** What the call acts on. */
  on: string
  prepare(who: Who): Promise<Prepared> | Prepared
  want: Record<Who, Want>
  /** Only these personas (actions that must not run on the demo personas themselves). */
  only?: Who[]
}

/** Where each persona lives or works: the community of their own registration or role. */
const HOME: Record<Who, string> = {
  ...(Object.fromEntries(EVERYONE.map((w) => [w, PC1])) as Record<Who, string>),
  staff2: PC2,
  resident3: PC2,
  volunteer3: PC2,
  grid2: PC2,
  street2: PX1,
  staff3: PX1,
  resident4: PX1,
}
const STREET_OF: Record<string, string> = { [PC1]: STREET_1, [PC2]: STREET_1, [PX1]: STREET_2 }

let tableCounter = 0
let certificateMade = 0
const fresh = (prefix: string) => `${prefix}-${(tableCounter++).toString(36)}`

/** Users a row made; removed after each call, so that no extra staff member is told about what follows. */
const made: string[] = []

async function removeMade(): Promise<void> {
  const ids = made.splice(0)
  if (ids.length > 0)
    await t.db
      .collection('users')
      .where({ _id: t.db.command.in(ids) })
      .remove()
  await removeClones(t)
}

/** A user of `communityId` to grant to or revoke from, holding `grants`. */
function targetUser(communityId: string, grants: Record<string, unknown>[] = []): string {
  const _id = fresh('perm-target')
  made.push(_id)
  insertUsers(t, [{ _id, name: '测试居民', grants: [{ role: 'resident', communityId, streetId: STREET_OF[communityId] }, ...grants] }])
  return _id
}

function applicantIn(communityId: string): string {
  const _id = fresh('perm-applicant')
  made.push(_id)
  insertUsers(t, [
    {
      _id,
      name: '报到申请人',
      grants: [{ role: 'resident', communityId, streetId: STREET_OF[communityId] }],
      volunteer: { status: 'pending', skills: ['助老'], isPartyMember: true, communityId, appliedAt: Date.now() - 3_600_000 },
    },
  ])
  return _id
}

let tunings = 0
/** A claim window that differs from the one before, so that every allowed call writes. */
const tunedIn = (communityId: string): Prepared => ({
  params: { communityId, policy: { claim: { normal: 24 + (++tunings % 100), urgent: 12 } } },
})

const onDemand =
  (place: Place, state: FixtureState, params: Record<string, unknown> = {}, options: FixtureOptions = {}) =>
  (): Prepared => ({ params: { id: insertDemandIn(t, place, state, options)._id, ...params } })

const CLOSED_LOOP_DEMAND = {
  C1: 'resident grid staff street admin',
  C2: 'resident3 grid2 staff2 street admin',
  X1: 'resident4 staff3 street2 admin',
}

type ProjectState = 'draft' | 'bidding' | 'due' | 'reviewing' | 'quorum' | 'closed' | 'awarded' | 'publicity' | 'ended' | 'in_progress'

/**
 * A project of 新园社区 in `state`, inserted as the project function stores it: reviewed by
 * 周委员 (第五十七中学) and 刘书记 with two more members; 供电所 and 农商银行 bid. `due`: bidding
 * past its deadline; `quorum`: every member scored, not closed; `ended`: the notice is over.
 */
function projectIn(state: ProjectState, extra: Record<string, unknown> = {}): { id: string; bids: string[] } {
  const id = fresh('perm-project')
  const now = t.emulator.clock.now()
  const DAY = 86_400_000
  const criteria = [{ name: '可行性', weight: 100, max: 10 }]
  const reviewers = [
    { userId: 'user-committee', name: '周委员', unitId: 'unit-school', unitName: '第五十七中学' },
    { userId: 'user-staff', name: '刘书记' },
    { userId: 'perm-member-a', name: '委员甲' },
    { userId: 'perm-member-b', name: '委员乙' },
  ]
  const bids = [`${id}-power`, `${id}-bank`]
  const status =
    ({ due: 'bidding', quorum: 'reviewing', closed: 'reviewing', ended: 'publicity' } as Record<string, string>)[state] ?? state
  const after = (s: ProjectState[]) => s.includes(state)
  const scored = after(['quorum', 'closed', 'awarded', 'publicity', 'ended', 'in_progress'])
  t.emulator.database.insertMany('projects', [
    {
      _id: id,
      communityId: PC1,
      streetId: STREET_1,
      title: '楼道照明改造',
      goal: '让老楼楼道夜里亮起来',
      detail: '更换老旧灯具，加装声控开关',
      demandIds: [],
      needIds: [],
      bidDeadline: state === 'draft' || state === 'bidding' ? now + 7 * DAY : now - DAY,
      criteria,
      status,
      listed: state !== 'draft',
      rules: { quorum: { percent: 67, minimum: 3 }, publicityDays: 5, reviewHours: 168, objectionHours: 72 },
      reviewers: state === 'draft' ? [] : reviewers,
      reviewerIds: state === 'draft' ? [] : reviewers.map((r) => r.userId),
      recusals: [],
      bidCount: state === 'draft' ? 0 : 2,
      tally: scored ? Object.fromEntries(reviewers.map((r) => [r.userId, 2])) : {},
      openObjections: 0,
      ...(after(['closed', 'awarded', 'publicity', 'ended', 'in_progress']) ? { reviewClosedAt: now - DAY } : {}),
      ...(after(['awarded', 'publicity', 'ended', 'in_progress'])
        ? {
            award: {
              bidId: bids[0],
              unitId: 'unit-power',
              unitName: '国网供电所',
              rank: 1,
              againstRanking: false,
              at: now - DAY,
              by: 'user-staff',
            },
          }
        : {}),
      ...(state === 'publicity' ? { publicityEndsAt: now + 5 * DAY } : {}),
      ...(state === 'ended' ? { publicityEndsAt: now - DAY } : {}),
      ...(state === 'in_progress' ? { startedAt: now - DAY, progress: 10 } : {}),
      timeline: [],
      createdBy: 'user-staff',
      createdAt: now,
      updatedAt: now,
      ...extra,
    },
  ])
  if (state === 'draft') return { id, bids: [] }
  t.emulator.database.insertMany(
    'project_bids',
    [
      ['power', '国网供电所'],
      ['bank', '农商银行支行'],
    ].map(([unit, unitName], i) => ({
      _id: bids[i],
      projectId: id,
      communityId: PC1,
      unitId: `unit-${unit}`,
      unitName,
      plan: '分两批更换灯具，先做最暗的三栋楼',
      resources: '电工 4 人',
      timeline: [{ title: '完工', due: now + 30 * DAY }],
      attachments: [],
      status: 'live',
      liveKey: `${id}.unit-${unit}`,
      requestId: `perm-bid-${i}`,
      createdBy: i === 0 ? 'user-unit' : 'user-bank',
      createdAt: now - 2 * DAY + i,
      updatedAt: now,
    })),
  )
  if (scored)
    t.emulator.database.insertMany(
      'project_scores',
      reviewers.flatMap((r) =>
        bids.map((bidId, i) => ({
          _id: `${bidId}--${r.userId}`,
          projectId: id,
          bidId,
          userId: r.userId,
          userName: r.name,
          scores: { 可行性: 8 - i },
          total: 80 - 10 * i,
          status: 'submitted',
          at: now - DAY,
        })),
      ),
    )
  return { id, bids }
}

/** An open objection by 张阿姨 to a project in its notice period. */
function objectionTo(): string {
  const { id } = projectIn('publicity', { openObjections: 1 })
  const _id = fresh('perm-objection')
  const now = t.emulator.clock.now()
  t.emulator.database.insertMany('project_objections', [
    {
      _id,
      projectId: id,
      communityId: PC1,
      userId: 'user-resident',
      userName: '张阿姨',
      reason: '施工噪音扰民',
      status: 'open',
      dueAt: now + 86_400_000,
      createdAt: now,
    },
  ])
  return _id
}

const bidFields = () => ({
  plan: '分两批更换灯具，先做最暗的三栋楼，再做其余',
  resources: '电工 4 人，登高车一辆',
  timeline: [{ title: '完工', due: t.emulator.clock.now() + 30 * 86_400_000 }],
  requestId: fresh('perm-bid-request'),
})

/** A reward of 新园社区 offered by 供电所 (`status` as given), inserted as the mall stores it. */
function mallReward(status = 'active'): string {
  const _id = fresh('perm-reward')
  const now = t.emulator.clock.now()
  t.emulator.database.insertMany('mall_rewards', [
    {
      _id,
      communityId: PC1,
      name: '权限测试礼品',
      cost: 1,
      stock: 1000,
      pickupDays: 7,
      sponsorUnitId: 'unit-power',
      status,
      createdAt: now,
      createdBy: 'user-staff',
      updatedAt: now,
    },
  ])
  return _id
}

/** One point for `userId`: the ledger entry and the balance, as an award makes them. */
async function givePoint(userId: string): Promise<void> {
  const _id = fresh('perm-point')
  t.emulator.database.insertMany('points_ledger', [
    {
      _id,
      ownerType: 'user',
      ownerId: userId,
      delta: 1,
      reason: 'correction',
      note: '权限测试',
      createdAt: t.emulator.clock.now(),
      createdBy: 'user-staff',
    },
  ])
  await t.db
    .collection('users')
    .doc(userId)
    .update({ data: { pointsBalance: t.db.command.inc(1) } })
}

let permCode = 50_000_000
/** A reservation of 王小红's for a 供电所 reward in 新园社区, with its code. */
function mallRedemption(): { id: string; code: string } {
  const rewardId = mallReward()
  const id = fresh('perm-redemption')
  const code = String(permCode++)
  const now = t.emulator.clock.now()
  t.emulator.database.insertMany('mall_redemptions', [
    {
      _id: id,
      rewardId,
      rewardName: '权限测试礼品',
      communityId: PC1,
      sponsorUnitId: 'unit-power',
      userId: 'user-volunteer',
      userName: '王小红',
      cost: 1,
      code,
      revokedCodes: [],
      status: 'reserved',
      requestId: `req-${id}`,
      period: 'all',
      counterId: `user-volunteer.${rewardId}.all`,
      createdAt: now,
      expiresAt: now + 7 * 86_400_000,
      updatedAt: now,
    },
  ])
  t.emulator.database.insertMany('mall_counters', [{ _id: `user-volunteer.${rewardId}.all`, userId: 'user-volunteer', rewardId, count: 1 }])
  return { id, code }
}

const STATS_PERIOD = { from: '2026-11-01', to: '2026-11-27' }

const TABLE: Record<string, Row[]> = {
  'user.login': [{ on: 'their own account', prepare: () => ({ params: {} }), want: by('ok') }],
  'user.updateProfile': [
    {
      on: 'their own profile (a copy of the persona)',
      prepare: async (who) => ({ params: { elderMode: true }, openid: (await clonePersona(t, who)).openid }),
      want: by('ok'),
    },
  ],
  'user.registerVolunteer': [
    {
      on: '双报到 in 新园社区 (a copy of the persona)',
      prepare: async (who) => ({
        params: { name: '报到人', phone: '13800000099', skills: ['助老'], isPartyMember: true, communityId: PC1, gridId: gridOf(PC1) },
        openid: (await clonePersona(t, who)).openid,
      }),
      want: by('ok', { INVALID_STATE: 'volunteer volunteer2' }),
    },
  ],
  'user.verifyVolunteer': [
    {
      on: 'a pending registration in 新园社区',
      prepare: () => ({ params: { userId: applicantIn(PC1), approve: true } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
    {
      on: 'a pending registration in 果园南社区',
      prepare: () => ({ params: { userId: applicantIn(PC2), approve: true } }),
      want: by('FORBIDDEN', { ok: 'staff2 admin' }),
    },
    {
      on: 'a pending registration in 幸福东社区',
      prepare: () => ({ params: { userId: applicantIn(PX1), approve: true } }),
      want: by('FORBIDDEN', { ok: 'staff3 admin' }),
    },
    {
      // Self-dealing: nobody approves their own registration (and with it their own volunteer role).
      on: 'their own pending registration in their community (a copy of the persona)',
      prepare: async (who) => {
        const me = await clonePersona(t, who, {
          volunteer: {
            status: 'pending',
            skills: ['助老'],
            isPartyMember: true,
            communityId: HOME[who],
            appliedAt: Date.now() - 3_600_000,
          },
        })
        return { params: { userId: me.userId, approve: true }, openid: me.openid }
      },
      want: by('FORBIDDEN'),
    },
  ],
  'user.volunteers': [
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff admin' }) },
    { on: '幸福东社区', prepare: () => ({ params: { communityId: PX1 } }), want: by('FORBIDDEN', { ok: 'staff3 admin' }) },
  ],
  'user.exportMyData': [{ on: 'their own data', prepare: () => ({ params: {} }), want: by('ok') }],
  'user.subscribe': [{ on: 'their own subscriptions', prepare: () => ({ params: { accepted: [] } }), want: by('ok') }],
  'user.deleteAccount': [
    {
      on: 'their own account (a throwaway copy of a resident)',
      prepare: async (who) => ({ params: { confirm: true }, openid: (await clonePersona(t, who)).openid }),
      want: by('ok'),
      only: ['resident', 'resident2', 'resident3', 'resident4'],
    },
  ],
  'org.streets': [{ on: 'the directory', prepare: () => ({ params: {} }), want: by('ok') }],
  'org.communities': [{ on: '幸福街道', prepare: () => ({ params: { streetId: STREET_2 } }), want: by('ok') }],
  'org.grids': [{ on: '果园南社区', prepare: () => ({ params: { communityId: PC2 } }), want: by('ok') }],
  'org.units': [{ on: 'their own communities', prepare: () => ({ params: {} }), want: by('ok') }],
  'org.committee': [{ on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('ok') }],
  'org.grantRole': [
    {
      on: 'volunteer in 新园社区, to a resident there',
      prepare: () => ({ params: { userId: targetUser(PC1), role: 'volunteer', communityId: PC1 } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
    {
      on: 'volunteer in 果园南社区, to a resident there',
      prepare: () => ({ params: { userId: targetUser(PC2), role: 'volunteer', communityId: PC2 } }),
      want: by('FORBIDDEN', { ok: 'staff2 admin' }),
    },
    {
      on: 'committee member (第五十七中学) in 新园社区',
      prepare: () => ({ params: { userId: targetUser(PC1), role: 'committee_member', communityId: PC1, unitId: 'unit-school' } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
    {
      on: 'community staff of 新园社区',
      prepare: () => ({ params: { userId: targetUser(PC1), role: 'community_staff', communityId: PC1 } }),
      want: by('FORBIDDEN', { ok: 'street admin' }),
    },
    {
      on: 'community staff of 幸福东社区',
      prepare: () => ({ params: { userId: targetUser(PX1), role: 'community_staff', communityId: PX1 } }),
      want: by('FORBIDDEN', { ok: 'street2 admin' }),
    },
    {
      on: 'street staff of 果园新村街道',
      prepare: () => ({ params: { userId: targetUser(PC1), role: 'street_staff', streetId: STREET_1 } }),
      want: by('FORBIDDEN', { ok: 'admin' }),
    },
    {
      // Self-dealing: nobody hands themselves a role (a copy of the persona asks for one in their own community).
      on: 'a role for themselves in their own community (a copy of the persona)',
      prepare: async (who) => {
        const me = await clonePersona(t, who)
        const role = who === 'street' || who === 'street2' ? 'community_staff' : 'volunteer'
        return { params: { userId: me.userId, role, communityId: HOME[who] }, openid: me.openid }
      },
      want: by('FORBIDDEN'),
    },
  ],
  'org.revokeRole': [
    {
      on: 'volunteer of 新园社区',
      prepare: () => ({
        params: {
          userId: targetUser(PC1, [{ role: 'volunteer', communityId: PC1, streetId: STREET_1 }]),
          role: 'volunteer',
          communityId: PC1,
        },
      }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
    {
      on: 'community staff of 新园社区',
      prepare: () => ({
        params: {
          userId: targetUser(PC1, [{ role: 'community_staff', communityId: PC1, streetId: STREET_1 }]),
          role: 'community_staff',
          communityId: PC1,
        },
      }),
      want: by('FORBIDDEN', { ok: 'street admin' }),
    },
    {
      on: 'community staff of 幸福东社区',
      prepare: () => ({
        params: {
          userId: targetUser(PX1, [{ role: 'community_staff', communityId: PX1, streetId: STREET_2 }]),
          role: 'community_staff',
          communityId: PX1,
        },
      }),
      want: by('FORBIDDEN', { ok: 'street2 admin' }),
    },
  ],
  'org.slaPolicy': [
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
    { on: '果园南社区', prepare: () => ({ params: { communityId: PC2 } }), want: by('FORBIDDEN', { ok: 'staff2 street admin' }) },
    { on: '幸福东社区', prepare: () => ({ params: { communityId: PX1 } }), want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }) },
  ],
  'org.setSlaPolicy': [
    { on: '新园社区', prepare: () => tunedIn(PC1), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
    { on: '果园南社区', prepare: () => tunedIn(PC2), want: by('FORBIDDEN', { ok: 'staff2 street admin' }) },
    { on: '幸福东社区', prepare: () => tunedIn(PX1), want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }) },
  ],
  'demand.create': [{ on: 'grid 1 of 新园社区', prepare: () => ({ params: demandInput() }), want: by('ok') }],
  'demand.createOnBehalf': [
    {
      on: 'a resident of grid 1 of 新园社区',
      prepare: () => ({ params: demandInput('service', { gridId: gridOf(PC1), ownerId: USER.resident2 }) }),
      want: by('FORBIDDEN', { ok: 'grid' }),
    },
    {
      on: 'a resident of grid 1 of 果园南社区',
      prepare: () => ({ params: demandInput('service', { gridId: gridOf(PC2), ownerId: 'user-resident-3' }) }),
      want: by('FORBIDDEN', { ok: 'grid2' }),
    },
  ],
  'demand.listMine': [{ on: 'their own demands', prepare: () => ({ params: {} }), want: by('ok') }],
  'demand.listOnBehalf': [{ on: 'the orders they placed for others', prepare: () => ({ params: {} }), want: by('ok') }],
  'demand.listFollowing': [{ on: 'the demands they follow', prepare: () => ({ params: {} }), want: by('ok') }],
  'demand.similar': [
    {
      on: 'grid 1 of 新园社区',
      prepare: () => ({ params: { gridId: gridOf(PC1), category: 'elderly_care', title: '帮忙买菜送上门' } }),
      want: by('FORBIDDEN', { ok: 'resident resident2 volunteer grid' }),
    },
    {
      on: 'grid 1 of 果园南社区',
      prepare: () => ({ params: { gridId: gridOf(PC2), category: 'elderly_care', title: '帮忙买菜送上门' } }),
      want: by('FORBIDDEN', { ok: 'resident3 volunteer3 grid2' }),
    },
  ],
  'demand.follow': [
    {
      on: '新园社区, accepted, ordered by 张阿姨',
      prepare: onDemand('C1', 'accepted'),
      want: by('NOT_FOUND', { ok: 'resident2 volunteer', INVALID_INPUT: 'resident' }),
    },
    {
      on: '新园社区, closed',
      prepare: onDemand('C1', 'closed'),
      want: by('NOT_FOUND', { INVALID_STATE: 'resident2 volunteer', INVALID_INPUT: 'resident' }),
    },
  ],
  'demand.get': [
    { on: '新园社区, submitted', prepare: onDemand('C1', 'submitted'), want: by('NOT_FOUND', { ok: CLOSED_LOOP_DEMAND.C1 }) },
    {
      on: '新园社区, open in the task hall',
      prepare: onDemand('C1', 'open'),
      want: by('NOT_FOUND', { ok: `${CLOSED_LOOP_DEMAND.C1} volunteer volunteer2` }),
    },
    { on: '果园南社区, submitted', prepare: onDemand('C2', 'submitted'), want: by('NOT_FOUND', { ok: CLOSED_LOOP_DEMAND.C2 }) },
    { on: '幸福东社区, submitted', prepare: onDemand('X1', 'submitted'), want: by('NOT_FOUND', { ok: CLOSED_LOOP_DEMAND.X1 }) },
  ],
  'demand.cancel': [
    {
      on: '新园社区, submitted',
      prepare: onDemand('C1', 'submitted', { reason: '不需要了' }),
      want: by('NOT_FOUND', { ok: 'resident', FORBIDDEN: 'grid staff street admin' }),
    },
    {
      on: '果园南社区, submitted',
      prepare: onDemand('C2', 'submitted', { reason: '不需要了' }),
      want: by('NOT_FOUND', { ok: 'resident3', FORBIDDEN: 'grid2 staff2 street admin' }),
    },
  ],
  'demand.confirm': [
    {
      on: '新园社区, done',
      prepare: onDemand('C1', 'done'),
      want: by('NOT_FOUND', { ok: 'resident', FORBIDDEN: 'volunteer grid staff street admin' }),
    },
    {
      on: '幸福东社区, done',
      prepare: onDemand('X1', 'done'),
      want: by('NOT_FOUND', { ok: 'resident4', FORBIDDEN: 'staff3 street2 admin' }),
    },
  ],
  'demand.rate': [
    {
      on: '新园社区, done',
      prepare: onDemand('C1', 'done', { stars: 5, comment: '很好' }),
      want: by('NOT_FOUND', { ok: 'resident', FORBIDDEN: 'volunteer grid staff street admin' }),
    },
  ],
  'demand.reopen': [
    {
      on: '新园社区, done',
      prepare: onDemand('C1', 'done', { reason: '没有修好' }),
      want: by('NOT_FOUND', { ok: 'resident', FORBIDDEN: 'volunteer grid staff street admin' }),
    },
  ],
  'dispatch.inbox': [
    {
      on: 'their own communities',
      prepare: () => ({ params: {} }),
      want: by('FORBIDDEN', { ok: 'staff street staff2 street2 staff3', INVALID_INPUT: 'admin' }),
    },
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
    { on: '果园南社区', prepare: () => ({ params: { communityId: PC2 } }), want: by('FORBIDDEN', { ok: 'staff2 street admin' }) },
    { on: '幸福东社区', prepare: () => ({ params: { communityId: PX1 } }), want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }) },
  ],
  'dispatch.accept': [
    {
      on: '新园社区, submitted',
      prepare: onDemand('C1', 'submitted'),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '果园南社区, submitted',
      prepare: onDemand('C2', 'submitted'),
      want: by('NOT_FOUND', { ok: 'staff2 admin', FORBIDDEN: 'resident3 grid2 street' }),
    },
    {
      on: '幸福东社区, submitted',
      prepare: onDemand('X1', 'submitted'),
      want: by('NOT_FOUND', { ok: 'staff3 admin', FORBIDDEN: 'resident4 street2' }),
    },
  ],
  'dispatch.reject': [
    {
      on: '新园社区, submitted',
      prepare: onDemand('C1', 'submitted', { reason: '不属于服务范围' }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '幸福东社区, submitted',
      prepare: onDemand('X1', 'submitted', { reason: '不属于服务范围' }),
      want: by('NOT_FOUND', { ok: 'staff3 admin', FORBIDDEN: 'resident4 street2' }),
    },
  ],
  'dispatch.merge': [
    {
      on: '新园社区, submitted, into another of its demands',
      prepare: () => ({ params: { id: insertDemandIn(t, 'C1', 'submitted')._id, intoId: insertDemandIn(t, 'C1', 'submitted')._id } }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '果园南社区, submitted, into another of its demands',
      prepare: () => ({ params: { id: insertDemandIn(t, 'C2', 'submitted')._id, intoId: insertDemandIn(t, 'C2', 'submitted')._id } }),
      want: by('NOT_FOUND', { ok: 'staff2 admin', FORBIDDEN: 'resident3 grid2 street' }),
    },
  ],
  'dispatch.similar': [
    {
      on: '新园社区, submitted',
      prepare: onDemand('C1', 'submitted'),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '果园南社区, submitted',
      prepare: onDemand('C2', 'submitted'),
      want: by('NOT_FOUND', { ok: 'staff2 admin', FORBIDDEN: 'resident3 grid2 street' }),
    },
  ],
  'dispatch.suggest': [
    {
      on: '新园社区, accepted',
      prepare: onDemand('C1', 'accepted'),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '幸福东社区, accepted',
      prepare: onDemand('X1', 'accepted'),
      want: by('NOT_FOUND', { ok: 'staff3 admin', FORBIDDEN: 'resident4 street2' }),
    },
  ],
  'dispatch.assign': [
    {
      on: '新园社区, accepted, to one of its volunteers',
      prepare: onDemand('C1', 'accepted', { assignee: { type: 'volunteer', id: USER.volunteer2 } }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
    {
      on: '果园南社区, accepted, to one of its volunteers',
      prepare: onDemand('C2', 'accepted', { assignee: { type: 'volunteer', id: 'user-volunteer-3' } }),
      want: by('NOT_FOUND', { ok: 'staff2 admin', FORBIDDEN: 'resident3 grid2 street' }),
    },
  ],
  'dispatch.publish': [
    {
      on: '新园社区, accepted',
      prepare: onDemand('C1', 'accepted', { points: 10 }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'resident grid street' }),
    },
  ],
  'dispatch.close': [
    {
      on: '新园社区, reviewed',
      prepare: onDemand('C1', 'reviewed', { evaluation: '满意' }),
      want: by('NOT_FOUND', { ok: 'staff street admin', FORBIDDEN: 'resident grid volunteer' }),
    },
    {
      on: '果园南社区, reviewed',
      prepare: onDemand('C2', 'reviewed', { evaluation: '满意' }),
      want: by('NOT_FOUND', { ok: 'staff2 street admin', FORBIDDEN: 'resident3 grid2 volunteer3' }),
    },
    {
      on: '幸福东社区, reviewed',
      prepare: onDemand('X1', 'reviewed', { evaluation: '满意' }),
      want: by('NOT_FOUND', { ok: 'staff3 street2 admin', FORBIDDEN: 'resident4' }),
    },
  ],
  'task.hall': [
    { on: 'their own communities', prepare: () => ({ params: {} }), want: by('FORBIDDEN', { ok: 'volunteer volunteer2 volunteer3' }) },
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'volunteer volunteer2' }) },
  ],
  'task.claim': [
    {
      on: '新园社区, open',
      prepare: onDemand('C1', 'open'),
      want: by('NOT_FOUND', { ok: 'volunteer volunteer2', FORBIDDEN: 'resident grid staff street admin' }),
    },
    {
      on: '果园南社区, open',
      prepare: onDemand('C2', 'open'),
      want: by('NOT_FOUND', { ok: 'volunteer3', FORBIDDEN: 'resident3 grid2 staff2 street admin' }),
    },
    {
      // Self-dealing: a volunteer does not take (and get the points for) a task they ordered themselves.
      on: '新园社区, open, ordered by 王小红 (a volunteer there) herself',
      prepare: onDemand('C1', 'open', {}, { createdBy: USER.volunteer, extra: { ownerId: USER.volunteer, contactName: '王小红' } }),
      want: by('NOT_FOUND', { ok: 'volunteer2', FORBIDDEN: 'volunteer grid staff street admin' }),
    },
  ],
  'task.mine': [{ on: 'their own tasks', prepare: () => ({ params: {} }), want: by('ok') }],
  'task.accept': [
    {
      on: '新园社区, dispatched to 王小红',
      prepare: onDemand('C1', 'dispatched'),
      want: by('NOT_FOUND', { ok: 'volunteer', FORBIDDEN: 'resident grid staff street admin' }),
    },
    {
      on: '新园社区, dispatched to 国网供电所',
      prepare: onDemand('C1', 'dispatched', {}, { assignee: 'unit' }),
      want: by('NOT_FOUND', { ok: 'unit', FORBIDDEN: 'resident grid staff street admin' }),
    },
  ],
  'task.decline': [
    {
      on: '新园社区, dispatched to 王小红',
      prepare: onDemand('C1', 'dispatched', { reason: '时间冲突' }),
      want: by('NOT_FOUND', { ok: 'volunteer', FORBIDDEN: 'resident grid staff street admin' }),
    },
  ],
  'task.start': [
    {
      on: '新园社区, accepted by 王小红',
      prepare: onDemand('C1', 'dispatched_accepted'),
      want: by('NOT_FOUND', { ok: 'volunteer', FORBIDDEN: 'resident grid staff street admin' }),
    },
  ],
  'task.progress': [
    {
      on: '新园社区, in progress by 王小红',
      prepare: onDemand('C1', 'in_progress', { note: '正在处理', requestId: 'perm-progress-note' }),
      want: by('NOT_FOUND', { ok: 'volunteer', FORBIDDEN: 'resident grid staff street admin' }),
    },
  ],
  'task.complete': [
    {
      on: '新园社区, in progress by 王小红',
      prepare: onDemand('C1', 'in_progress', { note: '完成', hours: 1 }),
      want: by('NOT_FOUND', { ok: 'volunteer', FORBIDDEN: 'resident grid staff street admin' }),
    },
    {
      on: '果园南社区, in progress by 林晓燕',
      prepare: onDemand('C2', 'in_progress', { note: '完成', hours: 1 }),
      want: by('NOT_FOUND', { ok: 'volunteer3', FORBIDDEN: 'resident3 grid2 staff2 street admin' }),
    },
  ],
  'points.balance': [{ on: 'their own points', prepare: () => ({ params: {} }), want: by('ok') }],
  'points.ledger': [{ on: 'their own ledger', prepare: () => ({ params: {} }), want: by('ok') }],
  'points.reconcile': [
    {
      on: '王小红’s points',
      prepare: () => ({ params: { ownerType: 'user', ownerId: 'user-volunteer' } }),
      want: by('FORBIDDEN', { ok: 'admin' }),
    },
  ],
  'points.correct': [
    {
      on: '赵志强’s points',
      prepare: () => ({
        params: { ownerType: 'user', ownerId: 'user-volunteer-2', delta: 1, reason: '补录服务', requestId: fresh('perm-fix-req') },
      }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'mall.rewards': [{ on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('ok') }],
  'mall.upsertReward': [
    {
      on: 'a new reward of 新园社区',
      prepare: () => ({ params: { communityId: PC1, name: '新礼品', cost: 5, stock: 3 } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
    {
      on: 'a new reward of 新园社区 offered by 供电所',
      prepare: () => ({ params: { communityId: PC1, name: '新礼品', cost: 5, stock: 3, sponsorUnitId: 'unit-power' } }),
      want: by('FORBIDDEN', { ok: 'staff admin unit' }),
    },
  ],
  'mall.approveReward': [
    {
      on: 'an offer waiting in 新园社区',
      prepare: () => ({ params: { rewardId: mallReward('pending') } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  // Each caller is given the point it costs first, so that only who they are decides.
  'mall.redeem': [
    {
      on: 'a reward of 新园社区',
      prepare: async (who) => {
        await givePoint(PEOPLE[who].userId)
        return { params: { rewardId: mallReward(), requestId: fresh('perm-redeem-req') } }
      },
      want: by('FORBIDDEN', { ok: 'volunteer volunteer2' }),
    },
  ],
  'mall.mine': [{ on: 'their own redemptions', prepare: () => ({ params: {} }), want: by('ok') }],
  'mall.cancel': [
    { on: '王小红’s reservation', prepare: () => ({ params: { id: mallRedemption().id } }), want: by('NOT_FOUND', { ok: 'volunteer' }) },
  ],
  'mall.lookup': [
    {
      on: 'a code of 供电所’s reward',
      prepare: () => ({ params: { code: mallRedemption().code } }),
      want: by('NOT_FOUND', { ok: 'staff admin unit' }),
    },
  ],
  'mall.verify': [
    {
      on: 'a code of 供电所’s reward',
      prepare: () => ({ params: { code: mallRedemption().code } }),
      want: by('NOT_FOUND', { ok: 'staff admin unit' }),
    },
  ],
  'mall.reissue': [
    {
      on: '王小红’s reservation',
      prepare: () => ({ params: { id: mallRedemption().id } }),
      want: by('NOT_FOUND', { ok: 'volunteer staff admin unit' }),
    },
  ],
  'mall.pickupQr': [
    { on: '王小红’s reservation', prepare: () => ({ params: { id: mallRedemption().id } }), want: by('NOT_FOUND', { ok: 'volunteer' }) },
  ],
  'mall.redemptions': [
    {
      on: 'a reward of 供电所 in 新园社区',
      prepare: () => ({ params: { rewardId: mallReward() } }),
      want: by('FORBIDDEN', { ok: 'staff admin unit' }),
    },
  ],
  'points.ranking': [
    { on: '新园社区 this month', prepare: () => ({ params: { communityId: PC1, period: 'month' } }), want: by('ok') },
    { on: '果园新村街道 all time', prepare: () => ({ params: { streetId: STREET_1, period: 'all', by: 'hours' } }), want: by('ok') },
  ],
  // The holder is always the caller: a volunteer with service this year gets theirs, nobody else's.
  'points.certificate': [
    {
      on: 'their own year of service',
      prepare: (who) => {
        const year = periodKeyOf('year', t.emulator.clock.now())
        const scopeId = `street-perm-${fresh('s')}`
        const ownerId = PEOPLE[who].userId
        const rollup = {
          _id: `${scopeId}:${year}:${ownerId}`,
          scope: 'street',
          scopeId,
          periodKey: year,
          ownerId,
          points: 5,
          hours: 1,
          items: 1,
        }
        t.emulator.database.insertMany('honours', [{ ...rollup, ranked: false, updatedAt: 0 }])
        return { params: {} }
      },
      want: by('FORBIDDEN', { ok: 'volunteer volunteer2 volunteer3' }),
    },
  ],
  // Anyone may verify a certificate, with or without an account.
  'points.verify': [
    {
      on: 'a certificate',
      prepare: () => {
        const code = 'PERM-TEST-2345'
        if (!certificateMade++)
          t.emulator.database.insertMany('certificates', [
            {
              _id: code,
              kind: 'certificate',
              ownerId: 'user-volunteer',
              periodKey: '2026',
              name: '王小红',
              points: 5,
              hours: 1,
              items: 1,
              issuedAt: 0,
            },
          ])
        return { params: { code } }
      },
      want: by('ok'),
    },
  ],
  // 揭榜: staff of 新园社区 (and admins) run a project; its reviewers (周委员, 刘书记) score; the unit
  // that bid (供电所, 孙工) bids, edits and reports; the street and staff accept; everyone sees
  // what is published. A draft is not even seen by those who do not oversee the community.
  'project.create': [
    {
      on: 'a project of 新园社区',
      prepare: () => ({
        params: {
          communityId: PC1,
          title: '楼道照明改造',
          goal: '让老楼楼道夜里亮起来',
          detail: '更换老旧灯具，加装声控开关',
          bidDeadline: t.emulator.clock.now() + 7 * 86_400_000,
          criteria: [{ name: '可行性', weight: 100, max: 10 }],
        },
      }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.update': [
    {
      on: 'a draft of 新园社区',
      prepare: () => ({ params: { id: projectIn('draft').id, title: '楼道照明与扶手改造' } }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'street' }),
    },
  ],
  'project.publish': [
    {
      on: 'a draft of 新园社区',
      prepare: () => ({ params: { id: projectIn('draft').id } }),
      want: by('NOT_FOUND', { ok: 'staff admin', FORBIDDEN: 'street' }),
    },
  ],
  'project.list': [{ on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('ok') }],
  'project.get': [
    { on: 'a project in bidding', prepare: () => ({ params: { id: projectIn('bidding').id } }), want: by('ok') },
    { on: 'a draft', prepare: () => ({ params: { id: projectIn('draft').id } }), want: by('NOT_FOUND', { ok: 'staff street admin' }) },
  ],
  'project.bid': [
    {
      on: 'a project of 新园社区 in bidding, without bids yet',
      // Inserted as a draft (no bids), then marked published.
      prepare: () => ({ params: { projectId: projectIn('draft', { status: 'bidding', listed: true }).id, ...bidFields() } }),
      want: by('FORBIDDEN', { ok: 'unit' }),
    },
  ],
  'project.updateBid': [
    {
      on: "供电所's bid",
      prepare: () => ({ params: { bidId: projectIn('bidding').bids[0], budget: 9000 } }),
      want: by('NOT_FOUND', { ok: 'unit' }),
    },
  ],
  'project.withdrawBid': [
    { on: "供电所's bid", prepare: () => ({ params: { bidId: projectIn('bidding').bids[0] } }), want: by('NOT_FOUND', { ok: 'unit' }) },
  ],
  'project.bids': [{ on: 'a project in review', prepare: () => ({ params: { projectId: projectIn('reviewing').id } }), want: by('ok') }],
  'project.myBids': [{ on: "their unit's bids", prepare: () => ({ params: {} }), want: by('ok') }],
  'project.closeBidding': [
    {
      on: 'a project past its deadline',
      prepare: () => ({ params: { id: projectIn('due').id } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.declareConflict': [
    {
      on: 'a project in bidding',
      prepare: () => ({ params: { projectId: projectIn('bidding').id, reason: '亲属在揭榜单位工作' } }),
      want: by('FORBIDDEN', { ok: 'committee staff' }),
    },
  ],
  'project.score': [
    {
      on: "农商银行's bid in review",
      prepare: () => {
        const p = projectIn('reviewing')
        return { params: { projectId: p.id, bidId: p.bids[1], scores: { 可行性: 7 } } }
      },
      want: by('FORBIDDEN', { ok: 'committee staff' }),
    },
  ],
  'project.withdrawScore': [
    {
      on: 'their own score (all members scored, review open)',
      prepare: () => {
        const p = projectIn('quorum')
        return { params: { projectId: p.id, bidId: p.bids[0], reason: '分数填错' } }
      },
      want: by('FORBIDDEN', { ok: 'committee staff' }),
    },
  ],
  'project.myReviews': [{ on: 'their own reviews', prepare: () => ({ params: {} }), want: by('ok') }],
  'project.closeReview': [
    {
      on: 'a review with quorum',
      prepare: () => ({ params: { id: projectIn('quorum').id } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.results': [
    {
      on: 'a closed review',
      prepare: () => ({ params: { projectId: projectIn('closed').id } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
    // Before the close nobody sees them, those who will afterwards included.
    {
      on: 'a review with quorum, not closed',
      prepare: () => ({ params: { projectId: projectIn('quorum').id } }),
      want: by('FORBIDDEN', { QUORUM_NOT_REACHED: 'staff committee street admin' }),
    },
  ],
  'project.award': [
    {
      on: 'the first of a closed review',
      prepare: () => {
        const p = projectIn('closed')
        return { params: { projectId: p.id, bidId: p.bids[0] } }
      },
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.publicize': [
    {
      on: 'an awarded project',
      prepare: () => ({ params: { id: projectIn('awarded').id } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.object': [
    {
      on: 'a project of 新园社区 in its notice period',
      prepare: () => ({ params: { projectId: projectIn('publicity').id, reason: '施工时间安排不合理' } }),
      want: by('FORBIDDEN', { ok: 'resident resident2 volunteer volunteer2 grid unit committee street' }),
    },
  ],
  'project.objections': [
    { on: 'a project in its notice period', prepare: () => ({ params: { projectId: projectIn('publicity').id } }), want: by('ok') },
  ],
  'project.answerObjection': [
    {
      on: "张阿姨's objection",
      prepare: () => ({ params: { objectionId: objectionTo(), answer: '已与施工方约定只在白天施工' } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.start': [
    {
      on: 'a notice period ended without objections',
      prepare: () => ({ params: { id: projectIn('ended').id } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.report': [
    {
      on: "供电所's project in progress",
      prepare: () => ({ params: { projectId: projectIn('in_progress').id, progress: 40, note: '已完成两栋楼' } }),
      want: by('FORBIDDEN', { ok: 'unit' }),
    },
  ],
  'project.reports': [
    { on: 'a project in progress', prepare: () => ({ params: { projectId: projectIn('in_progress').id } }), want: by('ok') },
  ],
  'project.accept': [
    {
      on: 'a project of 新园社区 in progress',
      prepare: () => ({ params: { projectId: projectIn('in_progress').id, rating: 5 } }),
      want: by('FORBIDDEN', { ok: 'staff street admin' }),
    },
  ],
  'project.cancel': [
    {
      on: 'a project in bidding',
      prepare: () => ({ params: { id: projectIn('bidding').id, reason: '已由区里统一实施' } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.minutes': [
    {
      on: 'a closed review',
      prepare: () => ({ params: { projectId: projectIn('closed').id } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
  ],
  'project.promoteNeed': [
    {
      on: 'a need of 新园社区',
      prepare: () => ({ params: { communityId: PC1, title: '老楼楼道照明不足' } }),
      want: by('FORBIDDEN', { ok: 'staff admin' }),
    },
  ],
  'project.needs': [
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
  ],
  'org.resources': [{ on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('ok') }],
  // 供电所 serves every community of 果园新村街道: its contact and their staff keep its list.
  'org.updateResources': [
    {
      on: "供电所's list",
      prepare: () => ({
        params: { unitId: 'unit-power', resources: [{ name: '电路检修' }, { name: '用电安全宣传', capacity: '每月 1 次' }] },
      }),
      want: by('FORBIDDEN', { ok: 'unit staff staff2 admin' }),
    },
  ],
  'org.unitScorecard': [{ on: '供电所', prepare: () => ({ params: { unitId: 'unit-power' } }), want: by('ok') }],
  'org.projectRules': [
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
    { on: '幸福东社区', prepare: () => ({ params: { communityId: PX1 } }), want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }) },
  ],
  'org.setProjectRules': [
    {
      on: '新园社区',
      prepare: () => ({ params: { communityId: PC1, publicityDays: 5 } }),
      want: by('FORBIDDEN', { ok: 'staff street admin' }),
    },
  ],
  'notify.inbox': [{ on: 'their own inbox', prepare: () => ({ params: {} }), want: by('ok') }],
  'notify.markRead': [{ on: 'all of their own messages', prepare: () => ({ params: { all: true } }), want: by('ok') }],
  'audit.list': [
    { on: '新园社区', prepare: () => ({ params: { communityId: PC1 } }), want: by('FORBIDDEN', { ok: 'staff street admin' }) },
    { on: '幸福东社区', prepare: () => ({ params: { communityId: PX1 } }), want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }) },
  ],
  // Staff verify their own community's chain; street staff name a community (the global chain is
  // only partly theirs).
  'audit.verify': [{ on: 'the log', prepare: () => ({ params: {} }), want: by('FORBIDDEN', { ok: 'staff staff2 staff3 admin' }) }],
  // Dashboards: a community's staff and 大党委 members, its street's staff, admins; grid workers their grids.
  'stats.overview': [
    {
      on: '新园社区',
      prepare: () => ({ params: { communityId: PC1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
    {
      on: '幸福东社区',
      prepare: () => ({ params: { communityId: PX1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'staff3 street2 admin' }),
    },
    {
      on: '新园社区 grid 1',
      prepare: () => ({ params: { gridId: gridOf(PC1), ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'grid staff committee street admin' }),
    },
    {
      on: '果园新村街道',
      prepare: () => ({ params: { streetId: STREET_1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'street admin' }),
    },
    {
      on: 'their own place (none named)',
      prepare: () => ({ params: { ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'grid staff committee street staff2 grid2 street2 staff3', INVALID_INPUT: 'admin' }),
    },
  ],
  'stats.trend': [
    {
      on: '新园社区 by week',
      prepare: () => ({ params: { communityId: PC1, period: 'week', ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
  ],
  'stats.hotspots': [
    {
      on: '果园南社区 grid 1',
      prepare: () => ({ params: { gridId: gridOf(PC2), ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'grid2 staff2 street admin' }),
    },
  ],
  'stats.heat': [
    {
      on: '新园社区',
      prepare: () => ({ params: { communityId: PC1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
  ],
  // 台账: a community's staff, its street's staff, admins; grid workers their grids (not 大党委 members: rows name people).
  'stats.ledger': [
    {
      on: '新园社区',
      prepare: () => ({ params: { communityId: PC1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'staff street admin' }),
    },
    {
      on: '新园社区 grid 1',
      prepare: () => ({ params: { gridId: gridOf(PC1), ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'grid staff street admin' }),
    },
    {
      on: '果园新村街道',
      prepare: () => ({ params: { streetId: STREET_1, ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'street admin' }),
    },
    {
      on: 'their own place (none named)',
      prepare: () => ({ params: { ...STATS_PERIOD } }),
      want: by('FORBIDDEN', { ok: 'grid staff street staff2 grid2 street2 staff3', INVALID_INPUT: 'admin' }),
    },
  ],
  // Exports: the ledger as the ledger, the figures as the dashboard.
  'stats.export': [
    {
      on: '新园社区, the ledger',
      prepare: () => ({ params: { communityId: PC1, ...STATS_PERIOD, sheet: 'ledger' } }),
      want: by('FORBIDDEN', { ok: 'staff street admin' }),
    },
    {
      on: '新园社区, the figures',
      prepare: () => ({ params: { communityId: PC1, ...STATS_PERIOD, sheet: 'overview' } }),
      want: by('FORBIDDEN', { ok: 'staff committee street admin' }),
    },
  ],
  // An export is its asker's (and admins'); to anyone else it does not exist.
  'stats.exportStatus': [
    {
      on: 'an export 刘书记 asked for',
      prepare: () => {
        if (!exportJobMade++)
          t.emulator.database.insertMany('export_jobs', [
            {
              _id: 'export-perm',
              sheet: 'ledger',
              scope: { kind: 'community', id: PC1, name: '新园社区', field: 'communityId' },
              from: STATS_PERIOD.from,
              to: STATS_PERIOD.to,
              requestedBy: 'user-staff',
              requestedByName: '刘书记',
              state: 'queued',
              leaseUntil: 0,
              runs: 0,
              phase: 'read',
              partFiles: [],
              rows: 0,
              widths: [],
              maxRowsHeld: 0,
              createdAt: 0,
              updatedAt: 0,
            },
          ])
        return { params: { jobId: 'export-perm' } }
      },
      want: by('NOT_FOUND', { ok: 'staff admin' }),
    },
  ],
  // 双报到 yearly letters: the member themself (王小红, 区税务局), their community's and street's staff, admins.
  'stats.annualReport': [
    {
      on: '王小红’s year',
      prepare: () => ({ params: { year: 2026, userId: 'user-volunteer' } }),
      want: by('FORBIDDEN', { ok: 'volunteer staff street admin' }),
    },
    {
      on: 'every in-service member of their community',
      prepare: () => ({ params: { year: 2026 } }),
      want: by('FORBIDDEN', { ok: 'staff staff2', NOT_FOUND: 'staff3', INVALID_INPUT: 'street street2 admin' }),
    },
  ],
}

let exportJobMade = 0

/** Every action the functions offer, as `contract.Schemas` lists them. */
const OFFERED = Object.entries(contract.Schemas).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))

describe('every action × every persona, as the table says', () => {
  beforeAll(() => {
    insertUsers(t, [X1_VOLUNTEER])
  })

  test('the table lists every action of every function', () => {
    expect(OFFERED.filter((key) => !(key in TABLE))).toEqual([])
  })

  // Actions the table lists but the functions do not offer (yet) have no test: the list comes from Schemas.
  const rows = OFFERED.flatMap((key) => (TABLE[key] ?? []).map((row) => [key, row.on, row] as const))
  test.each(rows)('%s on %s', async (key, _on, row) => {
    const [fn, action] = key.split('.') as [string, string]
    const problems: string[] = []
    for (const who of row.only ?? EVERYONE) {
      const { params, openid } = await row.prepare(who)
      const res = await t.call(fn, action, params, openid ?? PEOPLE[who].openid)
      const got = res.ok ? 'ok' : res.error!.code
      if (got !== row.want[who]) problems.push(`${who}: expected ${row.want[who]}, got ${got} ${res.error?.message ?? ''}`)
      if (!res.ok && res.stats.docsWritten !== 0) problems.push(`${who}: refused, yet wrote ${res.stats.docsWritten} document(s)`)
      await removeMade()
    }
    expect(problems).toEqual([])
  })

  test('every action of every function: a caller without an account is NOT_REGISTERED (login creates one)', async () => {
    const problems: string[] = []
    for (const key of OFFERED) {
      const [fn, action] = key.split('.') as [string, string]
      const { params } = await TABLE[key]![0]!.prepare('resident')
      const res = await t.call(fn, action, params, `openid-without-account-${fresh('x')}`)
      // Login makes an account; a deletion already done answers ok again (its retry), so an
      // unknown caller's does too, and learns nothing.
      // Anyone may verify a certificate (a school, an employer).
      const want = key === 'user.login' || key === 'user.deleteAccount' || key === 'points.verify' ? 'ok' : 'NOT_REGISTERED'
      const got = res.ok ? 'ok' : res.error!.code
      if (got !== want) problems.push(`${key}: expected ${want}, got ${got}`)
    }
    expect(problems).toEqual([])
  })
})
