/**
 * Start-up at scale: a data directory holding 200,000 demands of about 3.6 KB each (with the
 * demands indexes of database/schema.json) is opened by a fresh process, which reports how long
 * the emulator took to be ready, its resident memory, and the same after a `doc().get()`, an
 * indexed query and an unindexed count. The directory is built once and kept between runs
 * (`<tmp>/honglin-bench-scale-<docs>`); `BENCH_SCALE_DOCS` changes the size, `BENCH_SCALE_DIST`
 * points at another build's `dist/index.js`. It is opened once before the measured open.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildEmulator, root } from '../scripts/lib/build.mjs'

const DOCS = Number(process.env.BENCH_SCALE_DOCS ?? 200_000)
/** Which build opens the directory (to compare with an older one). */
const DIST = process.env.BENCH_SCALE_DIST ?? join(root, 'emulator/dist/index.js')
const BATCH = 2_000
const COMMUNITIES = 50
const STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'done', 'closed']

function demand(i) {
  const createdAt = new Date(1_700_000_000_000 + i * 60_000)
  return {
    _id: `d-${String(i).padStart(7, '0')}`,
    communityId: `c${i % COMMUNITIES}`,
    ownerId: `u${i % 5_000}`,
    createdBy: `u${i % 5_000}`,
    requestId: `r-${i}`,
    status: STATUSES[i % STATUSES.length],
    kind: 'service',
    title: `帮忙更换楼道灯泡 ${i}`,
    description: `三号楼二单元楼道的灯坏了很久，晚上老人上下楼不方便，希望志愿者帮忙更换。`.repeat(22),
    address: { street: '南开区某某街道', building: `${i % 40} 号楼`, unit: `${i % 6} 单元` },
    createdAt,
    updatedAt: createdAt,
    timeline: Array.from({ length: 6 }, (_, k) => ({
      at: new Date(createdAt.getTime() + k * 3_600_000),
      action: STATUSES[k],
      by: `u${(i + k) % 5_000}`,
      note: '已处理，等待下一步。',
    })),
    assignee: i % 3 === 0 ? { id: `v${i % 800}`, type: 'volunteer', name: '王小红' } : null,
    points: 10,
  }
}

const indexes = JSON.parse(readFileSync(join(root, 'database/schema.json'), 'utf8')).collections.demands.indexes

function fill(dataDir) {
  // A separate process, so the reported memory is not inflated by the filling.
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import { createRequire } from 'node:module'
      const require = createRequire(${JSON.stringify(join(root, 'package.json'))})
      const { startEmulator } = require(${JSON.stringify(join(root, 'emulator/dist/index.js'))})
      const { demand, DOCS, BATCH, indexes } = await import(${JSON.stringify(new URL(import.meta.url).href)})
      const emulator = await startEmulator({ quiet: true, dataDir: ${JSON.stringify(dataDir)}, indexes: { demands: indexes } })
      emulator.database.ensureCollection('demands')
      for (let start = 0; start < DOCS; start += BATCH) {
        emulator.database.insertMany('demands', Array.from({ length: Math.min(BATCH, DOCS - start) }, (_, k) => demand(start + k)))
      }
      await emulator.stop()
      `,
    ],
    { stdio: 'inherit', env: { ...process.env, BENCH_SCALE_CHILD: '1' } },
  )
}

function measureStart(dataDir) {
  const out = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `
      import { createRequire } from 'node:module'
      const require = createRequire(${JSON.stringify(join(root, 'package.json'))})
      const started = process.hrtime.bigint()
      const { startEmulator } = require(${JSON.stringify(DIST)})
      const { indexes } = await import(${JSON.stringify(new URL(import.meta.url).href)})
      const emulator = await startEmulator({ quiet: true, dataDir: ${JSON.stringify(dataDir)}, indexes: { demands: indexes } })
      const readyMs = Number(process.hrtime.bigint() - started) / 1e6
      const readyRss = process.memoryUsage().rss
      Object.assign(process.env, { TENCENTCLOUD: 'true', TENCENTCLOUD_SECRETID: 'b', TENCENTCLOUD_SECRETKEY: 'b', TCB_ENV: 'local' })
      const cloud = require('wx-server-sdk')
      cloud.init({ env: 'local', serviceUrl: emulator.url + '/admin', secretId: 'b', secretKey: 'b' })
      const db = cloud.database()
      const one = await db.collection('demands').doc('d-0000123').get()
      const page = await db.collection('demands').where({ communityId: 'c7', status: 'closed' }).orderBy('createdAt', 'desc').limit(20).get()
      const scanStarted = process.hrtime.bigint()
      const counted = await db.collection('demands').where({ 'address.unit': '3 单元' }).count()
      const scanMs = Number(process.hrtime.bigint() - scanStarted) / 1e6
      const afterRss = process.memoryUsage().rss
      const ok = one.data._id === 'd-0000123' && page.data.length === 20 && counted.total > 0
      console.log(JSON.stringify({ readyMs, readyRss, afterRss, scanMs, ok, total: emulator.database.listCollections()[0].count }))
      await emulator.stop()
      process.exit(0)
      `,
    ],
    { encoding: 'utf8' },
  )
  return JSON.parse(out.trim().split('\n').at(-1))
}

export async function run() {
  buildEmulator()
  const dataDir = join(tmpdir(), `honglin-bench-scale-${DOCS}`)
  const marker = join(dataDir, 'bench-filled')
  if (!existsSync(marker)) {
    rmSync(dataDir, { recursive: true, force: true })
    const started = Date.now()
    fill(dataDir)
    writeFileSync(marker, new Date().toISOString())
    console.log(`\nfilled ${DOCS} demands in ${((Date.now() - started) / 1000).toFixed(1)} s (${dataDir})`)
  }
  // A first open may migrate a directory an older build filled (index rows are then rebuilt once).
  const first = measureStart(dataDir)
  if (first.readyMs > 10_000) console.log(`first open migrated the directory: ready in ${(first.readyMs / 1000).toFixed(1)} s`)
  const r = measureStart(dataDir)
  if (!r.ok || r.total !== DOCS) throw new Error(`scale benchmark answered wrongly: ${JSON.stringify(r)}`)
  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(0)
  console.log(`\n启动规模（${DOCS} 条点单，约 3.6 KB/条，新进程打开已有数据目录）`)
  console.log('| 指标 | 值 |')
  console.log('|---|---|')
  console.log(`| 启动到就绪 | ${(r.readyMs / 1000).toFixed(2)} s |`)
  console.log(`| 就绪时常驻内存 | ${mb(r.readyRss)} MB |`)
  console.log(`| doc().get() + 有索引查询 + 无索引 count 之后常驻内存 | ${mb(r.afterRss)} MB |`)
  console.log(`| 无索引 count（全集合扫描） | ${(r.scanMs / 1000).toFixed(2)} s |`)
  return r
}

export { demand, DOCS, BATCH, indexes }
