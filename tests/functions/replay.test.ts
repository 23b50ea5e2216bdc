/**
 * Replays: a client that retries (a double tap, a timeout, a flaky network) sends the same
 * input again, one after the other or all at once. For every mutating action, the same input
 * sent 3× in sequence and 10× in parallel (the same `requestId` where the action takes one)
 * must leave exactly what one call leaves: no extra documents, timeline entries, ledger
 * entries, points, grants or notifications (in-app and subscribe messages). The first answer
 * is a success; every later one is the same success (the same record) or a refusal with a
 * code of the closed set other than INTERNAL, the same code each time when sent in sequence.
 */
import { ErrorCodes, type Demand } from '@honglin/shared'
import { useHonglin, type CallResult } from '../helpers/honglin'
import { snapshotDatabase } from '../helpers/digest'
import { demandInput, insertFixture, insertUsers, requestId, USER, type FixtureState } from './support/demands'
import { C1, PEOPLE, STREET_1, clonePersona, gridOf } from './support/personas'

jest.setTimeout(120_000)

const t = useHonglin()

interface Prepared {
  fn: string
  action: string
  params: Record<string, unknown>
  openid: string
}

/** What an answer is about: replays must name the same record in the same state. */
type Identity = (data: any) => unknown

interface Scenario {
  prepare(): Promise<Prepared> | Prepared
  identity: Identity
}

const onDemand = (fn: string, action: string, state: FixtureState, who: keyof typeof PEOPLE, params: Record<string, unknown> = {}) => ({
  prepare: (): Prepared => ({ fn, action, params: { id: insertFixture(t, state)._id, ...params }, openid: PEOPLE[who].openid }),
  identity: (d: Demand) => ({ id: d._id, status: d.status }),
})

let counter = 0
const fresh = (prefix: string) => `${prefix}-${(counter++).toString(36)}`

function userWith(grants: Record<string, unknown>[], extra: Record<string, unknown> = {}): string {
  const _id = fresh('replay-user')
  insertUsers(t, [{ _id, name: '重放测试', grants: [{ role: 'resident', communityId: C1, streetId: STREET_1 }, ...grants], ...extra }])
  return _id
}

const grants = (d: { userId: string; grants: unknown[] }) => ({ userId: d.userId, grants: d.grants })

