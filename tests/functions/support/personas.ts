/**
 * Every demo persona of the seed, including those of the second community (果园南社区) and of
 * the second street (幸福街道), by a short name; and fixtures placed in any of the three
 * communities with the people who live there, for tests that cross a boundary.
 */
import type { Demand } from '@honglin/shared'
import type { Honglin } from '../../helpers/honglin'
import { fixtureDemand, type FixtureOptions, type FixtureState } from './demands'

export const STREET_1 = 'street-guoyuan'
export const STREET_2 = 'street-xingfu'
export const C1 = 'community-xinyuan'
export const C2 = 'community-guoyuan-south'
export const X1 = 'community-xingfu-east'
export const gridOf = (community: string, n = 1) => `${community}-grid-${n}`

export const PEOPLE = {
  resident: { openid: 'demo-resident', userId: 'user-resident' },
  resident2: { openid: 'demo-resident-2', userId: 'user-resident-2' },
  volunteer: { openid: 'demo-volunteer', userId: 'user-volunteer' },
  volunteer2: { openid: 'demo-volunteer-2', userId: 'user-volunteer-2' },
  grid: { openid: 'demo-grid', userId: 'user-grid' },
  staff: { openid: 'demo-staff', userId: 'user-staff' },
  unit: { openid: 'demo-unit', userId: 'user-unit' },
  committee: { openid: 'demo-committee', userId: 'user-committee' },
  street: { openid: 'demo-street', userId: 'user-street' },
  admin: { openid: 'demo-admin', userId: 'user-admin' },
  // 果园南社区, the same street
  staff2: { openid: 'demo-staff-2', userId: 'user-staff-2' },
  resident3: { openid: 'demo-resident-3', userId: 'user-resident-3' },
  volunteer3: { openid: 'demo-volunteer-3', userId: 'user-volunteer-3' },
  grid2: { openid: 'demo-grid-2', userId: 'user-grid-2' },
  // 幸福街道 and its 幸福东社区
  street2: { openid: 'demo-street-2', userId: 'user-street-2' },
  staff3: { openid: 'demo-staff-3', userId: 'user-staff-3' },
  resident4: { openid: 'demo-resident-4', userId: 'user-resident-4' },
} as const

export type Who = keyof typeof PEOPLE
export const EVERYONE = Object.keys(PEOPLE) as Who[]

/** Who lives and works where: the owner of a place's demands, its staff, a volunteer there. */
export const PLACES = {
  C1: {
    communityId: C1,
    streetId: STREET_1,
    owner: 'user-resident',
    ownerName: '张阿姨',
    volunteer: 'user-volunteer',
    staff: 'user-staff',
  },
  C2: {
    communityId: C2,
    streetId: STREET_1,
    owner: 'user-resident-3',
    ownerName: '黄奶奶',
    volunteer: 'user-volunteer-3',
    staff: 'user-staff-2',
  },
  // No demo volunteer lives in 幸福东社区: tests that need one there insert it (`X1_VOLUNTEER`).
  X1: {
    communityId: X1,
    streetId: STREET_2,
    owner: 'user-resident-4',
    ownerName: '徐大妈',
    volunteer: 'user-volunteer-x1',
    staff: 'user-staff-3',
  },
} as const
export type Place = keyof typeof PLACES

export const X1_VOLUNTEER = {
  _id: 'user-volunteer-x1',
  openid: 'wx-volunteer-x1',
  name: '幸福东 志愿者',
  grants: [{ role: 'volunteer', communityId: X1, streetId: STREET_2 }],
  volunteer: {
    status: 'verified',
    skills: ['助老'],
    isPartyMember: false,
    communityId: X1,
    appliedAt: 1,
    decidedAt: 1,
    decidedBy: 'user-staff-3',
  },
}

/** A demand of `place` in `state`, owned by the resident who lives there, assigned to its volunteer. */
export function demandIn(place: Place, state: FixtureState, options: FixtureOptions = {}): Demand {
  const p = PLACES[place]
  const d = fixtureDemand(state, { communityId: p.communityId, gridId: gridOf(p.communityId), createdBy: p.owner, ...options })
  const moved: Demand = { ...d, streetId: p.streetId, ownerId: p.owner, contactName: p.ownerName }
  moved.timeline = d.timeline.map((e) => ({ ...e, actorId: p.owner, actorName: p.ownerName }))
  if (moved.assignee?.type === 'volunteer') moved.assignee = { ...moved.assignee, id: p.volunteer, assignedBy: p.staff }
  return { ...moved, ...options.extra }
}

export function insertDemandIn(t: Honglin, place: Place, state: FixtureState, options: FixtureOptions = {}): Demand {
  const d = demandIn(place, state, options)
  t.emulator.database.insertMany('demands', [d as unknown as Record<string, unknown>])
  return d
}

let cloneCounter = 0
const clones: string[] = []

/**
 * A copy of a persona's user document under a new id and OPENID (same name, grants and
 * volunteer registration), for actions that change or remove the caller's own account.
 */
export async function clonePersona(
  t: Honglin,
  who: Who,
  changes: Record<string, unknown> = {},
): Promise<{ userId: string; openid: string }> {
  const res = await t.db.collection('users').where({ _id: PEOPLE[who].userId }).get()
  const original = res.data[0] as Record<string, unknown>
  const n = (cloneCounter++).toString(36)
  const copy = { ...original, _id: `${PEOPLE[who].userId}-copy-${n}`, openid: `${PEOPLE[who].openid}-copy-${n}`, ...changes }
  t.emulator.database.insertMany('users', [copy])
  clones.push(copy._id as string)
  return { userId: copy._id as string, openid: copy.openid as string }
}

/**
 * Removes the copies made so far: a copy of a staff member is staff too, and would be told
 * about (and counted in the round trips of) everything that happens in their community.
 */
export async function removeClones(t: Honglin): Promise<void> {
  const ids = clones.splice(0)
  if (ids.length > 0)
    await t.db
      .collection('users')
      .where({ _id: t.db.command.in(ids) })
      .remove()
}
