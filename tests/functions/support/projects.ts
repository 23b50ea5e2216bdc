/**
 * Fixtures for the 揭榜 suites: a community of its own per test (so each one's 大党委 is exactly
 * what the test says), its staff, co-building units with contacts, committee members (some
 * from those units), and helpers that drive a project to a given state with the real
 * functions.
 */
import type { Honglin } from '../../helpers/honglin'
import { STREET } from './demands'

export const DAY = 86_400_000
let seq = 0

export interface Board {
  communityId: string
  staff: string
  /** Unit contacts' openids, by unit index. */
  contacts: string[]
  unitIds: string[]
  /** Committee members' openids and user ids; `unitOf[i]` is the index of their unit, if any. */
  members: { openid: string; userId: string; unit?: number }[]
  resident: string
}

/**
 * A community with `members` committee members, `units` units (each with a contact); the
 * members listed in `memberUnits` (member index → unit index) belong to those units.
 */
export function board(t: Honglin, opts: { members: number; units: number; memberUnits?: Record<number, number> }): Board {
  const k = `b${++seq}${Date.now().toString(36)}`
  const now = t.emulator.clock.now()
  const communityId = `cm-${k}`
  const db = t.emulator.database
  db.insertMany('communities', [{ _id: communityId, name: `测试社区${k}`, streetId: STREET, createdAt: now }])
  const unitIds = Array.from({ length: opts.units }, (_, i) => `unit-${k}-${i}`)
  db.insertMany(
    'units',
    unitIds.map((id, i) => ({
      _id: id,
      name: `共建单位${i + 1}`,
      type: '国有企业',
      resources: ['场地'],
      communityIds: [communityId],
      createdAt: now,
    })),
  )
  const users: Record<string, unknown>[] = [
    {
      _id: `staff-${k}`,
      openid: `wx-staff-${k}`,
      name: '社区书记',
      grants: [{ role: 'community_staff', communityId, streetId: STREET }],
      createdAt: now,
    },
    {
      _id: `res-${k}`,
      openid: `wx-res-${k}`,
      name: '居民甲',
      grants: [{ role: 'resident', communityId, streetId: STREET }],
      createdAt: now,
    },
    ...unitIds.map((unitId, i) => ({
      _id: `contact-${k}-${i}`,
      openid: `wx-contact-${k}-${i}`,
      name: `联系人${i + 1}`,
      grants: [{ role: 'unit_contact', unitId, communityId, streetId: STREET }],
      createdAt: now,
    })),
  ]
  const members = Array.from({ length: opts.members }, (_, i) => {
    const unit = opts.memberUnits?.[i]
    return { openid: `wx-member-${k}-${i}`, userId: `member-${k}-${i}`, ...(unit !== undefined ? { unit } : {}) }
  })
  users.push(
    ...members.map((m, i) => ({
      _id: m.userId,
      openid: m.openid,
      name: `委员${i + 1}`,
      grants: [{ role: 'committee_member', communityId, streetId: STREET, ...(m.unit !== undefined ? { unitId: unitIds[m.unit] } : {}) }],
      createdAt: now,
    })),
  )
  db.insertMany('users', users)
  db.insertMany(
    'committee_members',
    members.map((m) => ({
      communityId,
      userId: m.userId,
      ...(m.unit !== undefined ? { unitId: unitIds[m.unit] } : {}),
      title: '兼职委员',
      createdAt: now,
    })),
  )
  return {
    communityId,
    staff: `wx-staff-${k}`,
    contacts: unitIds.map((_, i) => `wx-contact-${k}-${i}`),
    unitIds,
    members,
    resident: `wx-res-${k}`,
  }
}

export const CRITERIA = [
  { name: '方案可行性', weight: 50, max: 10 },
  { name: '资源投入', weight: 30, max: 10 },
  { name: '服务经验', weight: 20, max: 10 },
]

export function projectInput(t: Honglin, b: Board, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    communityId: b.communityId,
    title: '老旧小区加装电梯协调服务',
    goal: '为三栋老楼协调加装电梯，解决老人上下楼难',
    detail: '组织居民协商、联系设计单位、协调施工与后期维护',
    budget: 20000,
    bidDeadline: t.emulator.clock.now() + 7 * DAY,
    criteria: CRITERIA,
    ...extra,
  }
}

export function bidInput(t: Honglin, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const now = t.emulator.clock.now()
  return {
    plan: '成立专班，两周内完成入户意愿调查，一个月内拿出协调方案并组织居民议事会',
    resources: '党员志愿者 6 人，会议室一间',
    timeline: [
      { title: '入户调查', due: now + 20 * DAY },
      { title: '协调方案', due: now + 40 * DAY },
    ],
    budget: 15000,
    requestId: `bid-${++seq}-${Date.now().toString(36)}`,
    ...extra,
  }
}

/** Creates and publishes a project; answers it. */
export async function published(t: Honglin, b: Board, extra: Record<string, unknown> = {}): Promise<any> {
  const p = await t.ok('project', 'create', projectInput(t, b, extra), b.staff)
  return t.ok('project', 'publish', { id: p._id }, b.staff)
}

/** Published, with a bid from each unit listed, and bidding closed after the deadline. */
export async function inReview(
  t: Honglin,
  b: Board,
  bidders: number[],
  extra: Record<string, unknown> = {},
): Promise<{ project: any; bids: any[] }> {
  const project = await published(t, b, extra)
  const bids = []
  for (const i of bidders) bids.push(await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[i]))
  t.emulator.clock.advance(8 * DAY)
  const closed = await t.ok('project', 'closeBidding', { id: project._id }, b.staff)
  return { project: closed, bids }
}

export const scores = (a: number, b: number, c: number) => ({ 方案可行性: a, 资源投入: b, 服务经验: c })