const SCENARIOS: Record<string, Scenario> = {
  'demand.create': {
    prepare: () => ({ fn: 'demand', action: 'create', params: demandInput(), openid: PEOPLE.resident.openid }),
    identity: (d: Demand) => ({ id: d._id, status: d.status }),
  },
  'demand.createOnBehalf (a resident who is not online)': {
    // A resident met for the first time in each run: a known offline resident is found again
    // by phone, which would hide a duplicate account made by a replay.
    prepare: () => ({
      fn: 'demand',
      action: 'createOnBehalf',
      params: demandInput('service', {
        gridId: gridOf(C1),
        ownerName: '钱奶奶',
        ownerPhone: `139${String(offlinePhones++).padStart(8, '0')}`,
      }),
      openid: PEOPLE.grid.openid,
    }),
    identity: (d: Demand) => ({ id: d._id, owner: d.ownerId }),
  },
  'demand.cancel': onDemand('demand', 'cancel', 'submitted', 'resident', { reason: '已自行解决' }),
  'demand.confirm': onDemand('demand', 'confirm', 'done', 'resident'),
  'demand.rate': onDemand('demand', 'rate', 'done', 'resident', { stars: 5, comment: '非常及时' }),
  'demand.reopen': onDemand('demand', 'reopen', 'done', 'resident', { reason: '灯又不亮了' }),
  'dispatch.accept': onDemand('dispatch', 'accept', 'submitted', 'staff', { note: '已受理' }),
  'dispatch.reject': onDemand('dispatch', 'reject', 'submitted', 'staff', { reason: '不属于服务范围' }),
  'dispatch.merge': {
    prepare: () => ({
      fn: 'dispatch',
      action: 'merge',
      params: { id: insertFixture(t, 'submitted')._id, intoId: insertFixture(t, 'submitted')._id },
      openid: PEOPLE.staff.openid,
    }),
    identity: (d: Demand) => ({ id: d._id, status: d.status }),
  },
  'dispatch.assign': onDemand('dispatch', 'assign', 'accepted', 'staff', {
    assignee: { type: 'volunteer', id: USER.volunteer2 },
    points: 15,
  }),
  'dispatch.publish': onDemand('dispatch', 'publish', 'accepted', 'staff', { points: 10 }),
  'dispatch.close (with points)': onDemand('dispatch', 'close', 'reviewed', 'staff', { evaluation: '服务及时' }),
  'task.claim': onDemand('task', 'claim', 'open', 'volunteer2'),
  'task.accept': onDemand('task', 'accept', 'dispatched', 'volunteer'),
  'task.decline': onDemand('task', 'decline', 'dispatched', 'volunteer', { reason: '临时有事' }),
  'task.start': onDemand('task', 'start', 'dispatched_accepted', 'volunteer'),
  'task.progress (with a requestId)': {
    prepare: () => ({
      fn: 'task',
      action: 'progress',
      params: { id: insertFixture(t, 'in_progress')._id, note: '已买好菜，正在送去', requestId: requestId('progress') },
      openid: PEOPLE.volunteer.openid,
    }),
    identity: (d: Demand) => ({ id: d._id, status: d.status }),
  },
  'task.complete': onDemand('task', 'complete', 'in_progress', 'volunteer', { note: '已完成', hours: 1 }),
  'user.login (first login)': {
    prepare: () => ({ fn: 'user', action: 'login', params: {}, openid: fresh('wx-replay') }),
    identity: (d) => d.profile.userId,
  },
  'user.updateProfile': {
    prepare: async () => ({
      fn: 'user',
      action: 'updateProfile',
      params: { name: '张秀英', elderMode: true },
      openid: (await clonePersona(t, 'resident')).openid,
    }),
    identity: (d) => ({ userId: d.profile.userId, name: d.profile.name, elderMode: d.profile.elderMode }),
  },
  'user.registerVolunteer': {
    prepare: async () => ({
      fn: 'user',
      action: 'registerVolunteer',
      params: { name: '李大爷', phone: '13800000002', skills: ['跑腿代办'], isPartyMember: true, workUnit: '区退休办', communityId: C1 },
      openid: (await clonePersona(t, 'resident2')).openid,
    }),
    identity: (d) => ({ userId: d.profile.userId, status: d.volunteer?.status, communityId: d.volunteer?.communityId }),
  },
  'user.verifyVolunteer': {
    prepare: () => ({
      fn: 'user',
      action: 'verifyVolunteer',
      params: {
        userId: userWith([], {
          volunteer: { status: 'pending', skills: ['助老'], isPartyMember: false, communityId: C1, appliedAt: Date.now() - 3_600_000 },
        }),
        approve: true,
      },
      openid: PEOPLE.staff.openid,
    }),
    identity: (d) => ({ userId: d.userId, status: d.volunteer.status }),
  },
  'org.grantRole (volunteer)': {
    prepare: () => ({
      fn: 'org',
      action: 'grantRole',
      params: { userId: userWith([]), role: 'volunteer', communityId: C1 },
      openid: PEOPLE.staff.openid,
    }),
    identity: grants,
  },
  'org.grantRole (committee member)': {
    prepare: () => ({
      fn: 'org',
      action: 'grantRole',
      params: { userId: userWith([]), role: 'committee_member', communityId: C1, unitId: 'unit-school' },
      openid: PEOPLE.staff.openid,
    }),
    identity: grants,
  },
  'org.revokeRole (volunteer)': {
    prepare: () => ({
      fn: 'org',
      action: 'revokeRole',
      params: { userId: userWith([{ role: 'volunteer', communityId: C1, streetId: STREET_1 }]), role: 'volunteer', communityId: C1 },
      openid: PEOPLE.staff.openid,
    }),
    identity: grants,
  },
  'org.revokeRole (committee member)': {
    prepare: () => {
      const userId = userWith([{ role: 'committee_member', communityId: C1, streetId: STREET_1, unitId: 'unit-bank' }])
      t.emulator.database.insertMany('committee_members', [
        { communityId: C1, userId, unitId: 'unit-bank', title: '委员', createdAt: Date.now() },
      ])
      return { fn: 'org', action: 'revokeRole', params: { userId, role: 'committee_member', communityId: C1 }, openid: PEOPLE.staff.openid }
    },
    identity: grants,
  },
  'notify.markRead': {
    prepare: async () => {
      const me = await clonePersona(t, 'resident')
      const now = Date.now()
      t.emulator.database.insertMany(
        'notifications',
        [1, 2, 3].map((i) => ({
          _id: fresh('replay-note'),
          audience: [`user:${me.userId}`],
          type: 'demand.accepted',
          title: `消息${i}`,
          body: '',
          actorId: '',
          at: now,
          send: { state: 'sent' },
        })),
      )
      return { fn: 'notify', action: 'markRead', params: { all: true }, openid: me.openid }
    },
    identity: () => 'marked',
  },
}

let offlinePhones = 20_000_021

