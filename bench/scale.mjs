/**
 * How the list calls and the SLA timer grow with the data: the same calls, as the same
 * personas, on the scale data set (seeds/scale.cjs) at 2,000 and at 200,000 demands, each in
 * a temporary data directory of its own emulator; p50 at each size and the ratio. A call
 * whose cost does not depend on the size of the data stays near 1×.
 */
import { median, startHonglin } from './honglin.mjs'
import { printMarkdown, sdkDatabaseOf } from './lib.mjs'

const N = Number(process.env.BENCH_SCALE_N ?? 25)
const TIMER = 'sla（定时触发，一次）'
const TIMER_RUNS = Number(process.env.BENCH_TIMER_N ?? 3)
export const SIZES = (process.env.BENCH_SCALE_SIZES ?? '2000,200000').split(',').map((s) => Number(s.replace(/_/g, '')))
/** Per call: one that takes longer shows as timed out at that size and is not called there again. */
export const TIMEOUT_S = Number(process.env.BENCH_SCALE_TIMEOUT ?? 30)
const C1 = 'community-xinyuan'
/** Pages walked by cursor before the measured "later page". */
const LATER_PAGE = 5

const STREET = 'street-guoyuan'
const DAY_MS = 86_400_000
/** The China date `days` before the data set's now. */
const dayBefore = (run, days) => new Date(run.h.now + 8 * 3_600_000 - days * DAY_MS).toISOString().slice(0, 10)
const REFERENCE = 'doc().get()（同一模拟器，参照）'

/**
 * The calls, as the personas who make them. `demo-demand-03` is the demo's accepted demand
 * (staff ask whom to send). `params` may be a function of the run, for what depends on the
 * data (a cursor).
 */
