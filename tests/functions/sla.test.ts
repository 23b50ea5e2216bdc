/**
 * The `sla` timer function on the emulator's controlled clock: overdue marks and escalation to
 * community and street staff, urgent triage at 2 h, auto-confirm after 7 days, cleared marks,
 * a second run that says nothing new, paging over many demands, and refusal of anything that
 * is not the platform's timer.
 */
import { DemandStatuses, type Demand } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'

const t = useHonglin()

const HOUR = 3_600_000
const DAY = 24 * HOUR
const C1 = 'community-xinyuan'
const STREET = 'street-guoyuan'

const budget = useRoundTripBudget(t)

// Retention, the timer's daily part, is tested in privacy.test.ts. Here it is never due: each
// run costs one read of its state, counted in the budgets below ("+ retention state").
beforeAll(() => {
  t.emulator.database.insertMany('job_state', [{ _id: 'retention', after: '', nextRunAt: Number.MAX_SAFE_INTEGER, updatedAt: 0 }])
})

beforeEach(async () => {
  // Each test starts from no demands (the demo seed may bring some) and a fresh clock.
  t.emulator.clock.reset()
  await t.db
    .collection('demands')
    .where({ status: t.db.command.in([...DemandStatuses]) })
    .remove()
})

afterEach(() => {
  t.emulator.clock.reset()
})

let counter = 0
function demand(extra: Partial<Demand> = {}): Demand {
  const now = t.emulator.clock.now()
  const id = `sla-${++counter}`
  return {
    _id: id,
    kind: 'report',
    category: 'street_light',
    title: `路灯不亮 ${counter}`,
    detail: '3号楼前的路灯坏了好几天',
    photos: [],
    address: '新园社区3号楼',
    streetId: STREET,
    communityId: C1,
    gridId: `${C1}-grid-1`,
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'user-resident',
    createdBy: 'user-resident',
    requestId: `req-${id}`,
    status: 'submitted',
    createdAt: now,
    updatedAt: now,
    timeline: [{ at: now, action: 'create', to: 'submitted', actorId: 'user-resident', actorName: '张阿姨' }],
    version: 1,
    ...extra,
  }
}

function insert(...demands: Demand[]): void {
  t.emulator.database.insertMany(
    'demands',
    demands.map((d) => d as unknown as Record<string, unknown>),
  )
}

async function read(id: string): Promise<Demand> {
  return (await t.db.collection('demands').where({ _id: id }).get()).data[0]
}

async function fire() {
  const { result, error, stats } = await t.emulator.functions.fireTimer('sla', 'sla')
  expect(error).toBeUndefined()
  return { ...(result as { ok: boolean; data: any; error?: any }), stats }
}

async function notificationsAbout(demandId: string): Promise<any[]> {
  const people = ['user-staff', 'user-street', 'user-resident']
  const res = await t.db
    .collection('notifications')
    .where({ audience: t.db.command.in(people.map((id) => `user:${id}`)) })
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(1000)
    .get()
  // One entry per person told, as each sees it in their inbox.
  const about = res.data.filter((n: { demandId?: string }) => n.demandId === demandId)
  return about.flatMap((n: { audience: string[] }) =>
    n.audience.filter((k) => people.includes(k.slice(5))).map((k) => ({ ...n, recipientId: k.slice(5) })),
  )
}

const subscribeMessages = () => t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send')

test('a submitted demand not triaged in 24 h is marked overdue and escalated to staff and street, once', async () => {
  const d = demand()
  insert(d)
  t.emulator.clock.advance(23 * HOUR)
  expect((await fire()).data).toMatchObject({ scanned: 1, overdue: 0 })
  expect((await read(d._id)).overdue).toBeUndefined()

  t.emulator.clock.advance(2 * HOUR) // 25 h after it was submitted
  const outboxBefore = subscribeMessages().length
  const run = await fire()
  expect(run.ok).toBe(true)
  expect(run.data).toEqual({ scanned: 1, overdue: 1, cleared: 0, autoConfirmed: 0, failed: 0 })
  // page + write + staff and street lookups + inbox write + 2 subscribe messages + retention state
  budget('sla (1 newly overdue, 2 recipients)', run.stats, 8)

  const marked = await read(d._id)
  expect(marked.overdue).toEqual({ since: d.createdAt + 24 * HOUR, stage: 'triage', escalatedAt: expect.any(Number) })
  expect(marked.overdue!.escalatedAt).toBeGreaterThanOrEqual(d.createdAt + 25 * HOUR)
  expect(marked.version).toBe(d.version + 1)
  expect(marked.status).toBe('submitted')

  const notes = await notificationsAbout(d._id)
  expect(notes.map((n) => n.recipientId).sort()).toEqual(['user-staff', 'user-street'])
  for (const n of notes) expect(n).toMatchObject({ type: 'demand.overdue', title: '点单受理超时' })
  const sent = subscribeMessages().slice(outboxBefore)
  expect(sent.map((e) => e.data.touser).sort()).toEqual(['demo-staff', 'demo-street'])

  // A second run finds nothing new to say: no write, no notification, no message.
  t.emulator.clock.advance(10 * 60_000)
  const again = await fire()
  expect(again.data).toEqual({ scanned: 1, overdue: 0, cleared: 0, autoConfirmed: 0, failed: 0 })
  budget('sla (nothing to do, 1 page)', again.stats, 2)
  expect((await read(d._id)).version).toBe(marked.version)
  expect(await notificationsAbout(d._id)).toHaveLength(2)
  expect(subscribeMessages()).toHaveLength(outboxBefore + 2)
})

