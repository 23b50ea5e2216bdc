/**
 * Our one door to mingo (pinned in package.json). An explicit Context holds every operator we
 * allow; `scriptEnabled` is off so a stored query can never run code. mingo's known
 * deviations from MongoDB are corrected here by registering our own operators under the
 * standard names — possible because we build the Context ourselves instead of using mingo's
 * default one (whose built-ins cannot be overridden).
 */
import { Context, evalExpr } from 'mingo/core'
import { Query } from 'mingo/query'
import { Aggregator } from 'mingo/aggregator'
import { update as mingoUpdate } from 'mingo/updater'
import * as accumulatorOperators from 'mingo/operators/accumulator'
import * as expressionOperators from 'mingo/operators/expression'
import * as pipelineOperators from 'mingo/operators/pipeline'
import * as projectionOperators from 'mingo/operators/projection'
import * as queryOperators from 'mingo/operators/query'
import * as windowOperators from 'mingo/operators/window'
import { isOperator, resolve } from 'mingo/util'
import type { Options } from 'mingo/types'
import { CloudbaseError, ErrorCode } from '../errors'
import type { Doc } from './codec'
import { asGeometry, asPoint, distanceToGeometry, intersects, isGeometry, within, withinCenterSphere } from './geo'
import { compileJsonSchema } from './jsonschema'

type AnyObject = Record<string, unknown>
// mingo's operator callback types are internal; these mirror their shapes.
type QueryOp = (selector: string, value: unknown, options: Options) => (obj: AnyObject) => boolean
type ExprOp = (obj: AnyObject, expr: unknown, options: Options) => unknown

const isPlainObject = (v: unknown): v is AnyObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)

/**
 * `$elemMatch`: with field conditions (`{ a: 1 }`) only documents inside the array can match —
 * mingo also tests scalar elements, so `{ a: { $exists: false } }` matched numbers. With
 * operator conditions (`{ $gt: 1 }`) each element itself is tested, as in MongoDB.
 */
const $elemMatch: QueryOp = (selector, criteria, options) => {
  const c = (criteria ?? {}) as AnyObject
  const keys = Object.keys(c)
  const operatorForm = keys.length > 0 && keys.every((k) => isOperator(k) && !['$and', '$or', '$nor'].includes(k))
  const predicate = operatorForm
    ? (
        (q) => (v: unknown) =>
          q.test({ v })
      )(new Query({ v: c }, options))
    : (
        (q) => (v: unknown) =>
          isPlainObject(v) && q.test(v)
      )(new Query(c, options))
  return (obj) => {
    const value = resolve(obj, selector, { unwrapArray: true } as never)
    return Array.isArray(value) && value.some(predicate)
  }
}

/** `$week`: weeks start on Sunday; days before the year's first Sunday are week 0. */
const $week: ExprOp = (obj, expr, options) => {
  const dayOfYear = (expressionOperators.$dayOfYear as unknown as ExprOp)(obj, expr, options) as number | null
  const dayOfWeek = (expressionOperators.$dayOfWeek as unknown as ExprOp)(obj, expr, options) as number | null
  if (dayOfYear == null || dayOfWeek == null) return null
  return Math.floor((dayOfYear + 7 - dayOfWeek) / 7)
}

/** `$substr`/`$substrBytes`: a negative start gives "", a negative count means "to the end". */
const substrBytes: ExprOp = (obj, expr, options) => {
  const [str, index, length] = evalExpr(obj, expr, options) as [unknown, unknown, unknown]
  if (typeof index === 'number' && index < 0) return ''
  let count = length
  if (typeof str === 'string' && typeof index === 'number' && typeof length === 'number' && length < 0) {
    count = Math.max(0, Buffer.byteLength(str, 'utf8') - index)
  }
  return (expressionOperators.$substrBytes as unknown as ExprOp)(obj, [{ $literal: str }, index, count], options)
}