/** What the database holds, counted the ways a replay could add to it. */
function measure(): Record<string, number> {
  const { collections } = snapshotDatabase(t.emulator)
  const out: Record<string, number> = {}
  // A day's counter is one document per person and day, created by the first create of the
  // day: what a replay could add to it is its count, not documents.
  for (const [name, docs] of collections) if (name !== 'daily_quotas') out[`${name} documents`] = docs.length
  out['demands counted against daily limits'] = (collections.get('daily_quotas') ?? []).reduce(
    (n, q) =>
      n +
      Number((q as { own?: { demands?: number } }).own?.demands ?? 0) +
      Number((q as { onBehalf?: { demands?: number } }).onBehalf?.demands ?? 0),
    0,
  )
  const demands = (collections.get('demands') ?? []) as unknown as Demand[]
  out['timeline entries'] = demands.reduce((n, d) => n + (d.timeline?.length ?? 0), 0)
  const users = collections.get('users') ?? []
  const units = collections.get('units') ?? []
  out['points balance'] = [...users, ...units].reduce((n, u) => n + Number(u.pointsBalance ?? 0), 0)
  out['role grants'] = users.reduce((n, u) => n + ((u.grants as unknown[] | undefined)?.length ?? 0), 0)
  out['unread notifications'] = (collections.get('notifications') ?? []).filter((n) => n.read === false).length
  out['subscribe messages'] = t.emulator.openapi.outbox().filter((e) => e.api === 'subscribeMessage.send').length
  return out
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return Object.fromEntries(keys.map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]).filter(([, v]) => v !== 0))
}

interface Answer {
  code: string
  identity?: unknown
}

async function send(p: Prepared, identity: Identity): Promise<Answer> {
  let res: CallResult
  try {
    res = await t.call(p.fn, p.action, p.params, p.openid)
  } catch (error) {
    return { code: `CRASH ${(error as Error).message.slice(0, 120)}` }
  }
  return res.ok ? { code: 'ok', identity: identity(res.data) } : { code: res.error!.code }
}

/** Sends the prepared input `times` times (in sequence or all at once); answers the answers and the effect. */
async function replay(s: Scenario, times: number, parallel: boolean): Promise<{ answers: Answer[]; effect: Record<string, number> }> {
  const p = await s.prepare()
  const before = measure()
  const answers: Answer[] = []
  if (parallel) answers.push(...(await Promise.all(Array.from({ length: times }, () => send(p, s.identity)))))
  else for (let i = 0; i < times; i++) answers.push(await send(p, s.identity))
  return { answers, effect: delta(before, measure()) }
}

const REFUSALS = new Set(Object.keys(ErrorCodes).filter((c) => c !== 'INTERNAL'))

/** What is wrong with the answers to replays of one input. */
function judge(answers: Answer[], sequential: boolean): string[] {
  const problems: string[] = []
  const first = answers.find((a) => a.code === 'ok')
  if (!first) return [`no call succeeded: ${answers.map((a) => a.code).join(', ')}`]
  if (sequential && answers[0]!.code !== 'ok') problems.push(`the first call answered ${answers[0]!.code}`)
  for (const a of answers) {
    if (a.code === 'ok' && JSON.stringify(a.identity) !== JSON.stringify(first.identity))
      problems.push(`a replay answered another record: ${JSON.stringify(a.identity)} ≠ ${JSON.stringify(first.identity)}`)
    if (a.code !== 'ok' && !REFUSALS.has(a.code)) problems.push(`a replay answered ${a.code}`)
  }
  if (sequential) {
    const later = answers
      .slice(1)
      .filter((a) => a.code !== 'ok')
      .map((a) => a.code)
    if (new Set(later).size > 1) problems.push(`sequential replays answered different codes: ${later.join(', ')}`)
  }
  return [...new Set(problems)]
}

const counts: Record<string, { single: Record<string, number>; calls: number; codes: Record<string, number> }> = {}

afterAll(() => {
  if (process.env.HONGLIN_PRINT_REPLAYS) console.log(JSON.stringify(counts, null, 1))
})

describe.each(Object.keys(SCENARIOS))('%s', (name) => {
  const s = SCENARIOS[name]!

  test('3× in sequence and 10× in parallel leave what one call leaves', async () => {
    const once = await replay(s, 1, false)
    expect(once.answers.map((a) => a.code)).toEqual(['ok'])
    const sequential = await replay(s, 3, false)
    const parallel = await replay(s, 10, true)
    const codes: Record<string, number> = {}
    for (const a of [...sequential.answers, ...parallel.answers]) codes[a.code] = (codes[a.code] ?? 0) + 1
    counts[name] = { single: once.effect, calls: 14, codes }
    expect({
      sequential: { effect: sequential.effect, problems: judge(sequential.answers, true) },
      parallel: { effect: parallel.effect, problems: judge(parallel.answers, false) },
    }).toEqual({
      sequential: { effect: once.effect, problems: [] },
      parallel: { effect: once.effect, problems: [] },
    })
  })
})
