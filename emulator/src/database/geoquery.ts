/**
 * What geo queries need beyond matching (mingo.ts matches): a 2dsphere index, as the real
 * service requires for `geoNear`; ordering by distance; the `$geoNear` stage; and the check
 * that values stored in a 2dsphere-indexed field are geometries.
 */
import { CloudbaseError, ErrorCode } from '../errors'
import type { Doc } from './codec'
import { asPoint, distanceToGeometry, isGeometry } from './geo'
import { valueAtPath, type CollectionIndex } from './indexes'
import { compileQuery, nearSpec, type NearSpec } from './mingo'

type AnyObject = Record<string, unknown>

const NEAR = ['$nearSphere', '$near']
const isObject = (v: unknown): v is AnyObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp)

function failed(message: string): CloudbaseError {
  return new CloudbaseError(ErrorCode.RequestFailed, `[FailedOperation] ${message}`)
}

/** The `$nearSphere` condition of a query (top level or inside `$and`), if any. */
export function findNear(query: AnyObject): (NearSpec & { field: string }) | undefined {
  for (const [field, condition] of Object.entries(query)) {
    if (field === '$and' && Array.isArray(condition)) {
      for (const part of condition) {
        const found = isObject(part) ? findNear(part) : undefined
        if (found) return found
      }
    }
    if (field.startsWith('$') || !isObject(condition)) continue
    const op = NEAR.find((k) => k in condition)
    if (op) return { field, ...nearSpec(condition[op]) }
  }
  return undefined
}

/** `count()` and an aggregation `$match` cannot sort by distance; MongoDB refuses them there. */
export function rejectNear(query: AnyObject): void {
  if (findNear(query)) throw failed('$geoNear, $near, and $nearSphere are not allowed in this context')
}

export function geoIndexOn(indexes: CollectionIndex[], field: string): CollectionIndex | undefined {
  return indexes.find((index) => index.geoField === field)
}

/** A near query without a 2dsphere index on its field fails at planning, as in MongoDB. */
export function requireGeoIndex(indexes: CollectionIndex[], collection: string, field: string): void {
  if (geoIndexOn(indexes, field)) return
  throw failed(
    `error processing query: ns=${collection} Tree: GEONEAR field=${field} isNearSphere=1 planner returned error: unable to find index for $geoNear query`,
  )
}

/** Matching documents nearest first (ties in natural order). */
export function byDistance(docs: Doc[], near: NearSpec & { field: string }): Doc[] {
  return docs
    .map((doc, i) => ({ doc, i, d: distanceOf(doc, near.field, near.point) }))
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .map((x) => x.doc)
}

function distanceOf(doc: Doc, field: string, point: [number, number]): number {
  const value = valueAtPath(doc, field)
  return isGeometry(value) ? distanceToGeometry(point, value) : Infinity
}

/** MongoDB 4.0's default number of documents `$geoNear` returns. */
export const GEO_NEAR_DEFAULT_LIMIT = 100

/**
 * The `$geoNear` stage (first stage only): documents with a geometry in the indexed field,
 * within `minDistance`..`maxDistance` metres of `near` and matching `query`, nearest first,
 * each with its distance in `distanceField` (times `distanceMultiplier`) and, with
 * `includeLocs`, the location it was measured to.
 */
export function geoNearStage(docs: Doc[], indexes: CollectionIndex[], collection: string, raw: unknown): Doc[] {
  if (!isObject(raw)) throw failed('$geoNear requires an object')
  const spec = raw
  const geoIndexes = indexes.filter((i) => i.geoField)
  let field: string
  if (typeof spec.key === 'string') {
    if (!geoIndexOn(indexes, spec.key)) throw failed(`$geoNear requires a 2d or 2dsphere index on key: ${spec.key}, but none were found`)
    field = spec.key
  } else if (geoIndexes.length === 0) {
    throw failed('$geoNear requires a 2d or 2dsphere index, but none were found')
  } else if (geoIndexes.length > 1) {
    throw failed(`There is more than one 2dsphere index on ${collection}; unsure which to use for $geoNear`)
  } else {
    field = geoIndexes[0]!.geoField!
  }
  if (typeof spec.distanceField !== 'string' || spec.distanceField === '')
    throw failed("$geoNear requires a 'distanceField' option as a String")
  const point = asPoint(spec.near, '$geoNear near')
  const number = (key: string, fallback: number) => {
    const v = spec[key]
    if (v === undefined || v === null) return fallback
    if (typeof v !== 'number') throw failed(`$geoNear ${key} must be a number`)
    return v
  }
  const min = number('minDistance', 0)
  const max = number('maxDistance', Infinity)
  const multiplier = number('distanceMultiplier', 1)
  const limit = number('limit', number('num', GEO_NEAR_DEFAULT_LIMIT))
  const query = isObject(spec.query) ? spec.query : {}
  rejectNear(query)
  const test = compileQuery(query)
  const found: { doc: Doc; d: number; i: number }[] = []
  docs.forEach((doc, i) => {
    const value = valueAtPath(doc, field)
    if (!isGeometry(value) || !test(doc)) return
    const d = distanceToGeometry(point, value)
    if (d >= min && d <= max) found.push({ doc, d, i })
  })
  return found
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, limit)
    .map(({ doc, d }) => {
      const out = structuredClone(doc)
      setPath(out, spec.distanceField as string, d * multiplier)
      if (typeof spec.includeLocs === 'string') setPath(out, spec.includeLocs, structuredClone(valueAtPath(doc, field)))
      return out
    })
}

function setPath(doc: AnyObject, path: string, value: unknown): void {
  const parts = path.split('.')
  let target = doc
  for (const part of parts.slice(0, -1)) {
    if (!isObject(target[part])) target[part] = {}
    target = target[part] as AnyObject
  }
  target[parts.at(-1)!] = value
}

/** A value in a 2dsphere-indexed field must be a geometry (a missing field is fine), as MongoDB enforces. */
export function checkGeoValues(indexes: CollectionIndex[], doc: Doc): void {
  for (const index of indexes) {
    if (!index.geoField) continue
    const value = valueAtPath(doc, index.geoField)
    if (value === undefined || value === null || isGeometry(value)) continue
    throw failed(`Can't extract geo keys: ${index.geoField} is not a valid GeoJSON geometry: ${JSON.stringify(value)}`)
  }
}