/** `$indexOfCP`: index in code points (mingo lacks it). */
const $indexOfCP: ExprOp = (obj, expr, options) => {
  const [str, search, start, end] = evalExpr(obj, expr, options) as unknown[]
  if (str === null || str === undefined) return null
  if (typeof str !== 'string' || typeof search !== 'string')
    throw new CloudbaseError(ErrorCode.RequestFailed, '$indexOfCP requires strings')
  const chars = Array.from(str)
  const from = typeof start === 'number' ? start : 0
  const to = typeof end === 'number' ? end : chars.length
  if (from < 0 || to < 0) throw new CloudbaseError(ErrorCode.RequestFailed, '$indexOfCP requires non-negative indexes')
  if (from > to) return -1
  const index = chars.slice(from, to).join('').indexOf(search)
  return index < 0 ? -1 : Array.from(chars.slice(from, to).join('').slice(0, index)).length + from
}

/**
 * `$bucket`: each boundary is the inclusive lower bound of its bucket (mingo puts a value
 * equal to an inner boundary into the bucket below). Expressed as `$group` on a `$switch`,
 * then sorted by bucket, as MongoDB answers.
 */
type PipelineOp = (collection: unknown, expr: unknown, options: Options) => unknown
const $bucket: PipelineOp = (collection, expr, options) => {
  const {
    groupBy,
    boundaries,
    default: fallback,
    output,
  } = expr as {
    groupBy: unknown
    boundaries: unknown[]
    default?: unknown
    output?: AnyObject
  }
  if (!Array.isArray(boundaries) || boundaries.length < 2) {
    throw new CloudbaseError(ErrorCode.RequestFailed, '[FailedOperation] $bucket needs at least two boundaries')
  }
  const branches = boundaries.slice(0, -1).map((lower, i) => ({
    case: { $and: [{ $gte: [groupBy, lower] }, { $lt: [groupBy, boundaries[i + 1]] }] },
    then: lower,
  }))
  const group = {
    _id: { $switch: { branches, ...(fallback !== undefined ? { default: fallback } : {}) } },
    ...(output ?? { count: { $sum: 1 } }),
  }
  const grouped = (pipelineOperators.$group as unknown as PipelineOp)(collection, group, options)
  return (pipelineOperators.$sort as unknown as PipelineOp)(grouped, { _id: 1 }, options)
}

/**
 * `$nearSphere`/`$near` with a GeoJSON `$geometry` (what `db.command.geoNear` sends): the
 * field's geometry lies between `$minDistance` and `$maxDistance` metres. Ordering by distance
 * and the index requirement are the find's business (operations.ts).
 */
const $nearSphere: QueryOp = (selector, spec) => {
  const { point, min, max } = nearSpec(spec)
  return (obj) => {
    const value = resolve(obj, selector)
    if (!isGeometry(value)) return false
    const distance = distanceToGeometry(point, value)
    return distance >= min && distance <= max
  }
}

export interface NearSpec {
  point: [number, number]
  min: number
  max: number
}

export function nearSpec(spec: unknown): NearSpec {
  if (!isPlainObject(spec) || !('$geometry' in spec)) {
    throw new CloudbaseError(ErrorCode.RequestFailed, '[FailedOperation] $nearSphere needs a GeoJSON $geometry point')
  }
  const limit = (key: string, fallback: number) => {
    const v = spec[key]
    if (v === undefined || v === null) return fallback
    if (typeof v !== 'number' || v < 0)
      throw new CloudbaseError(ErrorCode.RequestFailed, `[FailedOperation] ${key} must be a non-negative number`)
    return v
  }
  return { point: asPoint(spec.$geometry, '$geometry'), min: limit('$minDistance', 0), max: limit('$maxDistance', Infinity) }
}

const $geoWithin: QueryOp = (selector, spec) => {
  const s = (spec ?? {}) as AnyObject
  let test: (g: Parameters<typeof within>[0]) => boolean
  if ('$geometry' in s) {
    const area = asGeometry(s.$geometry, '$geoWithin.$geometry')
    test = (g) => within(g, area)
  } else if (Array.isArray(s.$centerSphere) && s.$centerSphere.length === 2 && typeof s.$centerSphere[1] === 'number') {
    const center = asPoint(s.$centerSphere[0], '$centerSphere center')
    const radians = s.$centerSphere[1]
    test = (g) => withinCenterSphere(g, center, radians)
  } else {
    throw new CloudbaseError(
      ErrorCode.RequestFailed,
      '[FailedOperation] $geoWithin needs $geometry or $centerSphere: [[lng, lat], radians]',
    )
  }
  return (obj) => {
    const value = resolve(obj, selector)
    return isGeometry(value) && test(value)
  }
}

