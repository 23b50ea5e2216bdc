/**
 * The CloudBase emulator: one HTTP server, several services (database, storage, open API,
 * functions, console), one clock and one logger, all owned by an `Emulator` instance so that
 * tests can run several side by side.
 */
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Clock } from './clock'
import { Logger, type LogLevel } from './logger'
import { HttpServer } from './http/server'
import type { ActionTable, EmulatorService, HttpRoute, ServiceDeps } from './service'
import { newStats } from './stats'
import { createDatabaseService, type DatabaseService } from './database'
import type { IndexSpec } from './database/indexes'
import { createStorageService, type StorageService } from './storage'
import { createOpenApiService, type ContentRules, type OpenApiService } from './openapi'
import { createFunctionsService, type FunctionsService } from './functions'
import { createConsoleService } from './console'
import { controlRoutes } from './control'

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: any free port. */
  port?: number
  /** Where data lives. Without it a temporary directory is used and removed on stop. */
  dataDir?: string
  /** add()/set() create a missing collection; every other operation on one still fails, as in the cloud. */
  autoCreateCollections?: boolean
  /** Declared indexes by collection (the same file deployment reads). */
  indexes?: Record<string, IndexSpec[]>
  /** Report every query that no declared index serves. */
  strictIndexes?: boolean
  /** Encoded bytes of documents the database keeps decoded in memory (default 64 MB). */
  databaseCacheBytes?: number
  /** A folder of cloud functions (each a folder with index.js exporting `main`). */
  functionsDir?: string
  /** A folder of static files (the H5 build) served at `/`. */
  staticDir?: string
  /** Words that `security.msgSecCheck` rejects. */
  sensitiveWords?: string[]
  /** Content security rules besides the words (openapi/security.ts): review words, risky images. */
  contentRules?: Omit<ContentRules, 'sensitiveWords'>
  /** Subscribe-message templates (id → keyword names); `subscribeMessage.send` refuses any other (40037). */
  subscribeTemplates?: Record<string, string[]>
  /** The env id the function host reports (`TCB_ENV`). */
  envId?: string
  /** Run timer triggers on schedule (tests fire them on demand instead). */
  timers?: boolean
  /** Instances of one function running at once (default 4); further requests wait. */
  maxInstances?: number
  /** An idle function instance is stopped after this many ms (default 60 s). */
  instanceIdleMs?: number
  logLevel?: LogLevel
  quiet?: boolean
}

export class Emulator {
  readonly clock = new Clock()
  readonly logger: Logger
  readonly database: DatabaseService
  readonly storage: StorageService
  readonly openapi: OpenApiService
  readonly functions: FunctionsService
  /** Round trips and documents for every admin request. */
  readonly totals = newStats('all', '*', '*', Date.now())
  readonly dataDir: string
  private readonly services: EmulatorService[]
  private readonly ephemeral: boolean
  private server?: HttpServer
  private baseUrl = ''

  constructor(private readonly options: EmulatorOptions = {}) {
    this.logger = Logger.create({ level: options.logLevel, quiet: options.quiet })
    this.ephemeral = !options.dataDir
    this.dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'cloudbase-emulator-'))
    mkdirSync(this.dataDir, { recursive: true })
    const deps = (scope: string): ServiceDeps => ({ dataDir: this.dataDir, clock: this.clock, logger: this.logger.child(scope) })
    this.database = createDatabaseService({
      ...deps('database'),
      autoCreateCollections: options.autoCreateCollections ?? false,
      indexes: options.indexes ?? {},
      strictIndexes: options.strictIndexes ?? false,
      cacheBytes: options.databaseCacheBytes,
    })
    this.storage = createStorageService({ ...deps('storage'), envId: options.envId })
    this.openapi = createOpenApiService({
      ...deps('openapi'),
      ...options.contentRules,
      sensitiveWords: options.sensitiveWords,
      subscribeTemplates: options.subscribeTemplates,
      permissionsOf: (name) => this.functions.configOf(name)?.permissions?.openapi,
    })
    this.functions = createFunctionsService({
      ...deps('functions'),
      functionsDir: options.functionsDir,
      envId: options.envId ?? 'local',
      timers: options.timers ?? false,
      maxInstances: options.maxInstances,
      instanceIdleMs: options.instanceIdleMs,
      url: () => this.url,
    })
    const console = createConsoleService({ database: this.database, openapi: this.openapi, functions: this.functions, logger: this.logger })
    // Start order matters: the database is ready before functions can be invoked.
    this.services = [this.database, this.storage, this.openapi, this.functions, console]
  }

  /** The base URL, e.g. `http://127.0.0.1:8787`; the SDK's serviceUrl is `${url}/admin`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('emulator is not started')
    return this.baseUrl
  }

  async start(): Promise<this> {
    for (const service of this.services) await service.start?.()
    const actions: ActionTable = {}
    const routes: HttpRoute[] = [...controlRoutes(this)]
    for (const service of this.services) {
      for (const [name, handler] of Object.entries(service.actions ?? {})) {
        if (actions[name]) throw new Error(`action ${name} is registered twice`)
        actions[name] = handler
      }
      routes.push(...(service.routes ?? []))
    }
    this.server = new HttpServer({
      host: this.options.host ?? '127.0.0.1',
      port: this.options.port ?? 0,
      actions,
      routes,
      clock: this.clock,
      logger: this.logger.child('http'),
      staticDir: this.options.staticDir,
      resolveInvocation: (seqId) => this.functions.invocationForSeqId(seqId),
      totals: this.totals,
      envId: this.options.envId ?? 'local',
    })
    this.baseUrl = await this.server.listen()
    this.logger.info(`listening on ${this.baseUrl} (data: ${this.dataDir})`)
    return this
  }

  async stop(): Promise<void> {
    await this.server?.close()
    for (const service of [...this.services].reverse()) await service.stop?.()
    if (this.ephemeral) rmSync(this.dataDir, { recursive: true, force: true })
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return new Emulator(options).start()
}

export { Clock } from './clock'
export { Logger } from './logger'
export { CloudbaseError, ErrorCode } from './errors'
export type { InvocationStats } from './stats'
export type { IndexSpec } from './database/indexes'
