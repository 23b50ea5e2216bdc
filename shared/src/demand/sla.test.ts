/**
 * SLA rules: the deadline of every stage, urgent against normal triage, the exact boundary
 * (due at the deadline, overdue one millisecond after), marks that clear, and auto-confirm
 * after 7 days.
 */
import { currentDeadline, DAY, evaluateSla, HOUR, isOverdue, SlaRules } from './sla'
import { DemandStatuses, type Assignee, type Demand, type DemandStatus } from './types'

const T0 = Date.UTC(2025, 0, 6, 1, 0, 0)

function demand(status: DemandStatus, extra: Partial<Demand> = {}): Demand {
  return {
    _id: 'd1',
    kind: 'report',
    category: 'street_light',
    title: '路灯不亮',
    detail: '3号楼前路灯坏了',
    photos: [],
    address: '新园社区3号楼',
    streetId: 'S1',
    communityId: 'C1',
    gridId: 'G1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'u1',
    createdBy: 'u1',
    requestId: 'req-00000001',
    status,
    createdAt: T0,
    updatedAt: T0,
    timeline: [],
    version: 1,
    ...extra,
  }
}

const assignee = (extra: Partial<Assignee> = {}): Assignee => ({
  type: 'volunteer',
  id: 'v1',
  name: '王小红',
  assignedAt: T0 + HOUR,
  assignedBy: 's1',
  points: 10,
  ...extra,
})

test('the promises: triage in 24 h (urgent 2 h), acceptance in 24 h, auto-confirm after 7 days', () => {
  expect(SlaRules).toEqual({ triageMs: { normal: 24 * HOUR, urgent: 2 * HOUR }, acceptanceMs: 24 * HOUR, autoConfirmMs: 7 * DAY })
})

describe('triage: a submitted demand must be accepted or rejected', () => {
  test.each([
    ['normal', 24 * HOUR],
    ['urgent', 2 * HOUR],
  ] as const)('%s: due %d ms after creation; late one millisecond after', (urgency, window) => {
    const d = demand('submitted', { urgency })
    expect(currentDeadline(d)).toEqual({ stage: 'triage', dueAt: T0 + window })
    expect(evaluateSla(d, T0 + window)).toEqual({})
    expect(isOverdue(d, T0 + window)).toBe(false)
    expect(evaluateSla(d, T0 + window + 1)).toEqual({ newlyOverdue: { stage: 'triage', since: T0 + window } })
    expect(isOverdue(d, T0 + window + 1)).toBe(true)
  })

  test('an urgent item is overdue long before a normal one', () => {
    const at = T0 + 3 * HOUR
    expect(isOverdue(demand('submitted', { urgency: 'urgent' }), at)).toBe(true)
    expect(isOverdue(demand('submitted', { urgency: 'normal' }), at)).toBe(false)
  })
})

describe('acceptance: an assignment must be accepted within 24 h of assigning', () => {
  test('boundary', () => {
    const d = demand('dispatched', { assignee: assignee() })
    const due = T0 + HOUR + 24 * HOUR
    expect(currentDeadline(d)).toEqual({ stage: 'acceptance', dueAt: due })
    expect(evaluateSla(d, due)).toEqual({})
    expect(evaluateSla(d, due + 1)).toEqual({ newlyOverdue: { stage: 'acceptance', since: due } })
  })

  test('a dispatched demand without an assignee (broken data) has no deadline instead of failing the sweep', () => {
    const d = demand('dispatched')
    expect(currentDeadline(d)).toBeUndefined()
    expect(evaluateSla(d, T0 + 100 * HOUR)).toEqual({})
  })

  test('once accepted, the work deadline applies instead', () => {
    const d = demand('dispatched', { assignee: assignee({ acceptedAt: T0 + 2 * HOUR, dueAt: T0 + 48 * HOUR }) })
    expect(currentDeadline(d)).toEqual({ stage: 'work', dueAt: T0 + 48 * HOUR })
    expect(evaluateSla(d, T0 + 30 * HOUR)).toEqual({})
  })
})

