import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import type { IndexSpec } from './indexes'

export interface CollectionSummary {
  name: string
  count: number
}

export interface DatabaseService extends EmulatorService {
  /** Collections with their document counts, sorted by name. */
  listCollections(): CollectionSummary[]
  /** A page of a collection's documents in `_id` order, as plain objects. */
  listDocuments(collection: string, page: { skip: number; limit: number }): { total: number; docs: Record<string, unknown>[] }
  /** Creates a collection if missing (seeding and tools; the wire has `database.addCollection`). */
  ensureCollection(name: string): void
}

export function createDatabaseService(
  _deps: ServiceDeps & { autoCreateCollections: boolean; indexes: Record<string, IndexSpec[]>; strictIndexes: boolean },
): DatabaseService {
  return {
    name: ServiceName.Database,
    listCollections: () => [],
    listDocuments: () => ({ total: 0, docs: [] }),
    ensureCollection: () => undefined,
  }
}
