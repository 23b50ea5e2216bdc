/**
 * The `sla` timer function on the emulator's controlled clock: every stage's stored deadline
 * and its two escalation levels (community staff, then the street), urgent windows, auto-
 * confirm as a real transition, a second run that finds nothing new, a backlog larger than a
 * run handles (caught up in a counted number of runs, each of a counted number of round trips),
 * a demand changed between the query and the write, and refusal of anything that is not the
 * platform's timer. The deadlines are the ones the functions write (shared `slaFields`).
 */
import { DefaultSlaPolicy, DemandStatuses, slaFields, slaTermsFor, type Demand } from '@honglin/shared'
import { sweep } from '../../cloudfunctions/sla/sweep'
import { AUDIENCES_PER_RUN } from '../../cloudfunctions/sla/tell'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { eventsSeenBy, sendQueued } from './support/inbox'

const t = useHonglin()

const HOUR = 3_600_000
const DAY = 24 * HOUR
const C1 = 'community-xinyuan'
const STREET = 'street-guoyuan'
const budget = useRoundTripBudget(t)

// Retention, the timer's daily part, is tested in privacy.test.ts, the deadline backfill in
// sla-backfill.test.ts. Here neither has work: each run costs one read of each one's state,
// counted in the budgets below ("+ retention state + backfill state").
beforeAll(() => {
  t.emulator.database.insertMany('job_state', [
    { _id: 'retention', after: '', nextRunAt: Number.MAX_SAFE_INTEGER, updatedAt: 0 },
    { _id: 'deadlines', after: '', done: true, updatedAt: 0 },
  ])
})

