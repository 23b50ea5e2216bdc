/**
 * A community's deadlines (org.slaPolicy, org.setSlaPolicy): who may read and tune them, bounds
 * refused with nothing changed, a change that applies to demands created afterwards only, the
 * audit entry with the windows before and after, a retry that writes nothing, and the demo
 * data's deadlines as the timer finds them.
 */
import {
  DefaultSlaPolicy,
  HOUR,
  SlaPolicyBounds,
  slaFields,
  slaPolicyErrors,
  slaTermsFor,
  type Demand,
  type SlaPolicy,
} from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, C2, G1, OPENID, demandInput, readDemand } from './support/demands'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const X1 = 'community-xingfu-east'

async function community(id: string): Promise<{ slaPolicy?: Partial<SlaPolicy>; updatedAt?: number }> {
  return (await t.db.collection('communities').where({ _id: id }).get()).data[0]
}

async function auditOf(communityId: string): Promise<any[]> {
  const res = await t.db.collection('audit_log').where({ chain: communityId }).get()
  return res.data.filter((e: any) => e.action === 'sla.policy')
}

describe('the demo data', () => {
  test('every active demo demand carries the deadline its community’s terms give; the timer marks the missed ones', async () => {
    const demos = (await t.db.collection('demands').where({ communityId: C1 }).get()).data as Demand[]
    const active = demos.filter((d) => d._id.startsWith('demo-demand-') && d.sla)
    expect(active.length).toBeGreaterThanOrEqual(8)
    for (const d of demos.filter((x) => x._id.startsWith('demo-demand-'))) {
      expect(d.slaTerms).toEqual(slaTermsFor(DefaultSlaPolicy, d))
      const fields = JSON.parse(JSON.stringify(slaFields(d, d.updatedAt)))
      expect({ sla: d.sla, wakeAt: d.wakeAt }).toEqual({ sla: fields.sla, wakeAt: fields.wakeAt })
    }
    const now = t.emulator.clock.now()
    const missed = active.filter((d) => d.wakeAt! <= now && d.sla!.stage !== 'confirm')
    expect(missed.length).toBeGreaterThan(0)

    const run = await t.emulator.functions.fireTimer('sla', 'sla')
    expect((run.result as any).data).toMatchObject({ overdue: missed.length, failed: 0 })
    for (const d of missed) expect((await readDemand(t, d._id)).overdue).toEqual({ since: d.sla!.dueAt, stage: d.sla!.stage })
  })

  test('果园南社区 has tuned deadlines within the bounds', async () => {
    const tuned = (await community(C2)).slaPolicy!
    expect(Object.keys(tuned).length).toBeGreaterThan(0)
    expect(slaPolicyErrors({ ...DefaultSlaPolicy, ...tuned })).toEqual({})
  })
})

describe('org.slaPolicy', () => {
  test('the effective policy, which stages were tuned, the defaults and the bounds, in one read', async () => {
    const c2 = await t.call('org', 'slaPolicy', { communityId: C2 }, 'demo-staff-2')
    expect(c2.ok).toBe(true)
    const tuned = (await community(C2)).slaPolicy!
    expect(c2.data).toMatchObject({
      communityId: C2,
      policy: { ...DefaultSlaPolicy, ...tuned },
      tuned: expect.arrayContaining(Object.keys(tuned)),
      defaults: DefaultSlaPolicy,
      bounds: SlaPolicyBounds,
      appliesTo: expect.stringContaining('此后新建的点单'),
    })
    expect(c2.data.tuned).toHaveLength(Object.keys(tuned).length)
    budget('org.slaPolicy', c2.stats, 2)

    expect(await t.ok('org', 'slaPolicy', { communityId: X1 }, 'demo-street-2')).toMatchObject({ policy: DefaultSlaPolicy, tuned: [] })
  })

  test('refused to people who may not tune it, and for a community that does not exist', async () => {
    for (const openid of [OPENID.resident, OPENID.volunteer, OPENID.grid, OPENID.unit, OPENID.committee, 'demo-staff-2', 'demo-street-2'])
      expect((await t.call('org', 'slaPolicy', { communityId: C1 }, openid)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('org', 'slaPolicy', { communityId: 'community-nowhere' }, OPENID.admin)).error?.code).toBe('NOT_FOUND')
  })
})

