/**
 * The console: a read-only page at `GET /_console` (collections and documents, the open API
 * outbox, function invocations, logs) and the JSON it reads under `/_console/api/`.
 * Routes only; the handlers are in api.ts and the page in page.ts.
 */
import type { ServerResponse } from 'node:http'
import type { Logger } from '../logger'
import { ServiceName, type EmulatorService, type HttpRoute, type RouteMatch } from '../service'
import type { DatabaseService } from '../database'
import type { OpenApiService } from '../openapi'
import type { FunctionsService } from '../functions'
import { sendJson } from '../http/envelope'
import { ConsoleApiError, listCollections, listDocuments, listInstances, listInvocations, listLogs, listOutbox } from './api'
import { CONSOLE_PAGE } from './page'

export interface ConsoleDeps {
  database: DatabaseService
  openapi: OpenApiService
  functions: FunctionsService
  logger: Logger
}

export const CONSOLE_PATH = '/_console'

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The page is static and renders data only through text nodes; this is a second fence.
  'content-security-policy':
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
}

export function createConsoleService(deps: ConsoleDeps): EmulatorService {
  const logger = deps.logger.child('console')

  const sendPage = (_req: unknown, res: ServerResponse): void => {
    res.writeHead(200, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(CONSOLE_PAGE) })
    res.end(CONSOLE_PAGE)
  }

  const api = (path: string, handler: (match: RouteMatch) => unknown): HttpRoute => ({
    method: 'GET',
    path: `${CONSOLE_PATH}/api/${path}`,
    handle(_req, res, match) {
      let body: unknown
      try {
        body = handler(match)
      } catch (error) {
        if (error instanceof ConsoleApiError) return sendJson(res, error.status, { code: error.code, message: error.message })
        logger.error(`GET ${match.url.pathname} failed: ${(error as Error).stack ?? error}`)
        return sendJson(res, 500, { code: 'INTERNAL', message: (error as Error).message ?? String(error) })
      }
      sendJson(res, 200, body, { 'cache-control': 'no-store' })
    },
  })

  const routes: HttpRoute[] = [
    { method: 'GET', path: CONSOLE_PATH, handle: sendPage },
    { method: 'GET', path: `${CONSOLE_PATH}/`, handle: sendPage },
    api('collections', () => listCollections(deps)),
    api('collections/:name/documents', (m) => listDocuments(deps, m.params.name!, m.url.searchParams)),
    api('outbox', () => listOutbox(deps)),
    api('invocations', (m) => listInvocations(deps, m.url.searchParams)),
    api('instances', () => listInstances(deps)),
    api('logs', (m) => listLogs(deps, m.url.searchParams)),
  ]

  return { name: ServiceName.Console, routes }
}