test('an urgent demand is overdue after 2 h', async () => {
  const urgent = demand({ urgency: 'urgent' })
  const normal = demand()
  insert(urgent, normal)
  t.emulator.clock.advance(2 * HOUR - 60_000)
  expect((await fire()).data.overdue).toBe(0)
  t.emulator.clock.advance(2 * 60_000)
  expect((await fire()).data).toMatchObject({ scanned: 2, overdue: 1 })
  expect((await read(urgent._id)).overdue).toMatchObject({ stage: 'triage', since: urgent.createdAt + 2 * HOUR })
  expect((await read(normal._id)).overdue).toBeUndefined()
})

test('an assignment not accepted in 24 h, and work past its due time, escalate at their stage', async () => {
  const now = t.emulator.clock.now()
  const assignee = {
    type: 'volunteer' as const,
    id: 'user-volunteer',
    name: '王小红',
    assignedAt: now,
    assignedBy: 'user-staff',
    points: 10,
  }
  const waiting = demand({ status: 'dispatched', assignee })
  const working = demand({ status: 'in_progress', assignee: { ...assignee, acceptedAt: now, dueAt: now + 6 * HOUR } })
  insert(waiting, working)
  t.emulator.clock.advance(7 * HOUR)
  expect((await fire()).data).toMatchObject({ overdue: 1 })
  expect((await read(working._id)).overdue).toMatchObject({ stage: 'work', since: now + 6 * HOUR })
  t.emulator.clock.advance(18 * HOUR)
  expect((await fire()).data).toMatchObject({ overdue: 1 })
  expect((await read(waiting._id)).overdue).toMatchObject({ stage: 'acceptance', since: now + 24 * HOUR })
  expect((await notificationsAbout(waiting._id)).map((n) => n.title)).toEqual(['点单接单超时', '点单接单超时'])
})

test('a done demand the resident has not confirmed in 7 days is confirmed by the system', async () => {
  const now = t.emulator.clock.now()
  const d = demand({
    status: 'done',
    assignee: {
      type: 'volunteer',
      id: 'user-volunteer',
      name: '王小红',
      assignedAt: now - DAY,
      assignedBy: 'user-staff',
      acceptedAt: now - DAY,
      points: 10,
    },
    completion: { note: '已更换灯泡', photos: [], hours: 1, at: now },
  })
  insert(d)
  t.emulator.clock.advance(7 * DAY - HOUR)
  expect((await fire()).data.autoConfirmed).toBe(0)

  t.emulator.clock.advance(2 * HOUR)
  const outboxBefore = subscribeMessages().length
  const run = await fire()
  expect(run.data).toEqual({ scanned: 1, overdue: 0, cleared: 0, autoConfirmed: 1, failed: 0 })
  budget('sla (1 auto-confirmed, 2 recipients)', run.stats, 8)

  const confirmed = await read(d._id)
  expect(confirmed.status).toBe('reviewed')
  expect(confirmed.version).toBe(d.version + 1)
  expect(confirmed.timeline).toHaveLength(2)
  expect(confirmed.timeline[1]).toMatchObject({ action: 'confirm', from: 'done', to: 'reviewed', actorId: 'system', actorName: '系统' })
  expect(confirmed.rating).toBeUndefined()

  const notes = await notificationsAbout(d._id)
  expect(notes.map((n) => n.recipientId).sort()).toEqual(['user-resident', 'user-staff'])
  expect(notes[0]).toMatchObject({ type: 'demand.autoConfirmed', title: '点单已自动确认' })
  expect(
    subscribeMessages()
      .slice(outboxBefore)
      .map((e) => e.data.touser)
      .sort(),
  ).toEqual(['demo-resident', 'demo-staff'])

  // Reviewed is no longer active: the next run does not even read it.
  const again = await fire()
  expect(again.data).toEqual({ scanned: 0, overdue: 0, cleared: 0, autoConfirmed: 0, failed: 0 })
  expect(await notificationsAbout(d._id)).toHaveLength(2)
})

