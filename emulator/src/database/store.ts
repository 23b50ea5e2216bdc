/**
 * The in-memory model of the database, written through to `Persistence` on every commit.
 *
 * Multi-version reads for transactions: every commit gets a sequence number; while any
 * transaction is open, the version a commit replaces is kept in `history`, so a transaction
 * reads the database as it was at its snapshot (the sequence number at its first operation).
 * With no open transaction there is no history and reads are plain map lookups.
 */
import { CloudbaseError, ErrorCode } from '../errors'
import { clone, type Doc } from './codec'
import { CollectionIndex, type IndexSpec } from './indexes'
import type { Persistence, PersistedWrite } from './persistence'

interface Version {
  seq: number
  doc: Doc | null
}

export class Collection {
  readonly docs = new Map<string, Doc>()
  /** Sequence number of the last commit that wrote each id (kept for removed ids while history is kept). */
  readonly lastSeq = new Map<string, number>()
  readonly history = new Map<string, Version[]>()
  readonly indexes: CollectionIndex[]

  constructor(
    readonly name: string,
    specs: IndexSpec[],
  ) {
    this.indexes = specs.map((spec) => new CollectionIndex(spec))
  }

  /** The document as of `snapshot` (undefined: the latest committed). */
  read(id: string, snapshot?: number): Doc | undefined {
    if (snapshot === undefined || (this.lastSeq.get(id) ?? 0) <= snapshot) return this.docs.get(id)
    const versions = this.history.get(id) ?? []
    for (let i = versions.length - 1; i >= 0; i--) {
      if (versions[i]!.seq <= snapshot) return versions[i]!.doc ?? undefined
    }
    return undefined
  }

  /** Every id that may be visible at some snapshot. */
  ids(snapshot?: number): Iterable<string> {
    if (snapshot === undefined) return this.docs.keys()
    return new Set([...this.docs.keys(), ...this.history.keys()])
  }
}

export class Store {
  private seq = 0
  readonly collections = new Map<string, Collection>()
  /** Snapshots of open transactions; history is kept only while this is non-empty. */
  readonly openSnapshots = new Map<string, number>()

  constructor(
    private readonly persistence: Persistence,
    private readonly indexSpecs: Record<string, IndexSpec[]>,
  ) {
    for (const name of persistence.loadCollections()) this.addCollectionInMemory(name)
    for (const { collection, doc } of persistence.loadDocuments()) {
      const coll = this.collections.get(collection) ?? this.addCollectionInMemory(collection)
      const id = String(doc._id)
      coll.docs.set(id, doc)
      for (const index of coll.indexes) index.add(doc, id)
    }
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
    return this.addCollectionInMemory(name)
  }

  dropCollection(name: string): void {
    this.persistence.dropCollection(name)
    this.collections.delete(name)
  }

  private addCollectionInMemory(name: string): Collection {
    const coll = new Collection(name, this.indexSpecs[name] ?? [])
    this.collections.set(name, coll)
    return coll
  }

  /**
   * Applies writes atomically: unique indexes are checked against the state after all of
   * them, then SQLite commits, then memory changes. Any failure leaves everything as it was.
   */
  commit(writes: PersistedWrite[]): number {
    if (writes.length === 0) return this.seq
    this.checkUnique(writes)
    this.persistence.write(writes)
    const seq = ++this.seq
    const keepHistory = this.openSnapshots.size > 0
    for (const w of writes) {
      const coll = this.collections.get(w.collection)!
      const previous = coll.docs.get(w.id)
      if (keepHistory) {
        const versions = coll.history.get(w.id) ?? []
        versions.push({ seq: coll.lastSeq.get(w.id) ?? 0, doc: previous ?? null })
        coll.history.set(w.id, versions)
      }
      if (previous) for (const index of coll.indexes) index.remove(previous, w.id)
      if (w.doc) {
        const stored = clone(w.doc)
        coll.docs.set(w.id, stored)
        for (const index of coll.indexes) index.add(stored, w.id)
      } else {
        coll.docs.delete(w.id)
      }
      coll.lastSeq.set(w.id, seq)
    }
    return seq
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
    // No reader needs old versions any more.
    for (const coll of this.collections.values()) {
      coll.history.clear()
      for (const id of coll.lastSeq.keys()) if (!coll.docs.has(id)) coll.lastSeq.delete(id)
    }
  }
}

function duplicate(collection: string, index: string, id: string): CloudbaseError {
  return new CloudbaseError(
    ErrorCode.DuplicateWrite,
    `[FailedOperation.DuplicateKey] E11000 duplicate key error collection: ${collection} index: ${index} (document ${id})`,
  )
}
