/**
 * Hostile inputs generated from an action's zod schema: a valid-shaped base with one field
 * (possibly nested) replaced by a value that field can never accept, plus unknown fields with
 * operator-looking names. Every case is invalid by construction, whatever the rest holds:
 * a string field gets a non-string, a string over its maximum or under its minimum, one its
 * pattern refuses; a number field a non-number (NaN and Infinity travel as JSON null), one out
 * of its range, a fraction where it wants an integer; an enum a name it does not list; a list
 * one element too many or one bad element; and so on down nested objects.
 *
 * Two classes:
 * - `shape`: what the schemas (and the rules, for values `invalid` names) refuse today;
 * - `hygiene`: text that is no text (zero-width only), control characters, lone surrogates,
 *   bidi overrides, file ids of another env, numbers without an upper bound pushed to 1e308.
 */
import fc from 'fast-check'
import type { z } from 'zod'

export type HostileClass = 'shape' | 'hygiene'

export interface Hostile {
  value: unknown
  /** What makes it invalid, for the report. */
  why: string
}

export interface HostileCase {
  input: Record<string, unknown>
  /** The field replaced, as a dotted path. */
  field: string
  why: string
  /** Unknown top-level fields added besides. */
  extras: string[]
}

export interface HostileOptions {
  class: HostileClass
  /** Values the rules refuse for a field (by dotted path): references to nothing, a past due time. */
  invalid?: Record<string, unknown[]>
}

/** Sets an own property, even one named `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** A copy whose own keys (also `__proto__`) stay own keys. */
function copy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copy) as T
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value)) setOwn(out, key, copy((value as Record<string, unknown>)[key]))
  return out as T
}

const json = (text: string): unknown => JSON.parse(text)

function deep(depth: number, leaf: unknown): unknown {
  let v = leaf
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v, $gt: '' } : [v]
  return v
}

const HUGE = 10_000

/** 10,000 characters of one kind (never whitespace, so trimming keeps them). */
const huge = fc
  .constantFrom('长', 'x', '<script>', '$where', '\\"', '🙂', '０')
  .map((unit) => unit.repeat(Math.ceil(HUGE / unit.length)).slice(0, HUGE))

// --- values of the wrong JSON type, by the type they are ---

const NULLISH: Hostile[] = [
  { value: null, why: 'null' },
  { value: NaN, why: 'NaN (JSON null)' },
  { value: Infinity, why: 'Infinity (JSON null)' },
  { value: -Infinity, why: '-Infinity (JSON null)' },
]
const NUMBERS: Hostile[] = [0, -1, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1].map((value) => ({ value, why: `number ${value}` }))
const STRINGS: Hostile[] = ['', 'Infinity', '-Infinity', 'NaN', '1e308', '-0', 'true', 'null', '[]', '{}', '__proto__', 'constructor'].map(
  (value) => ({ value, why: `string ${JSON.stringify(value)}` }),
)
const BOOLEANS: Hostile[] = [true, false].map((value) => ({ value, why: `boolean ${value}` }))
const ARRAYS: Hostile[] = [
  { value: [], why: 'empty array' },
  { value: [null], why: '[null]' },
  { value: ['x'], why: "['x']" },
  { value: deep(64, []), why: 'arrays nested 64 deep' },
]
const OBJECTS: Hostile[] = [
  { value: {}, why: 'empty object' },
  { value: { $gt: '' }, why: '{ $gt }' },
  { value: { $ne: null }, why: '{ $ne }' },
  { value: { $where: 'sleep(1000)' }, why: '{ $where }' },
  { value: { $regex: '.*' }, why: '{ $regex }' },
  { value: { $in: ['x'] }, why: '{ $in }' },
  { value: json('{"__proto__":{"isAdmin":true,"grants":[{"role":"admin"}]}}'), why: '{ __proto__ }' },
  { value: { constructor: { prototype: { isAdmin: true } } }, why: '{ constructor.prototype }' },
  { value: deep(300, { $where: 'sleep(1000)' }), why: 'objects nested 300 deep' },
]

type JsonKind = 'null' | 'number' | 'string' | 'boolean' | 'array' | 'object'

