import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'

export interface OutboxEntry {
  id: string
  time: number
  /** e.g. `subscribeMessage.send` */
  api: string
  /** The decoded request parameters. */
  data: Record<string, unknown>
  /** OPENID of the invoking function's caller, when known. */
  caller?: string
}

export interface OpenApiService extends EmulatorService {
  outbox(): OutboxEntry[]
  clearOutbox(): void
}

export function createOpenApiService(_deps: ServiceDeps & { sensitiveWords?: string[] }): OpenApiService {
  return { name: ServiceName.OpenApi, outbox: () => [], clearOutbox: () => undefined }
}
