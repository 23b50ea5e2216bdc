/**
 * Status words per audience: every status has words for every audience, the resident never
 * reads the office words, and a dispatched demand stops reading 已派单 once accepted.
 */
import { Audiences, readerOf, closedNoticeTitle, DemandPhases, nextStepAfterOrder, phaseOf, StatusWords, statusWords } from './labels'
import { DefaultSlaPolicy, slaTermsFor } from './sla'
import { DemandStatuses } from './types'

describe('status words', () => {
  test.each(Audiences)('every status and phase has words for %s', (audience) => {
    for (const status of DemandStatuses) expect(StatusWords[audience][status]).toMatch(/\S/)
    for (const phase of DemandPhases) expect(StatusWords[audience][phase]).toMatch(/\S/)
    expect(Object.keys(StatusWords[audience]).sort()).toEqual([...DemandPhases].sort())
  })

  test('the resident reads what it means for her, staff the office words', () => {
    expect(statusWords({ status: 'reviewed' }, 'resident')).toBe('等待社区办结')
    expect(statusWords({ status: 'reviewed' }, 'staff')).toBe('待销号')
    const office = ['待销号', '已派单', '待派单', '待受理']
    for (const phase of DemandPhases) expect(office).not.toContain(StatusWords.resident[phase])
  })

  test('已派单 no longer shows once the assignee accepted', () => {
    const assignee = { type: 'volunteer' as const, id: 'u1', name: '王', assignedAt: 1, assignedBy: 's', points: 5 }
    expect(phaseOf({ status: 'dispatched', assignee })).toBe('dispatched')
    expect(phaseOf({ status: 'dispatched', assignee: { ...assignee, acceptedAt: 2 } })).toBe('dispatched_accepted')
    for (const audience of Audiences)
      expect(statusWords({ status: 'dispatched', assignee: { ...assignee, acceptedAt: 2 } }, audience)).not.toBe('已派单')
    expect(statusWords({ status: 'dispatched', assignee }, 'staff')).toBe('已派单')
  })

  test('roles map to readers', () => {
    expect(readerOf('resident')).toBe('resident')
    expect(readerOf(undefined)).toBe('resident')
    expect(readerOf('volunteer')).toBe('volunteer')
    expect(readerOf('unit_contact')).toBe('volunteer')
    expect(readerOf('community_staff')).toBe('staff')
    expect(readerOf('grid_worker')).toBe('staff')
  })
})

describe('what happens next', () => {
  test('after ordering: the triage window of the policy, urgent shorter', () => {
    expect(nextStepAfterOrder({ urgency: 'normal', category: 'repair' })).toContain('24 小时内受理')
    expect(nextStepAfterOrder({ urgency: 'urgent', category: 'repair' })).toContain('2 小时内受理')
    const slow = { ...DefaultSlaPolicy, triage: { normal: 48, urgent: 4 } }
    expect(nextStepAfterOrder({ urgency: 'normal', category: 'repair' }, slow)).toContain('2 天内受理')
    const terms = slaTermsFor({ ...DefaultSlaPolicy, triage: { normal: 6, urgent: 1 } }, { urgency: 'normal', category: 'repair' })
    expect(nextStepAfterOrder({ urgency: 'normal', category: 'repair', slaTerms: terms })).toContain('6 小时内受理')
  })

  test('the close notice names the points awarded', () => {
    expect(closedNoticeTitle(8)).toContain('8 积分')
    expect(closedNoticeTitle(0)).toBe('点单已办结销号')
    expect(closedNoticeTitle(undefined)).toBe('点单已办结销号')
  })
})
