/**
 * `audit` (操作日志): what closing appends (once the settle timer has sealed it), that the
 * chain verifies and that tampering with the stored entries is found, that parallel appends
 * never fork a chain, who may read which chain, key paging, and verifying a long chain within
 * the function's time limit.
 */
import { AppError, chainEntries, entryHash, type AuditEntry } from '@honglin/shared'
import { appendAudit, sha256 } from '../../cloudfunctions/_runtime/audit'
import { withTransaction } from '../../cloudfunctions/_runtime/transaction'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, OPENID, STREET, USER, driveTo, insertFixture, insertUsers, readDemand } from './support/demands'
import { settleAll, settleOnce } from './support/settle'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const C3 = 'community-hongxing'
const STAFF_C3 = 't-audit-staff-c3'
const OTHER_STREET = 't-street-other'
const OTHER_COMMUNITY = 't-community-other'
const VOLUNTEERS = Array.from({ length: 10 }, (_, i) => `t-audit-volunteer-${i}`)

beforeAll(() => {
  insertUsers(t, [
    { _id: STAFF_C3, name: '红星社区 吴主任', grants: [{ role: 'community_staff', communityId: C3, streetId: STREET }] },
    ...VOLUNTEERS.map((id, i) => ({ _id: id, name: `志愿者${i}`, grants: [{ role: 'volunteer', communityId: C3, streetId: STREET }] })),
  ])
  t.emulator.database.insertMany('communities', [{ _id: OTHER_COMMUNITY, name: '别的社区', streetId: OTHER_STREET }])
})

async function chainOf(chain: string): Promise<AuditEntry[]> {
  const res = await t.db.collection('audit_log').where({ chain }).orderBy('seq', 'asc').limit(1000).get()
  return res.data as AuditEntry[]
}

/** Closes `n` reviewed demands of community C3 one after another (each pays 20 points: two entries), then settles them. */
async function closeInC3(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const d = insertFixture(t, 'reviewed', { communityId: C3 })
    await t.ok('dispatch', 'close', { id: d._id }, STAFF_C3)
  }
  await settleAll(t)
}

const verify = (openid: string, params: Record<string, unknown> = {}) => t.ok('audit', 'verify', params, openid)
const stored = ({ _id, ...rest }: AuditEntry) => ({ id: _id, data: rest })

async function put(entry: AuditEntry): Promise<void> {
  const { id, data } = stored(entry)
  await t.db.collection('audit_log').doc(id).set({ data })
}

