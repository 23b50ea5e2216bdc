/**
 * HTTP binding only: `POST /admin` carries the wire actions of every service, other paths go
 * to the services' routes, and anything else to the static H5 build if one is configured.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudbaseError, ErrorCode } from '../errors'
import type { Logger } from '../logger'
import type { Clock } from '../clock'
import type { ActionTable, AdminRequest, HttpRoute } from '../service'
import { countRoundTrip, type InvocationStats } from '../stats'
import { parseJsonObject, parseMultipart, readBody } from './body'
import { sendError, sendJson, sendResult } from './envelope'
import { Router } from './router'
import { serveStatic } from './static'

export interface HttpServerOptions {
  host: string
  port: number
  actions: ActionTable
  routes: HttpRoute[]
  clock: Clock
  logger: Logger
  staticDir?: string
  /** Finds the function invocation a request belongs to from its `seqId`. */
  resolveInvocation(seqId: string): InvocationStats | undefined
  /** Counters for every admin request, whether or not it came from a function. */
  totals: InvocationStats
  /** The one environment this emulator is; a request for another fails as the cloud's would. */
  envId: string
}

export class HttpServer {
  private server?: Server
  private readonly router = new Router()

  constructor(private readonly options: HttpServerOptions) {
    for (const route of options.routes) this.router.add(route)
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error) => {
        this.options.logger.error(`unhandled ${req.method} ${req.url}: ${(error as Error).stack ?? error}`)
        if (!res.headersSent) sendError(res, error)
        else res.end()
      })
    })
    server.keepAliveTimeout = 5000
    this.server = server
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.options.port, this.options.host, () => resolve())
    })
    const { port } = server.address() as AddressInfo
    return `http://${this.options.host}:${port}`
  }

  async close(): Promise<void> {
    const server = this.server
    if (!server) return
    this.server = undefined
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    if (req.method === 'POST' && url.pathname === '/admin') return this.handleAdmin(req, res, url)
    let found: ReturnType<Router['match']>
    try {
      found = this.router.match(req.method ?? 'GET', url)
    } catch (error) {
      // A malformed percent-encoding in the path is the client's mistake, not ours.
      if (error instanceof URIError) return sendJson(res, 400, { code: 'INVALID_PARAM', message: 'malformed URL path' })
      throw error
    }
    if (found) return found.route.handle(req, res, found.match)
    if (this.options.staticDir && serveStatic(this.options.staticDir, req, res, url.pathname)) return
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` })
  }

  /**
   * `cloud.init({ env: 'someone-elses-env' })` reaches an environment that does not exist for
   * this account: the service answers INVALID_ENV ("Invalid environment or environment not
   * found"; wx-server-sdk has no number for it and reports -501001). node-sdk puts the env in
   * the `env` query parameter and `envName`; `DYNAMIC_CURRENT_ENV` resolves to the function's
   * own env, and an empty one means "the default env", which is this one.
   */
  private checkEnv(request: AdminRequest): void {
    for (const env of [request.env, String(request.body.envName ?? '')]) {
      if (env === '' || env === this.options.envId) continue
      this.options.logger.warn(`${request.action} for env "${env}", but this emulator is env "${this.options.envId}": answered INVALID_ENV`)
      throw new CloudbaseError(ErrorCode.InvalidEnv, 'Environment not found')
    }
  }

  private async handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const raw = await readBody(req)
      const contentType = String(req.headers['content-type'] ?? '')
      let request: AdminRequest
      const common = { env: url.searchParams.get('env') ?? '', seqId: url.searchParams.get('seqId') ?? '' }
      if (contentType.startsWith('multipart/form-data')) {
        const form = parseMultipart(raw, contentType)
        request = { action: form.fields.action ?? '', body: form.fields, files: form.files, ...common }
      } else {
        const body = parseJsonObject(raw)
        request = { action: String(body.action ?? ''), body, files: {}, ...common }
      }
      this.checkEnv(request)
      const handler = this.options.actions[request.action]
      if (!handler) throw new CloudbaseError(ErrorCode.ActionNotExist, `action ${request.action || '(none)'} is not supported`)
      const invocation = this.options.resolveInvocation(request.seqId)
      countRoundTrip(this.options.totals, request.action)
      if (invocation) countRoundTrip(invocation, request.action)
      const result = await handler(request, {
        clock: this.options.clock,
        logger: this.options.logger,
        invocation,
        countDocs: (read, written) => {
          for (const stats of invocation ? [this.options.totals, invocation] : [this.options.totals]) {
            stats.docsRead += read
            stats.docsWritten += written
          }
        },
        baseUrl: `http://${req.headers.host ?? `${this.options.host}`}`,
      })
      sendResult(res, result)
    } catch (error) {
      if (!(error instanceof CloudbaseError)) this.options.logger.error(`admin request failed: ${(error as Error).stack ?? error}`)
      sendError(res, error)
    }
  }
}
