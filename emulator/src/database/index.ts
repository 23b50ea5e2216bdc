import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import type { IndexSpec } from './indexes'

export interface DatabaseService extends EmulatorService {}

export function createDatabaseService(
  _deps: ServiceDeps & { autoCreateCollections: boolean; indexes: Record<string, IndexSpec[]>; strictIndexes: boolean },
): DatabaseService {
  return { name: ServiceName.Database }
}
