/**
 * The state machine, exhaustively: every (status × action × relation) combination of `decide`,
 * under each guard-relevant variant of the demand (assignment accepted or not, rated or not),
 * checked against an expectation written here independently of the Transitions table — by
 * relation rather than by action, from the loop as the issue describes it.
 */
import { AppError } from '../errors'
import type { Actor } from '../roles'
import {
  assertAllowed,
  availableActions,
  decide,
  DemandActions,
  relationsOf,
  Transitions,
  type DemandAction,
  type Relation,
} from './machine'
import { DemandStatuses, type Demand, type DemandStatus } from './types'

const RELATIONS: Relation[] = ['owner', 'creator', 'staff', 'street', 'assignee', 'hall_volunteer', 'grid_worker', 'system']

/**
 * What each relation may do, and from which statuses.
 * - the resident (owner) cancels before work starts, confirms, rates, and reopens what is not fixed;
 * - whoever entered it (a grid worker ordering on someone's behalf) may cancel it too;
 * - community staff triage (accept / reject / merge), dispatch (assign / publish) and close;
 * - street staff close (评单);
 * - the assignee accepts or declines the assignment, starts, records progress, completes;
 * - a volunteer of the community claims from the task hall;
 * - the SLA timer confirms on the resident's behalf;
 * - a grid worker has no say over a demand merely for owning its grid.
 */
const MAY: Record<Relation, Partial<Record<DemandAction, string>>> = {
  owner: { cancel: 'submitted accepted dispatched open', confirm: 'done', rate: 'done reviewed', reopen: 'done reviewed' },
  creator: { cancel: 'submitted accepted dispatched open' },
  staff: {
    accept: 'submitted',
    reject: 'submitted',
    merge: 'submitted accepted',
    assign: 'accepted',
    publish: 'accepted',
    close: 'reviewed',
  },
  street: { close: 'reviewed' },
  assignee: {
    acceptAssignment: 'dispatched',
    decline: 'dispatched',
    start: 'dispatched',
    progress: 'in_progress',
    complete: 'in_progress',
  },
  hall_volunteer: { claim: 'open' },
  grid_worker: {},
  system: { confirm: 'done' },
}

/** Where each action leads; `same` keeps the status (a note, an acceptance, a rating on a reviewed item). */
const LEADS_TO: Record<DemandAction, DemandStatus | 'same'> = {
  accept: 'accepted',
  reject: 'rejected',
  merge: 'merged',
  assign: 'dispatched',
  publish: 'open',
  claim: 'dispatched',
  acceptAssignment: 'same',
  decline: 'accepted',
  start: 'in_progress',
  progress: 'same',
  complete: 'done',
  cancel: 'cancelled',
  confirm: 'reviewed',
  rate: 'reviewed',
  reopen: 'in_progress',
  close: 'closed',
}

interface Variant {
  assignmentAccepted: boolean
  rated: boolean
}
const VARIANTS: Variant[] = [
  { assignmentAccepted: false, rated: false },
  { assignmentAccepted: true, rated: false },
  { assignmentAccepted: false, rated: true },
  { assignmentAccepted: true, rated: true },
]

/** Conditions beyond the status: accept an assignment once, start only after accepting, rate once. */
const GUARDS: Partial<Record<DemandAction, (v: Variant) => boolean>> = {
  acceptAssignment: (v) => !v.assignmentAccepted,
  start: (v) => v.assignmentAccepted,
  rate: (v) => !v.rated,
}

type Expected = { allowed: true; to: DemandStatus } | { allowed: false; code: 'FORBIDDEN' | 'INVALID_STATE' }

function expected(relation: Relation, action: DemandAction, status: DemandStatus, variant: Variant): Expected {
  const statuses = MAY[relation][action]
  if (statuses === undefined) return { allowed: false, code: 'FORBIDDEN' }
  if (!statuses.split(' ').includes(status)) return { allowed: false, code: 'INVALID_STATE' }
  if (GUARDS[action] && !GUARDS[action]!(variant)) return { allowed: false, code: 'INVALID_STATE' }
  const to = LEADS_TO[action]
  return { allowed: true, to: to === 'same' ? status : to }
}

function demandIn(status: DemandStatus, variant: Variant, assignee: 'volunteer' | 'unit' = 'volunteer'): Demand {
  return {
    _id: 'd1',
    kind: 'service',
    category: 'repair',
    title: '修水管',
    detail: '厨房水管漏水',
    photos: [],
    address: '新园社区3号楼2单元501',
    streetId: 'S1',
    communityId: 'C1',
    gridId: 'G1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'u-owner',
    createdBy: 'u-creator',
    requestId: 'req-00000001',
    status,
    createdAt: 0,
    updatedAt: 0,
    assignee: {
      type: assignee,
      id: assignee === 'volunteer' ? 'u-assignee' : 'unit-power',
      name: '王小红',
      assignedAt: 0,
      assignedBy: 'u-staff',
      points: 10,
      ...(variant.assignmentAccepted ? { acceptedAt: 1 } : {}),
    },
    ...(variant.rated ? { rating: { stars: 5, at: 2 } } : {}),
    timeline: [],
    version: 1,
  }
}

