/**
 * Fixtures for the mall's tests: volunteers of 新园社区 with points (a balance and the ledger
 * entry that explains it), rewards set up by staff, the timer, and the invariant every test
 * ends on: each person's kept balance is the sum of their ledger.
 */
import type { Honglin } from '../../helpers/honglin'
import { C1, STREET } from './demands'

let serial = 0
export const freshRequest = (prefix = 'rq') => `${prefix}-${Date.now().toString(36)}-${(serial++).toString(36)}`

/** `count` verified volunteers of 新园社区, each with `points` earned (balance and ledger entry). */
export function insertVolunteers(t: Honglin, prefix: string, count: number, points: number): { userId: string; openid: string }[] {
  const now = t.emulator.clock.now()
  const people = Array.from({ length: count }, (_, i) => ({ userId: `${prefix}-${i}`, openid: `wx-${prefix}-${i}` }))
  t.emulator.database.insertMany(
    'users',
    people.map((p, i) => ({
      _id: p.userId,
      openid: p.openid,
      name: `志愿者${prefix}${i}`,
      grants: [{ role: 'volunteer', communityId: C1, streetId: STREET }],
      volunteer: { status: 'verified', skills: [], isPartyMember: false, communityId: C1, appliedAt: now, decidedAt: now },
      pointsBalance: points,
      createdAt: now,
      updatedAt: now,
    })),
  )
  if (points > 0)
    t.emulator.database.insertMany(
      'points_ledger',
      people.map((p) => ({
        _id: `seed-${p.userId}`,
        ownerType: 'user',
        ownerId: p.userId,
        delta: points,
        reason: 'demand_closed',
        note: '完成服务',
        createdAt: now,
        createdBy: 'user-staff',
      })),
    )
  return people
}

export async function addReward(t: Honglin, fields: Record<string, unknown>, openid = 'demo-staff') {
  return t.ok(
    'mall',
    'upsertReward',
    { communityId: C1, name: '环保袋', cost: 5, stock: 10, pickupPlace: '社区服务中心一楼', ...fields },
    openid,
  )
}

export async function readAll(t: Honglin, collection: string, where: Record<string, unknown> = {}): Promise<any[]> {
  const out: any[] = []
  for (let skip = 0; ; skip += 1000) {
    const page = (await t.db.collection(collection).where(where).skip(skip).limit(1000).get()).data
    out.push(...page)
    if (page.length < 1000) return out
  }
}

/** Users whose kept balance differs from their ledger sum, as `id: balance ≠ sum`. */
export async function balancesOff(t: Honglin, userIds: string[]): Promise<string[]> {
  const off: string[] = []
  for (const id of userIds) {
    const [user] = await readAll(t, 'users', { _id: id })
    const entries = await readAll(t, 'points_ledger', { ownerId: id })
    const sum = entries.reduce((n, e) => n + e.delta, 0)
    if ((user?.pointsBalance ?? 0) !== sum || sum < 0) off.push(`${id}: ${user?.pointsBalance} ≠ ${sum}`)
  }
  return off
}

export async function fireMallTimer(t: Honglin) {
  const { result, error, stats } = await t.emulator.functions.invoke(
    'mall',
    { Type: 'Timer', TriggerName: 'mall', Time: new Date(t.emulator.clock.now()).toISOString() },
    { source: 'wx_trigger' },
    { TRIGGER_SRC: 'timer' },
  )
  expect(error).toBeUndefined()
  const answer = result as { ok: boolean; data: any; error?: any }
  expect(answer).toMatchObject({ ok: true })
  return { ...answer.data, stats }
}