describe('org.setSlaPolicy', () => {
  test('refused to people who may not tune it: nothing changes, nothing is logged', async () => {
    const before = await community(C1)
    const policy = { triage: { normal: 8, urgent: 1 } }
    for (const openid of [OPENID.resident, OPENID.volunteer, OPENID.grid, OPENID.unit, OPENID.committee, 'demo-staff-2', 'demo-street-2']) {
      const res = await t.call('org', 'setSlaPolicy', { communityId: C1, policy }, openid)
      expect(res.error?.code).toBe('FORBIDDEN')
      expect(res.stats.docsWritten).toBe(0)
    }
    expect(await community(C1)).toEqual(before)
    expect(await auditOf(C1)).toEqual([])
  })

  test('windows outside the bounds are refused with the shared rule’s messages, and nothing changes', async () => {
    const before = await community(C1)
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [
        { triage: { normal: 100, urgent: 2 } },
        { 'policy.triage.normal': slaPolicyErrors({ ...DefaultSlaPolicy, triage: { normal: 100, urgent: 2 } })['triage.normal']! },
      ],
      [{ work: { normal: 72, urgent: 0.5 } }, { 'policy.work.urgent': '办理时限（紧急）应在 4 到 720 小时之间' }],
      [
        { confirm: { normal: 400, urgent: 12 } },
        { 'policy.confirm.normal': '确认时限应在 24 到 336 小时之间', 'policy.confirm.urgent': '确认时限（紧急）应在 24 到 336 小时之间' },
      ],
      [{ street: { normal: 2, urgent: 8 } }, { 'policy.street.urgent': '上报街道时限（紧急）不能长于一般时限' }],
    ]
    for (const [policy, fields] of cases) {
      const res = await t.call('org', 'setSlaPolicy', { communityId: C1, policy }, OPENID.staff)
      expect(res.error).toMatchObject({ code: 'INVALID_INPUT', fields })
      expect(Object.keys(res.error!.fields!)).toEqual(Object.keys(fields))
      expect(res.stats.docsWritten).toBe(0)
    }
    for (const policy of [{}, { triage: { normal: '12', urgent: 2 } }, { triage: { normal: 12 } }, { lunch: { normal: 1, urgent: 1 } }]) {
      expect((await t.call('org', 'setSlaPolicy', { communityId: C1, policy }, OPENID.staff)).error?.code).toBe('INVALID_INPUT')
    }
    expect(await community(C1)).toEqual(before)
    expect(await auditOf(C1)).toEqual([])
  })

  test('applies to demands created afterwards; those created before keep their terms through later stages', async () => {
    const old = await t.ok<Demand>('demand', 'create', demandInput('service', { gridId: G1 }), OPENID.resident)
    expect(old.slaTerms).toMatchObject({ triage: DefaultSlaPolicy.triage.normal, dispatch: DefaultSlaPolicy.dispatch.normal })

    const set = await t.call(
      'org',
      'setSlaPolicy',
      { communityId: C1, policy: { triage: { normal: 8, urgent: 1 }, dispatch: { normal: 6, urgent: 2 } } },
      OPENID.staff,
    )
    expect(set.ok).toBe(true)
    expect(set.data).toMatchObject({
      communityId: C1,
      changed: true,
      policy: { ...DefaultSlaPolicy, triage: { normal: 8, urgent: 1 }, dispatch: { normal: 6, urgent: 2 } },
      tuned: ['triage', 'dispatch'],
      appliesTo: expect.stringContaining('此后新建的点单'),
    })
    budget('org.setSlaPolicy', set.stats, 8)
    expect((await community(C1)).slaPolicy).toEqual({ triage: { normal: 8, urgent: 1 }, dispatch: { normal: 6, urgent: 2 } })

    const fresh = await t.ok<Demand>('demand', 'create', demandInput('service', { gridId: G1 }), OPENID.resident)
    expect(fresh.slaTerms).toMatchObject({ triage: 8, dispatch: 6, claim: DefaultSlaPolicy.claim.normal })
    const stored = await readDemand(t, fresh._id)
    expect(stored.wakeAt).toBe(stored.createdAt + 8 * HOUR)

    // The one created before: its triage deadline unmoved, and the next stage on its own terms.
    expect((await readDemand(t, old._id)).wakeAt).toBe(old.createdAt + DefaultSlaPolicy.triage.normal * HOUR)
    await t.ok('dispatch', 'accept', { id: old._id }, OPENID.staff)
    const accepted = await readDemand(t, old._id)
    expect(accepted.sla).toMatchObject({ stage: 'dispatch', dueAt: accepted.updatedAt + DefaultSlaPolicy.dispatch.normal * HOUR })
  })

  test('recorded in the community’s audit chain with the windows before and after; a retry writes nothing', async () => {
    const street = await t.call('org', 'setSlaPolicy', { communityId: C1, policy: { claim: { normal: 36, urgent: 8 } } }, OPENID.street)
    expect(street.data.changed).toBe(true)
    const entries = await auditOf(C1)
    const entry = entries.find((e) => e.detail.after.claim)
    expect(entry).toMatchObject({
      communityId: C1,
      target: { type: 'community', id: C1 },
      actorId: 'user-street',
      detail: { before: { claim: DefaultSlaPolicy.claim }, after: { claim: { normal: 36, urgent: 8 } } },
    })
    expect(Object.keys(entry.detail.after)).toEqual(['claim'])
    expect((await t.ok('audit', 'verify', { communityId: C1 }, OPENID.admin)).ok).toBe(true)

    const before = await community(C1)
    // The same change again (a retry), and windows already so beside one that changes.
    const retry = await t.call('org', 'setSlaPolicy', { communityId: C1, policy: { claim: { normal: 36, urgent: 8 } } }, OPENID.street)
    expect(retry.data).toMatchObject({ changed: false, policy: { claim: { normal: 36, urgent: 8 } } })
    expect(retry.stats.docsWritten).toBe(0)
    budget('org.setSlaPolicy (unchanged)', retry.stats, 4)
    expect(await community(C1)).toEqual(before)
    expect(await auditOf(C1)).toHaveLength(entries.length)

    const admin = await t.ok(
      'org',
      'setSlaPolicy',
      { communityId: C1, policy: { claim: { normal: 36, urgent: 8 }, close: { normal: 48, urgent: 24 } } },
      OPENID.admin,
    )
    expect(admin.changed).toBe(true)
    const last = (await auditOf(C1)).find((e) => e.detail.after.close)
    expect(last.detail).toEqual({ before: { close: DefaultSlaPolicy.close }, after: { close: { normal: 48, urgent: 24 } } })
  })

  test('two changes at once both land: each stage keeps the window its change set', async () => {
    await Promise.all([
      t.ok('org', 'setSlaPolicy', { communityId: X1, policy: { work: { normal: 96, urgent: 24 } } }, 'demo-staff-3'),
      t.ok('org', 'setSlaPolicy', { communityId: X1, policy: { acceptance: { normal: 12, urgent: 2 } } }, 'demo-street-2'),
    ])
    expect((await community(X1)).slaPolicy).toEqual({ work: { normal: 96, urgent: 24 }, acceptance: { normal: 12, urgent: 2 } })
    expect(await auditOf(X1)).toHaveLength(2)
  })
})