describe('what closing appends', () => {
  test('demand.close and points.award, sealed by the settle timer with the award, chained, with no personal data', async () => {
    const d = await driveTo(t, 'reviewed')
    await settleAll(t)
    const before = (await chainOf(C1)).length
    const res = await t.call('dispatch', 'close', { id: d._id, evaluation: '服务周到' }, OPENID.staff)
    expect(res.ok).toBe(true)
    // caller, demand, content check, write, event: no transaction on the request path
    budget('dispatch.close', res.stats, 5)
    expect(res.stats.actions['database.startTransaction']).toBeUndefined()
    // Owed, not yet recorded: the outbox mark is on the demand, in the close's own write.
    expect(await chainOf(C1)).toHaveLength(before)
    expect(await readDemand(t, d._id)).toMatchObject({ status: 'closed', outbox: { close: true }, settleAt: expect.any(Number) })
    expect(res.data.outbox).toBeUndefined()

    const run = await settleOnce(t)
    expect(run.data).toMatchObject({ settled: 1, closes: 1, awards: 1, failed: 0, more: false })
    // query, start, demand, ledger check, ledger entry, balance, head read and write, 2 entries, demand, commit
    budget('settle (one close)', { roundTrips: run.roundTrips }, 12)
    const settled = await readDemand(t, d._id)
    expect(settled.outbox).toBeUndefined()
    expect(settled.settleAt).toBeUndefined()
    // A second run finds nothing owed.
    expect((await settleOnce(t)).data).toMatchObject({ settled: 0, closes: 0, awards: 0 })

    const entries = (await chainOf(C1)).slice(before)
    expect(entries).toHaveLength(2)
    const [closed, award] = entries
    expect(closed).toMatchObject({
      chain: C1,
      seq: before + 1,
      action: 'demand.close',
      communityId: C1,
      target: { type: 'demand', id: d._id },
      actorId: USER.staff,
      actorName: '刘书记',
      detail: { kind: 'service', from: 'reviewed', assigneeType: 'volunteer' },
    })
    expect(award).toMatchObject({
      chain: C1,
      seq: before + 2,
      action: 'points.award',
      target: { type: 'ledger', id: `award-${d._id}` },
      detail: { points: 20, ownerType: 'user', ownerId: USER.volunteer, demandId: d._id },
      prevHash: closed!.hash,
    })
    // Recorded at the close's time, not the timer's.
    expect(closed!.at).toBe(award!.at)
    expect(closed!.at).toBe(settled.timeline.at(-1)!.at)
    expect(JSON.stringify(entries)).not.toMatch(/13800000001|新园里|张阿姨/)

    // A refused close appends nothing.
    expect((await t.call('dispatch', 'close', { id: d._id }, OPENID.staff)).error?.code).toBe('INVALID_STATE')
    await settleAll(t)
    expect(await chainOf(C1)).toHaveLength(before + 2)
  })

  test('a close without points appends only demand.close', async () => {
    const d = insertFixture(t, 'reviewed', {
      extra: {
        assignee: { type: 'unit', id: 'unit-power', name: '国网供电所', assignedAt: 1, assignedBy: USER.staff, points: 0, acceptedAt: 2 },
      },
    })
    const before = (await chainOf(C1)).length
    await t.ok('dispatch', 'close', { id: d._id }, OPENID.staff)
    expect(await settleAll(t)).toMatchObject({ closes: 1, awards: 0 })
    const entries = (await chainOf(C1)).slice(before)
    expect(entries.map((e) => [e.action, e.detail])).toEqual([
      ['demand.close', { kind: 'service', category: 'elderly_care', from: 'reviewed', assigneeType: 'unit' }],
    ])
  })

  test('the chain verifies; the list shows it newest first with Chinese labels', async () => {
    const chain = await chainOf(C1)
    const res = await t.call('audit', 'verify', {}, OPENID.staff)
    expect(res.data).toEqual({ chain: C1, ok: true, checked: chain.length, complete: true })
    // caller, head, one page
    budget('audit.verify', res.stats, 3)

    const list = await t.call('audit', 'list', {}, OPENID.staff)
    budget('audit.list', list.stats, 2)
    expect(list.data.chain).toBe(C1)
    expect(list.data.items.map((e: any) => e.seq)).toEqual(
      chain
        .map((e) => e.seq)
        .reverse()
        .slice(0, 20),
    )
    expect(list.data.items.slice(0, 3).map((e: any) => e.label)).toEqual(['点单销号', '积分入账', '点单销号'])
    // The demo's own entries, appended by the seed with the same chaining, verify with the rest.
    expect(chain[0]).toMatchObject({ seq: 1, action: 'role.grant', actorName: '孙主任' })
  })
})