test('a mark that no longer holds is cleared (deadline extended), silently', async () => {
  const now = t.emulator.clock.now()
  const d = demand({
    status: 'in_progress',
    assignee: {
      type: 'volunteer',
      id: 'user-volunteer',
      name: '王小红',
      assignedAt: now,
      assignedBy: 'user-staff',
      acceptedAt: now,
      dueAt: now + 3 * DAY,
      points: 10,
    },
    overdue: { since: now - HOUR, stage: 'work', escalatedAt: now - HOUR },
  })
  insert(d)
  const run = await fire()
  expect(run.data).toEqual({ scanned: 1, overdue: 0, cleared: 1, autoConfirmed: 0, failed: 0 })
  budget('sla (1 cleared)', run.stats, 3)
  expect((await read(d._id)).overdue).toBeUndefined()
  expect(await notificationsAbout(d._id)).toEqual([])
})

test('many demands: paged through the status index; only active ones are read', async () => {
  const late = Array.from({ length: 20 }, () => demand())
  const fresh = Array.from({ length: 230 }, () => demand({ createdAt: t.emulator.clock.now() + 2 * DAY }))
  const finished = Array.from({ length: 30 }, () => demand({ status: 'closed' }))
  insert(...late, ...fresh, ...finished)
  t.emulator.clock.advance(25 * HOUR)
  const run = await fire()
  expect(run.data).toEqual({ scanned: 250, overdue: 20, cleared: 0, autoConfirmed: 0, failed: 0 })
  // 3 pages + 20 writes + 2 lookups (shared by all items) + an inbox write per page + 40 subscribe messages (20 items × 2 people)
  // + retention state.
  budget('sla (250 active, 20 newly overdue)', run.stats, 3 + 20 + 2 + 3 + 40 + 1)
  expect(run.stats.actions['database.getDocument']).toBe(3 + 2 + 1)
  for (const d of late) expect((await read(d._id)).overdue?.stage).toBe('triage')
  const again = await fire()
  expect(again.data.overdue).toBe(0)
  budget('sla (250 active, nothing new)', again.stats, 3 + 1)
})

describe('only the platform’s timer runs it', () => {
  const timerEvent = () => ({ Type: 'Timer', TriggerName: 'sla', Time: new Date(t.emulator.clock.now()).toISOString() })

  async function expectRefused(result: unknown, d: Demand): Promise<void> {
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect((await read(d._id)).overdue).toBeUndefined()
  }

  test('a mini-program call with a forged timer payload is refused and changes nothing', async () => {
    const d = demand()
    insert(d)
    t.emulator.clock.advance(25 * HOUR)
    for (const openid of ['demo-resident', 'demo-staff', 'demo-admin']) {
      const res = await t.call('sla', 'run', timerEvent(), openid)
      await expectRefused(res, d)
      budget('sla (refused)', res.stats, 0)
    }
  })

  test('calls from another function, or without the timer’s context, are refused', async () => {
    const d = demand()
    insert(d)
    t.emulator.clock.advance(25 * HOUR)
    const fns = t.emulator.functions
    // From another function, keeping a user's identity, or as a bare function call.
    await expectRefused((await fns.invoke('sla', timerEvent(), { openid: 'demo-admin', source: 'wx_client,scf' })).result, d)
    await expectRefused((await fns.invoke('sla', timerEvent(), { source: 'scf' })).result, d)
    // The timer's payload without the platform setting TRIGGER_SRC, or the platform's context with another payload.
    await expectRefused((await fns.invoke('sla', timerEvent(), { source: 'timer' })).result, d)
    await expectRefused((await fns.invoke('sla', { action: 'run' }, { source: 'timer' }, { TRIGGER_SRC: 'timer' })).result, d)
    await expectRefused(
      (await fns.invoke('sla', timerEvent(), { openid: 'demo-admin', source: 'timer' }, { TRIGGER_SRC: 'timer' })).result,
      d,
    )
    // The real trigger runs.
    expect((await fire()).data.overdue).toBe(1)
  })

  test('the trigger fires every 10 minutes (7-field cron: second minute hour day month weekday year)', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const config = require('../../cloudfunctions/sla/config.json')
    expect(config.triggers).toEqual([{ name: 'sla', type: 'timer', config: '0 */10 * * * * *' }])
    expect(config.timeout).toBe(20)
  })
})