const CALLS = [
  { name: 'dispatch.inbox 第 1 页', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: {} },
  { name: `dispatch.inbox 第 ${LATER_PAGE} 页（游标）`, fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: (run) => run.laterPage },
  { name: 'dispatch.inbox 按状态（处理中）', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: { status: 'in_progress' } },
  { name: 'dispatch.inbox 按类型（报事）', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: { kind: 'report' } },
  { name: 'dispatch.inbox 按网格', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: { gridId: `${C1}-grid-2` } },
  { name: 'dispatch.inbox 仅逾期', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: { overdue: true } },
  { name: 'task.hall', fn: 'task', action: 'hall', as: 'demo-volunteer', params: {} },
  { name: 'task.mine', fn: 'task', action: 'mine', as: 'demo-volunteer', params: {} },
  { name: 'demand.listMine', fn: 'demand', action: 'listMine', as: 'demo-resident', params: {} },
  { name: 'notify.inbox（居民）', fn: 'notify', action: 'inbox', as: 'demo-resident', params: {} },
  { name: 'notify.inbox（社区书记）', fn: 'notify', action: 'inbox', as: 'demo-staff', params: {} },
  { name: 'points.ledger', fn: 'points', action: 'ledger', as: 'demo-volunteer', params: {} },
  { name: 'points.balance', fn: 'points', action: 'balance', as: 'demo-volunteer', params: {} },
  { name: 'points.ranking 社区·本月', fn: 'points', action: 'ranking', as: 'demo-volunteer', params: { period: 'month' } },
  {
    name: 'points.ranking 街道·累计·时长',
    fn: 'points',
    action: 'ranking',
    as: 'demo-volunteer',
    params: { period: 'all', by: 'hours', streetId: 'street-guoyuan' },
  },
  { name: 'audit.list', fn: 'audit', action: 'list', as: 'demo-staff', params: { communityId: C1 } },
  { name: 'user.volunteers', fn: 'user', action: 'volunteers', as: 'demo-staff', params: { communityId: C1, status: 'verified' } },
  { name: 'dispatch.suggest', fn: 'dispatch', action: 'suggest', as: 'demo-staff', params: { id: 'demo-demand-03' } },
  // The dashboards read counters the stats timer keeps (the seed writes them as it would).
  {
    name: 'stats.overview 社区 近 30 天',
    fn: 'stats',
    action: 'overview',
    as: 'demo-staff',
    params: (run) => ({ communityId: C1, from: dayBefore(run, 29), to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.overview 街道 本年',
    fn: 'stats',
    action: 'overview',
    as: 'demo-street',
    params: (run) => ({ streetId: STREET, from: `${dayBefore(run, 0).slice(0, 4)}-01-01`, to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.overview 街道 近 3 年（最长）',
    fn: 'stats',
    action: 'overview',
    as: 'demo-street',
    params: (run) => ({ streetId: STREET, from: dayBefore(run, 3 * 366 - 1), to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.trend 社区 按日 93 天',
    fn: 'stats',
    action: 'trend',
    as: 'demo-staff',
    params: (run) => ({ communityId: C1, period: 'day', from: dayBefore(run, 92), to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.trend 街道 按月 3 年',
    fn: 'stats',
    action: 'trend',
    as: 'demo-street',
    params: (run) => ({ streetId: STREET, period: 'month', from: dayBefore(run, 3 * 366 - 1), to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.heat 社区 近 30 天',
    fn: 'stats',
    action: 'heat',
    as: 'demo-staff',
    params: (run) => ({ communityId: C1, from: dayBefore(run, 29), to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.heat 街道 本年',
    fn: 'stats',
    action: 'heat',
    as: 'demo-street',
    params: (run) => ({ streetId: STREET, from: `${dayBefore(run, 0).slice(0, 4)}-01-01`, to: dayBefore(run, 0) }),
  },
  {
    name: 'stats.hotspots 社区 近 30 天',
    fn: 'stats',
    action: 'hotspots',
    as: 'demo-staff',
    params: (run) => ({ communityId: C1, from: dayBefore(run, 29), to: dayBefore(run, 0) }),
  },
  // The floor in the same emulator and run: one document by id through the SDK.
  { name: REFERENCE, direct: (db) => db.collection('demands').doc('demo-demand-03').get() },
]

/** `BENCH_SCALE_ONLY=<regexp>`: only the calls whose names match (the reference row always runs). */
const ONLY = process.env.BENCH_SCALE_ONLY ? new RegExp(process.env.BENCH_SCALE_ONLY) : undefined
const chosen = () => CALLS.filter((c) => !ONLY || c.direct || ONLY.test(c.name))

/** How many items an answer carried (a list, the volunteers suggested, the ledger entries summed). */
const itemsOf = (data) => data?.items?.length ?? data?.volunteers?.length ?? data?.entries ?? data?.points?.length ?? data?.cellsRead

async function seeded(demands) {
  console.log(`› seeding ${demands.toLocaleString('en')} demands …`)
  const h = await startHonglin({ demands })
  const { seeding } = h
  const docs = Object.values(seeding.summary.documents).reduce((a, b) => a + b, 0)
  console.log(
    `  seeded ${docs.toLocaleString('en')} documents in ${seeding.seconds.toFixed(1)} s (${seeding.cpuSeconds.toFixed(1)} s CPU), ` +
      `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  )
  return { h, demands, seeding, docs, results: new Map(), db: sdkDatabaseOf(h.emulator) }
}

/** The inbox's later page: the cursor after walking the first pages by `next`, per size. */
async function laterPageOf(run, timeoutMs) {
  let params = {}
  for (let k = 1; k < LATER_PAGE; k++) {
    const res = await run.h.call('dispatch', 'inbox', params, 'demo-staff', { timeoutMs })
    if (res.timedOut || !res.body?.ok) return undefined
    const next = res.body.data.next
    if (!next) return undefined
    params = { cursor: next }
  }
  return params
}

/**
 * Every size is seeded first, then each call is made on each size in turn, so whatever else
 * the machine is doing weighs on both sizes alike and the ratio stays meaningful.
 */
export async function run({ sizes = SIZES, timeoutS = TIMEOUT_S } = {}) {
  const timeoutMs = timeoutS * 1000
  const runs = []
  try {
    for (const size of sizes) runs.push(await seeded(size))
    for (const run of runs) run.laterPage = await laterPageOf(run, timeoutMs)
    for (const c of chosen()) {
      const samples = runs.map(() => [])
      const trips = runs.map(() => [])
      for (let k = 0; k < N + 2; k++) {
        for (const [r, run] of runs.entries()) {
          const prior = run.results.get(c.name)
          if (prior?.failed) continue
          if (c.direct) {
            const start = process.hrtime.bigint()
            await c.direct(run.db)
            if (k < 2) continue
            samples[r].push(Number(process.hrtime.bigint() - start) / 1e6)
            trips[r].push(1)
            run.results.set(c.name, {})
            continue
          }
          const params = typeof c.params === 'function' ? c.params(run) : c.params
          if (!params) {
            run.results.set(c.name, { failed: '无此页' })
            continue
          }
          const res = await run.h.call(c.fn, c.action, params, c.as, { timeoutMs })
          if (res.timedOut) {
            run.results.set(c.name, { failed: `超时（>${timeoutS} s）` })
            continue
          }
          if (res.status !== 200 || !res.body?.ok) throw new Error(`${c.name} at ${run.demands}: ${JSON.stringify(res.body)}`)
          if (k < 2) continue
          samples[r].push(res.ms)
          trips[r].push(res.roundTrips)
          run.results.set(c.name, { items: itemsOf(res.body.data) })
        }
      }
      runs.forEach((run, r) => {
        const result = run.results.get(c.name)
        if (!result.failed) Object.assign(result, { p50: median(samples[r]), trips: median(trips[r]) })
      })
    }
    const timers = runs.map(() => [])
    for (let k = 0; k < TIMER_RUNS; k++) {
      for (const [r, run] of runs.entries()) {
        if (run.results.get(TIMER)?.failed) continue
        const res = await run.h.fireTimer('sla', 'sla', { timeoutMs })
        if (res.timedOut) {
          run.results.set(TIMER, { failed: `超时（>${timeoutS} s）` })
          continue
        }
        timers[r].push(res.ms)
        const summary = res.body?.ok ? res.body.data : res.body?.error
        run.results.set(TIMER, {
          p50: median(timers[r]),
          trips: res.roundTrips,
          items: summary?.scanned,
          failed: !res.body?.ok && `失败：${summary?.code ?? JSON.stringify(summary)}`,
        })
        run.timer = summary
      }
    }
    for (const run of runs) {
      console.log(
        `  ${run.demands.toLocaleString('en')}: sla timer ${JSON.stringify(run.timer)}; ` +
          `strict index mode: ${run.h.emulator.database.unindexedQueries().length} unindexed queries`,
      )
    }
  } finally {
    for (const run of runs) await run.h.stop()
  }
  const [small, large] = [runs[0], runs[runs.length - 1]]
  const names = [...small.results.keys()]
  const fmt = (r) => (r.failed ? r.failed : r.p50.toFixed(1))
  const markdown = printMarkdown(
    `规模（同一批调用与身份，${runs.map((r) => r.demands.toLocaleString('en')).join(' 与 ')} 条点单的规模数据，交替调用，每项 ${N} 次取 p50；` +
      `定时任务经 POST /_emulator/timers/sla/sla ${TIMER_RUNS} 次；每次调用限时 ${timeoutS} s）`,
    [
      '调用',
      '往返',
      ...runs.map((r) => `p50 ms @${r.demands.toLocaleString('en')}`),
      '条数',
      `${label(large.demands)}/${label(small.demands)}`,
      `÷ doc().get() @${label(large.demands)}`,
    ],
    names.map((name) => {
      const results = runs.map((r) => r.results.get(name) ?? { failed: '—' })
      const [a, b] = [results[0], results[results.length - 1]]
      const ratio = a.failed || b.failed ? '—' : `${(b.p50 / a.p50).toFixed(1)}×`
      const items = results.map((r) => r.items ?? '—').join(' / ')
      const trips = [...new Set(results.map((r) => r.trips ?? '—'))].join(' / ')
      const floor = large.results.get(REFERENCE)
      const overFloor = b.failed || !floor?.p50 ? '—' : `${(b.p50 / floor.p50).toFixed(1)}×`
      return [name, String(trips), ...results.map(fmt), items, ratio, overFloor]
    }),
  )
  const seeds = runs
    .map(
      (r) =>
        `seed ${r.demands.toLocaleString('en')}: ${r.docs.toLocaleString('en')} documents, ${r.seeding.seconds.toFixed(1)} s (${r.seeding.cpuSeconds.toFixed(1)} s CPU)`,
    )
    .join('; ')
  console.log(seeds)
  return { runs, markdown: `${markdown}\n- ${seeds}\n` }
}

function label(n) {
  return n >= 1000 ? `${n / 1000}k` : String(n)
}
