/**
 * How the list calls and the SLA timer grow with the data: the same calls, as the same
 * personas, on the scale data set (seeds/scale.cjs) at 2,000 and at 200,000 demands, each in
 * a temporary data directory of its own emulator; p50 at each size and the ratio. A call
 * whose cost does not depend on the size of the data stays near 1×.
 */
import { median, startHonglin } from './honglin.mjs'
import { printMarkdown } from './lib.mjs'

const N = Number(process.env.BENCH_SCALE_N ?? 25)
const TIMER = 'sla（定时触发，一次）'
const TIMER_RUNS = Number(process.env.BENCH_TIMER_N ?? 3)
export const SIZES = (process.env.BENCH_SCALE_SIZES ?? '2000,200000').split(',').map((s) => Number(s.replace(/_/g, '')))

/** The calls, as the personas who make them. `demo-demand-03` is the demo's accepted demand (staff ask whom to send). */
const CALLS = [
  { name: 'dispatch.inbox 第 1 页', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: {} },
  { name: 'dispatch.inbox 第 5 页', fn: 'dispatch', action: 'inbox', as: 'demo-staff', params: { page: { offset: 80, limit: 20 } } },
  { name: 'task.hall', fn: 'task', action: 'hall', as: 'demo-volunteer', params: {} },
  { name: 'task.mine', fn: 'task', action: 'mine', as: 'demo-volunteer', params: {} },
  { name: 'demand.listMine', fn: 'demand', action: 'listMine', as: 'demo-resident', params: {} },
  { name: 'notify.inbox（居民）', fn: 'notify', action: 'inbox', as: 'demo-resident', params: {} },
  { name: 'notify.inbox（社区书记）', fn: 'notify', action: 'inbox', as: 'demo-staff', params: {} },
  { name: 'points.ledger', fn: 'points', action: 'ledger', as: 'demo-volunteer', params: {} },
  { name: 'points.balance', fn: 'points', action: 'balance', as: 'demo-volunteer', params: {} },
  { name: 'dispatch.suggest', fn: 'dispatch', action: 'suggest', as: 'demo-staff', params: { id: 'demo-demand-03' } },
]

async function seeded(demands) {
  console.log(`› seeding ${demands.toLocaleString('en')} demands …`)
  const h = await startHonglin({ demands })
  const { seeding } = h
  const docs = Object.values(seeding.summary.documents).reduce((a, b) => a + b, 0)
  console.log(
    `  seeded ${docs.toLocaleString('en')} documents in ${seeding.seconds.toFixed(1)} s (${seeding.cpuSeconds.toFixed(1)} s CPU), ` +
      `rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  )
  return { h, demands, seeding, docs, results: new Map() }
}

/**
 * Every size is seeded first, then each call is made on each size in turn, so whatever else
 * the machine is doing weighs on both sizes alike and the ratio stays meaningful.
 */
export async function run() {
  const runs = []
  try {
    for (const size of SIZES) runs.push(await seeded(size))
    for (const c of CALLS) {
      const samples = runs.map(() => [])
      const trips = runs.map(() => [])
      for (let k = 0; k < N + 2; k++) {
        for (const [r, run] of runs.entries()) {
          const res = await run.h.call(c.fn, c.action, c.params, c.as)
          if (res.status !== 200 || !res.body?.ok) throw new Error(`${c.name} at ${run.demands}: ${JSON.stringify(res.body)}`)
          if (k < 2) continue
          samples[r].push(res.ms)
          trips[r].push(res.roundTrips)
          run.results.set(c.name, { items: res.body.data.items?.length ?? res.body.data.volunteers?.length ?? res.body.data.entries })
        }
      }
      runs.forEach((run, r) => Object.assign(run.results.get(c.name), { p50: median(samples[r]), trips: median(trips[r]) }))
    }
    const timers = runs.map(() => [])
    for (let k = 0; k < TIMER_RUNS; k++) {
      for (const [r, run] of runs.entries()) {
        const res = await run.h.fireTimer('sla', 'sla')
        timers[r].push(res.ms)
        const summary = res.body?.ok ? res.body.data : res.body?.error
        run.results.set(TIMER, { p50: median(timers[r]), trips: res.roundTrips, items: summary?.scanned, failed: !res.body?.ok && summary })
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
  const fmt = (r) => (r.failed ? `失败：${r.failed.code ?? r.failed}` : r.p50.toFixed(1))
  printMarkdown(
    `规模（同一批调用与身份，${runs.map((r) => r.demands.toLocaleString('en')).join(' 与 ')} 条点单的规模数据，交替调用，每项 ${N} 次取 p50；定时任务 ${TIMER_RUNS} 次）`,
    [
      '调用',
      '往返',
      ...runs.map((r) => `p50 ms @${r.demands.toLocaleString('en')}`),
      '条数',
      `${label(large.demands)}/${label(small.demands)}`,
    ],
    names.map((name) => {
      const a = small.results.get(name)
      const b = large.results.get(name)
      const ratio = a.failed || b.failed ? '—' : `${(b.p50 / a.p50).toFixed(1)}×`
      const items = runs.map((r) => r.results.get(name).items ?? '—').join(' / ')
      const trips = [...new Set(runs.map((r) => r.results.get(name).trips))].join(' / ')
      return [name, trips, ...runs.map((r) => fmt(r.results.get(name))), items, ratio]
    }),
  )
  console.log(
    runs
      .map(
        (r) =>
          `seed ${r.demands.toLocaleString('en')}: ${r.docs.toLocaleString('en')} documents, ${r.seeding.seconds.toFixed(1)} s (${r.seeding.cpuSeconds.toFixed(1)} s CPU)`,
      )
      .join('; '),
  )
  return runs
}

function label(n) {
  return n >= 1000 ? `${n / 1000}k` : String(n)
}
