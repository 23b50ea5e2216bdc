/**
 * Every action of every function (all of shared/src/contract `Schemas`, checked before the run,
 * plus `system.ping` and the SLA timer), called as the client calls it (`POST /functions/<name>`,
 * the persona's OPENID), on the scale data set of 2,000 demands: its round trips, p50, p95,
 * and p95 over the p95 of one `doc().get()` measured in the same run (db-floor.mjs). Writes
 * act on fresh fixtures, one per call (demands in the status the action needs, users to
 * register or grant, messages to mark), stored directly before the action's calls begin.
 * Every call must succeed: a benchmark of failures would measure nothing.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { root } from '../scripts/lib/build.mjs'
import { contractActions } from './contract.mjs'
import { median, percentile, startHonglin } from './honglin.mjs'
import { printMarkdown } from './lib.mjs'

const require = createRequire(import.meta.url)
const { fixtureDemand } = require(join(root, 'seeds/scale-demands.cjs'))

const DEMANDS = 2_000
const N = Number(process.env.BENCH_ACTION_N ?? 40)
const WARM = 5
const TIMER_RUNS = Number(process.env.BENCH_TIMER_N ?? 5)
/** A call slower than this fails the run (every call here is expected to take milliseconds). */
const TIMEOUT_MS = 60_000

const C1 = 'community-xinyuan'
const STREET = 'street-guoyuan'
const G1 = `${C1}-grid-1`
const OWNER = { id: 'user-resident', name: '张阿姨', phone: '13800000001', gridId: G1, address: '新园社区11号楼1单元101' }
const STAFF = { id: 'user-staff', name: '刘书记' }
const VOLUNTEER = { type: 'volunteer', id: 'user-volunteer', name: '王小红' }
const COMMUNITY = { id: C1, streetId: STREET }

/** The China date `offset` days from today (the data set is seeded as of now). */
const chinaDay = (offset) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10)

/** Steps from `submitted` to the status each fixture needs. */
const TO = {
  submitted: [],
  accepted: ['accept'],
  open: ['accept', 'publish'],
  assigned: ['accept', 'assign'],
  dispatched: ['accept', 'assign', 'acceptAssignment'],
  inProgress: ['accept', 'assign', 'acceptAssignment', 'start'],
  done: ['accept', 'assign', 'acceptAssignment', 'start', 'complete'],
  reviewed: ['accept', 'assign', 'acceptAssignment', 'start', 'complete', 'rate'],
}

const newDemand = (k) => ({
  kind: 'service',
  category: 'repair',
  title: '家里水龙头漏水',
  detail: '厨房水龙头关不严，一直滴水。',
  photos: [],
  address: '新园社区11号楼1单元101',
  gridId: G1,
  urgency: 'normal',
  contactName: '张阿姨',
  contactPhone: '13800000001',
  requestId: `bench-request-${k}`,
  consent: true,
})

/**
 * The actions: function, action, persona, and the parameters of call `k` (given this action's
 * fixtures, if it has any). `fixtures(count, ctx)` stores what `count` calls need.
 */
