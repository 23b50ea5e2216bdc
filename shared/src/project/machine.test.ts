import type { Actor } from '../roles'
import { assertStep, maySeeBids, maySeeProject, projectActions } from './machine'
import { DEFAULT_PROJECT_RULES } from './quorum'
import type { Project, ProjectStatus } from './types'

const C1 = 'c1'
const NOW = Date.UTC(2026, 10, 27, 12)
const actor = (userId: string, grants: Actor['grants']): Actor => ({ userId, openid: userId, name: userId, grants })
const staff = actor('staff', [{ role: 'community_staff', communityId: C1, streetId: 's1' }])
const street = actor('street', [{ role: 'street_staff', streetId: 's1' }])
const member = actor('m1', [{ role: 'committee_member', communityId: C1, unitId: 'u1' }])
const contact = actor('contact', [{ role: 'unit_contact', communityId: C1, unitId: 'u1' }])
const resident = actor('resident', [{ role: 'resident', communityId: C1 }])
const outsider = actor('far', [{ role: 'resident', communityId: 'c9' }])

function project(status: ProjectStatus, extra: Partial<Project> = {}): Project {
  return {
    _id: 'p1',
    communityId: C1,
    streetId: 's1',
    title: '楼道照明改造',
    goal: '亮起来',
    detail: '换灯',
    demandIds: [],
    needIds: [],
    bidDeadline: NOW + 1000,
    criteria: [{ name: '可行性', weight: 100, max: 10 }],
    status,
    listed: status !== 'draft',
    rules: DEFAULT_PROJECT_RULES,
    reviewers: [{ userId: 'm1', name: 'm1', unitId: 'u1' }],
    reviewerIds: ['m1'],
    recusals: [],
    bidCount: 1,
    tally: {},
    openObjections: 0,
    timeline: [],
    createdBy: 'staff',
    createdAt: NOW,
    updatedAt: NOW,
    ...extra,
  }
}

describe('the project state machine', () => {
  test('each step starts only from its states', () => {
    expect(() => assertStep(project('draft'), 'publish')).not.toThrow()
    expect(() => assertStep(project('bidding'), 'publish')).toThrow('项目揭榜中，不能进行此操作')
    expect(() => assertStep(project('in_progress'), 'cancel')).toThrow()
    expect(() => assertStep(project('publicity'), 'start')).not.toThrow()
    expect(() => assertStep(project('awarded'), 'start')).toThrow()
  })

  test('drafts are for those who oversee the community; published projects for everyone', () => {
    expect([staff, street, member, resident, outsider].map((a) => maySeeProject(a, project('draft')))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
    expect([staff, street, member, resident, outsider].map((a) => maySeeProject(a, project('bidding')))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ])
  })

  test('bids: staff and the street; a reviewer unless recused while the review is open', () => {
    const p = project('reviewing', { recusals: [{ userId: 'm1', name: 'm1', kind: 'own_unit', reason: '本单位参与揭榜', at: NOW }] })
    expect([staff, street, member, resident, contact].map((a) => maySeeBids(a, p))).toEqual([true, true, false, false, false])
    expect(maySeeBids(member, project('reviewing'))).toBe(true)
    expect(maySeeBids(member, { ...p, reviewClosedAt: NOW })).toBe(true)
  })

  test('actions: results and minutes only once the review has closed', () => {
    const open = project('reviewing')
    expect(projectActions(staff, open, { now: NOW })).toEqual(['closeReview', 'cancel'])
    expect(projectActions(member, open, { now: NOW })).toEqual(['declareConflict', 'score'])
    const closed = { ...open, reviewClosedAt: NOW }
    expect(projectActions(member, closed, { now: NOW, myScoreCount: 2 })).toEqual(['results', 'minutes'])
    expect(projectActions(staff, closed, { now: NOW })).toEqual(['results', 'minutes', 'award', 'cancel'])
    expect(projectActions(member, closed, { now: NOW })).toEqual(['results', 'minutes'])
    expect(projectActions(resident, closed, { now: NOW })).toEqual([])
  })

  test('start waits for the end of the notice and every answer', () => {
    const p = project('publicity', { publicityEndsAt: NOW - 1, openObjections: 1 })
    expect(projectActions(staff, p, { now: NOW })).toEqual(['answerObjection', 'cancel'])
    expect(projectActions(staff, { ...p, openObjections: 0 }, { now: NOW })).toEqual(['start', 'cancel'])
    expect(projectActions(staff, { ...p, openObjections: 0, publicityEndsAt: NOW + 1 }, { now: NOW })).toEqual(['cancel'])
    expect(projectActions(resident, { ...p, publicityEndsAt: NOW + 1 }, { now: NOW })).toEqual(['object'])
    expect(projectActions(resident, p, { now: NOW })).toEqual([])
  })

  test('a unit contact bids once, before the deadline, and may then change or withdraw the bid until it', () => {
    expect(projectActions(contact, project('bidding'), { now: NOW })).toEqual(['bid'])
    expect(projectActions(contact, project('bidding'), { now: NOW, myBid: true })).toEqual(['updateBid', 'withdrawBid'])
    expect(projectActions(contact, project('bidding'), { now: NOW + 1000 })).toEqual([])
    expect(projectActions(contact, project('bidding'), { now: NOW + 1000, myBid: true })).toEqual([])
  })

  test('a member may withdraw a score they hold while the review is open, and score again', () => {
    const open = project('reviewing')
    expect(projectActions(member, open, { now: NOW, myScoreCount: 1 })).toEqual(['declareConflict', 'score', 'withdrawScore'])
    expect(projectActions(member, open, { now: NOW, myScoreCount: 2, myReviewDone: true })).toEqual(['declareConflict', 'withdrawScore'])
    expect(projectActions(member, open, { now: NOW, myScoreCount: 0 })).not.toContain('withdrawScore')
    expect(projectActions(staff, open, { now: NOW, myScoreCount: 1 })).not.toContain('withdrawScore')
  })
})
