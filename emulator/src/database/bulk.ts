/**
 * Loading many new documents at once (the scale seed: hundreds of thousands of documents at
 * start-up). The commit path costs per document what an interactive write needs and a load
 * does not: a look-up for index rows a new document cannot have, an upsert, a decoded copy in
 * the document cache, and every index row inserted at a random place of a B-tree of millions.
 *
 * A load writes the same rows, in batches (each batch one SQLite transaction, visible once
 * written), on a connection of its own with a large page cache and nothing cached in memory;
 * SQLite's indexes over the index rows are dropped while it runs and built once, sorted, at its
 * end (meanwhile look-ups still answer, by scanning). Ids and unique keys are checked as a
 * commit checks them, against what was stored before the load and what it wrote so far (not
 * against ordinary writes made while it runs: a load is for start-up, before clients write).
 * Should the process die during a load, Persistence recreates those indexes when it opens.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { CloudbaseError, ErrorCode } from '../errors'
import { encode, type Doc } from './codec'
import { checkGeoValues } from './geoquery'
import type { Store } from './store'

/** Page cache of the loading connection, in KiB (SQLite's negative cache_size). */
const CACHE_KIB = 256 * 1024

/** Inserts new documents, each with its `_id`, into a collection (created if missing); answers their ids. */
export type Load = (collection: string, docs: Doc[]) => string[]

export async function bulkLoad<T>(dataDir: string, store: Store, now: () => number, work: (load: Load) => Promise<T>): Promise<T> {
  const db = new Database(join(dataDir, 'database.sqlite'))
  db.pragma(`cache_size = -${CACHE_KIB}`)
  db.pragma('synchronous = NORMAL')
  // Keys of unique indexes held before the load, read while SQLite's index still serves them.
  const claimed = new Map<string, Set<string>>()
  const readKeys = db.prepare('SELECT key FROM index_keys WHERE collection = ? AND name = ?').pluck()
  for (const coll of store.collections.values())
    for (const index of coll.indexes.filter((i) => i.spec.unique))
      claimed.set(`${coll.name}\u0000${index.spec.name}`, new Set(readKeys.all(coll.name, index.spec.name) as string[]))
  const deferred = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'index_keys' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[]
  for (const { name } of deferred) db.exec(`DROP INDEX "${name}"`)
  const insertDoc = db.prepare('INSERT INTO documents (collection, id, body) VALUES (?, ?, ?)')
  const insertKey = db.prepare('INSERT INTO index_keys (collection, name, key, id) VALUES (?, ?, ?, ?)')

  const load: Load = (collection, docs) => {
    // A load keeps no history: a transaction's snapshot could not tell its batches apart.
    if (store.openSnapshots.size > 0) throw new Error('bulk load: a transaction is open')
    const coll = store.createCollection(collection, now())
    const seen = new Set<string>()
    for (const doc of docs) {
      if (typeof doc._id !== 'string' || doc._id === '') throw new Error(`bulk load: every document of ${collection} needs an _id`)
      if (coll.has(doc._id) || seen.has(doc._id)) throw duplicate(collection, '_id_', doc._id)
      seen.add(doc._id)
      checkGeoValues(coll.indexes, doc)
    }
    const fresh: [string, Set<string>, string[]][] = []
    for (const index of coll.indexes.filter((i) => i.spec.unique)) {
      const held = claimed.get(`${collection}\u0000${index.spec.name}`) ?? new Set<string>()
      claimed.set(`${collection}\u0000${index.spec.name}`, held)
      const added: string[] = []
      for (const doc of docs)
        for (const key of index.uniqueKeys(doc)) {
          if (held.has(key)) throw duplicate(collection, index.spec.name, String(doc._id))
          held.add(key)
          added.push(key)
        }
      fresh.push([index.spec.name, held, added])
    }
    try {
      db.transaction(() => {
        for (const doc of docs) {
          const id = doc._id as string
          insertDoc.run(collection, id, isPlainJson(doc) ? JSON.stringify(doc) : encode(doc))
          for (const index of coll.indexes) for (const key of index.keys(doc)) insertKey.run(collection, index.spec.name, key, id)
        }
      })()
    } catch (error) {
      for (const [, held, added] of fresh) for (const key of added) held.delete(key)
      throw error
    }
    for (const doc of docs) coll.ids.set(doc._id as string, true)
    return docs.map((d) => d._id as string)
  }

  try {
    return await work(load)
  } finally {
    for (const { sql } of deferred) db.exec(sql)
    db.close()
  }
}

/**
 * Whether `value` holds only strings, finite numbers, booleans, null, arrays and plain objects:
 * relaxed EJSON writes those exactly as JSON does, several times faster than bson's serialiser.
 * (`undefined` is not among them: EJSON writes it as null where JSON leaves it out; -0 neither.)
 */
function isPlainJson(value: unknown): boolean {
  if (value === null) return true
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0)
    case 'object': {
      if (Array.isArray(value)) return value.every(isPlainJson)
      if (Object.getPrototypeOf(value) !== Object.prototype) return false
      const obj = value as Record<string, unknown>
      for (const key in obj) if (!isPlainJson(obj[key])) return false
      return true
    }
    default:
      return false
  }
}

function duplicate(collection: string, index: string, id: string): CloudbaseError {
  return new CloudbaseError(
    ErrorCode.DuplicateWrite,
    `[FailedOperation.DuplicateKey] E11000 duplicate key error collection: ${collection} index: ${index} (document ${id})`,
  )
}
