/**
 * The database as the operations see it, backed by SQLite (persistence.ts): documents are read
 * on demand and kept in a cache bounded by their encoded size; in memory stay only each
 * collection's ids in natural order, and, while transactions are open, the versions they may
 * still read. Index lookups are answered by SQLite.
 *
 * Multi-version reads for transactions: every commit gets a sequence number; while any
 * transaction is open, the version a commit replaces is kept in `history`, so a transaction
 * reads the database as it was at its snapshot (the sequence number at its first operation).
 * With no open transaction there is no history and reads are plain lookups.
 */
import { CloudbaseError, ErrorCode } from '../errors'
import { clone, decodeStored, encode, type Doc } from './codec'
import { CollectionIndex, type IndexSpec } from './indexes'
import type { Persistence, PersistedWrite, StoredWrite } from './persistence'

interface Version {
  seq: number
  doc: Doc | null
}

/** Default cache size: the encoded length (characters of EJSON) of the documents kept decoded in memory. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024
const PAGE = 500

/** Decoded documents, least recently used first, bounded by their encoded size. */
class DocCache {
  private readonly entries = new Map<string, { doc: Doc; bytes: number }>()
  private bytes = 0

  constructor(private readonly limit: number) {}

  get(key: string): Doc | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.doc
  }

  set(key: string, doc: Doc, bytes: number): void {
    this.delete(key)
    if (bytes > this.limit) return
    this.entries.set(key, { doc, bytes })
    this.bytes += bytes
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.limit) break
      this.entries.delete(oldest)
      this.bytes -= entry.bytes
    }
  }

  /** Adds without evicting: a scan must not push out what point reads keep using. */
  offer(key: string, doc: Doc, bytes: number): void {
    if (this.bytes + bytes <= this.limit && !this.entries.has(key)) {
      this.entries.set(key, { doc, bytes })
      this.bytes += bytes
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key)
    if (!entry) return
    this.entries.delete(key)
    this.bytes -= entry.bytes
  }

  deletePrefix(prefix: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.delete(key)
  }
}

/** Documents looked at (from the cache or SQLite) by queries since the store opened. */
export interface ReadCounter {
  documents: number
}

const cacheKey = (collection: string, id: string) => `${collection}\u0000${id}`

export class Collection {
  /** Ids in natural (insertion) order, as SQLite's rowids keep them. */
  readonly ids = new Map<string, true>()
  /** Sequence number of the last commit that wrote each id, while transactions are open. */
  readonly lastSeq = new Map<string, number>()
  readonly history = new Map<string, Version[]>()
  readonly indexes: CollectionIndex[]

  constructor(
    readonly name: string,
    specs: IndexSpec[],
    private readonly persistence: Persistence,
    private readonly cache: DocCache,
    private readonly reads: ReadCounter = { documents: 0 },
  ) {
    this.indexes = specs.map((spec) => new CollectionIndex(spec, name, persistence))
  }

  get size(): number {
    return this.ids.size
  }

  has(id: string): boolean {
    return this.ids.has(id)
  }

  /** The latest committed version (shared: callers clone before handing it out). */
  get(id: string): Doc | undefined {
    if (!this.ids.has(id)) return undefined
    this.reads.documents += 1
    const key = cacheKey(this.name, id)
    const cached = this.cache.get(key)
    if (cached) return cached
    const body = this.persistence.readBody(this.name, id)
    if (body === undefined) return undefined
    const doc = decodeStored(body)
    this.cache.set(key, doc, body.length)
    return doc
  }

  /**
   * Every committed document in natural order, read page by page. With `needles` (groups of
   * strings, the stored text holding one of each group), SQLite leaves out documents that
   * cannot match, which spares reading and decoding them; the caller still filters.
   */
  *values(needles?: string[][]): Iterable<Doc> {
    for (let after = 0; ;) {
      const rows = this.persistence.page(this.name, after, PAGE, needles)
      if (rows.length === 0) return
      for (const row of rows) {
        this.reads.documents += 1
        const key = cacheKey(this.name, row.id)
        let doc = this.cache.get(key)
        if (!doc) {
          doc = decodeStored(row.body)
          this.cache.offer(key, doc, row.body.length)
        }
        yield doc
      }
      after = rows.at(-1)!.rowid
    }
  }

  /** The document as of `snapshot` (undefined: the latest committed). */
  read(id: string, snapshot?: number): Doc | undefined {
    if (snapshot === undefined || (this.lastSeq.get(id) ?? 0) <= snapshot) return this.get(id)
    const versions = this.history.get(id) ?? []
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i]!.seq <= snapshot) return versions[i]!.doc ?? undefined
    }
    return undefined
  }

  /** Every id that may be visible at some snapshot. */
  idsAt(snapshot?: number): Iterable<string> {
    if (snapshot === undefined) return this.ids.keys()
    return new Set([...this.ids.keys(), ...this.history.keys()])
  }
}

export class Store {
  private seq = 0
  readonly collections = new Map<string, Collection>()
  /** Snapshots of open transactions; history is kept only while this is non-empty. */
  readonly openSnapshots = new Map<string, number>()
  private readonly cache: DocCache
  readonly reads: ReadCounter = { documents: 0 }

