/**
 * Benchmark helpers: an emulator in this process with the real wx-server-sdk pointed at it,
 * and a timer that reports percentiles. Benchmarks print numbers; they assert nothing
 * about time (machines differ), only that the work was done right.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildEmulator, root } from '../scripts/lib/build.mjs'

const require = createRequire(import.meta.url)

export async function startBenchEmulator(options = {}) {
  buildEmulator()
  const { startEmulator } = require(join(root, 'emulator/dist/index.js'))
  const emulator = await startEmulator({ quiet: true, ...options })
  Object.assign(process.env, {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'bench',
    TENCENTCLOUD_SECRETKEY: 'bench',
    SCF_NAMESPACE: 'local',
    TCB_ENV: 'local',
  })
  const cloud = isolatedSdk()
  cloud.init({ env: 'local', serviceUrl: `${emulator.url}/admin`, secretId: 'bench', secretKey: 'bench' })
  return { emulator, cloud, db: cloud.database() }
}

/** The real SDK's database pointed at an emulator already running (the scale runs' `doc().get()` reference). */
export function sdkDatabaseOf(emulator) {
  Object.assign(process.env, {
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'bench',
    TENCENTCLOUD_SECRETKEY: 'bench',
    SCF_NAMESPACE: 'local',
    TCB_ENV: 'local',
  })
  const cloud = isolatedSdk()
  cloud.init({ env: 'local', serviceUrl: `${emulator.url}/admin`, secretId: 'bench', secretKey: 'bench' })
  return cloud.database()
}

/**
 * A wx-server-sdk instance of its own. `cloud.init` takes effect once per module instance, and
 * cloud functions hosted later in this process require the SDK too: they must not get this
 * one, initialised for an emulator that will be gone.
 */
function isolatedSdk() {
  const before = new Set(Object.keys(require.cache))
  const cloud = require('wx-server-sdk')
  for (const key of Object.keys(require.cache)) if (!before.has(key)) delete require.cache[key]
  return cloud
}

export async function measure(name, iterations, fn) {
  for (let i = 0; i < Math.min(20, iterations); i++) await fn(i) // warm-up
  const samples = []
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint()
    await fn(i)
    samples.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  samples.sort((a, b) => a - b)
  const pct = (p) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]
  return { name, n: iterations, p50: pct(50), p95: pct(95), mean: samples.reduce((a, b) => a + b, 0) / samples.length }
}

export function printTable(title, rows, extra = []) {
  const header = ['操作', 'n', 'p50 ms', 'p95 ms', 'mean ms', ...extra.map((e) => e.label)]
  const lines = rows.map((r) => [
    r.name,
    String(r.n),
    r.p50.toFixed(2),
    r.p95.toFixed(2),
    r.mean.toFixed(2),
    ...extra.map((e) => String(e.value(r))),
  ])
  return printMarkdown(title, header, lines)
}

/** A markdown table (columns padded for the terminal, CJK counted double), printed and answered. */
export function printMarkdown(title, header, lines) {
  const widths = header.map((h, i) => Math.max(width(h), ...lines.map((l) => width(l[i]))))
  const fmt = (cells) => '| ' + cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ') + ' |'
  const table = [fmt(header), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...lines.map(fmt)].join('\n')
  console.log(`\n${title}\n\n${table}`)
  return `${title}\n\n${table}\n`
}

/** Display width: CJK characters take two columns. */
function width(s) {
  let w = 0
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1
  return w
}