function actionSpecs(ctx) {
  const demands = (label, to) => (count) => {
    const docs = Array.from({ length: count }, (_, k) =>
      fixtureDemand({
        id: `bench-${label}-${k}`,
        now: ctx.now(),
        community: COMMUNITY,
        owner: OWNER,
        staff: STAFF,
        worker: VOLUNTEER,
        actions: TO[to],
      }),
    )
    ctx.insert('demands', docs)
    return docs.map((d) => d._id)
  }
  const users =
    (label, extra = {}) =>
    (count) => {
      const docs = Array.from({ length: count }, (_, k) => ({
        _id: `bench-${label}-${k}`,
        openid: `bench-${label}-${k}`,
        name: `测试居民${k}`,
        phone: `1370000${String(k).padStart(4, '0')}`,
        grants: [{ role: 'resident', communityId: C1, streetId: STREET }],
        pointsBalance: 0,
        elderMode: false,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
        ...extra,
      }))
      ctx.insert('users', docs)
      return docs.map((d) => d._id)
    }
  const pending = {
    volunteer: { status: 'pending', skills: ['助老'], isPartyMember: false, communityId: C1, gridId: G1, appliedAt: Date.now() },
  }
  const gridWorker = { role: 'grid_worker', communityId: C1, streetId: STREET, gridIds: [`${C1}-grid-3`] }
  const byId = (fx, k) => ({ id: fx[k] })

  return [
    { fn: 'system', action: 'ping', as: 'demo-resident' },
    { fn: 'user', action: 'login', as: 'demo-resident' },
    { fn: 'user', action: 'updateProfile', as: 'demo-resident', params: () => ({ name: '张阿姨' }) },
    {
      fn: 'user',
      action: 'registerVolunteer',
      fixtures: users('register'),
      as: (fx, k) => fx[k],
      params: () => ({ name: '新志愿者', phone: '13700009999', skills: ['助老'], isPartyMember: false, communityId: C1, gridId: G1 }),
    },
    {
      fn: 'user',
      action: 'verifyVolunteer',
      as: 'demo-staff',
      fixtures: users('verify', pending),
      params: (fx, k) => ({ userId: fx[k], approve: true }),
    },
    { fn: 'user', action: 'volunteers', as: 'demo-staff', params: () => ({ communityId: C1 }) },
    // Each caller exports once (a second export within 10 minutes answers the same file).
    { fn: 'user', action: 'exportMyData', fixtures: users('export'), as: (fx, k) => fx[k] },
    { fn: 'user', action: 'deleteAccount', fixtures: users('delete'), as: (fx, k) => fx[k], params: () => ({ confirm: true }) },
    { fn: 'org', action: 'streets', as: 'demo-resident' },
    { fn: 'org', action: 'communities', as: 'demo-resident', params: () => ({ streetId: STREET }) },
    { fn: 'org', action: 'grids', as: 'demo-resident', params: () => ({ communityId: C1 }) },
    { fn: 'org', action: 'units', as: 'demo-resident', params: () => ({ communityId: C1 }) },
    { fn: 'org', action: 'committee', as: 'demo-resident', params: () => ({ communityId: C1 }) },
    { fn: 'org', action: 'slaPolicy', as: 'demo-staff', params: () => ({ communityId: C1 }) },
    {
      fn: 'org',
      action: 'setSlaPolicy',
      as: 'demo-staff',
      // Each call changes the triage window (a call that changes nothing writes nothing).
      params: (_fx, k) => ({ communityId: C1, policy: { triage: { normal: 23 + (k % 2), urgent: 2 } } }),
    },
    {
      fn: 'org',
      action: 'grantRole',
      as: 'demo-staff',
      fixtures: users('grant'),
      params: (fx, k) => ({ userId: fx[k], role: 'grid_worker', communityId: C1, gridIds: [`${C1}-grid-3`] }),
    },
    {
      fn: 'org',
      action: 'revokeRole',
      as: 'demo-staff',
      fixtures: users('revoke', { grants: [{ role: 'resident', communityId: C1, streetId: STREET }, gridWorker] }),
      params: (fx, k) => ({ userId: fx[k], role: 'grid_worker', communityId: C1 }),
    },
    { fn: 'demand', action: 'create', as: 'demo-resident', params: (_, k) => newDemand(`${ctx.run}-c${k}`) },
    {
      fn: 'demand',
      action: 'createOnBehalf',
      as: 'demo-grid',
      params: (_, k) => ({
        ...newDemand(`${ctx.run}-b${k}`),
        ownerId: 'user-resident-2',
        contactName: '李大爷',
        contactPhone: '13800000002',
      }),
    },
    { fn: 'demand', action: 'listMine', as: 'demo-resident' },
    { fn: 'demand', action: 'get', as: 'demo-resident', params: () => ({ id: 'demo-demand-01' }) },
    { fn: 'demand', action: 'cancel', as: 'demo-resident', fixtures: demands('cancel', 'submitted'), params: byId },
    { fn: 'demand', action: 'confirm', as: 'demo-resident', fixtures: demands('confirm', 'done'), params: byId },
    {
      fn: 'demand',
      action: 'rate',
      as: 'demo-resident',
      fixtures: demands('rate', 'done'),
      params: (fx, k) => ({ id: fx[k], stars: 5, comment: '很满意' }),
    },
    {
      fn: 'demand',
      action: 'reopen',
      as: 'demo-resident',
      fixtures: demands('reopen', 'done'),
      params: (fx, k) => ({ id: fx[k], reason: '还是漏水' }),
    },
    { fn: 'dispatch', action: 'inbox', as: 'demo-staff' },
    { fn: 'dispatch', action: 'accept', as: 'demo-staff', fixtures: demands('accept', 'submitted'), params: byId },
    {
      fn: 'dispatch',
      action: 'reject',
      as: 'demo-staff',
      fixtures: demands('reject', 'submitted'),
      params: (fx, k) => ({ id: fx[k], reason: '超出社区服务范围' }),
    },
    {
      fn: 'dispatch',
      action: 'merge',
      as: 'demo-staff',
      fixtures: demands('merge', 'submitted'),
      params: (fx, k) => ({ id: fx[k], intoId: 'demo-demand-03' }),
    },
    { fn: 'dispatch', action: 'suggest', as: 'demo-staff', params: () => ({ id: 'demo-demand-03' }) },
    {
      fn: 'dispatch',
      action: 'assign',
      as: 'demo-staff',
      fixtures: demands('assign', 'accepted'),
      params: (fx, k) => ({
        id: fx[k],
        assignee: { type: 'volunteer', id: 'user-volunteer' },
        dueAt: ctx.now() + 2 * 86_400_000,
        points: 15,
      }),
    },
    {
      fn: 'dispatch',
      action: 'publish',
      as: 'demo-staff',
      fixtures: demands('publish', 'accepted'),
      params: (fx, k) => ({ id: fx[k], points: 10 }),
    },
    { fn: 'dispatch', action: 'close', as: 'demo-staff', fixtures: demands('close', 'reviewed'), params: byId },
    { fn: 'task', action: 'hall', as: 'demo-volunteer' },
    { fn: 'task', action: 'claim', as: 'demo-volunteer', fixtures: demands('claim', 'open'), params: byId },
    { fn: 'task', action: 'mine', as: 'demo-volunteer' },
    { fn: 'task', action: 'accept', as: 'demo-volunteer', fixtures: demands('take', 'assigned'), params: byId },
    {
      fn: 'task',
      action: 'decline',
      as: 'demo-volunteer',
      fixtures: demands('decline', 'assigned'),
      params: (fx, k) => ({ id: fx[k], reason: '临时有事' }),
    },
    { fn: 'task', action: 'start', as: 'demo-volunteer', fixtures: demands('start', 'dispatched'), params: byId },
    {
      fn: 'task',
      action: 'progress',
      as: 'demo-volunteer',
      fixtures: demands('progress', 'inProgress'),
      params: (fx, k) => ({ id: fx[k], note: '已上门查看', photos: [], requestId: `${ctx.run}-p${k}` }),
    },
    {
      fn: 'task',
      action: 'complete',
      as: 'demo-volunteer',
      fixtures: demands('complete', 'inProgress'),
      params: (fx, k) => ({ id: fx[k], note: '已修好', photos: [], hours: 1 }),
    },
    { fn: 'points', action: 'balance', as: 'demo-volunteer' },
    { fn: 'points', action: 'ledger', as: 'demo-volunteer' },
    { fn: 'points', action: 'reconcile', as: 'demo-admin', params: () => ({ ownerType: 'user', ownerId: 'user-volunteer' }) },
    { fn: 'notify', action: 'inbox', as: 'demo-resident' },
    {
      fn: 'notify',
      action: 'markRead',
      as: 'demo-resident',
      fixtures: (count) => {
        const docs = Array.from({ length: count }, (_, k) => ({
          _id: `bench-message-${k}`,
          audience: ['user:user-resident'],
          type: 'demand.accepted',
          title: '社区已受理您的点单',
          body: '家里水龙头漏水',
          actorId: 'user-staff',
          at: ctx.now(),
          send: { state: 'sent' },
        }))
        ctx.insert('notifications', docs)
        return docs.map((d) => d._id)
      },
      params: (fx, k) => ({ ids: [fx[k]] }),
    },
    { fn: 'audit', action: 'list', as: 'demo-staff', params: () => ({ communityId: C1 }) },
    { fn: 'audit', action: 'verify', as: 'demo-staff', params: () => ({ communityId: C1 }) },
    { fn: 'stats', action: 'overview', as: 'demo-staff', params: () => ({ communityId: C1, from: chinaDay(-29), to: chinaDay(0) }) },
    {
      fn: 'stats',
      action: 'trend',
      as: 'demo-street',
      params: () => ({ streetId: STREET, period: 'day', from: chinaDay(-92), to: chinaDay(0) }),
    },
    { fn: 'stats', action: 'hotspots', as: 'demo-staff', params: () => ({ communityId: C1, from: chinaDay(-29), to: chinaDay(0) }) },
  ]
}