const person = (userId: string, grants: Actor['grants'] = [], volunteer: Actor['volunteer'] = null): Actor => ({
  userId,
  openid: `wx-${userId}`,
  name: userId,
  grants,
  volunteer,
})
const VOLUNTEER_C1: Actor['grants'] = [{ role: 'volunteer', communityId: 'C1', streetId: 'S1' }]
const VERIFIED_C1 = { status: 'verified', communityId: 'C1' } as const

/** An actor holding exactly one relation to `demandIn(...)`. */
const ACTORS: Record<Relation, Actor | 'system'> = {
  owner: person('u-owner'),
  creator: person('u-creator'),
  staff: person('u-staff', [{ role: 'community_staff', communityId: 'C1', streetId: 'S1' }]),
  street: person('u-street', [{ role: 'street_staff', streetId: 'S1' }]),
  assignee: person('u-assignee'),
  hall_volunteer: person('u-hall', VOLUNTEER_C1, VERIFIED_C1),
  grid_worker: person('u-grid', [{ role: 'grid_worker', communityId: 'C1', streetId: 'S1', gridIds: ['G1'] }]),
  system: 'system',
}

test('the tables cover every action and relation', () => {
  expect(Object.keys(Transitions).sort()).toEqual([...DemandActions].sort())
  expect(Object.keys(LEADS_TO).sort()).toEqual([...DemandActions].sort())
  expect(Object.keys(MAY).sort()).toEqual([...RELATIONS].sort())
})

test.each(RELATIONS)('the %s fixture actor holds exactly that relation', (relation) => {
  for (const status of DemandStatuses) expect([...relationsOf(ACTORS[relation], demandIn(status, VARIANTS[0]!))]).toEqual([relation])
})

const checked = new Set<string>()

describe.each(RELATIONS)('as %s', (relation) => {
  test.each([...DemandActions])('%s, from every status and variant', (action) => {
    const mismatches: string[] = []
    for (const status of DemandStatuses) {
      for (const variant of VARIANTS) {
        const actual = decide(ACTORS[relation], action, demandIn(status, variant))
        const want = expected(relation, action, status, variant)
        if (JSON.stringify(actual) !== JSON.stringify(want)) {
          mismatches.push(`${status} ${JSON.stringify(variant)}: got ${JSON.stringify(actual)}, want ${JSON.stringify(want)}`)
        }
        checked.add(`${status}|${action}|${relation}`)
      }
    }
    expect(mismatches).toEqual([])
  })
})

test('every (status × action × relation) combination was checked', () => {
  expect(checked.size).toBe(DemandStatuses.length * DemandActions.length * RELATIONS.length)
})