beforeEach(async () => {
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
/** A demand as the functions store it: its deadline fields computed as of `enteredAt` (default now). */
function demand(extra: Partial<Demand> = {}, enteredAt = t.emulator.clock.now()): Demand {
  const now = t.emulator.clock.now()
  const id = `sla-${++counter}`
  const d: Demand = {
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
  d.slaTerms ??= slaTermsFor(DefaultSlaPolicy, d)
  const fields = slaFields(d, enteredAt)
  return JSON.parse(JSON.stringify({ ...d, ...fields })) as Demand
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

async function fire(env: Record<string, string> = {}) {
  const { result, error, stats } = await t.emulator.functions.invoke(
    'sla',
    { Type: 'Timer', TriggerName: 'sla', Time: new Date(t.emulator.clock.now()).toISOString() },
    { source: 'wx_trigger' },
    { TRIGGER_SRC: 'timer', ...env },
  )
  expect(error).toBeUndefined()
  const answer = result as { ok: boolean; data: any; error?: any }
  expect(answer.ok).toBe(true)
  // What the run counted of itself is what it made (+1: the retention state read; the deadline
  // backfill's own count, or its state read once the pass is over, when the sweep left nothing).
  const backfill = answer.data.more ? 0 : (answer.data.backfill?.roundTrips ?? 1)
  // The projects step (cloudfunctions/sla/projects.ts) counts its own.
  const projects = answer.data.projects?.roundTrips ?? 0
  expect(stats.roundTrips).toBe(answer.data.roundTrips + 1 + backfill + projects)
  return { ...answer, stats }
}

/** One entry per person told, as each sees it in their inbox. */
async function notificationsAbout(demandId: string): Promise<any[]> {
  const people = ['user-staff', 'user-street', 'user-resident']
  const seen = await Promise.all(people.map(async (id) => (await eventsSeenBy(t, id, demandId)).map((n) => ({ ...n, recipientId: id }))))
  return seen.flat().sort((x, y) => x.at - y.at || String(x._id).localeCompare(String(y._id)))
}

const subscribeMessages = () => t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send')
/** The subscribe messages sent once the notify queue has drained. */
async function sentMessages() {
  await sendQueued(t)
  return subscribeMessages()
}
// The projects step (reviews and objections past due) reads twice when it finds nothing.
const noProjects = { reviewsOverdue: 0, objectionsOverdue: 0, roundTrips: 2 }
const nothing = { due: 0, overdue: 0, escalated: 0, autoConfirmed: 0, repaired: 0, failed: 0, more: false, projects: noProjects }

test('a submitted demand: community staff told when triage is missed, the street 24 h later, then nothing more', async () => {
  const d = demand()
  insert(d)
  expect(d.wakeAt).toBe(d.createdAt + 24 * HOUR)
  t.emulator.clock.advance(23 * HOUR)
  const early = await fire()
  expect(early.data).toMatchObject({ ...nothing, roundTrips: 1 })
  budget('sla (nothing due)', early.stats, 5)

  t.emulator.clock.advance(2 * HOUR)
  await sendQueued(t) // what earlier tests left in the queue is not this test's
  const outboxBefore = subscribeMessages().length
  const run = await fire()
  expect(run.data).toEqual({ ...nothing, due: 1, overdue: 1, roundTrips: 3 })
  // query + one update + one event insert + retention state + backfill state
  budget('sla (1 overdue, level 1)', run.stats, 7)
  const marked = await read(d._id)
  expect(marked.overdue).toEqual({ since: d.createdAt + 24 * HOUR, stage: 'triage' })
  expect(marked.sla).toEqual({ stage: 'triage', dueAt: d.createdAt + 24 * HOUR, level: 1 })
  expect(marked.wakeAt).toBe(d.createdAt + 48 * HOUR)
  expect(marked.version).toBe(d.version + 1)
  expect((await notificationsAbout(d._id)).map((n) => [n.recipientId, n.type, n.title])).toEqual([
    ['user-staff', 'demand.overdue', '点单受理超时'],
  ])
  expect((await sentMessages()).slice(outboxBefore).map((e) => e.data.touser)).toEqual(['demo-staff'])

  // Within the street's grace a run finds nothing new.
  t.emulator.clock.advance(10 * 60_000)
  expect((await fire()).data).toMatchObject(nothing)
  expect((await read(d._id)).version).toBe(marked.version)

  t.emulator.clock.advance(24 * HOUR)
  const street = await fire()
  expect(street.data).toEqual({ ...nothing, due: 1, escalated: 1, roundTrips: 3 })
  const escalated = await read(d._id)
  expect(escalated.sla).toEqual({ stage: 'triage', dueAt: d.createdAt + 24 * HOUR, level: 2 })
  expect(escalated.overdue).toEqual({ since: d.createdAt + 24 * HOUR, stage: 'triage', escalatedAt: expect.any(Number) })
  expect(escalated.overdue!.escalatedAt).toBeGreaterThanOrEqual(d.createdAt + 48 * HOUR)
  expect(escalated.wakeAt).toBeUndefined()
  const notes = await notificationsAbout(d._id)
  expect(notes.map((n) => [n.recipientId, n.type]).sort()).toEqual([
    ['user-staff', 'demand.overdue'],
    ['user-street', 'demand.escalated'],
  ])

  // Nothing is due ever again at this stage.
  t.emulator.clock.advance(30 * DAY)
  expect((await fire()).data).toMatchObject(nothing)
  expect(await notificationsAbout(d._id)).toHaveLength(2)
})

test('every stage a demand can wait in has a deadline, escalated at its stage, twice', async () => {
  const now = t.emulator.clock.now()
  const assignee = {
    type: 'volunteer' as const,
    id: 'user-volunteer',
    name: '王小红',
    assignedAt: now,
    assignedBy: 'user-staff',
    points: 10,
  }
  const completion = { note: '已修好', photos: [], hours: 1, at: now }
  const at0 = (extra: Partial<Demand>) => demand({ createdAt: now, ...extra }, now)
  const cases: [string, Demand, number][] = [
    ['triage', at0({}), 24],
    ['dispatch', at0({ status: 'accepted' }), 24],
    ['claim', at0({ status: 'open', hall: { points: 5, publishedAt: now, publishedBy: 'user-staff' } }), 48],
    ['acceptance', at0({ status: 'dispatched', assignee }), 24],
    ['work', at0({ status: 'in_progress', assignee: { ...assignee, acceptedAt: now, dueAt: now + 6 * HOUR } }), 6],
    ['work', at0({ status: 'dispatched', assignee: { ...assignee, acceptedAt: now } }), 72],
    ['close', at0({ status: 'reviewed', completion, assignee: { ...assignee, acceptedAt: now } }), 72],
  ]
  insert(...cases.map(([, d]) => d))
  for (const [stage, d, hours] of cases) expect(d.sla).toMatchObject({ stage, dueAt: now + hours * HOUR, level: 0 })

  const levels = async () => Promise.all(cases.map(async ([, d]) => (await read(d._id)).sla?.level))
  // Runs just after 6 h, 24 h, 48 h, 72 h and 96 h: [marked overdue, told the street] in each.
  // The street is told 24 h after a deadline (work: 30 h; triage, dispatch, acceptance: 48 h; …).
  const seen: number[][] = []
  let at = now
  for (const hours of [6, 24, 48, 72, 96]) {
    t.emulator.clock.advance(now + hours * HOUR + 1 - at)
    at = now + hours * HOUR + 1
    const run = await fire()
    seen.push([run.data.overdue, run.data.escalated])
    if (hours === 6) expect(await levels()).toEqual([0, 0, 0, 0, 1, 0, 0])
    if (hours === 24) expect(await levels()).toEqual([1, 1, 0, 1, 1, 0, 0])
  }
  expect(seen).toEqual([
    [1, 0],
    [3, 0],
    [1, 4],
    [2, 1],
    [0, 2],
  ])
  expect(await levels()).toEqual(cases.map(() => 2))
  for (const [stage, d, hours] of cases) expect((await read(d._id)).overdue).toMatchObject({ stage, since: now + hours * HOUR })
  const titles = (await notificationsAbout(cases[1]![1]._id)).map((n) => n.title).sort()
  expect(titles).toEqual(['点单派单超时', '点单派单超时，已上报街道'])
})

test('an urgent demand, and a safety hazard, are overdue after 2 h; a normal one is not', async () => {
  const urgent = demand({ urgency: 'urgent' })
  const hazard = demand({ category: 'safety_hazard' })
  const normal = demand()
  insert(urgent, hazard, normal)
  t.emulator.clock.advance(2 * HOUR - 60_000)
  expect((await fire()).data.overdue).toBe(0)
  t.emulator.clock.advance(2 * 60_000)
  expect((await fire()).data).toMatchObject({ due: 2, overdue: 2 })
  expect((await read(urgent._id)).overdue).toEqual({ stage: 'triage', since: urgent.createdAt + 2 * HOUR })
  expect((await read(hazard._id)).overdue).toEqual({ stage: 'triage', since: hazard.createdAt + 2 * HOUR })
  expect((await read(normal._id)).overdue).toBeUndefined()
})

test('a done demand the resident has not confirmed in 7 days is confirmed by the system, then waits for staff’s close', async () => {
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
  expect(d.sla).toEqual({ stage: 'confirm', dueAt: now + 7 * DAY, level: 0 })
  t.emulator.clock.advance(7 * DAY - HOUR)
  expect((await fire()).data.autoConfirmed).toBe(0)

  t.emulator.clock.advance(2 * HOUR)
  await sendQueued(t) // what earlier tests left in the queue is not this test's
  const outboxBefore = subscribeMessages().length
  const run = await fire()
  expect(run.data).toEqual({ ...nothing, due: 1, autoConfirmed: 1, roundTrips: 3 })
  // query + one update + one event insert (for both people) + retention state + backfill state
  budget('sla (1 auto-confirmed, 2 recipients)', run.stats, 7)
  const confirmed = await read(d._id)
  // Staff's close is due 72 h after the system confirmed it (the run's time, its updatedAt).
  const closeDue = confirmed.updatedAt + 72 * HOUR
  expect(confirmed.updatedAt).toBeGreaterThan(now + 7 * DAY)
  expect(confirmed).toMatchObject({ status: 'reviewed', version: d.version + 1, wakeAt: closeDue })
  expect(confirmed.sla).toEqual({ stage: 'close', dueAt: closeDue, level: 0, mark: { since: closeDue, stage: 'close' } })
  expect(confirmed.timeline).toHaveLength(2)
  expect(confirmed.timeline[1]).toMatchObject({
    at: confirmed.updatedAt,
    action: 'confirm',
    from: 'done',
    to: 'reviewed',
    actorId: 'system',
    actorName: '系统',
  })
  expect((await notificationsAbout(d._id)).map((n) => n.recipientId).sort()).toEqual(['user-resident', 'user-staff'])
  expect(
    (await sentMessages())
      .slice(outboxBefore)
      .map((e) => e.data.touser)
      .sort(),
  ).toEqual(['demo-resident', 'demo-staff'])

  expect((await fire()).data).toMatchObject(nothing)
  t.emulator.clock.advance(72 * HOUR + 1)
  expect((await fire()).data).toMatchObject({ overdue: 1 })
  expect((await read(d._id)).overdue).toEqual({ stage: 'close', since: closeDue })
})

test('a backlog larger than a run handles: resumed run after run, each bounded, until nothing is due', async () => {
  const BACKLOG = 1_250
  const BATCH = 500
  const items = Array.from({ length: BACKLOG }, (_, i) => demand({ createdAt: t.emulator.clock.now() - 30 * DAY + i * 60_000 }))
  insert(...items)
  const runs: any[] = []
  for (let i = 0; i < 5; i++) {
    runs.push(await fire({ HONGLIN_SLA_BATCH: String(BATCH) }))
    // One in-app notice per item and level: after the first run, level 1 of the oldest items.
    if (i === 0)
      expect((await notificationsAbout(items[7]!._id)).map((n) => [n.recipientId, n.type])).toEqual([['user-staff', 'demand.overdue']])
  }
  // Every item's triage and street deadlines are long past: each run takes the oldest wakeAt
  // first, so level 1 for all comes before level 2 for any.
  expect(runs.map((r) => [r.data.due, r.data.overdue, r.data.escalated, r.data.more])).toEqual([
    [500, 500, 0, true],
    [500, 500, 0, true],
    [500, 250, 250, true],
    [500, 0, 500, true],
    [500, 0, 500, true],
  ])
  const last = await fire({ HONGLIN_SLA_BATCH: String(BATCH) })
  expect(last.data).toMatchObject(nothing)
  for (const r of runs) {
    // query + one update per group (≤ 2) + one event insert
    expect(r.data.roundTrips).toBeLessThanOrEqual(1 + 2 + 1)
    budget('sla (backlog run of 500)', r.stats, 50)
  }
  for (const d of [items[0]!, items[BACKLOG - 1]!]) {
    const stored = await read(d._id)
    expect(stored).toMatchObject({ sla: { level: 2 }, overdue: { since: d.sla!.dueAt, stage: 'triage' } })
    expect(stored.wakeAt).toBeUndefined()
    expect(stored.version).toBe(3)
  }
})

test('a backlog of 10,000 due items is caught up at the default batch in a counted number of runs', async () => {
  const items = Array.from({ length: 10_000 }, (_, i) => demand({ createdAt: t.emulator.clock.now() - 25 * HOUR - i * 1000 }))
  insert(...items)
  let runs = 0
  let marked = 0
  for (;;) {
    const started = Date.now()
    const run = await fire()
    if (process.env.HONGLIN_PRINT_ROUND_TRIPS)
      console.log(`run ${runs + 1}: ${run.stats.roundTrips} round trips, ${Date.now() - started} ms`)
    budget('sla (10,000 backlog, one run)', run.stats, 50)
    marked += run.data.overdue
    if (run.data.due === 0) break
    runs += 1
  }
  expect(marked).toBe(10_000)
  expect(runs).toBe(10_000 / 500)
  // The emulator filters and sorts in memory: the time here is its, not the run's (see the README's bench).
}, 180_000)

test('a demand changed between the query and the write is left for the next run, and never escalated twice', async () => {
  const moved = demand()
  const stays = demand()
  insert(moved, stays)
  t.emulator.clock.advance(25 * HOUR)
  const now = t.emulator.clock.now()
  // Staff accept `moved` right after the run read it: its triage deadline no longer holds.
  const racing = afterFirstGet(t.db, async () => {
    const current = await read(moved._id)
    const accepted = { ...current, status: 'accepted' as const }
    const fields = slaFields(accepted, now)
    await t.db
      .collection('demands')
      .doc(moved._id)
      .update({ data: { status: 'accepted', sla: t.db.command.set(fields.sla), wakeAt: fields.wakeAt, version: t.db.command.inc(1) } })
  })
  const summary = await sweep({ db: racing, cloud: t.cloud, now })
  expect(summary).toMatchObject({ due: 2, overdue: 1, failed: 1 })
  // query + one update + the read-back of the partial write + one event insert
  expect(summary.roundTrips).toBe(4)
  expect((await read(moved._id)).overdue).toBeUndefined()
  expect((await read(moved._id)).sla).toMatchObject({ stage: 'dispatch', level: 0 })
  expect(await notificationsAbout(moved._id)).toEqual([])
  expect((await notificationsAbout(stays._id)).map((n) => n.type)).toEqual(['demand.overdue'])

  // The next runs: nothing new for either (moved's new deadline is a day away).
  expect((await fire()).data).toMatchObject(nothing)
  // A stale copy of the run (same read, written again) changes nothing.
  const again = await sweep({ db: t.db, cloud: t.cloud, now })
  expect(again).toMatchObject({ due: 0, overdue: 0 })
  expect((await notificationsAbout(stays._id)).length).toBe(1)
})

test('a run names at most a bounded number of audiences; the rest waits for the next run', async () => {
  const communities = Array.from({ length: AUDIENCES_PER_RUN + 3 }, (_, i) => `community-far-${i}`)
  insert(...communities.map((c) => demand({ communityId: c })))
  t.emulator.clock.advance(25 * HOUR)
  const first = await fire()
  expect(first.data).toMatchObject({ overdue: AUDIENCES_PER_RUN, more: true })
  const second = await fire()
  expect(second.data).toMatchObject({ overdue: 3, more: false })
})

test('stored fields that do not fit the demand are computed again, not acted on', async () => {
  const d = demand()
  insert({ ...d, status: 'accepted' })
  t.emulator.clock.advance(25 * HOUR)
  const run = await fire()
  expect(run.data).toMatchObject({ repaired: 1, overdue: 0 })
  const stored = await read(d._id)
  expect(stored.sla).toMatchObject({ stage: 'dispatch', level: 0 })
  expect(stored.sla!.dueAt).toBeGreaterThan(d.createdAt + 25 * HOUR + 23 * HOUR)
  expect(stored.wakeAt).toBe(stored.sla!.dueAt)
  expect(await notificationsAbout(d._id)).toEqual([])
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
    await expectRefused((await fns.invoke('sla', timerEvent(), { openid: 'demo-admin', source: 'wx_client,scf' })).result, d)
    await expectRefused((await fns.invoke('sla', timerEvent(), { source: 'scf' })).result, d)
    await expectRefused((await fns.invoke('sla', timerEvent(), { source: 'timer' })).result, d)
    await expectRefused((await fns.invoke('sla', { action: 'run' }, { source: 'timer' }, { TRIGGER_SRC: 'timer' })).result, d)
    await expectRefused(
      (await fns.invoke('sla', timerEvent(), { openid: 'demo-admin', source: 'timer' }, { TRIGGER_SRC: 'timer' })).result,
      d,
    )
    const { result } = await fns.fireTimer('sla', 'sla')
    expect((result as any).data.overdue).toBe(1)
  })

  test('the trigger fires every 10 minutes (7-field cron: second minute hour day month weekday year)', () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const config = require('../../cloudfunctions/sla/config.json')
    expect(config.triggers).toEqual([{ name: 'sla', type: 'timer', config: '0 */10 * * * * *' }])
    expect(config.timeout).toBe(20)
  })
})

/** `db` whose first query answers, then runs `meanwhile` before the caller sees the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function afterFirstGet(db: any, meanwhile: () => Promise<void>): any {
  let fired = false
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrap = (target: any): any =>
    new Proxy(target, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          const result = value.apply(obj, args)
          if (prop === 'get' && !fired) {
            fired = true
            return (result as Promise<unknown>).then(async (res) => {
              await meanwhile()
              return res
            })
          }
          return result && typeof result === 'object' && typeof (result as Promise<unknown>).then !== 'function' ? wrap(result) : result
        }
      },
    })
  return wrap(db)
}
