/**
 * Assignees' load counters (`activeLoad` on `users` and `units`, shared/src/org/load.ts): kept
 * by the settle timer from the transitions, never counted on a read. After every transition and
 * a settle run each counter equals the number of demands that count toward its owner; racing
 * claims count once; a transition that lands while the timer settles the same demand is not
 * lost; the demo data starts out settled.
 */
import { LoadStatuses, loadHolderOf, sameHolder, type Demand } from '@honglin/shared'
import { settleChanges } from '../../cloudfunctions/_runtime/transition'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import {
  C1,
  OPENID,
  STREET,
  UNIT,
  USER,
  demandInput,
  driveTo,
  fixtureDemand,
  insertUsers,
  readDemand,
  requestId,
  uploadPhoto,
} from './support/demands'
import { settleAll, settleOnce } from './support/settle'

const t = useHonglin()
const budget = useRoundTripBudget(t)

function all<T = any>(collection: string): T[] {
  return t.emulator.database.listDocuments(collection, { skip: 0, limit: Number.MAX_SAFE_INTEGER }).docs as T[]
}

/** What each counter should be, from the demands themselves. */
function counted(): Map<string, number> {
  const n = new Map<string, number>()
  for (const d of all<Demand>('demands')) {
    const holder = loadHolderOf(d)
    if (holder) n.set(`${holder.type}:${holder.id}`, (n.get(`${holder.type}:${holder.id}`) ?? 0) + 1)
  }
  return n
}

/** Every counter of every user and unit, and every demand's `loadOf`, as the rule says; nothing left to settle. */
function expectSettledAndRight(): void {
  const should = counted()
  const wrong: string[] = []
  for (const [type, collection] of [
    ['volunteer', 'users'],
    ['unit', 'units'],
  ] as const) {
    for (const doc of all<{ _id: string; activeLoad?: number }>(collection)) {
      const want = should.get(`${type}:${doc._id}`) ?? 0
      if ((doc.activeLoad ?? 0) !== want) wrong.push(`${collection} ${doc._id}: activeLoad ${doc.activeLoad}, counts ${want}`)
    }
  }
  for (const d of all<Demand>('demands')) {
    if (!sameHolder(d.loadOf, loadHolderOf(d))) wrong.push(`demand ${d._id} (${d.status}): loadOf ${JSON.stringify(d.loadOf)}`)
    if (d.settleAt !== undefined) wrong.push(`demand ${d._id}: still marked to settle`)
  }
  expect(wrong).toEqual([])
}

const loadOf = (collection: 'users' | 'units', id: string): number =>
  (all<{ _id: string; activeLoad?: number }>(collection).find((d) => d._id === id)?.activeLoad ?? 0) as number

const VOLUNTEERS = Array.from({ length: 12 }, (_, i) => `t-load-volunteer-${i}`)

beforeAll(() => {
  insertUsers(
    t,
    VOLUNTEERS.map((id, i) => ({
      _id: id,
      name: `负荷志愿者${i}`,
      grants: [{ role: 'volunteer', communityId: C1, streetId: STREET }],
      volunteer: { status: 'verified', skills: [], isPartyMember: false, communityId: C1, appliedAt: 1 },
    })),
  )
})

test('the demo data starts settled: every counter right, a settle run finds nothing', async () => {
  expect(LoadStatuses).toEqual(['dispatched', 'in_progress'])
  expectSettledAndRight()
  const run = await settleOnce(t)
  expect(run.data).toMatchObject({ settled: 0, more: false })
  // one query
  budget('settle (nothing owed)', { roundTrips: run.roundTrips }, 1)
  // Some demo volunteer and unit do have work in hand.
  expect([...counted().values()].some((n) => n > 0)).toBe(true)
})

