import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'

export interface StorageService extends EmulatorService {}

export function createStorageService(_deps: ServiceDeps): StorageService {
  return { name: ServiceName.Storage }
}
