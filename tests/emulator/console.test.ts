/**
 * The console service on its own: small fakes for the database, open API and functions
 * services (only the methods the console reads; cast to the full interfaces), the real logger,
 * and the service's routes behind a real HTTP server and the emulator's router.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createConsoleService } from '../../emulator/src/console'
import type { DatabaseService } from '../../emulator/src/database'
import type { OpenApiService, OutboxEntry } from '../../emulator/src/openapi'
import type { FunctionsService } from '../../emulator/src/functions'
import { Logger } from '../../emulator/src/logger'
import { Router } from '../../emulator/src/http/router'
import { ServiceName } from '../../emulator/src/service'
import { newStats, type InvocationStats } from '../../emulator/src/stats'

type Doc = Record<string, unknown>

/** A fake that implements only what the console calls, typed as the full service. */
function asService<T>(fake: Partial<T>): T {
  return fake as T
}

type FakeDatabase = Pick<DatabaseService, 'name' | 'listCollections' | 'listDocuments'> & { calls: unknown[] }

function fakeDatabase(collections: Record<string, Doc[]>): FakeDatabase {
  const calls: unknown[] = []
  return {
    name: ServiceName.Database,
    calls,
    listCollections: () =>
      Object.keys(collections)
        .sort()
        .map((name) => ({ name, count: collections[name]!.length })),
    listDocuments(collection, page) {
      calls.push({ collection, ...page })
      const docs = collections[collection] ?? []
      return { total: docs.length, docs: docs.slice(page.skip, page.skip + page.limit) }
    },
  }
}

function fakeOpenApi(entries: OutboxEntry[]): OpenApiService {
  return asService<OpenApiService>({ name: ServiceName.OpenApi, outbox: () => entries })
}

type FakeFunctions = Pick<FunctionsService, 'name' | 'functionNames' | 'invocations'> & { limits: unknown[] }

function fakeFunctions(names: string[], invocations: InvocationStats[]): FakeFunctions {
  const limits: unknown[] = []
  return {
    name: ServiceName.Functions,
    limits,
    functionNames: () => names,
    invocations(limit) {
      limits.push(limit)
      return limit === undefined ? invocations : invocations.slice(-limit)
    },
  }
}

const demands: Doc[] = Array.from({ length: 130 }, (_, i) => ({
  _id: `d${String(i).padStart(3, '0')}`,
  title: `需求 ${i}`,
  createdAt: new Date(Date.UTC(2024, 0, 1, 8, 0, i)),
}))
demands[0]!.note = '<script>alert(1)</script>'
demands[0]!.pattern = /^红/iu

const outbox: OutboxEntry[] = [
  { id: 'm1', time: 1_700_000_000_000, api: 'subscribeMessage.send', data: { touser: 'o-1', templateId: 't' }, caller: 'o-1' },
  { id: 'm2', time: 1_700_000_001_000, api: 'subscribeMessage.send', data: { touser: 'o-2' } },
]

const finished = { ...newStats('i1', 'demand', 'o-1', 1000), endedAt: 1250, roundTrips: 3, docsRead: 4, docsWritten: 1 }
finished.actions = { 'database.getDocument': 2, 'database.updateDocument': 1 }
const failed = { ...newStats('i2', 'points', 'o-2', 2000), endedAt: 2100, error: 'boom' }

const logger = Logger.create({ quiet: true })
const database = fakeDatabase({ demands, users: [{ _id: 'u1', nickName: '张三' }], empty: [] })
const functions = fakeFunctions(['demand', 'points', 'sla'], [finished, failed])
const service = createConsoleService({
  database: asService<DatabaseService>(database),
  openapi: fakeOpenApi(outbox),
  functions: asService<FunctionsService>(functions),
  logger,
})

let server: Server
let base: string

beforeAll(async () => {
  const router = new Router()
  for (const route of service.routes ?? []) router.add(route)
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const found = router.match(req.method ?? 'GET', url)
    if (!found) {
      res.writeHead(404).end()
      return
    }
    void found.route.handle(req, res, found.match)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  logger.child('database').info('opened data.sqlite')
  logger.child('functions').child('demand').warn('slow query on demands')
  logger.child('functions').error('points failed: boom')
  logger.child('http').debug('POST /admin database.getDocument')
})

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies of several shapes
async function get(path: string): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(base + path)
  const type = res.headers.get('content-type') ?? ''
  const body = type.startsWith('application/json') ? await res.json() : await res.text()
  return { status: res.status, type, body }
}