  constructor(
    private readonly persistence: Persistence,
    private readonly indexSpecs: Record<string, IndexSpec[]>,
    options: { cacheBytes?: number } = {},
  ) {
    this.cache = new DocCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES)
    for (const name of persistence.loadCollections()) this.addCollectionInMemory(name)
    for (const { collection, id } of persistence.loadIds()) {
      const coll = this.collections.get(collection) ?? this.addCollectionInMemory(collection)
      coll.ids.set(id, true)
    }
    for (const coll of this.collections.values()) this.syncIndexes(coll)
  }

  get currentSeq(): number {
    return this.seq
  }

  collection(name: string): Collection | undefined {
    return this.collections.get(name)
  }

  createCollection(name: string, now: number): Collection {
    const existing = this.collections.get(name)
    if (existing) return existing
    this.persistence.createCollection(name, now)
    const coll = this.addCollectionInMemory(name)
    this.syncIndexes(coll)
    return coll
  }

  dropCollection(name: string): void {
    this.persistence.dropCollection(name)
    this.collections.delete(name)
    this.cache.deletePrefix(cacheKey(name, ''))
  }

  private addCollectionInMemory(name: string): Collection {
    const coll = new Collection(name, this.indexSpecs[name] ?? [], this.persistence, this.cache, this.reads)
    this.collections.set(name, coll)
    return coll
  }

  /** Index rows are rebuilt once when an index is new or its declaration changed. */
  private syncIndexes(coll: Collection): void {
    this.persistence.dropIndexesExcept(
      coll.name,
      coll.indexes.map((i) => i.spec.name),
    )
    for (const index of coll.indexes) {
      const spec = JSON.stringify(index.spec)
      if (this.persistence.indexSpec(coll.name, index.spec.name) !== spec) {
        this.persistence.rebuildIndex(coll.name, index.spec.name, spec, (doc) => index.keys(doc))
      }
    }
  }

  /**
   * Applies writes atomically: unique indexes are checked against the state after all of
   * them, then SQLite commits, then memory changes. Any failure leaves everything as it was.
   */
  commit(writes: PersistedWrite[]): number {
    if (writes.length === 0) return this.seq
    this.checkUnique(writes)
    const keepHistory = this.openSnapshots.size > 0
    const previous = keepHistory ? writes.map((w) => this.collections.get(w.collection)!.get(w.id)) : []
    const stored: StoredWrite[] = writes.map((w) => {
      const coll = this.collections.get(w.collection)!
      return {
        collection: w.collection,
        id: w.id,
        body: w.doc ? encode(w.doc) : null,
        keys: w.doc ? coll.indexes.flatMap((index) => index.keys(w.doc!).map((key): [string, string] => [index.spec.name, key])) : [],
      }
    })
    this.persistence.write(stored)
    const seq = ++this.seq
    writes.forEach((w, i) => {
      const coll = this.collections.get(w.collection)!
      if (keepHistory) {
        const versions = coll.history.get(w.id) ?? []
        versions.push({ seq: coll.lastSeq.get(w.id) ?? 0, doc: previous[i] ?? null })
        coll.history.set(w.id, versions)
        coll.lastSeq.set(w.id, seq)
      }
      const key = cacheKey(w.collection, w.id)
      if (w.doc) {
        coll.ids.set(w.id, true)
        this.cache.set(key, clone(w.doc), stored[i]!.body!.length)
      } else {
        coll.ids.delete(w.id)
        this.cache.delete(key)
      }
    })
    return seq
  }

  /** The sequence number of the last commit that wrote `id`, as far as an open snapshot can tell. */
  lastWrite(collection: string, id: string): number {
    return this.collections.get(collection)?.lastSeq.get(id) ?? 0
  }

  /**
   * Rejects writes that would give two documents one key of a unique index, judged against
   * the committed state and each other (a transaction passes all its staged writes).
   */
  checkUnique(writes: PersistedWrite[]): void {
    for (const name of new Set(writes.map((w) => w.collection))) {
      const ws = writes.filter((w) => w.collection === name)
      // A key held by a document this same commit rewrites or removes is judged on its new value.
      const touched = new Set(ws.map((w) => w.id))
      for (const index of this.collections.get(name)!.indexes.filter((i) => i.spec.unique)) {
        const claimed = new Map<string, string>()
        for (const w of ws) {
          if (!w.doc) continue
          for (const key of index.uniqueKeys(w.doc)) {
            const heldOutside = index.holders(key).some((id) => id !== w.id && !touched.has(id))
            const heldInBatch = claimed.has(key) && claimed.get(key) !== w.id
            if (heldOutside || heldInBatch) throw duplicate(name, index.spec.name, w.id)
            claimed.set(key, w.id)
          }
        }
      }
    }
  }

  openSnapshot(transactionId: string): number {
    this.openSnapshots.set(transactionId, this.seq)
    return this.seq
  }

  closeSnapshot(transactionId: string): void {
    this.openSnapshots.delete(transactionId)
    if (this.openSnapshots.size > 0) return
    // No reader needs old versions, and no snapshot predates a commit made from now on.
    for (const coll of this.collections.values()) {
      coll.history.clear()
      coll.lastSeq.clear()
    }
  }
}

function duplicate(collection: string, index: string, id: string): CloudbaseError {
  return new CloudbaseError(
    ErrorCode.DuplicateWrite,
    `[FailedOperation.DuplicateKey] E11000 duplicate key error collection: ${collection} index: ${index} (document ${id})`,
  )
}
