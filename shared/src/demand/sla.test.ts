/**
 * SLA rules: the deadline of every stage, urgent against normal triage, the exact boundary
 * (due at the deadline, overdue one millisecond after), marks that clear, and auto-confirm
 * after 7 days.
 */
import {
  currentDeadline,
  DAY,
  DefaultSlaPolicy,
  evaluateSla,
  HOUR,
  isOverdue,
  slaDue,
  slaFields,
  SlaRules,
  SlaStages,
  slaPolicyErrors,
  slaPolicyOf,
  slaTermsFor,
  wakeAtOf,
  type SlaPolicy,
} from './sla'
import { DemandStatuses, FinalStatuses, type Assignee, type Demand, type DemandStatus } from './types'

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

describe('stored deadlines: one for every stage a demand can wait in', () => {
  const terms = slaTermsFor(DefaultSlaPolicy, { urgency: 'normal', category: 'street_light' })
  const NOW = T0 + 5 * HOUR
  const stageOf = (d: Demand) => slaFields(d, NOW).sla

  test('triage: from creation', () => {
    expect(stageOf(demand('submitted'))).toEqual({
      stage: 'triage',
      dueAt: T0 + 24 * HOUR,
      level: 0,
      mark: { since: T0 + 24 * HOUR, stage: 'triage' },
    })
  })

  test('dispatch after acceptance: from when it was accepted (now), kept while it waits', () => {
    const entered = slaFields(demand('accepted'), NOW)
    expect(entered.sla).toMatchObject({ stage: 'dispatch', dueAt: NOW + 24 * HOUR, level: 0 })
    expect(entered.wakeAt).toBe(NOW + 24 * HOUR)
    // A later write (a note, anonymisation) does not move it.
    expect(slaFields(demand('accepted', { sla: entered.sla }), NOW + 3 * HOUR).sla).toEqual(entered.sla)
  })

  test('claim from the hall: from publication', () => {
    const d = demand('open', { hall: { points: 5, publishedAt: T0 + 2 * HOUR, publishedBy: 's1' } })
    expect(stageOf(d)).toMatchObject({ stage: 'claim', dueAt: T0 + 50 * HOUR })
  })

  test("the assignee's acceptance: from assigning", () => {
    expect(stageOf(demand('dispatched', { assignee: assignee() }))).toMatchObject({ stage: 'acceptance', dueAt: T0 + 25 * HOUR })
  })

  test('completion: the due time staff set, else the default window from acceptance', () => {
    const set = assignee({ acceptedAt: T0 + 2 * HOUR, dueAt: T0 + 10 * HOUR })
    expect(stageOf(demand('dispatched', { assignee: set }))).toMatchObject({ stage: 'work', dueAt: T0 + 10 * HOUR })
    expect(stageOf(demand('in_progress', { assignee: set }))).toMatchObject({ stage: 'work', dueAt: T0 + 10 * HOUR })
    const unset = assignee({ acceptedAt: T0 + 2 * HOUR })
    expect(stageOf(demand('in_progress', { assignee: unset }))).toMatchObject({ stage: 'work', dueAt: T0 + 2 * HOUR + 72 * HOUR })
  })

  test('reopened: the work window starts afresh unless staff’s due time is later', () => {
    const completion = { note: '已修好', photos: [], hours: 1, at: T0 + 3 * HOUR }
    const d = demand('in_progress', { assignee: assignee({ acceptedAt: T0, dueAt: T0 + 4 * HOUR }), completion })
    expect(stageOf(d)).toMatchObject({ stage: 'work', dueAt: NOW + 72 * HOUR })
  })

  test("the resident's confirmation: 7 days from completion, met by the system (no mark)", () => {
    const d = demand('done', { completion: { note: '已修好', photos: [], hours: 1, at: T0 + 3 * HOUR } })
    expect(stageOf(d)).toEqual({ stage: 'confirm', dueAt: T0 + 3 * HOUR + 7 * DAY, level: 0 })
  })

  test("staff's close: from when it was confirmed (now)", () => {
    expect(stageOf(demand('reviewed'))).toMatchObject({ stage: 'close', dueAt: NOW + 72 * HOUR })
  })

  test.each(FinalStatuses)('%s: no deadline, nothing to wake for, no mark', (status) => {
    const d = demand(status, { sla: { stage: 'close', dueAt: T0, level: 2 }, wakeAt: T0, overdue: { since: T0, stage: 'close' } })
    expect(slaFields(d, NOW)).toEqual({ sla: undefined, wakeAt: undefined, overdue: undefined })
  })

  test('escalation: wakeAt is the deadline, then the street time, then nothing', () => {
    const sla = { stage: 'triage' as const, dueAt: T0 + 24 * HOUR }
    expect(wakeAtOf({ ...sla, level: 0 }, terms)).toBe(T0 + 24 * HOUR)
    expect(wakeAtOf({ ...sla, level: 1 }, terms)).toBe(T0 + 48 * HOUR)
    expect(wakeAtOf({ ...sla, level: 2 }, terms)).toBeUndefined()
  })

  test('a continuing stage keeps its level and mark; moving on clears them', () => {
    const escalated = demand('submitted', {
      sla: { stage: 'triage', dueAt: T0 + 24 * HOUR, level: 1 },
      overdue: { since: T0 + 24 * HOUR, stage: 'triage' },
    })
    expect(slaFields(escalated, T0 + 30 * HOUR)).toEqual({ sla: escalated.sla, wakeAt: T0 + 48 * HOUR, overdue: escalated.overdue })
    const accepted = { ...escalated, status: 'accepted' as const }
    expect(slaFields(accepted, T0 + 30 * HOUR)).toMatchObject({ sla: { stage: 'dispatch', level: 0 }, overdue: undefined })
  })

  test('isOverdue follows the stored deadline when there is one', () => {
    const d = demand('accepted', { sla: { stage: 'dispatch', dueAt: T0 + HOUR, level: 0 } })
    expect(isOverdue(d, T0 + HOUR)).toBe(false)
    expect(isOverdue(d, T0 + HOUR + 1)).toBe(true)
  })
})

