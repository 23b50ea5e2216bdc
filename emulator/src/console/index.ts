import type { Logger } from '../logger'
import { ServiceName, type EmulatorService } from '../service'
import type { DatabaseService } from '../database'
import type { OpenApiService } from '../openapi'
import type { FunctionsService } from '../functions'

export interface ConsoleDeps {
  database: DatabaseService
  openapi: OpenApiService
  functions: FunctionsService
  logger: Logger
}

export function createConsoleService(_deps: ConsoleDeps): EmulatorService {
  return { name: ServiceName.Console }
}