describe('console service', () => {
  test('is the console service and only serves GET routes under /_console', () => {
    expect(service.name).toBe(ServiceName.Console)
    expect(service.actions).toBeUndefined()
    for (const route of service.routes ?? []) {
      expect(route.method).toBe('GET')
      expect(route.path.startsWith('/_console')).toBe(true)
    }
  })
})

describe('GET /_console', () => {
  test('is one HTML document with the section names', async () => {
    const { status, type, body } = await get('/_console')
    expect(status).toBe(200)
    expect(type).toBe('text/html; charset=utf-8')
    expect(body).toMatch(/^<!doctype html>/)
    for (const label of ['集合', '文档', '发件箱', '函数调用', '日志']) expect(body).toContain(label)
    for (const section of ['#/collections', '#/outbox', '#/invocations', '#/logs']) expect(body).toContain(`href="${section}"`)
  })

  test('is self-contained and never turns data into markup', async () => {
    const { body } = await get('/_console')
    expect(body).toContain('<style>')
    expect(body).toContain('<script>')
    expect(body).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//)
    expect(body).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
    expect(body).toContain('createTextNode')
  })

  test('answers with a trailing slash too, and forbids outside scripts', async () => {
    const res = await fetch(`${base}/_console/`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})

describe('GET /_console/api/collections', () => {
  test('lists collections with counts', async () => {
    const { status, body } = await get('/_console/api/collections')
    expect(status).toBe(200)
    expect(body).toEqual({
      collections: [
        { name: 'demands', count: 130 },
        { name: 'empty', count: 0 },
        { name: 'users', count: 1 },
      ],
    })
  })
})

describe('GET /_console/api/collections/:name/documents', () => {
  const cases: Array<[string, string, { skip: number; limit: number; ids: [string, string] | null }]> = [
    ['defaults', '', { skip: 0, limit: 20, ids: ['d000', 'd019'] }],
    ['skip and limit', '?skip=40&limit=5', { skip: 40, limit: 5, ids: ['d040', 'd044'] }],
    ['limit above 100 is lowered to 100', '?limit=500', { skip: 0, limit: 100, ids: ['d000', 'd099'] }],
    ['last partial page', '?skip=120&limit=50', { skip: 120, limit: 50, ids: ['d120', 'd129'] }],
    ['past the end', '?skip=500', { skip: 500, limit: 20, ids: null }],
    ['empty parameters use defaults', '?skip=&limit=', { skip: 0, limit: 20, ids: ['d000', 'd019'] }],
  ]
  test.each(cases)('%s', async (_what, query, expected) => {
    const { status, body } = await get(`/_console/api/collections/demands/documents${query}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ collection: 'demands', total: 130, skip: expected.skip, limit: expected.limit })
    const ids = body.docs.map((d: Doc) => d._id)
    expect(ids.length ? [ids[0], ids[ids.length - 1]] : null).toEqual(expected.ids)
    expect(database.calls.at(-1)).toEqual({ collection: 'demands', skip: expected.skip, limit: expected.limit })
  })

  test('tags dates and regexps and leaves user text as data', async () => {
    const { body } = await get('/_console/api/collections/demands/documents?limit=1')
    expect(body.docs[0]).toEqual({
      _id: 'd000',
      title: '需求 0',
      createdAt: { $date: '2024-01-01T08:00:00.000Z' },
      note: '<script>alert(1)</script>',
      pattern: { $regex: '^红', $options: 'iu' },
    })
  })

  test('decodes the collection name', async () => {
    const { status, body } = await get(`/_console/api/collections/${encodeURIComponent('users')}/documents`)
    expect(status).toBe(200)
    expect(body.docs).toEqual([{ _id: 'u1', nickName: '张三' }])
  })

  const errors: Array<[string, string, number, string, RegExp]> = [
    ['unknown collection', '/nope/documents', 404, 'NOT_FOUND', /collection nope does not exist/],
    ['negative skip', '/demands/documents?skip=-1', 400, 'INVALID_PARAM', /skip must be a non-negative integer/],
    ['text limit', '/demands/documents?limit=ten', 400, 'INVALID_PARAM', /limit must be a non-negative integer, got "ten"/],
    ['fractional limit', '/demands/documents?limit=2.5', 400, 'INVALID_PARAM', /limit must be a non-negative integer/],
    ['zero limit', '/demands/documents?limit=0', 400, 'INVALID_PARAM', /limit must be at least 1/],
  ]
  test.each(errors)('%s: %s → %i %s', async (_what, path, status, code, message) => {
    const res = await get(`/_console/api/collections${path}`)
    expect(res.status).toBe(status)
    expect(res.body.code).toBe(code)
    expect(res.body.message).toMatch(message)
  })
})

describe('GET /_console/api/outbox', () => {
  test('lists the outbox entries as the service keeps them', async () => {
    const { status, body } = await get('/_console/api/outbox')
    expect(status).toBe(200)
    expect(body).toEqual({ entries: outbox })
  })
})

describe('GET /_console/api/invocations', () => {
  test('lists loaded functions and recent invocations (default limit 50)', async () => {
    const { status, body } = await get('/_console/api/invocations')
    expect(status).toBe(200)
    expect(body.functions).toEqual(['demand', 'points', 'sla'])
    expect(body.invocations).toEqual([finished, failed])
    expect(functions.limits.at(-1)).toBe(50)
  })

  const limits: Array<[string, number, number]> = [
    ['?limit=1', 1, 1],
    ['?limit=100000', 500, 2],
  ]
  test.each(limits)('%s asks the service for %i', async (query, asked, returned) => {
    const { body } = await get(`/_console/api/invocations${query}`)
    expect(functions.limits.at(-1)).toBe(asked)
    expect(body.invocations).toHaveLength(returned)
  })

  test('rejects a bad limit', async () => {
    const { status, body } = await get('/_console/api/invocations?limit=abc')
    expect(status).toBe(400)
    expect(body.code).toBe('INVALID_PARAM')
  })
})

describe('GET /_console/api/logs', () => {
  const messages = (body: { entries: Array<{ message: string }> }) => body.entries.map((e) => e.message)

  const cases: Array<[string, string, string[]]> = [
    [
      'everything, oldest first',
      '',
      ['opened data.sqlite', 'slow query on demands', 'points failed: boom', 'POST /admin database.getDocument'],
    ],
    ['scope prefix', '?scope=emulator:functions', ['slow query on demands', 'points failed: boom']],
    ['narrower scope', '?scope=emulator:functions:demand', ['slow query on demands']],
    ['level warn and above', '?level=warn', ['slow query on demands', 'points failed: boom']],
    ['the last n', '?limit=2', ['points failed: boom', 'POST /admin database.getDocument']],
    ['limit after filtering', '?level=warn&limit=1', ['points failed: boom']],
    ['unknown scope', '?scope=nothing', []],
  ]
  test.each(cases)('%s', async (_what, query, expected) => {
    const { status, body } = await get(`/_console/api/logs${query}`)
    expect(status).toBe(200)
    expect(messages(body)).toEqual(expected)
  })

  test('entries carry time, level and scope; scopes are listed for the filter', async () => {
    const { body } = await get('/_console/api/logs?level=error')
    expect(body.entries).toEqual([
      { time: expect.any(Number), level: 'error', scope: 'emulator:functions', message: 'points failed: boom' },
    ])
    expect(body.scopes).toEqual(['emulator:database', 'emulator:functions', 'emulator:functions:demand', 'emulator:http'])
  })

  test('rejects an unknown level', async () => {
    const { status, body } = await get('/_console/api/logs?level=loud')
    expect(status).toBe(400)
    expect(body.message).toMatch(/level must be one of debug, info, warn, error/)
  })
})

describe('failures inside a service', () => {
  test('become a 500 with the message, logged under the console scope', async () => {
    const broken = createConsoleService({
      database: asService<DatabaseService>({
        ...database,
        listCollections: () => {
          throw new Error('disk on fire')
        },
      }),
      openapi: fakeOpenApi([]),
      functions: asService<FunctionsService>(functions),
      logger,
    })
    const route = broken.routes!.find((r) => r.path === '/_console/api/collections')!
    const router = new Router()
    router.add(route)
    const local = createServer((req, res) => {
      const found = router.match('GET', new URL(req.url ?? '/', 'http://127.0.0.1'))
      void found!.route.handle(req, res, found!.match)
    })
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
    try {
      const res = await fetch(`http://127.0.0.1:${(local.address() as AddressInfo).port}/_console/api/collections`)
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({ code: 'INTERNAL', message: 'disk on fire' })
      expect(logger.entries({ scopePrefix: 'emulator:console' }).at(-1)?.message).toMatch(/disk on fire/)
    } finally {
      await new Promise<void>((resolve) => local.close(() => resolve()))
    }
  })
})