describe('appending from any action', () => {
  const C2 = 'community-guoyuan-south'
  const staff = { actor: { userId: USER.staff, openid: OPENID.staff, name: '刘书记', grants: [] }, now: Date.now() }

  test('two appends in one transaction follow each other; a rolled-back transaction leaves nothing', async () => {
    await t.db.runTransaction(async (tx: any) => {
      await appendAudit(tx, staff, {
        action: 'role.grant',
        communityId: C2,
        target: { type: 'user', id: 'u-1' },
        detail: { role: 'grid_worker' },
      })
      await appendAudit(tx, staff, {
        action: 'role.revoke',
        communityId: C2,
        target: { type: 'user', id: 'u-2' },
        detail: { role: 'volunteer' },
      })
    })
    const chain = await chainOf(C2)
    expect(chain.map((e) => [e.seq, e.action])).toEqual([
      [1, 'role.grant'],
      [2, 'role.revoke'],
    ])
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash)

    await expect(
      t.db.runTransaction(async (tx: any) => {
        await appendAudit(tx, staff, { action: 'role.grant', communityId: C2, target: { type: 'user', id: 'u-3' } })
        throw new Error('the change it records failed')
      }),
    ).rejects.toThrow('the change it records failed')
    expect(await chainOf(C2)).toHaveLength(2)
    expect(await t.ok('audit', 'verify', { communityId: C2 }, OPENID.admin)).toEqual({ chain: C2, ok: true, checked: 2, complete: true })
  })

  test('a (chain, seq) already taken is retried as a conflict, not answered as an error', async () => {
    // As if a concurrent appender had committed seq 2 before this one's head moved: the insert
    // meets a duplicate key, which must be retried like a write conflict.
    const X = 'community-taken-seq'
    const { entries, head } = chainEntries(
      X,
      undefined,
      [
        {
          action: 'admin.action',
          communityId: X,
          target: { type: 'community', id: X },
          detail: {},
          at: 1,
          actorId: 'u',
          actorName: '某人',
        },
      ],
      sha256,
    )
    t.emulator.database.insertMany('audit_heads', [{ _id: X, ...head }])
    t.emulator.database.insertMany('audit_log', [...entries, { ...entries[0]!, _id: `${X}#2-elsewhere`, seq: 2 }] as unknown as Record<
      string,
      unknown
    >[])
    let attempts = 0
    const failure = await withTransaction(t.db, (tx) => {
      attempts += 1
      return appendAudit(tx, staff, { action: 'admin.action', communityId: X, target: { type: 'community', id: X } })
    }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(AppError)
    expect((failure as AppError).code).toBe('CONFLICT')
    expect(attempts).toBeGreaterThan(1)
  })

  test('personal data passed in a detail is not stored', async () => {
    await t.db.runTransaction((tx: any) =>
      appendAudit(tx, staff, {
        action: 'admin.action',
        communityId: C2,
        target: { type: 'user', id: 'u-1' },
        detail: { phone: '13800000001', address: '新园里3号楼', note: '电话13800000001' },
      }),
    )
    const [last] = (await chainOf(C2)).slice(-1)
    expect(last!.detail).toEqual({ note: '电话138****0001' })
  })
})

describe('tampering is found', () => {
  test('an edited detail, a re-hashed edit, a deleted entry and a deleted newest entry each break the chain where they are', async () => {
    await closeInC3(5)
    expect(await verify(STAFF_C3)).toEqual({ chain: C3, ok: true, checked: 10, complete: true })
    const entries = await chainOf(C3)
    const fourth = entries[3]!
    expect(fourth).toMatchObject({ seq: 4, action: 'points.award' })

    await put({ ...fourth, detail: { ...fourth.detail, points: 999 } })
    expect(await verify(STAFF_C3)).toEqual({ chain: C3, ok: false, checked: 3, complete: true, firstBroken: { seq: 4, reason: 'hash' } })
    await put(fourth)

    // Whoever edits and recomputes the entry's own hash still breaks the next entry's link.
    const forged = { ...fourth, actorName: '别人' }
    await put({ ...forged, hash: entryHash(forged, sha256) })
    expect(await verify(STAFF_C3)).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 5, reason: 'link' } })
    await put(fourth)

    await t.db.collection('audit_log').doc(entries[5]!._id).remove()
    expect(await verify(STAFF_C3)).toMatchObject({ ok: false, checked: 5, firstBroken: { seq: 6, reason: 'gap' } })
    await put(entries[5]!)

    await t.db.collection('audit_log').doc(entries[9]!._id).remove()
    expect(await verify(STAFF_C3)).toMatchObject({ ok: false, checked: 9, firstBroken: { seq: 10, reason: 'gap' } })
    await put(entries[9]!)

    expect(await verify(STAFF_C3)).toMatchObject({ ok: true, checked: 10 })
  })
})