/** The JSON type a value has once sent (NaN → null, -0 → 0). */
function jsonKind(value: unknown): JsonKind | 'absent' {
  if (value === undefined) return 'absent'
  const sent = JSON.parse(JSON.stringify([value]))[0]
  if (sent === null) return 'null'
  if (Array.isArray(sent)) return 'array'
  return typeof sent as JsonKind
}

/** Values whose JSON type is not `kind` (nor absent, which an optional field accepts). */
function wrongType(kind: JsonKind): fc.Arbitrary<Hostile> {
  const pool = [...NULLISH, ...NUMBERS, ...STRINGS, ...BOOLEANS, ...ARRAYS, ...OBJECTS].filter((h) => jsonKind(h.value) !== kind)
  const random = fc
    .anything({ maxDepth: 3, withNullPrototype: true, withObjectString: true })
    .filter((v) => jsonKind(v) !== 'absent' && jsonKind(v) !== kind)
    .map((value) => ({ value, why: `random ${jsonKind(value)}` }))
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: random })
}

// --- hygiene: text that must not be stored ---

const ZERO_WIDTH_ONLY = ['\u200B\u200B', '\u200B\u200C\u200D', '\u2060\u200B\u2060', '\u200B'.repeat(50), '\u200D\u200C']
const CONTROLS = [
  '正常文字\u0000',
  '\u0000\u0001\u0002',
  '文字\u0007\u001B[31m红',
  '\u0085\u009B文字',
  '文字\u009F\u0080',
  '文字\uD800',
  '\uDC00文字',
  '\uD800\uD800',
  '\u202E文字反转',
  '订单\u202Egpj.exe',
  '\u2066隔离\u2069\u202E',
]
const OTHER_ENV_FILES = [
  'cloud://prod-4g7h2.7072-prod-4g7h2-1250000000/demands/a.jpg',
  'cloud://other-env.other-env-local/demands/b.png',
  'cloud://test-1a2b3c.7465-test-1a2b3c-1300000000/x.jpg',
]
const FAR = [Number.MAX_SAFE_INTEGER, 8.64e15 + 1, 253_402_300_800_000, 1e308]

const PATTERN_BREAKERS = [
  '',
  'abc',
  '12345',
  '+8613800000001',
  '138 0000 0001',
  '1380000000１',
  '23800000001',
  'http://evil.example/a.jpg',
  'file:///etc/passwd',
  '../../etc/passwd',
  'cloud://',
  'cloud:// a.jpg',
  'javascript:alert(1)',
  'short',
  'has space 12345',
  '请求编号一二三四五六',
  'x'.repeat(65),
  '{"$gt":""}',
  '$where',
]

// --- walking the schema ---

interface Field {
  core: z.ZodTypeAny
  optional: boolean
  nullable: boolean
}

/** Strips optional/default/nullable/refinement wrappers; `catch` accepts anything, so it ends the walk. */
function unwrap(schema: z.ZodTypeAny): Field | undefined {
  let node = schema as z.ZodTypeAny & { _def: any }
  let optional = false
  let nullable = false
  for (;;) {
    const name = node._def.typeName as string
    if (name === 'ZodOptional') ((optional = true), (node = node._def.innerType))
    else if (name === 'ZodDefault') ((optional = true), (node = node._def.innerType))
    else if (name === 'ZodNullable') ((nullable = true), (node = node._def.innerType))
    else if (name === 'ZodEffects') node = node._def.schema
    else if (name === 'ZodBranded' || name === 'ZodReadonly') node = node._def.type ?? node._def.innerType
    else if (name === 'ZodPipeline') node = node._def.in
    else if (name === 'ZodLazy') node = node._def.getter()
    else if (name === 'ZodCatch') return undefined
    else return { core: node, optional, nullable }
  }
}

