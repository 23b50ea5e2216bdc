/**
 * The deadline backfill of the `sla` timer: active demands stored without deadline fields (from
 * before deadlines existed, or imported) get the ones a transition would store, a bounded slice
 * per run, resumed run after run through a backlog larger than one run, each written once;
 * finished demands and stored deadlines are left alone; afterwards the sweep sees them.
 */
import { DefaultSlaPolicy, DemandStatuses, slaFields, slaTermsFor, type Demand, type SlaPolicy } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { STREET, USER, expectAllQueriesIndexed, fixtureDemand, type FixtureState } from './support/demands'

const t = useHonglin()
const budget = useRoundTripBudget(t)
const HOUR = 3_600_000
const CB = 'community-backfill'
/** Shorter triage than the default, so the stored terms show which policy was used. */
const POLICY: Partial<SlaPolicy> = { triage: { normal: 6, urgent: 2 } }
const SCAN = 10
const WRITES = 4

beforeAll(async () => {
  t.emulator.database.insertMany('job_state', [{ _id: 'retention', after: '', nextRunAt: Number.MAX_SAFE_INTEGER, updatedAt: 0 }])
  t.emulator.database.insertMany('communities', [{ _id: CB, name: '补期限社区', streetId: STREET, slaPolicy: POLICY }])
  // Only this file's demands: the demo's active ones already carry their deadlines.
  await t.db
    .collection('demands')
    .where({ status: t.db.command.in([...DemandStatuses]) })
    .remove()
})

afterAll(() => expectAllQueriesIndexed(t))

async function fire() {
  const { result, error, stats } = await t.emulator.functions.invoke(
    'sla',
    { Type: 'Timer', TriggerName: 'sla', Time: new Date(t.emulator.clock.now()).toISOString() },
    { source: 'wx_trigger' },
    { TRIGGER_SRC: 'timer', HONGLIN_BACKFILL_SCAN: String(SCAN), HONGLIN_BACKFILL_WRITES: String(WRITES) },
  )
  expect(error).toBeUndefined()
  const answer = result as { ok: boolean; data: any }
  expect(answer.ok).toBe(true)
  return { data: answer.data, stats }
}

const read = async (id: string): Promise<Demand> => (await t.db.collection('demands').where({ _id: id }).get()).data[0]

test('a backlog of demands without deadlines is given them over several bounded runs, each once; others are left alone', async () => {
  const states: FixtureState[] = ['submitted', 'accepted', 'open', 'dispatched', 'dispatched_accepted', 'in_progress', 'done', 'reviewed']
  // 24 active demands without deadline fields (more than one run writes), 6 finished ones.
  const lacking = Array.from({ length: 24 }, (_, i) =>
    fixtureDemand(states[i % states.length]!, {
      communityId: CB,
      extra: { _id: `bf-${String(i).padStart(2, '0')}`, urgency: i % 5 === 0 ? 'urgent' : 'normal' },
    }),
  )
  const finished = Array.from({ length: 6 }, (_, i) => fixtureDemand('closed', { communityId: CB, extra: { _id: `bf-closed-${i}` } }))
  // Escalated to the street: a stored deadline and, by design, no wakeAt. Not the backfill's.
  const escalated = fixtureDemand('submitted', {
    communityId: CB,
    extra: { _id: 'bf-escalated', sla: { stage: 'triage', dueAt: 1, level: 2 }, overdue: { since: 1, stage: 'triage', escalatedAt: 2 } },
  })
  for (const d of [...lacking, ...finished, escalated]) expect(d).not.toHaveProperty('wakeAt')
  t.emulator.database.insertMany('demands', [...lacking, ...finished, escalated] as unknown as Record<string, unknown>[])

  const runs: any[] = []
  for (let i = 0; i < 12; i++) {
    const run = await fire()
    // The last 2: the projects step's reads (cloudfunctions/sla/projects.ts).
    budget('sla (backfill run)', run.stats, 3 + 1 + WRITES + 1 + 1 + 2)
    if (!run.data.backfill) break
    runs.push(run.data.backfill)
    expect(run.data.backfill.written).toBeLessThanOrEqual(WRITES)
    expect(run.data.backfill.scanned).toBeLessThanOrEqual(SCAN)
  }
  // 24 to write at 4 a run: 6 runs, the last of which reaches the end of the pass.
  expect(runs.map((r) => r.written)).toEqual([4, 4, 4, 4, 4, 4])
  expect(runs.map((r) => r.more)).toEqual([true, true, true, true, true, false])
  expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0)

  const terms = (d: Demand) => slaTermsFor({ ...DefaultSlaPolicy, ...POLICY }, d)
  for (const d of lacking) {
    const stored = await read(d._id)
    const stage = slaFields({ ...d, slaTerms: terms(d) }, t.emulator.clock.now()).sla!.stage
    expect({ id: d._id, slaTerms: stored.slaTerms, stage: stored.sla?.stage, level: stored.sla?.level, wakeAt: stored.wakeAt }).toEqual({
      id: d._id,
      slaTerms: terms(d),
      stage,
      level: 0,
      wakeAt: stored.sla!.dueAt,
    })
    // Triage runs from creation: the community's own window, not the default.
    if (d.status === 'submitted') expect(stored.sla!.dueAt).toBe(d.createdAt + terms(d).triage * HOUR)
    expect(stored.version).toBe(d.version + 1)
  }
  for (const d of [...finished, escalated]) expect(await read(d._id)).toEqual(d)

  // The pass is over: a run costs one read for it and writes nothing.
  const after = await fire()
  expect(after.data.backfill).toBeUndefined()

  // The sweep now sees them: the submitted ones, created an hour ago under a 6-hour triage
  // window (2 h when urgent), are overdue once it passes.
  t.emulator.clock.advance(6 * HOUR)
  const swept = await fire()
  const submitted = lacking.filter((d) => d.status === 'submitted')
  expect(swept.data.overdue).toBeGreaterThanOrEqual(submitted.length)
  for (const d of submitted) expect((await read(d._id)).overdue).toMatchObject({ stage: 'triage' })
  t.emulator.clock.reset()
})

test('removing the pass state starts another pass, which finds only what still lacks deadlines', async () => {
  await t.db.collection('job_state').doc('deadlines').remove()
  const late = fixtureDemand('accepted', { communityId: CB, createdBy: USER.resident, extra: { _id: 'bf-imported-later' } })
  t.emulator.database.insertMany('demands', [late as unknown as Record<string, unknown>])
  const written: number[] = []
  for (let i = 0; i < 12; i++) {
    const run = await fire()
    if (!run.data.backfill) break
    written.push(run.data.backfill.written)
  }
  expect(written.reduce((a, b) => a + b, 0)).toBe(1)
  expect((await read(late._id)).sla).toMatchObject({ stage: 'dispatch', level: 0 })
})
