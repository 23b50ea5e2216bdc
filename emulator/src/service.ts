/**
 * The contract every emulated service fulfils, after the Firebase Emulator Suite's
 * `EmulatorInstance`: a service contributes wire actions (`POST /admin` bodies carry an
 * `action` such as `database.getDocument`) and/or plain HTTP routes, and may need to start and
 * stop. `Emulator` (index.ts) owns the instances; nothing here is global.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Logger } from './logger'
import type { Clock } from './clock'
import type { InvocationStats } from './stats'

export enum ServiceName {
  Database = 'database',
  Storage = 'storage',
  OpenApi = 'openapi',
  Functions = 'functions',
  Console = 'console',
}

/** What every service says about itself; a Record so adding a service fails to compile until described. */
export const SERVICE_DESCRIPTIONS: Record<ServiceName, string> = {
  [ServiceName.Database]: '云数据库：查询、更新、聚合、事务、索引，数据存于 SQLite',
  [ServiceName.Storage]: '云存储：上传、临时链接、下载、删除，文件存于数据目录',
  [ServiceName.OpenApi]: '开放接口：订阅消息等调用记入发件箱，内容安全按本地词表检查',
  [ServiceName.Functions]: '云函数：加载 cloudfunctions/ 下的函数，按调用者身份执行，定时触发器',
  [ServiceName.Console]: '控制台页面：集合与文档、发件箱、函数日志',
}

export interface AdminRequest {
  action: string
  /** The JSON body, or for multipart requests (`wx.openApi`) the form fields. */
  body: Record<string, unknown>
  /** Raw multipart file parts by field name (only for multipart requests). */
  files: Record<string, Buffer>
  /** `env` query parameter. */
  env: string
  /** `seqId` query parameter: `<TCB_SEQID>-<eventId>` inside a function invocation. */
  seqId: string
}

export interface ActionContext {
  clock: Clock
  logger: Logger
  /** Counters of the function invocation this request belongs to, if any. */
  invocation?: InvocationStats
  /** Adds documents read and written to the invocation's and the emulator's counters. */
  countDocs(read: number, written: number): void
  /** The emulator's base URL as the caller reached it (for links such as temp file URLs). */
  baseUrl: string
}

export type ActionHandler = (request: AdminRequest, ctx: ActionContext) => unknown | Promise<unknown>
export type ActionTable = Record<string, ActionHandler>

export interface RouteMatch {
  params: Record<string, string>
  url: URL
}

export interface HttpRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  /** A path pattern such as `/functions/:name` or `/storage/files/*` (the rest in `params['*']`). */
  path: string
  handle(req: IncomingMessage, res: ServerResponse, match: RouteMatch): Promise<void> | void
}

/** What a service is given when it is created. */
export interface ServiceDeps {
  /** The data directory; always exists (a temporary one when the caller gave none). */
  dataDir: string
  clock: Clock
  logger: Logger
}

export interface EmulatorService {
  readonly name: ServiceName
  readonly actions?: ActionTable
  readonly routes?: HttpRoute[]
  start?(): Promise<void> | void
  stop?(): Promise<void> | void
}
