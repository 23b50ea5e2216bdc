/**
 * The database keeps documents in SQLite and only a bounded cache of them in memory; declared
 * indexes are SQLite rows. These tests run with the cache switched off (every read goes to
 * SQLite) and across restarts of the same data directory, and check what a user sees: the
 * same answers, natural order, index lookups and unique constraints after a restart, an index
 * declared later on existing data, snapshot isolation, and the details of index keys (sparse
 * compound prefixes, `|` inside values) and of scans narrowed by string equality.
 *
 * Sources: MongoDB semantics for natural order (insertion order, kept by updates), sparse and
 * compound indexes (a prefix of a compound index serves a query), string equality on arrays
 * (an array holding the value matches); the wire-protocol notes for transactions (snapshot
 * isolation, snapshot at the first operation).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator/src'
import { sdkFor } from '../../helpers/emulator'
import { applySdkEnv } from '../../helpers/sdk-env'
import { ids, rejection, type Any } from './support'

let dataDir: string
const running: Emulator[] = []

async function open(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; db: Any }> {
  const emulator = await startEmulator({ quiet: true, dataDir, databaseCacheBytes: 0, ...options })
  running.push(emulator)
  applySdkEnv(`${emulator.url}/admin`)
  return { emulator, db: sdkFor(emulator.url).database() }
}

async function close(emulator: Emulator): Promise<void> {
  running.splice(running.indexOf(emulator), 1)
  await emulator.stop()
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'storage-'))
})

afterEach(async () => {
  for (const emulator of running.splice(0)) await emulator.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('answers, natural order and counts are the same from SQLite and after a restart', async () => {
  const first = await open()
  await first.db.createCollection('notes')
  for (const n of [1, 2, 3, 4]) await first.db.collection('notes').add({ data: { _id: `n${n}`, n, at: new Date(1_700_000_000_000 + n) } })
  await first.db
    .collection('notes')
    .doc('n2')
    .update({ data: { n: 20 } })
  await first.db.collection('notes').doc('n3').remove()
  await first.db.collection('notes').add({ data: { _id: 'n3', n: 30 } })
  const before = (await first.db.collection('notes').get()).data
  expect(ids(before)).toEqual(['n1', 'n2', 'n4', 'n3'])
  await close(first.emulator)

  const second = await open()
  const after = (await second.db.collection('notes').get()).data
  expect(after).toEqual(before)
  expect(after[0].at).toEqual(new Date(1_700_000_000_001))
  expect((await second.db.collection('notes').count()).total).toBe(4)
  expect(second.emulator.database.listCollections()).toEqual([{ name: 'notes', count: 4 }])
})

test('indexes answer and unique constraints hold after a restart', async () => {
  const indexes = { users: [{ name: 'openid', keys: { openid: 1 as const }, unique: true }] }
  const first = await open({ indexes, strictIndexes: true })
  first.emulator.database.ensureCollection('users')
  await first.db.collection('users').add({ data: { _id: 'u1', openid: 'o1' } })
  await first.db.collection('users').add({ data: { _id: 'u2', openid: 'o2' } })
  await close(first.emulator)

  const second = await open({ indexes, strictIndexes: true })
  expect(ids((await second.db.collection('users').where({ openid: 'o2' }).get()).data)).toEqual(['u2'])
  expect(second.emulator.database.unindexedQueries()).toEqual([])
  const error = await rejection(second.db.collection('users').add({ data: { _id: 'u3', openid: 'o1' } }))
  expect(error.errCode).toBe(-501001)
  expect(error.errMsg).toContain('duplicate key')
})

test('an index declared later is built from the documents already stored', async () => {
  const first = await open()
  await first.db.createCollection('tasks')
  for (let i = 0; i < 30; i++) await first.db.collection('tasks').add({ data: { _id: `t${i}`, status: i % 3 === 0 ? 'open' : 'done' } })
  await close(first.emulator)

  const second = await open({ indexes: { tasks: [{ name: 'status', keys: { status: 1 } }] }, strictIndexes: true })
  const open_ = await second.db.collection('tasks').where({ status: 'open' }).limit(100).get()
  expect(open_.data).toHaveLength(10)
  expect(second.emulator.database.unindexedQueries()).toEqual([])
  // Writes after the build keep the index current.
  await second.db
    .collection('tasks')
    .doc('t1')
    .update({ data: { status: 'open' } })
  expect((await second.db.collection('tasks').where({ status: 'open' }).count()).total).toBe(11)
})

test('a transaction reads its snapshot while the cache holds nothing', async () => {
  const { db } = await open()
  await db.createCollection('acc')
  await db.collection('acc').add({ data: { _id: 'a', v: 1 } })
  const tx = await db.startTransaction()
  expect((await tx.collection('acc').doc('a').get()).data).toEqual({ _id: 'a', v: 1 })
  await db
    .collection('acc')
    .doc('a')
    .update({ data: { v: 2 } })
  expect((await tx.collection('acc').doc('a').get()).data).toEqual({ _id: 'a', v: 1 })
  await tx.rollback()
  expect((await db.collection('acc').doc('a').get()).data).toEqual({ _id: 'a', v: 2 })
})

test('a sparse compound index: a document lacking the second field is still found by the first', async () => {
  const indexes = { m: [{ name: 'a_b', keys: { a: 1 as const, b: 1 as const }, sparse: true }] }
  const { db, emulator } = await open({ indexes, strictIndexes: true })
  emulator.database.ensureCollection('m')
  await db.collection('m').add({ data: { _id: 'both', a: 1, b: 2 } })
  await db.collection('m').add({ data: { _id: 'onlyA', a: 1 } })
  await db.collection('m').add({ data: { _id: 'other', a: 2, b: 2 } })
  expect((ids((await db.collection('m').where({ a: 1 }).get()).data) as string[]).sort()).toEqual(['both', 'onlyA'])
  expect(ids((await db.collection('m').where({ a: 1, b: 2 }).get()).data)).toEqual(['both'])
  expect(emulator.database.unindexedQueries()).toEqual([])
})

test('index values that contain the key separator do not mix', async () => {
  // Unique, so two documents whose keys ran together would be refused as duplicates.
  const indexes = { k: [{ name: 'a_b', keys: { a: 1 as const, b: 1 as const }, unique: true }] }
  const { db, emulator } = await open({ indexes })
  emulator.database.ensureCollection('k')
  await db.collection('k').add({ data: { _id: 'first', a: 'x|sy', b: 'z' } })
  await db.collection('k').add({ data: { _id: 'second', a: 'x', b: 'y|sz' } })
  expect(ids((await db.collection('k').where({ a: 'x' }).get()).data)).toEqual(['second'])
  expect(ids((await db.collection('k').where({ a: 'x|sy' }).get()).data)).toEqual(['first'])
  expect(ids((await db.collection('k').where({ a: 'x|sy', b: 'z' }).get()).data)).toEqual(['first'])
})

test('a scan narrowed by string equality still answers exactly', async () => {
  const { db } = await open()
  await db.createCollection('s')
  await db.collection('s').add({ data: { _id: 'field', tag: 'red', note: 'blue' } })
  await db.collection('s').add({ data: { _id: 'elsewhere', tag: 'blue', note: 'red' } })
  await db.collection('s').add({ data: { _id: 'array', tag: ['green', 'red'] } })
  await db.collection('s').add({ data: { _id: 'quoted', tag: 'say "red"' } })
  const _ = db.command
  expect(ids((await db.collection('s').where({ tag: 'red' }).get()).data)).toEqual(['field', 'array'])
  expect(
    ids(
      (
        await db
          .collection('s')
          .where({ tag: _.in(['green', 'say "red"']) })
          .get()
      ).data,
    ),
  ).toEqual(['array', 'quoted'])
  expect((await db.collection('s').where({ tag: 'red', note: 'blue' }).count()).total).toBe(1)
})
