/**
 * The database service: lifecycle and the surface other parts of the emulator use.
 * State lives in `store.ts`, durability in `persistence.ts`, query semantics in `mingo.ts`,
 * the wire protocol in `handlers.ts`.
 */
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { bulkLoad, type Load } from './bulk'
import { clone, type Doc } from './codec'
import { databaseActions } from './handlers'
import type { IndexSpec } from './indexes'
import { Operations, describeUnindexed, type UnindexedQuery } from './operations'
import { Persistence } from './persistence'
import { Store } from './store'
import { TransactionManager } from './transactions'

export interface CollectionSummary {
  name: string
  count: number
}

export interface DatabaseService extends EmulatorService {
  /** Collections with their document counts, sorted by name. */
  listCollections(): CollectionSummary[]
  /** A page of a collection's documents in natural order, as plain objects. */
  listDocuments(collection: string, page: { skip: number; limit: number }): { total: number; docs: Record<string, unknown>[] }
  /** Creates a collection if missing (seeding and tools; the wire has `database.addCollection`). */
  ensureCollection(name: string): void
  /** Inserts documents directly in one commit (seeding and benchmarks); returns their ids. */
  insertMany(collection: string, docs: Doc[]): string[]
  /** Runs `work` with a loader of new documents (bulk.ts: the scale seed), indexes built once at its end. */
  bulkLoad<T>(work: (load: Load) => Promise<T>): Promise<T>
  /** Removes every collection and document (test resets). */
  clear(): void
  /** Queries that no declared index served, in strict mode. */
  unindexedQueries(): UnindexedQuery[]
  /** Documents the database has looked at to answer queries since it started (cache hits included). */
  documentsRead(): number
}

export interface DatabaseOptions extends ServiceDeps {
  autoCreateCollections: boolean
  indexes: Record<string, IndexSpec[]>
  strictIndexes: boolean
  /** fsync every commit (survives power loss, not only process crashes). */
  fsync?: boolean
  /** Encoded bytes of documents kept decoded in memory (default 64 MB); the rest is read from SQLite. */
  cacheBytes?: number
}

export function createDatabaseService(options: DatabaseOptions): DatabaseService {
  const { clock, logger } = options
  let persistence: Persistence | undefined
  let parts: { store: Store; transactions: TransactionManager; ops: Operations } | undefined
  const unindexed: UnindexedQuery[] = []

  const ready = () => {
    if (!parts) throw new Error('database service is not started')
    return parts
  }

  const service: DatabaseService = {
    name: ServiceName.Database,
    actions: {},
    start() {
      persistence = new Persistence(options.dataDir, { fsync: options.fsync })
      const store = new Store(persistence, options.indexes, { cacheBytes: options.cacheBytes })
      const transactions = new TransactionManager(store)
      const ops = new Operations(store, transactions, {
        autoCreateCollections: options.autoCreateCollections,
        strictIndexes: options.strictIndexes,
        now: () => clock.now(),
        onUnindexed: (report) => {
          unindexed.push(report)
          logger.warn(`query on ${report.collection} is served by no declared index: ${describeUnindexed(report)}`)
        },
      })
      parts = { store, transactions, ops }
      Object.assign(service.actions!, databaseActions(parts))
    },
    stop() {
      persistence?.close()
      persistence = undefined
      parts = undefined
    },
    listCollections() {
      return [...ready().store.collections.values()]
        .map((c) => ({ name: c.name, count: c.size }))
        .sort((a, b) => a.name.localeCompare(b.name))
    },
    listDocuments(collection, { skip, limit }) {
      const coll = ready().store.collection(collection)
      if (!coll) return { total: 0, docs: [] }
      const ids = [...coll.ids.keys()].slice(skip, skip + limit)
      return {
        total: coll.size,
        docs: ids
          .map((id) => coll.get(id))
          .filter((d): d is Doc => d !== undefined)
          .map(clone),
      }
    },
    ensureCollection(name) {
      ready().store.createCollection(name, clock.now())
    },
    insertMany(collection, docs) {
      const { store, ops } = ready()
      store.createCollection(collection, clock.now())
      return ops.insert(collection, docs)
    },
    bulkLoad(work) {
      return bulkLoad(options.dataDir, ready().store, () => clock.now(), work)
    },
    clear() {
      const { store } = ready()
      for (const name of [...store.collections.keys()]) store.dropCollection(name)
    },
    unindexedQueries() {
      return [...unindexed]
    },
    documentsRead() {
      return ready().store.reads.documents
    },
  }
  return service
}
