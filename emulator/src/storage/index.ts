/**
 * Cloud storage (lifecycle only). Objects are files under `<dataDir>/storage/`; the wire
 * actions are in `handlers.ts`, the COS-like upload and download routes in `routes.ts`, the
 * disk in `files.ts`, cloud paths and file IDs in `paths.ts`.
 */
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { FileStore } from './files'
import { storageActions, type StorageState } from './handlers'
import { storageRoutes } from './routes'
import { UploadSigner } from './signing'

export interface StorageService extends EmulatorService {
  /** The folder objects are stored in. */
  readonly root: string
}

export interface StorageDeps extends ServiceDeps {
  /** The emulator's env id, used in the file IDs of client uploads (default `local`). */
  envId?: string
}

export function createStorageService(deps: StorageDeps): StorageService {
  const state: StorageState = { files: new FileStore(deps.dataDir), signer: new UploadSigner(deps.clock), envId: deps.envId }
  return {
    name: ServiceName.Storage,
    root: state.files.root,
    actions: storageActions(state),
    routes: storageRoutes(state, deps.logger),
    start: () => state.files.open(),
  }
}

export { fileIdOf, bucketOf } from './paths'