export async function run({ floorP95 } = {}) {
  const specs = actionSpecs({})
  const measured = new Set(specs.map((spec) => `${spec.fn}.${spec.action}`))
  const missing = (await contractActions()).filter((name) => !measured.has(name))
  if (missing.length) throw new Error(`bench/actions.mjs measures no ${missing.join(', ')}: add them to actionSpecs`)
  const h = await startHonglin({ demands: DEMANDS })
  try {
    const ctx = {
      run: Date.now().toString(36),
      now: () => h.emulator.clock.now(),
      insert: (collection, docs) => h.emulator.database.insertMany(collection, docs),
    }
    const rows = []
    for (const spec of actionSpecs(ctx)) {
      const fixtures = spec.fixtures ? spec.fixtures(WARM + N) : undefined
      const samples = []
      const trips = []
      for (let k = 0; k < WARM + N; k++) {
        const openid = typeof spec.as === 'function' ? spec.as(fixtures, k) : spec.as
        const res = await h.call(spec.fn, spec.action, spec.params ? spec.params(fixtures, k) : {}, openid, { timeoutMs: TIMEOUT_MS })
        if (res.timedOut) throw new Error(`${spec.fn}.${spec.action} call ${k} took more than ${TIMEOUT_MS / 1000} s`)
        if (res.status !== 200 || !res.body?.ok) throw new Error(`${spec.fn}.${spec.action} call ${k} failed: ${JSON.stringify(res.body)}`)
        if (k < WARM) continue
        samples.push(res.ms)
        trips.push(res.roundTrips)
      }
      rows.push(row(`${spec.fn}.${spec.action}`, samples, trips))
    }
    const timer = []
    const timerTrips = []
    let via
    for (let k = 0; k < TIMER_RUNS; k++) {
      const res = await h.fireTimer('sla', 'sla', { timeoutMs: TIMEOUT_MS })
      if (res.timedOut || !res.body?.ok) throw new Error(`sla timer failed: ${JSON.stringify(res.body)}`)
      timer.push(res.ms)
      timerTrips.push(res.roundTrips)
      via = res.via
    }
    rows.push(row('sla（定时触发）', timer, timerTrips))
    // The settle timer, after all the writes above left their closes and load moves to it.
    const settle = []
    const settleTrips = []
    for (let k = 0; k < TIMER_RUNS; k++) {
      const res = await h.fireTimer('settle', 'settle', { timeoutMs: TIMEOUT_MS })
      if (res.timedOut || !res.body?.ok) throw new Error(`settle timer failed: ${JSON.stringify(res.body)}`)
      settle.push(res.ms)
      settleTrips.push(res.roundTrips)
    }
    rows.push(row('settle（定时触发）', settle, settleTrips))

    const unindexed = h.emulator.database.unindexedQueries().length
    const markdown = printMarkdown(
      `每个 action（经 POST /functions/<name>，${DEMANDS.toLocaleString('en')} 条点单的规模数据，每项 ${N} 次，写操作每次一个新的对象；` +
        `比值 = p95 ÷ 同一次运行中 doc().get() 的 p95${floorP95 ? ` ${floorP95.toFixed(2)} ms` : ''}）`,
      ['action', '往返', 'p50 ms', 'p95 ms', 'p95 ÷ doc().get()'],
      rows.map((r) => [r.name, r.trips, r.p50.toFixed(1), r.p95.toFixed(1), floorP95 ? `${(r.p95 / floorP95).toFixed(1)}×` : '—']),
    )
    const notes = [
      `sla timer fired ${via === 'direct' ? 'by invoking the function directly (no /_emulator/timers endpoint)' : 'through POST /_emulator/timers/sla/sla'}`,
      `strict index mode reported ${unindexed} unindexed queries`,
    ]
    console.log(notes.join('\n'))
    return { rows, markdown: `${markdown}\n${notes.map((n) => `- ${n}`).join('\n')}\n` }
  } finally {
    await h.stop()
  }
}

function row(name, samples, trips) {
  const sorted = [...samples].sort((a, b) => a - b)
  const lo = Math.min(...trips)
  const hi = Math.max(...trips)
  return {
    name,
    n: samples.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    trips: lo === hi ? String(lo) : `${lo}–${hi}`,
    tripsMedian: median(trips),
  }
}
