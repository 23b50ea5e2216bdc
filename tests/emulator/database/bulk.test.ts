/**
 * The bulk load (emulator/src/database/bulk.ts), the scale seed's way in: the same documents
 * and index rows as inserts would leave, the same id and unique-key checks, SQLite's indexes
 * over the index rows back at its end (also when the work fails), and everything still there
 * after a restart on the same data directory.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../../emulator/src'
import type { IndexSpec } from '../../../emulator/src/database/indexes'
import { sdkFor } from '../../helpers/emulator'
import { applySdkEnv } from '../../helpers/sdk-env'
import { type Any } from './support'

const indexes: Record<string, IndexSpec[]> = {
  orders: [
    { name: 'request', keys: { createdBy: 1, requestId: 1 }, unique: true },
    { name: 'community_created', keys: { communityId: 1, createdAt: -1 } },
  ],
}
const order = (i: number, more: Record<string, unknown> = {}) => ({
  _id: `o-${String(i).padStart(4, '0')}`,
  communityId: `c${i % 3}`,
  createdBy: `u${i % 7}`,
  requestId: `r${i}`,
  createdAt: 1_700_000_000_000 + i * 60_000,
  title: `第 ${i} 单`,
  ...more,
})

let dataDir: string
let emulator: Emulator

async function open(): Promise<Any> {
  emulator = await startEmulator({ quiet: true, dataDir, indexes, strictIndexes: true })
  emulator.database.ensureCollection('orders')
  applySdkEnv(`${emulator.url}/admin`)
  return sdkFor(emulator.url).database()
}

/** SQLite's own indexes over the emulator's index rows. */
function sqliteIndexes(): string[] {
  const db = new Database(join(dataDir, 'database.sqlite'), { readonly: true })
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'index_keys'").all() as { name: string }[])
      .map((r) => r.name)
      .sort()
  } finally {
    db.close()
  }
}

/** Rows of one declared index in SQLite. */
function indexRows(name: string): number {
  const db = new Database(join(dataDir, 'database.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM index_keys WHERE collection = ? AND name = ?').get('orders', name) as { n: number }).n
  } finally {
    db.close()
  }
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'bulk-test-'))
})

afterEach(async () => {
  await emulator?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('loaded documents are read, queried through their index and counted like inserted ones, also after a restart', async () => {
  let db = await open()
  const before = sqliteIndexes()
  emulator.database.insertMany('orders', [order(0)])
  await emulator.database.bulkLoad(async (load) => {
    for (let start = 1; start < 1000; start += 250)
      load(
        'orders',
        Array.from({ length: Math.min(250, 1000 - start) }, (_, k) => order(start + k)),
      )
    load('orders', [order(1000, { at: new Date(1_700_000_000_000), tags: ['a', 'b'] })])
  })
  expect(sqliteIndexes()).toEqual(before)
  const check = async () => {
    expect((await db.collection('orders').count()).total).toBe(1001)
    expect((await db.collection('orders').doc('o-0500').get()).data).toEqual(order(500))
    const page = await db.collection('orders').where({ communityId: 'c1' }).orderBy('createdAt', 'desc').limit(3).get()
    expect(page.data.map((d: Any) => d._id)).toEqual(['o-1000', 'o-0997', 'o-0994'])
    // A value plain JSON cannot carry is stored as the ordinary insert stores it.
    const odd = (await db.collection('orders').doc('o-1000').get()).data
    expect(odd.at).toEqual(new Date(1_700_000_000_000))
    expect(odd.tags).toEqual(['a', 'b'])
  }
  await check()
  expect(indexRows('community_created')).toBe(1001)
  expect(indexRows('request')).toBe(1001)
  await emulator.stop()
  db = await open()
  await check()
})

test('a duplicate id or unique key is refused, against stored documents and within the load, and nothing of that batch is written', async () => {
  const db = await open()
  emulator.database.insertMany('orders', [order(0)])
  const attempts: string[] = []
  await emulator.database.bulkLoad(async (load) => {
    load('orders', [order(1)])
    for (const batch of [
      [order(2), order(0, { requestId: 'other' })],
      [order(3), order(4, { createdBy: 'u0', requestId: 'r0' })],
      [order(5), order(6, { createdBy: 'u1', requestId: 'r1' })],
      [order(7), order(7, { requestId: 'r-again' })],
      [order(8), order(9, { createdBy: 'u1', requestId: 'r8' })],
    ]) {
      try {
        load('orders', batch)
        attempts.push('written')
      } catch (error) {
        attempts.push((error as Error).message.includes('duplicate key') ? 'duplicate' : (error as Error).message)
      }
    }
  })
  expect(attempts).toEqual(['duplicate', 'duplicate', 'duplicate', 'duplicate', 'duplicate'])
  const ids = (await db.collection('orders').limit(100).get()).data.map((d: Any) => d._id)
  expect(ids.sort()).toEqual(['o-0000', 'o-0001'])
  // A key refused in a failed batch is free again.
  await emulator.database.bulkLoad(async (load) => load('orders', [order(3)]))
  expect((await db.collection('orders').where({ createdBy: 'u3', requestId: 'r3' }).get()).data).toHaveLength(1)
})

test('work that fails still leaves SQLite its indexes', async () => {
  await open()
  const before = sqliteIndexes()
  await expect(
    emulator.database.bulkLoad(async (load) => {
      load('orders', [order(1)])
      throw new Error('stopped halfway')
    }),
  ).rejects.toThrow('stopped halfway')
  expect(sqliteIndexes()).toEqual(before)
  expect(before.length).toBeGreaterThan(0)
})