describe('what the timer does when wakeAt passes', () => {
  const at = (d: Demand) => ({ ...d, ...slaFields(d, T0) }) as Demand

  test('level 0: tell community staff; level 1: tell the street; confirm: auto-confirm', () => {
    const submitted = at(demand('submitted'))
    expect(slaDue(submitted, T0 + 24 * HOUR - 1)).toBeUndefined()
    expect(slaDue(submitted, T0 + 24 * HOUR)).toEqual({ kind: 'community', stage: 'triage', graceMs: 24 * HOUR })
    const level1 = { ...submitted, sla: { ...submitted.sla!, level: 1 as const, mark: undefined }, wakeAt: T0 + 48 * HOUR }
    expect(slaDue(level1, T0 + 48 * HOUR)).toEqual({ kind: 'street', stage: 'triage' })
    const done = at(demand('done', { completion: { note: '好', photos: [], hours: 1, at: T0 } }))
    expect(slaDue(done, T0 + 7 * DAY)).toEqual({ kind: 'autoConfirm' })
  })

  test('stored fields that do not fit the demand are repaired, never acted on', () => {
    const stale = { ...at(demand('submitted')), status: 'accepted' as const }
    expect(slaDue(stale, T0 + 30 * HOUR)).toEqual({ kind: 'repair' })
  })
})

describe('urgency and category shorten the windows; communities tune them within bounds', () => {
  test('urgent, and a safety hazard whatever its urgency, get the urgent windows', () => {
    const normal = slaTermsFor(DefaultSlaPolicy, { urgency: 'normal', category: 'street_light' })
    const urgent = slaTermsFor(DefaultSlaPolicy, { urgency: 'urgent', category: 'street_light' })
    const hazard = slaTermsFor(DefaultSlaPolicy, { urgency: 'normal', category: 'safety_hazard' })
    for (const stage of SlaStages.filter((s) => s !== 'confirm')) expect(urgent[stage]).toBeLessThan(normal[stage])
    expect(urgent.confirm).toBe(normal.confirm)
    expect(hazard).toEqual(urgent)
    const d = demand('submitted', { urgency: 'urgent', slaTerms: urgent })
    expect(slaFields(d, T0).sla).toMatchObject({ dueAt: T0 + 2 * HOUR })
  })

  test('the snapshot on the demand decides, not today’s defaults', () => {
    const terms = { ...slaTermsFor(DefaultSlaPolicy, { urgency: 'normal', category: 'x' }), triage: 6 }
    expect(slaFields(demand('submitted', { slaTerms: terms }), T0).sla).toMatchObject({ dueAt: T0 + 6 * HOUR })
  })

  test('the defaults are within the bounds', () => {
    expect(slaPolicyErrors(DefaultSlaPolicy)).toEqual({})
  })

  test('out of bounds, or urgent longer than normal, is refused with a Chinese message per field', () => {
    const policy: SlaPolicy = {
      ...DefaultSlaPolicy,
      triage: { normal: 100, urgent: 2 },
      close: { normal: 10, urgent: 20 },
      street: { normal: 0.5, urgent: 0.5 },
    }
    expect(slaPolicyErrors(policy)).toEqual({
      'triage.normal': '受理时限应在 1 到 72 小时之间',
      'close.urgent': '销号时限（紧急）不能长于一般时限',
      'street.normal': '上报街道时限应在 1 到 168 小时之间',
      'street.urgent': '上报街道时限（紧急）应在 1 到 168 小时之间',
    })
  })

  test('a community’s partial policy falls back to the defaults', () => {
    expect(slaPolicyOf({ slaPolicy: { triage: { normal: 12, urgent: 1 } } })).toEqual({
      ...DefaultSlaPolicy,
      triage: { normal: 12, urgent: 1 },
    })
    expect(slaPolicyOf(undefined)).toEqual(DefaultSlaPolicy)
  })
})
