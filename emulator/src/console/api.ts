/**
 * The console's JSON endpoints under `/_console/api/`: read-only views of the services, each a
 * small function from the deps and the query string to a JSON-ready body. Bad query parameters
 * throw `ConsoleApiError`; index.ts turns it into the HTTP answer.
 */
import { LogLevels, type LogLevel } from '../logger'
import type { ConsoleDeps } from './index'

export class ConsoleApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'INVALID_PARAM' | 'NOT_FOUND',
    message: string,
  ) {
    super(message)
  }
}

interface IntParam {
  fallback: number
  min: number
  /** Larger values are lowered to this rather than refused. */
  max: number
}

export const LIMITS = {
  skip: { fallback: 0, min: 0, max: Number.MAX_SAFE_INTEGER },
  documents: { fallback: 20, min: 1, max: 100 },
  invocations: { fallback: 50, min: 1, max: 500 },
  logs: { fallback: 200, min: 1, max: 2000 },
} satisfies Record<string, IntParam>

export function intParam(query: URLSearchParams, name: string, spec: IntParam): number {
  const raw = query.get(name)
  if (raw === null || raw.trim() === '') return spec.fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConsoleApiError(400, 'INVALID_PARAM', `${name} must be a non-negative integer, got "${raw}"`)
  const value = Number(raw)
  if (value < spec.min) throw new ConsoleApiError(400, 'INVALID_PARAM', `${name} must be at least ${spec.min}, got ${value}`)
  return Math.min(value, spec.max)
}

/**
 * Documents hold Dates and RegExps, which JSON would flatten to a string and `{}`. Tag them the
 * way EJSON does so the page can show dates readably.
 */
export function toConsoleJson(value: unknown): unknown {
  if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? null : value.toISOString() }
  if (value instanceof RegExp) return { $regex: value.source, $options: value.flags }
  if (Buffer.isBuffer(value)) return { $binary: { length: value.length } }
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toConsoleJson)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = toConsoleJson(v)
    return out
  }
  return value
}

export function listCollections(deps: ConsoleDeps) {
  return { collections: deps.database.listCollections() }
}

export function listDocuments(deps: ConsoleDeps, collection: string, query: URLSearchParams) {
  const skip = intParam(query, 'skip', LIMITS.skip)
  const limit = intParam(query, 'limit', LIMITS.documents)
  if (!deps.database.listCollections().some((c) => c.name === collection)) {
    throw new ConsoleApiError(404, 'NOT_FOUND', `collection ${collection} does not exist`)
  }
  const page = deps.database.listDocuments(collection, { skip, limit })
  return { collection, skip, limit, total: page.total, docs: page.docs.map(toConsoleJson) }
}

/** In the order the open API service keeps them (oldest first). */
export function listOutbox(deps: ConsoleDeps) {
  return { entries: deps.openapi.outbox().map((e) => toConsoleJson(e)) }
}

/** Running function instances: which are busy, idle, how many requests each served. */
export function listInstances(deps: ConsoleDeps) {
  return { instances: deps.functions.instances() }
}

export function listInvocations(deps: ConsoleDeps, query: URLSearchParams) {
  const limit = intParam(query, 'limit', LIMITS.invocations)
  return { functions: deps.functions.functionNames(), invocations: deps.functions.invocations(limit) }
}

/**
 * Oldest first, the last `limit` entries after filtering. `scope` is a prefix of the full scope
 * (`emulator:functions`); `level` keeps that level and those above it.
 */
export function listLogs(deps: ConsoleDeps, query: URLSearchParams) {
  const limit = intParam(query, 'limit', LIMITS.logs)
  const scope = query.get('scope')?.trim() || undefined
  const levelText = query.get('level')?.trim() || 'debug'
  if (!LogLevels.includes(levelText as LogLevel)) {
    throw new ConsoleApiError(400, 'INVALID_PARAM', `level must be one of ${LogLevels.join(', ')}, got "${levelText}"`)
  }
  const minLevel = LogLevels.indexOf(levelText as LogLevel)
  const all = deps.logger.entries()
  const entries = all.filter((e) => (!scope || e.scope.startsWith(scope)) && LogLevels.indexOf(e.level) >= minLevel).slice(-limit)
  const scopes = [...new Set(all.map((e) => e.scope))].sort()
  return { scopes, entries }
}