describe('work: the assignee finishes by the due time staff set', () => {
  test.each(['dispatched', 'in_progress'] as const)('%s, accepted, with a due time', (status) => {
    const due = T0 + 72 * HOUR
    const d = demand(status, { assignee: assignee({ acceptedAt: T0 + 2 * HOUR, dueAt: due }) })
    expect(currentDeadline(d)).toEqual({ stage: 'work', dueAt: due })
    expect(evaluateSla(d, due)).toEqual({})
    expect(evaluateSla(d, due + 1)).toEqual({ newlyOverdue: { stage: 'work', since: due } })
  })

  test.each(['dispatched', 'in_progress'] as const)('%s without a due time has no work deadline', (status) => {
    const d = demand(status, { assignee: assignee({ acceptedAt: T0 + 2 * HOUR }) })
    expect(currentDeadline(d)).toBeUndefined()
    expect(evaluateSla(d, T0 + 365 * DAY)).toEqual({})
  })
})

test.each(DemandStatuses.filter((s) => !['submitted', 'dispatched', 'in_progress'].includes(s)))('%s is under no deadline', (status) => {
  const d = demand(status, { assignee: assignee({ acceptedAt: T0, dueAt: T0 + HOUR }) })
  expect(currentDeadline(d)).toBeUndefined()
  expect(isOverdue(d, T0 + 30 * DAY)).toBe(false)
})

describe('marks: set once per stage, cleared when no longer late', () => {
  test('an item already marked at this stage is not newly overdue again (no second escalation)', () => {
    const d = demand('submitted', { overdue: { since: T0 + 24 * HOUR, stage: 'triage', escalatedAt: T0 + 25 * HOUR } })
    expect(evaluateSla(d, T0 + 30 * HOUR)).toEqual({})
  })

  test('late again at a later stage is a new lateness', () => {
    // Triaged late, then assigned at 25 h: the acceptance deadline is 49 h.
    const d = demand('dispatched', {
      assignee: assignee({ assignedAt: T0 + 25 * HOUR }),
      overdue: { since: T0 + 24 * HOUR, stage: 'triage', escalatedAt: T0 + 25 * HOUR },
    })
    expect(evaluateSla(d, T0 + 26 * HOUR)).toEqual({ cleared: true })
    expect(evaluateSla(d, T0 + 49 * HOUR + 1)).toEqual({ newlyOverdue: { stage: 'acceptance', since: T0 + 49 * HOUR } })
  })

  test('a mark clears when the item moves on, or when the deadline is extended', () => {
    const mark = { since: T0 + 24 * HOUR, stage: 'triage' as const, escalatedAt: T0 + 25 * HOUR }
    expect(evaluateSla(demand('accepted', { overdue: mark }), T0 + 26 * HOUR)).toEqual({ cleared: true })
    const extended = demand('in_progress', {
      assignee: assignee({ acceptedAt: T0, dueAt: T0 + 100 * HOUR }),
      overdue: { since: T0 + 48 * HOUR, stage: 'work', escalatedAt: T0 + 49 * HOUR },
    })
    expect(evaluateSla(extended, T0 + 50 * HOUR)).toEqual({ cleared: true })
  })
})

describe('auto-confirm: done and not confirmed by the resident for 7 days', () => {
  const completion = { note: '已修好', photos: [], hours: 1, at: T0 + 10 * HOUR }

  test('exactly 7 days after completion is not yet; one millisecond later is', () => {
    const d = demand('done', { completion })
    expect(evaluateSla(d, completion.at + 7 * DAY)).toEqual({})
    expect(evaluateSla(d, completion.at + 7 * DAY + 1)).toEqual({ autoConfirm: true })
  })

  test('an overdue mark left on a done item is cleared in the same finding', () => {
    const d = demand('done', { completion, overdue: { since: T0, stage: 'work', escalatedAt: T0 } })
    expect(evaluateSla(d, completion.at + 8 * DAY)).toEqual({ cleared: true, autoConfirm: true })
  })

  test.each(['in_progress', 'reviewed', 'closed'] as const)('never from %s', (status) => {
    const d = demand(status, { completion, assignee: assignee({ acceptedAt: T0 }) })
    expect(evaluateSla(d, completion.at + 30 * DAY).autoConfirm).toBeUndefined()
  })

  test('a done item without a completion record is left alone', () => {
    expect(evaluateSla(demand('done'), T0 + 30 * DAY)).toEqual({})
  })
})