describe('after every transition', () => {
  /** Runs the step, settles, and checks the two counters it may move and the whole invariant. */
  async function step(
    fn: string,
    action: string,
    params: Record<string, unknown>,
    who: string,
    expected: { volunteer?: number; other?: number; unit?: number },
    tracked: { volunteer: string; other: string },
  ): Promise<void> {
    const before = { volunteer: loadOf('users', tracked.volunteer), other: loadOf('users', tracked.other), unit: loadOf('units', UNIT) }
    const res = await t.call(fn, action, params, who)
    expect(res.error).toBeUndefined()
    await settleAll(t)
    expect({
      volunteer: loadOf('users', tracked.volunteer) - before.volunteer,
      other: loadOf('users', tracked.other) - before.other,
      unit: loadOf('units', UNIT) - before.unit,
    }).toEqual({ volunteer: 0, other: 0, unit: 0, ...expected })
    expectSettledAndRight()
  }

  test('assign, decline, reassign, accept, start, complete, reopen, complete, confirm, close', async () => {
    const [v, w] = [USER.volunteer, USER.volunteer2]
    const tracked = { volunteer: v, other: w }
    const d = await driveTo(t, 'accepted')
    await settleAll(t)
    const id = d._id
    const to = (assignee: string) => ({ id, assignee: { type: 'volunteer', id: assignee } })
    await step('dispatch', 'assign', to(v), OPENID.staff, { volunteer: 1 }, tracked)
    await step('task', 'decline', { id, reason: '临时有事' }, OPENID.volunteer, { volunteer: -1 }, tracked)
    await step('dispatch', 'assign', to(w), OPENID.staff, { other: 1 }, tracked)
    await step('task', 'accept', { id }, OPENID.volunteer2, {}, tracked)
    await step('task', 'start', { id }, OPENID.volunteer2, {}, tracked)
    await step('task', 'progress', { id, note: '已上门', requestId: requestId() }, OPENID.volunteer2, {}, tracked)
    const photo = await uploadPhoto(t)
    await step('task', 'complete', { id, note: '已完成', photos: [photo], hours: 1 }, OPENID.volunteer2, { other: -1 }, tracked)
    await step('demand', 'reopen', { id, reason: '还是不行' }, OPENID.resident, { other: 1 }, tracked)
    await step('task', 'complete', { id, note: '修好了', photos: [photo], hours: 1 }, OPENID.volunteer2, { other: -1 }, tracked)
    await step('demand', 'confirm', { id }, OPENID.resident, {}, tracked)
    await step('dispatch', 'close', { id }, OPENID.staff, {}, tracked)
    expect((await readDemand(t, id)).loadOf).toBeUndefined()
  })

  test('a unit: assigned, then the resident cancels', async () => {
    const tracked = { volunteer: USER.volunteer, other: USER.volunteer2 }
    const d = await driveTo(t, 'accepted')
    await settleAll(t)
    await step('dispatch', 'assign', { id: d._id, assignee: { type: 'unit', id: UNIT } }, OPENID.staff, { unit: 1 }, tracked)
    await step('demand', 'cancel', { id: d._id, reason: '已自行解决' }, OPENID.resident, { unit: -1 }, tracked)
  })

  test('the hall: published counts for nobody, claimed for the claimer', async () => {
    const tracked = { volunteer: USER.volunteer, other: USER.volunteer2 }
    const d = await driveTo(t, 'open')
    await settleAll(t)
    expectSettledAndRight()
    await step('task', 'claim', { id: d._id }, OPENID.volunteer, { volunteer: 1 }, tracked)
  })

  test('merged and rejected demands never count', async () => {
    const tracked = { volunteer: USER.volunteer, other: USER.volunteer2 }
    const into = await driveTo(t, 'accepted')
    const dup = await t.ok('demand', 'create', demandInput('report'), OPENID.resident)
    await step('dispatch', 'merge', { id: dup._id, intoId: into._id }, OPENID.staff, {}, tracked)
    const other = await t.ok('demand', 'create', demandInput('report'), OPENID.resident)
    await step('dispatch', 'reject', { id: other._id, reason: '不属于社区服务范围' }, OPENID.staff, {}, tracked)
  })
})

test('racing claims: of 12 volunteers claiming one task at once, only the winner is counted, once', async () => {
  const d = await driveTo(t, 'open')
  await settleAll(t)
  const before = VOLUNTEERS.map((id) => loadOf('users', id))
  const results = await Promise.all(VOLUNTEERS.map((openid) => t.call('task', 'claim', { id: d._id }, openid)))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  // Two overlapping timer runs settle it once.
  await Promise.all([settleAll(t), settleAll(t)])
  const winner = (await readDemand(t, d._id)).assignee!.id
  expect(VOLUNTEERS.map((id, i) => loadOf('users', id) - before[i]!)).toEqual(VOLUNTEERS.map((id) => (id === winner ? 1 : 0)))
  expectSettledAndRight()
})

test('transitions racing the timer on the same demands are neither lost nor counted twice', async () => {
  // Six demands each assigned to a different volunteer, then all declined while settle runs
  // repeatedly: whichever lands first, the counters end where the demands say.
  const demands: Demand[] = []
  const before = VOLUNTEERS.slice(0, 6).map((id) => loadOf('users', id))
  for (const id of VOLUNTEERS.slice(0, 6)) {
    const d = await driveTo(t, 'accepted')
    demands.push(await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id } }, OPENID.staff))
  }
  const settling = (async () => {
    for (let i = 0; i < 6; i++) await settleOnce(t)
  })()
  await Promise.all([
    settling,
    ...demands.map((d, i) => t.ok('task', 'decline', { id: d._id, reason: '临时有事' }, VOLUNTEERS[i]!)),
    settleOnce(t),
  ])
  await settleAll(t)
  expectSettledAndRight()
  expect(VOLUNTEERS.slice(0, 6).map((id) => loadOf('users', id))).toEqual(before)
})

test('a transition re-marks what it owes even when it read the demand already marked (the timer may settle in between)', () => {
  const read = { ...fixtureDemand('dispatched'), settleAt: 5 }
  const declined = { ...read, status: 'accepted' as const, assignee: undefined }
  expect(settleChanges(read, declined, 99)).toEqual({ settleAt: 5 })
  expect(settleChanges({ ...read, settleAt: undefined }, declined, 99)).toEqual({ settleAt: 99 })
  const settled = { ...read, settleAt: undefined, loadOf: { type: 'volunteer' as const, id: USER.volunteer } }
  expect(settleChanges(settled, { ...settled, status: 'in_progress' }, 99)).toEqual({})
})

test('only the platform’s timer runs it; it fires every minute', async () => {
  const d = await driveTo(t, 'accepted')
  await t.ok('dispatch', 'assign', { id: d._id, assignee: { type: 'volunteer', id: VOLUNTEERS[11]! } }, OPENID.staff)
  const forged = { Type: 'Timer', TriggerName: 'settle', Time: new Date().toISOString() }
  for (const openid of [OPENID.staff, OPENID.admin]) {
    const res = await t.call('settle', 'run', forged, openid)
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }
  const direct = await t.emulator.functions.invoke('settle', forged, { source: 'scf' })
  expect(direct.result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(loadOf('users', VOLUNTEERS[11]!)).toBe(0)
  await settleAll(t)
  expect(loadOf('users', VOLUNTEERS[11]!)).toBe(1)
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  expect(require('../../cloudfunctions/settle/config.json').triggers).toEqual([{ name: 'settle', type: 'timer', config: '0 * * * * * *' }])
})
