/**
 * The permission matrix: every demand/dispatch/task action × every demo persona, for a
 * demand in every state. Where the shared state machine is the rule, the expectation is
 * derived from it (`decide`, and `viewOf` for who may not even see the demand: NOT_FOUND);
 * what is asserted is the real function's answer. A denied call must leave the demand exactly
 * as it was; an allowed one must lead where the machine says.
 */
import { availableActions, decide, viewOf, type Actor, type Demand, type DemandAction, type RoleGrant } from '@honglin/shared'
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
  instrument,
  readDemand,
  saveMeasured,
  type FixtureOptions,
  type FixtureState,
  type Persona,
} from './support/demands'

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
