/**
 * Honglin on an emulator in this process, for the benchmarks: the built functions
 * (dist/cloudfunctions), the collections and indexes of database/schema.json in strict-index
 * mode, a data directory of its own, and the scale data set (seeds/scale.cjs) of the size
 * asked. `call()` goes through `POST /functions/<name>` with the persona's OPENID, as the H5
 * client and tests/helpers/honglin.ts do, and answers the result, the round trips the
 * emulator counted (`x-db-round-trips`) and the time the call took.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildAllFunctions, buildEmulator, root } from '../scripts/lib/build.mjs'

const require = createRequire(import.meta.url)

export async function startHonglin({ demands, quietBuild = true }) {
  buildEmulator()
  await buildAllFunctions({ quiet: quietBuild })
  const { startEmulator } = require(join(root, 'emulator/dist/index.js'))
  const { readSchema } = require(join(root, 'emulator/dist/schema.js'))
  const { seedScale } = require(join(root, 'seeds/scale.cjs'))
  const schema = readSchema(join(root, 'database/schema.json'))
  const dataDir = mkdtempSync(join(tmpdir(), `honglin-bench-${demands}-`))
  const emulator = await startEmulator({
    quiet: true,
    dataDir,
    functionsDir: join(root, 'dist/cloudfunctions'),
    indexes: schema.indexes,
    strictIndexes: true,
  })
  for (const name of schema.collections) emulator.database.ensureCollection(name)
  const started = Date.now()
  const cpu = process.cpuUsage()
  const summary = await seedScale(emulator, { demands })
  const used = process.cpuUsage(cpu)
  const seeding = { seconds: (Date.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6, summary }

  /** `timeoutMs`: the call answers `{ timedOut: true }` instead of waiting longer. */
  async function call(fn, action, params = {}, openid = 'demo-resident', { timeoutMs } = {}) {
    const start = process.hrtime.bigint()
    let res
    let body
    try {
      res = await fetch(`${emulator.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify({ action, ...params }),
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      })
      body = await res.json()
    } catch (error) {
      if (error?.name === 'TimeoutError') return { timedOut: true, ms: Number(process.hrtime.bigint() - start) / 1e6 }
      throw error
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    return { body, ms, roundTrips: Number(res.headers.get('x-db-round-trips') ?? NaN), status: res.status }
  }

  /**
   * Fires a timer trigger: through the emulator's control endpoint where it has one, else by
   * invoking the function directly as the platform's timer would. Answers the result, the
   * round trips and the time.
   */
  async function fireTimer(fn, trigger, { timeoutMs } = {}) {
    const start = process.hrtime.bigint()
    const signal = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined
    let res
    try {
      res = await fetch(`${emulator.url}/_emulator/timers/${fn}/${trigger}`, { method: 'POST', signal })
    } catch (error) {
      if (error?.name === 'TimeoutError') return { timedOut: true, ms: Number(process.hrtime.bigint() - start) / 1e6 }
    }
    if (res && res.status === 200) {
      const body = await res.json()
      const ms = Number(process.hrtime.bigint() - start) / 1e6
      const result = body.error ? { ok: false, error: { code: 'INTERNAL', message: body.error } } : body.result
      return { body: result, ms, roundTrips: Number(body.invocation?.roundTrips ?? NaN), via: 'control endpoint' }
    }
    const begin = process.hrtime.bigint()
    const { result, error, stats } = await emulator.functions.fireTimer(fn, trigger)
    const ms = Number(process.hrtime.bigint() - begin) / 1e6
    return {
      body: error ? { ok: false, error: { code: 'INTERNAL', message: error } } : result,
      ms,
      roundTrips: stats.roundTrips,
      via: 'direct',
    }
  }

  async function stop() {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }

  return { emulator, call, fireTimer, stop, seeding, now: summary.now }
}

/** Percentile `p` (0–100) of sorted samples. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

export function median(values) {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  )
}
