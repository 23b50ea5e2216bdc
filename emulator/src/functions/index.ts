import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import type { InvocationStats } from '../stats'

export interface FunctionsService extends EmulatorService {
  invocationForSeqId(seqId: string): InvocationStats | undefined
}

export function createFunctionsService(
  _deps: ServiceDeps & { functionsDir?: string; envId: string; timers: boolean; url: () => string },
): FunctionsService {
  return { name: ServiceName.Functions, invocationForSeqId: () => undefined }
}