describe('parallel appends', () => {
  test('10 parallel closes in one community: all succeed; sealed, consecutive seqs, no gaps or duplicates, one entry per close', async () => {
    // Different assignees: the closes share no document at all, so none conflicts.
    const demands = VOLUNTEERS.map((id) =>
      insertFixture(t, 'reviewed', {
        communityId: C3,
        extra: { assignee: { type: 'volunteer', id, name: id, assignedAt: 1, assignedBy: STAFF_C3, points: 5, acceptedAt: 2 } },
      }),
    )
    const before = (await chainOf(C3)).length
    const results = await Promise.all(demands.map((d) => t.call('dispatch', 'close', { id: d._id }, STAFF_C3)))
    const attempts = results.reduce((n, r) => n + (r.stats.actions['database.startTransaction'] ?? 0), 0)
    if (process.env.HONGLIN_PRINT_ROUND_TRIPS)
      console.log(`10 parallel closes: ${results.filter((r) => r.ok).length} ok, ${attempts} attempts`)
    expect(results.filter((r) => !r.ok)).toEqual([])
    expect(attempts).toBe(0)
    const committed = demands.map((d) => d._id)
    // Two settle runs at once: they contend for the chain's head and the demands, never both apply one.
    const runs = await Promise.all([settleOnce(t), settleOnce(t)])
    expect(runs[0].data.closes + runs[1].data.closes).toBe(10)
    await settleAll(t)

    const chain = await chainOf(C3)
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1))
    const added = chain.slice(before)
    expect(added.filter((e) => e.action === 'demand.close').map((e) => e.target.id)).toEqual(expect.arrayContaining(committed))
    expect(added.filter((e) => e.action === 'demand.close')).toHaveLength(committed.length)
    expect(added.filter((e) => e.action === 'points.award')).toHaveLength(committed.length)
    expect(await verify(STAFF_C3)).toMatchObject({ ok: true, checked: chain.length })
  })
})

describe('who may read which chain', () => {
  beforeAll(async () => {
    // Acts of no community, as role changes by admins append them: one concerns our street, one another.
    const admin = { actor: { userId: USER.admin, openid: OPENID.admin, name: '系统管理员', grants: [] }, now: Date.now() }
    await t.db.runTransaction((tx: any) =>
      appendAudit(tx, admin, {
        action: 'role.grant',
        target: { type: 'user', id: 'u-x' },
        detail: { role: 'street_staff', streetId: STREET },
      }),
    )
    await t.db.runTransaction((tx: any) =>
      appendAudit(tx, admin, { action: 'admin.action', target: { type: 'street', id: OTHER_STREET }, detail: { note: '新建街道' } }),
    )
  })

  test.each(['resident', 'volunteer', 'grid', 'unit', 'committee'] as const)('%s: FORBIDDEN for every chain', async (who) => {
    for (const action of ['list', 'verify']) {
      for (const params of [{}, { communityId: C1 }]) {
        const res = await t.call('audit', action, params, OPENID[who])
        expect(res.error?.code).toBe('FORBIDDEN')
        expect(res.error?.message).toMatch(/[\u4e00-\u9fa5]/)
      }
    }
  })

  test('community staff: their own community only', async () => {
    for (const action of ['list', 'verify']) {
      expect((await t.ok('audit', action, {}, OPENID.staff)).chain).toBe(C1)
      expect((await t.ok('audit', action, { communityId: C1 }, OPENID.staff)).chain).toBe(C1)
      expect((await t.call('audit', action, { communityId: C3 }, OPENID.staff)).error?.code).toBe('FORBIDDEN')
      expect((await t.call('audit', action, { communityId: C1 }, STAFF_C3)).error?.code).toBe('FORBIDDEN')
    }
  })

  test('street staff: any community of their street, and the global entries that concern their street', async () => {
    const list = await t.call('audit', 'list', { communityId: C3 }, OPENID.street)
    expect(list.data.chain).toBe(C3)
    // + the community's street
    budget('audit.list', list.stats, 3)
    const res = await t.call('audit', 'verify', { communityId: C1 }, OPENID.street)
    expect(res.data).toMatchObject({ chain: C1, ok: true })
    budget('audit.verify', res.stats, 4)
    for (const action of ['list', 'verify']) {
      expect((await t.call('audit', action, { communityId: OTHER_COMMUNITY }, OPENID.street)).error?.code).toBe('FORBIDDEN')
      expect((await t.call('audit', action, { communityId: 'no-such-community' }, OPENID.street)).error?.code).toBe('FORBIDDEN')
    }

    const global = await t.call('audit', 'list', {}, OPENID.street)
    budget('audit.list', global.stats, 2)
    expect(global.data.chain).toBe('global')
    expect(global.data.items.map((e: any) => [e.action, e.streetId])).toEqual([
      ['role.grant', STREET],
      ['role.grant', STREET],
    ])
    // The global chain is not the street's alone: verifying it is for admins.
    expect((await t.call('audit', 'verify', {}, OPENID.street)).error?.code).toBe('FORBIDDEN')
  })

  test('admin: every chain, the global one whole', async () => {
    const global = await t.ok('audit', 'list', {}, OPENID.admin)
    expect(global.items.map((e: any) => [e.seq, e.label])).toEqual([
      [3, '管理操作'],
      [2, '授予角色'],
      [1, '授予角色'],
    ])
    expect(global.items[0]).toMatchObject({ streetId: OTHER_STREET, target: { type: 'street', id: OTHER_STREET }, actorName: '系统管理员' })
    expect(await t.ok('audit', 'verify', {}, OPENID.admin)).toEqual({ chain: 'global', ok: true, checked: 3, complete: true })
    expect((await t.ok('audit', 'list', { communityId: OTHER_COMMUNITY }, OPENID.admin)).items).toEqual([])
    expect((await t.ok('audit', 'verify', { communityId: C3 }, OPENID.admin)).ok).toBe(true)
  })
})

