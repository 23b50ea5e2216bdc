import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import type { InvocationStats } from '../stats'

export interface FunctionsService extends EmulatorService {
  invocationForSeqId(seqId: string): InvocationStats | undefined
  /** Names of the loaded functions. */
  functionNames(): string[]
  /** The most recent invocations, newest last. */
  invocations(limit?: number): InvocationStats[]
}

export function createFunctionsService(
  _deps: ServiceDeps & { functionsDir?: string; envId: string; timers: boolean; url: () => string },
): FunctionsService {
  return { name: ServiceName.Functions, invocationForSeqId: () => undefined, functionNames: () => [], invocations: () => [] }
}