describe('relations beyond the single-relation fixtures', () => {
  const open = demandIn('open', VARIANTS[0]!)

  test('someone with no relation is refused everything, whatever the status (permission before state)', () => {
    const stranger = person('u-stranger', [{ role: 'resident', communityId: 'C1' }])
    for (const status of DemandStatuses) {
      for (const action of DemandActions)
        expect(decide(stranger, action, demandIn(status, VARIANTS[1]!))).toEqual({ allowed: false, code: 'FORBIDDEN' })
    }
  })

  test('roles count only in their own community, street or grid', () => {
    const elsewhere = [
      person('u-staff2', [{ role: 'community_staff', communityId: 'C2' }]),
      person('u-street2', [{ role: 'street_staff', streetId: 'S2' }]),
      person('u-vol2', [{ role: 'volunteer', communityId: 'C2' }], { status: 'verified', communityId: 'C2' }),
      person('u-grid2', [{ role: 'grid_worker', communityId: 'C1', gridIds: ['G2'] }]),
    ]
    for (const actor of elsewhere) expect(relationsOf(actor, open).size).toBe(0)
  })

  test('the owner or creator of a demand never claims it, even as a verified volunteer of its community', () => {
    for (const userId of ['u-owner', 'u-creator']) {
      const volunteer = person(userId, VOLUNTEER_C1, VERIFIED_C1)
      expect(relationsOf(volunteer, open).has('hall_volunteer')).toBe(false)
      expect(decide(volunteer, 'claim', open)).toEqual({ allowed: false, code: 'FORBIDDEN' })
      expect(availableActions(volunteer, open)).toEqual(['cancel'])
    }
  })

  test('a volunteer claims only with both a verified registration and a live grant for the community', () => {
    const cases: Actor[] = [
      person('u-grant-only', VOLUNTEER_C1, null),
      person('u-grant-unloaded', VOLUNTEER_C1),
      person('u-revoked', VOLUNTEER_C1, { status: 'revoked', communityId: 'C1' }),
      person('u-pending', VOLUNTEER_C1, { status: 'pending', communityId: 'C1' }),
      person('u-moved', VOLUNTEER_C1, { status: 'verified', communityId: 'C2' }),
      person('u-registration-only', [], VERIFIED_C1),
    ]
    for (const actor of cases)
      expect([actor.userId, decide(actor, 'claim', open)]).toEqual([actor.userId, { allowed: false, code: 'FORBIDDEN' }])
    expect(decide(person('u-both', VOLUNTEER_C1, VERIFIED_C1), 'claim', open)).toEqual({ allowed: true, to: 'dispatched' })
  })

  test('an admin acts as staff and street everywhere', () => {
    const admin = person('u-admin', [{ role: 'admin' }])
    expect([...relationsOf(admin, open)].sort()).toEqual(['staff', 'street'])
    expect(decide(admin, 'accept', demandIn('submitted', VARIANTS[0]!))).toEqual({ allowed: true, to: 'accepted' })
  })

  test('a unit’s contact is the assignee of a demand assigned to that unit; another unit’s is not', () => {
    const demand = demandIn('dispatched', VARIANTS[0]!, 'unit')
    const contact = person('u-contact', [{ role: 'unit_contact', unitId: 'unit-power', communityId: 'C1' }])
    const other = person('u-contact2', [{ role: 'unit_contact', unitId: 'unit-bank', communityId: 'C1' }])
    expect([...relationsOf(contact, demand)]).toEqual(['assignee'])
    expect(decide(contact, 'acceptAssignment', demand)).toEqual({ allowed: true, to: 'dispatched' })
    expect(decide(other, 'acceptAssignment', demand)).toEqual({ allowed: false, code: 'FORBIDDEN' })
  })

  test('relations add up: a staff member who ordered for herself may both cancel and triage', () => {
    const both = person('u-owner', [{ role: 'community_staff', communityId: 'C1' }])
    const submitted = demandIn('submitted', VARIANTS[0]!)
    expect(availableActions(both, submitted)).toEqual(['accept', 'reject', 'merge', 'cancel'])
  })
})

describe('assertAllowed and availableActions', () => {
  test('assertAllowed answers the next status or throws the decision’s AppError', () => {
    expect(assertAllowed(ACTORS.staff, 'publish', demandIn('accepted', VARIANTS[0]!))).toBe('open')
    const codeOf = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        return error instanceof AppError ? error.code : 'not an AppError'
      }
      return 'no error'
    }
    expect(codeOf(() => assertAllowed(ACTORS.owner, 'accept', demandIn('submitted', VARIANTS[0]!)))).toBe('FORBIDDEN')
    expect(codeOf(() => assertAllowed(ACTORS.assignee, 'start', demandIn('dispatched', VARIANTS[0]!)))).toBe('INVALID_STATE')
    expect(assertAllowed('system', 'confirm', demandIn('done', VARIANTS[1]!))).toBe('reviewed')
  })

  test('the buttons each person sees along the loop', () => {
    const staff = ACTORS.staff as Actor
    const assignee = ACTORS.assignee as Actor
    const owner = ACTORS.owner as Actor
    expect(availableActions(staff, demandIn('submitted', VARIANTS[0]!))).toEqual(['accept', 'reject', 'merge'])
    expect(availableActions(staff, demandIn('accepted', VARIANTS[0]!))).toEqual(['merge', 'assign', 'publish'])
    expect(availableActions(assignee, demandIn('dispatched', VARIANTS[0]!))).toEqual(['acceptAssignment', 'decline'])
    expect(availableActions(assignee, demandIn('dispatched', VARIANTS[1]!))).toEqual(['decline', 'start'])
    expect(availableActions(owner, demandIn('done', VARIANTS[1]!))).toEqual(['confirm', 'rate', 'reopen'])
    expect(availableActions(owner, demandIn('reviewed', VARIANTS[3]!))).toEqual(['reopen'])
    expect(availableActions(staff, demandIn('reviewed', VARIANTS[3]!))).toEqual(['close'])
    for (const status of ['rejected', 'merged', 'closed', 'cancelled'] as const) {
      for (const actor of [staff, assignee, owner]) expect(availableActions(actor, demandIn(status, VARIANTS[3]!))).toEqual([])
    }
  })
})