const $geoIntersects: QueryOp = (selector, spec) => {
  const shape = asGeometry(((spec ?? {}) as AnyObject).$geometry, '$geoIntersects.$geometry')
  return (obj) => {
    const value = resolve(obj, selector)
    return isGeometry(value) && intersects(value, shape)
  }
}

/** Served by operations.ts when it is the first stage; anywhere else MongoDB refuses it. */
const $geoNearElsewhere = () => {
  throw new CloudbaseError(ErrorCode.RequestFailed, '[FailedOperation] $geoNear is only valid as the first stage in a pipeline.')
}

const CONTEXT = Context.init({
  accumulator: accumulatorOperators as never,
  expression: { ...expressionOperators, $week, $substr: substrBytes, $substrBytes: substrBytes, $indexOfCP } as never,
  pipeline: { ...pipelineOperators, $bucket, $geoNear: $geoNearElsewhere } as never,
  projection: projectionOperators as never,
  query: { ...queryOperators, $elemMatch, $nearSphere, $near: $nearSphere, $geoWithin, $geoIntersects } as never,
  window: windowOperators as never,
})

const jsonSchemaValidator = (schema: AnyObject) => {
  const check = compileJsonSchema(schema)
  return (obj: AnyObject) => check(obj)
}

function options_(extra: Partial<Options> = {}): Partial<Options> {
  return { context: CONTEXT, scriptEnabled: false, useStrictMode: true, idKey: '_id', jsonSchemaValidator, ...extra }
}

/** Wraps mingo's errors (bad operators, wrong argument types) as the service's request error. */
function guarded<T>(fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof CloudbaseError) throw error
    throw new CloudbaseError(ErrorCode.RequestFailed, `[FailedOperation] ${(error as Error).message}`)
  }
}

export function compileQuery(query: AnyObject): (doc: Doc) => boolean {
  const q = guarded(() => new Query(query, options_()))
  return (doc) => guarded(() => q.test(doc))
}

export function applyUpdate(doc: Doc, modifier: AnyObject): void {
  guarded(() => mingoUpdate(doc, modifier as never, undefined, undefined, { cloneMode: 'deep', queryOptions: options_() }))
}

export function projectDocs(docs: Doc[], projection: AnyObject): Doc[] {
  return guarded(() => new Query({}, options_()).find(docs, projection as never).all() as Doc[])
}

export function runPipeline(docs: Doc[], pipeline: AnyObject[], resolveCollection: (name: string) => Doc[]): Doc[] {
  return guarded(() => new Aggregator(pipeline, options_({ collectionResolver: resolveCollection as never })).run(docs) as unknown as Doc[])
}

/** Filter, sort (keys in priority order), skip, limit and project, as `where().get()` does. */
export function findDocs(
  docs: Doc[],
  query: AnyObject,
  options: { order?: AnyObject; offset?: number; limit?: number; projection?: AnyObject },
): Doc[] {
  return guarded(() => {
    const projection = options.projection ? findProjection(options.projection) : {}
    let cursor = new Query(query, options_()).find(docs, projection as never)
    if (options.order && Object.keys(options.order).length) cursor = cursor.sort(options.order as never)
    if (options.offset) cursor = cursor.skip(options.offset)
    if (options.limit !== undefined) cursor = cursor.limit(options.limit)
    return cursor.all() as Doc[]
  })
}

/**
 * A find projection as MongoDB 4.0 reads it (the version the service's API matches: its
 * `$geoNear` still takes `limit`): naming a field and one of its sub-fields (`a` and `a.b`)
 * the same way returns or hides the whole field. MongoDB 4.4 made that a "Path collision";
 * mingo follows 4.4, so the sub-field is dropped here first.
 */
export function findProjection(projection: AnyObject): AnyObject {
  const plain = (v: unknown) => typeof v === 'number' || typeof v === 'boolean'
  const keys = Object.keys(projection).filter((k) => plain(projection[k]))
  const kind = (k: string) => Boolean(projection[k])
  const covered = (k: string) => keys.some((parent) => parent !== k && k.startsWith(`${parent}.`) && kind(parent) === kind(k))
  return Object.fromEntries(Object.entries(projection).filter(([k]) => !(keys.includes(k) && covered(k))))
}