describe('paging', () => {
  test('newest first by seq; entries appended between pages neither repeat nor shift the pages', async () => {
    const all = (await chainOf(C3)).map((e) => e.seq).reverse()
    const first = await t.ok('audit', 'list', { communityId: C3, page: { limit: 7 } }, STAFF_C3)
    expect(first.items.map((e: any) => e.seq)).toEqual(all.slice(0, 7))
    expect(first).toMatchObject({ hasMore: true, next: all[6] })

    await closeInC3(1)
    const seen = [...first.items.map((e: any) => e.seq)]
    let next = first.next
    for (;;) {
      const page = await t.call('audit', 'list', { communityId: C3, page: { before: next, limit: 7 } }, STAFF_C3)
      budget('audit.list', page.stats, 2)
      seen.push(...page.data.items.map((e: any) => e.seq))
      if (!page.data.hasMore) {
        expect(page.data.next).toBeUndefined()
        break
      }
      next = page.data.next
    }
    expect(seen).toEqual(all)
  })

  test('a bad page is INVALID_INPUT with Chinese messages', async () => {
    for (const page of [{ before: 0 }, { before: 1.5 }, { limit: 500 }]) {
      const res = await t.call('audit', 'list', { page }, OPENID.staff)
      expect(res.error?.code).toBe('INVALID_INPUT')
      expect(Object.values(res.error!.fields!)[0]).toMatch(/[\u4e00-\u9fa5]/)
    }
  })
})

describe('a long chain', () => {
  const BIG = 'community-big-chain'
  const N = 20_000

  beforeAll(async () => {
    const drafts = Array.from({ length: N }, (_, i) => ({
      action: 'points.award' as const,
      communityId: BIG,
      target: { type: 'ledger' as const, id: `award-big-${i}` },
      detail: { points: 5, ownerType: 'user', ownerId: `user-${i % 50}` },
      at: 1_700_000_000_000 + i * 60_000,
      actorId: USER.staff,
      actorName: '刘书记',
    }))
    const { entries, head } = chainEntries(BIG, undefined, drafts, sha256)
    // In slices, yielding between them: one long synchronous insert outlasts the server's
    // keep-alive and the next request meets a socket closed under it.
    for (let i = 0; i < entries.length; i += 1000) {
      t.emulator.database.insertMany('audit_log', entries.slice(i, i + 1000) as unknown as Record<string, unknown>[])
      await new Promise((resolve) => setImmediate(resolve))
    }
    t.emulator.database.insertMany('audit_heads', [{ _id: BIG, ...head }])
  })

  test('20,000 entries verify in pages of 1,000 within the function’s time limit', async () => {
    const res = await t.call('audit', 'verify', { communityId: BIG }, OPENID.admin)
    expect(res.data).toEqual({ chain: BIG, ok: true, checked: N, complete: true })
    // caller, head, 20 pages
    budget('audit.verify (20,000 entries)', res.stats, 22)
  }, 60_000)

  test('an edit deep in a long chain is found at its seq', async () => {
    const [entry] = (await t.db.collection('audit_log').where({ chain: BIG, seq: 15_000 }).get()).data as AuditEntry[]
    await put({ ...entry!, detail: { ...entry!.detail, points: 500 } })
    const res = await t.ok('audit', 'verify', { communityId: BIG }, OPENID.admin)
    expect(res).toEqual({ chain: BIG, ok: false, checked: 14_999, complete: true, firstBroken: { seq: 15_000, reason: 'hash' } })
    await put(entry!)
  }, 60_000)
})