/** The object shape of an action's schema, or undefined for parameterless (passthrough) actions. */
export function shapeOf(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | undefined {
  const field = unwrap(schema)
  if (!field || (field.core._def as any).typeName !== 'ZodObject') return undefined
  const shape = (field.core as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>
  return Object.keys(shape).length > 0 ? shape : undefined
}

type Check = { kind: string; value?: any; inclusive?: boolean; regex?: RegExp }

function stringValues(core: z.ZodTypeAny, cls: HostileClass): fc.Arbitrary<Hostile>[] {
  const checks = (core._def as { checks: Check[] }).checks
  const min = checks.find((c) => c.kind === 'min' || c.kind === 'length')?.value as number | undefined
  const max = checks.find((c) => c.kind === 'max' || c.kind === 'length')?.value as number | undefined
  const trims = checks.some((c) => c.kind === 'trim')
  const regex = checks.find((c) => c.kind === 'regex')?.regex
  const out: fc.Arbitrary<Hostile>[] = []
  if (cls === 'hygiene') {
    if (trims && min !== undefined && min >= 1)
      out.push(fc.constantFrom(...ZERO_WIDTH_ONLY).map((value) => ({ value, why: 'zero-width characters only' })))
    if (trims) out.push(fc.constantFrom(...CONTROLS).map((value) => ({ value, why: 'control, surrogate or bidi characters' })))
    if (regex?.source.includes('cloud:'))
      out.push(fc.constantFrom(...OTHER_ENV_FILES).map((value) => ({ value, why: 'file id of another env' })))
    return out
  }
  out.push(wrongType('string'))
  if (min !== undefined && min >= 1) {
    out.push(fc.constant({ value: '', why: 'empty string' }))
    if (trims)
      out.push(fc.constantFrom(' ', '\t\n\r ', '\u3000\u3000', '\u00A0 ', '\uFEFF').map((value) => ({ value, why: 'whitespace only' })))
    if (min >= 2) out.push(fc.constant({ value: 'a'.repeat(min - 1), why: `${min - 1} character(s), under the minimum` }))
  }
  if (max !== undefined && max < HUGE) {
    out.push(huge.map((value) => ({ value, why: '10,000 characters' })))
    out.push(fc.constant({ value: '长'.repeat(max + 1), why: `${max + 1} characters, over the maximum` }))
  }
  if (regex) {
    const refused = PATTERN_BREAKERS.filter((s) => !regex.test(trims ? s.trim() : s))
    if (refused.length > 0) out.push(fc.constantFrom(...refused).map((value) => ({ value, why: `refused by ${regex}` })))
  }
  return out
}

function numberValues(core: z.ZodTypeAny, cls: HostileClass): fc.Arbitrary<Hostile>[] {
  const checks = (core._def as { checks: Check[] }).checks
  const min = checks.find((c) => c.kind === 'min')
  const max = checks.find((c) => c.kind === 'max')
  const int = checks.some((c) => c.kind === 'int')
  if (cls === 'hygiene') {
    return max ? [] : [fc.constantFrom(...FAR).map((value) => ({ value, why: `${value}: no upper bound` }))]
  }
  const out: fc.Arbitrary<Hostile>[] = [
    wrongType('number'),
    fc.constantFrom(...NULLISH.slice(1)),
    fc.constantFrom('Infinity', '1e308', '-0', '5').map((value) => ({ value, why: `numeric string ${value}` })),
  ]
  const accepted = (v: number) => {
    const n = Object.is(v, -0) ? 0 : v
    if (min && (min.inclusive ? n < min.value : n <= min.value)) return false
    if (max && (max.inclusive ? n > max.value : n >= max.value)) return false
    return !int || Number.isInteger(n)
  }
  const candidates = [-0, -1, -1e308, 0.5, 1e308, Number.MAX_VALUE]
  if (min) candidates.push(min.value, min.value - 1, min.value + 0.5)
  if (max) candidates.push(max.value, max.value + 1, max.value - 0.5)
  // Without bounds every finite number is fine; only the hygiene class pushes those.
  const refused = [...new Set(candidates)].filter((v) => !accepted(v) && (min || max || (int && !Number.isInteger(v))))
  if (refused.length > 0)
    out.push(
      fc
        .constantFrom(...refused)
        .map((value) => ({ value, why: `${Object.is(value, -0) ? '-0' : value}: out of range or not an integer` })),
    )
  return out
}

function enumValues(options: readonly unknown[]): fc.Arbitrary<Hostile>[] {
  const strings = options.filter((o): o is string => typeof o === 'string')
  const names = [
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '$gt',
    '$where',
    '',
    ' ',
    'undefined',
    'null',
    'x'.repeat(HUGE),
    ...strings.flatMap((o) => [o.toUpperCase(), ` ${o}`, `${o}\u200B`, `${o}\u0000`]),
  ].filter((s) => !options.includes(s))
  return [
    wrongType('string'),
    fc.constantFrom(...names).map((value) => ({ value, why: `not an option: ${JSON.stringify(value.slice(0, 20))}` })),
  ]
}

/** Generators of values `schema` refuses, for a field whose valid value in the base is `base`. */
function valuesFor(
  schema: z.ZodTypeAny,
  base: unknown,
  cls: HostileClass,
  path: string,
  invalid: Record<string, unknown[]>,
): fc.Arbitrary<Hostile>[] {
  const field = unwrap(schema)
  if (!field) return []
  const { core } = field
  const name = (core._def as any).typeName as string
  const out: fc.Arbitrary<Hostile>[] = []
  const ruled = cls === 'shape' ? invalid[path] : undefined
  if (ruled?.length)
    out.push(fc.constantFrom(...ruled).map((value) => ({ value, why: `refused by the rules: ${JSON.stringify(value)?.slice(0, 40)}` })))
  const withoutNull = (arbs: fc.Arbitrary<Hostile>[]) =>
    field.nullable ? arbs.map((a) => a.filter((h) => jsonKind(h.value) !== 'null')) : arbs
  switch (name) {
    case 'ZodString':
      return [...out, ...withoutNull(stringValues(core, cls))]
    case 'ZodNumber':
      return [...out, ...withoutNull(numberValues(core, cls))]
    case 'ZodBoolean':
      return cls === 'shape' ? [...out, ...withoutNull([wrongType('boolean')])] : out
    case 'ZodEnum':
      return cls === 'shape' ? [...out, ...withoutNull(enumValues((core._def as any).values))] : out
    case 'ZodNativeEnum':
      return cls === 'shape' ? [...out, ...withoutNull(enumValues(Object.values((core._def as any).values)))] : out
    case 'ZodLiteral': {
      const literal = (core._def as any).value
      const pool = [...NULLISH, ...NUMBERS, ...STRINGS, ...BOOLEANS, ...ARRAYS, ...OBJECTS].filter((h) => h.value !== literal)
      return cls === 'shape' ? [...out, ...withoutNull([fc.constantFrom(...pool)])] : out
    }
    case 'ZodArray':
      return [...out, ...withoutNull(arrayValues(core, base, cls, path, invalid))]
    case 'ZodObject':
      return [...out, ...withoutNull(objectValues(core as z.AnyZodObject, base, cls, path, invalid))]
    default:
      // Unions, records, any: no value is refused by construction; the field is left alone.
      return out
  }
}

function arrayValues(
  core: z.ZodTypeAny,
  base: unknown,
  cls: HostileClass,
  path: string,
  invalid: Record<string, unknown[]>,
): fc.Arbitrary<Hostile>[] {
  const def = core._def as any
  const max = def.maxLength?.value as number | undefined
  const min = def.minLength?.value as number | undefined
  const items = Array.isArray(base) ? base : []
  const out: fc.Arbitrary<Hostile>[] = []
  if (cls === 'shape') {
    out.push(wrongType('array'))
    if (max !== undefined) {
      out.push(
        fc.constant({
          value: Array.from({ length: max + 1 }, (_, i) => items[i % Math.max(1, items.length)] ?? 'x'),
          why: `${max + 1} items, over the maximum`,
        }),
      )
      out.push(fc.constant({ value: Array.from({ length: 1000 }, () => null), why: '1,000 items' }))
    }
    if (min !== undefined && min >= 1) out.push(fc.constant({ value: [], why: 'empty list' }))
  }
  // One bad item among the good ones, within the maximum.
  const bad = valuesFor(def.type, items[0], cls, `${path}[]`, invalid)
  if (bad.length > 0) {
    const kept = max !== undefined ? items.slice(0, Math.max(0, max - 1)) : items
    out.push(
      fc
        .oneof(...bad)
        .chain((h) =>
          fc
            .nat({ max: kept.length })
            .map((at) => ({ value: [...kept.slice(0, at), h.value, ...kept.slice(at)], why: `an item: ${h.why}` })),
        ),
    )
  }
  return out
}

function objectValues(
  core: z.AnyZodObject,
  base: unknown,
  cls: HostileClass,
  path: string,
  invalid: Record<string, unknown[]>,
): fc.Arbitrary<Hostile>[] {
  const inner = base !== null && typeof base === 'object' && !Array.isArray(base) ? (base as Record<string, unknown>) : {}
  const out: fc.Arbitrary<Hostile>[] = cls === 'shape' ? [wrongType('object')] : []
  const fields = Object.entries(core.shape as Record<string, z.ZodTypeAny>).flatMap(([key, schema]) => {
    const arbs = valuesFor(schema, inner[key], cls, `${path}.${key}`, invalid)
    return arbs.length > 0 ? [{ key, arb: fc.oneof(...arbs) }] : []
  })
  if (fields.length > 0) {
    out.push(
      fc.oneof(
        ...fields.map(({ key, arb }) =>
          arb.map((h) => {
            const value = copy(inner)
            setOwn(value, key, h.value)
            return { value, why: `${key}: ${h.why}` }
          }),
        ),
      ),
    )
  }
  return out
}

/** Unknown top-level fields a case may carry; never one the schema knows. */
const EXTRAS: [string, unknown][] = [
  ['$where', 'sleep(1000)'],
  ['$gt', ''],
  ['$set', { pointsBalance: 1e9 }],
  ['__proto__', { isAdmin: true, grants: [{ role: 'admin' }] }],
  ['constructor', { prototype: { isAdmin: true } }],
  ['prototype', { polluted: true }],
  ['_id', 'forced-id'],
  ['openid', 'demo-admin'],
  ['OPENID', 'demo-admin'],
  ['userInfo', { openId: 'demo-admin' }],
]

/**
 * Cases for an action: `base` with one field replaced by a value of `options.class`, and some
 * unknown fields. Undefined when the schema has no field such a value could go in.
 */
export function hostileCases(
  schema: z.ZodTypeAny,
  base: Record<string, unknown>,
  options: HostileOptions,
): fc.Arbitrary<HostileCase> | undefined {
  const shape = shapeOf(schema)
  if (!shape) return undefined
  const invalid = options.invalid ?? {}
  const fields = Object.entries(shape).flatMap(([key, s]) => {
    const arbs = valuesFor(s, base[key], options.class, key, invalid)
    return arbs.length > 0 ? [{ key, arb: fc.oneof(...arbs) }] : []
  })
  if (fields.length === 0) return undefined
  const extras = EXTRAS.filter(([key]) => !(key in shape))
  return fc
    .tuple(fc.oneof(...fields.map(({ key, arb }) => arb.map((h) => ({ key, h })))), fc.subarray(extras, { maxLength: 3 }))
    .map(([{ key, h }, added]) => {
      const input = copy(base)
      for (const [k, v] of added) setOwn(input, k, copy(v))
      setOwn(input, key, h.value)
      return { input, field: key, why: h.why, extras: added.map(([k]) => k) }
    })
}

/** Unknown fields only, for actions without parameters. */
export function extraFieldCases(): fc.Arbitrary<HostileCase> {
  return fc.tuple(fc.subarray(EXTRAS, { minLength: 1 }), wrongType('null')).map(([added, h]) => {
    const input: Record<string, unknown> = {}
    for (const [k, v] of added) setOwn(input, k, copy(v))
    setOwn(input, 'filter', h.value)
    return { input, field: '(none)', why: `unknown fields; filter: ${h.why}`, extras: [...added.map(([k]) => k), 'filter'] }
  })
}

/** A short printable form of an input for reports (long strings cut, controls escaped). */
export function describeInput(input: unknown): string {
  // eslint-disable-next-line no-control-regex
  const invisible = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ud800-\udfff]/g
  const text = JSON.stringify(input, (_key, value) =>
    typeof value === 'string' && value.length > 40 ? `${value.slice(0, 20)}…(${value.length} chars)` : value,
  )
  return (text ?? String(input)).replace(invisible, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).slice(0, 400)
}
