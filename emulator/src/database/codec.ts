/**
 * Values on the wire are EJSON (see the wire-protocol notes). Inside the emulator a document
 * is a plain JS object: numbers, strings, booleans, null, Date, RegExp, arrays, objects.
 * Decoding normalises bson's wrapper types to those; encoding answers relaxed EJSON, which
 * the SDK parses with `EJSON.parse` just as it parses the real service's answers.
 */
import { EJSON } from 'bson'

export type Doc = Record<string, unknown> & { _id?: unknown }

const SERVER_DATE = '$tcb_server_date'

/** Parse an EJSON string (or an already-parsed value) into plain JS values. */
export function decode(value: unknown, now: () => number): unknown {
  const parsed = typeof value === 'string' ? EJSON.parse(value, { relaxed: true }) : value
  return normalise(parsed, now)
}

/** Normalises an already-parsed value (bson wrappers → plain values, server dates → Date). */
export function normalise(value: unknown, now: () => number): unknown {
  return normaliseValue(value, now)
}

export function encode(value: unknown): string {
  return EJSON.stringify(value, { relaxed: true })
}

function normaliseValue(value: unknown, now: () => number): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof RegExp) return value
  if (Array.isArray(value)) return value.map((v) => normaliseValue(v, now))
  const bsontype = (value as { _bsontype?: string })._bsontype
  if (bsontype) return fromBson(bsontype, value)
  const obj = value as Record<string, unknown>
  if (SERVER_DATE in obj && Object.keys(obj).length === 1) {
    const offset = Number((obj[SERVER_DATE] as { offset?: number } | undefined)?.offset ?? 0)
    return new Date(now() + offset)
  }
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) out[k] = normaliseValue(v, now)
  return out
}

function fromBson(type: string, value: object): unknown {
  switch (type) {
    case 'BSONRegExp': {
      const { pattern, options } = value as { pattern: string; options: string }
      // JS RegExp knows i, m, s, u, g, y; MongoDB's x (extended) has no JS equivalent.
      return new RegExp(pattern, options.replace(/[^imsu]/g, ''))
    }
    case 'ObjectId':
    case 'ObjectID':
      // The real service hands ObjectIds back as hex strings; store them that way.
      return (value as { toHexString(): string }).toHexString()
    case 'Long':
    case 'Int32':
    case 'Double':
    case 'Decimal128':
      return Number(String(value))
    default:
      return value
  }
}

/** Deep copy of a plain document (Dates and RegExps stay distinct objects). */
export function clone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (value instanceof RegExp) return new RegExp(value.source, value.flags) as T
  if (Array.isArray(value)) return value.map(clone) as T
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = clone(v)
  return out as T
}
