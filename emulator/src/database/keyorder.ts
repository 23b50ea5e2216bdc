/**
 * Index keys as strings whose order (SQLite's BINARY collation, code point order) is MongoDB's
 * order of the values: types in BSON comparison order (null/missing < numbers < strings <
 * objects < arrays < booleans < dates < regexes), numbers and dates by value, strings by code
 * point. A key is `SEP c1 SEP c2 …`, one component per indexed field. SEP sorts below every
 * character a component holds, so a shorter string sorts first and a key prefix is a range.
 * A descending field's component is inverted (each code unit complemented, written as four
 * letters, then a terminator above them) so that one ascending walk of SQLite's index is the
 * declared mixed-direction order, and walking it backwards is the reverse.
 */
import { keyOf } from './indexes'

export const SEP = '\u0001'
/** Above SEP and below every component character: `prefix + SEP … prefix + AFTER` is the prefix's range. */
export const AFTER = '\u0002'

const NULL = 'B'
const NUMBER = 'C'
const STRING = 'D'
const OBJECT = 'E'
const ARRAY = 'F'
const BOOLEAN = 'I'
const DATE = 'J'
const REGEX = 'L'

const view = new DataView(new ArrayBuffer(8))
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A float64 as 16 hex digits that sort as the numbers do (-0 is 0; NaN below every number, as in MongoDB). */
function sortableNumber(n: number): string {
  if (Number.isNaN(n)) return '0'.repeat(16)
  view.setFloat64(0, n === 0 ? 0 : n)
  const negative = view.getUint8(0) & 0x80
  let out = ''
  for (let i = 0; i < 8; i++) {
    const byte = view.getUint8(i)
    out += HEX[negative ? 0xff - byte : i === 0 ? byte | 0x80 : byte]
  }
  return out
}

/** Characters at or below AFTER are written as AFTER + a higher one, keeping their order. */
function escaped(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    out += unit <= 2 ? AFTER + String.fromCharCode(unit + 0x10) : text[i]
  }
  return out
}

/** One value's component, ascending. */
export function ascending(value: unknown): string {
  if (value === undefined || value === null) return NULL
  if (typeof value === 'number') return NUMBER + sortableNumber(value)
  if (typeof value === 'string') return STRING + escaped(value)
  if (typeof value === 'boolean') return BOOLEAN + (value ? '1' : '0')
  if (value instanceof Date) return DATE + sortableNumber(value.getTime())
  if (value instanceof RegExp) return REGEX + escaped(String(value))
  if (Array.isArray(value)) return ARRAY + escaped(keyOf(value))
  return OBJECT + escaped(keyOf(value))
}

/** Four letters per code unit, its complement in base 16 ('a'..'p'), built on first use. */
const LETTERS: string[] = []
function letters(unit: number): string {
  let text = LETTERS[unit]
  if (text === undefined) {
    const c = 0xffff - unit
    text = String.fromCharCode(0x61 + ((c >> 12) & 0xf), 0x61 + ((c >> 8) & 0xf), 0x61 + ((c >> 4) & 0xf), 0x61 + (c & 0xf))
    LETTERS[unit] = text
  }
  return text
}

/** Reverses the order of ascending components (a prefix sorts after what extends it). */
function inverted(component: string): string {
  let out = ''
  for (let i = 0; i < component.length; i++) out += letters(component.charCodeAt(i))
  return out
}

const INVERTED_END = 'z'
const INVERTED_ABOVE = '{'

export function component(value: unknown, direction: 1 | -1): string {
  const asc = ascending(value)
  return direction === 1 ? asc : inverted(asc) + INVERTED_END
}

const TYPE_OF: Record<string, string> = { number: NUMBER, date: DATE }

/**
 * The range of components, `[lo, hi)`, that a numeric or date range (`$gt`/`$gte`/`$lt`/`$lte`)
 * can match on a field of `direction`: the value's type bracket (MongoDB matches ranges within
 * one type) narrowed by the bounds, loosely (a strict bound is taken as inclusive; the filter
 * decides). Undefined for other values.
 */
export function rangeBounds(ops: Record<string, unknown>, direction: 1 | -1): { lo: string; hi: string } | undefined {
  const values = Object.values(ops)
  const kind = (v: unknown) => (typeof v === 'number' ? 'number' : v instanceof Date ? 'date' : 'other')
  const kinds = new Set(values.map(kind))
  if (kinds.size !== 1 || kinds.has('other')) return undefined
  const type = TYPE_OF[[...kinds][0]!]!
  const num = (v: unknown) => sortableNumber(typeof v === 'number' ? v : (v as Date).getTime())
  const low = ops.$gte ?? ops.$gt
  const high = ops.$lte ?? ops.$lt
  const lo = low === undefined ? type : type + num(low)
  const hi = high === undefined ? String.fromCharCode(type.charCodeAt(0) + 1) : type + num(high) + AFTER
  if (direction === 1) return { lo, hi }
  // Inverted: the largest value comes first; every component of the type starts with inverted(type).
  return {
    lo: high === undefined ? inverted(type) : inverted(type + num(high)),
    hi: inverted(low === undefined ? type : type + num(low)) + INVERTED_ABOVE,
  }
}
