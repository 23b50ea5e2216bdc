/**
 * Which declared index would MongoDB's planner use for a query, and would it serve the query
 * without a collection scan or a blocking sort? Strict-index mode reports the queries no index
 * serves; operations.ts walks the chosen index in order.
 *
 * An index serves a query (filter + sort) when, walking its fields in order:
 * - every field with an equality (`a: v`, `$eq`, `$in` of one value; on a multikey field too)
 *   comes first (any order among themselves): the equality prefix;
 * - the sort fields follow in order, all in the index's direction or all reversed (a sort field
 *   fixed by an equality drops out of the sort; equality fields may sit between sort fields);
 * - range, `$in` and other conditions (`$ne`, `$nin`, `$exists`, regex, the fields of a `$or`
 *   beside other conditions…) sit on fields of the index after that (ESR: equality, sort,
 *   range), so they filter on index keys; a filter field outside the index would need every
 *   candidate fetched and filtered: not served;
 * - the index bounds the scan (some prefix equality, a range on its first field) or gives the
 *   sort; an index used for neither would be a full index scan.
 * `$in` with several values on a prefix field is a set of point ranges. Followed by a sort,
 * MongoDB scans each point range in order and merges them (SORT_MERGE, "explode for sort") as
 * long as there are at most 200 of them; beyond that it sorts in memory: not served.
 * A query that is only a `$or` is served when every branch (with the sort) is.
 * `_id` is always indexed (`{ _id: 1 }`).
 */
import { isPointValue, type CollectionIndex } from './indexes'

type AnyObject = Record<string, unknown>
export type Direction = 1 | -1

/** MongoDB's internalQueryMaxScansToExplode. */
export const MAX_SCANS_TO_EXPLODE = 200

export interface IndexShape {
  name: string
  fields: string[]
  directions: Direction[]
}

/** What a query asks of one field. `in` with one value is an `eq`. */
export type Condition =
  | { kind: 'eq'; value: unknown }
  | { kind: 'in'; values: unknown[] }
  | { kind: 'range'; ops: AnyObject }
  | { kind: 'geo' }
  | { kind: 'other' }

export interface QueryShape {
  fields: Map<string, Condition>
  /** Branches of a `$or` (each a whole shape), when the query has one. */
  or?: QueryShape[]
  /** Operators no index can use (`$expr`, `$where`, `$text`…). */
  opaque: string[]
}

export interface SortKey {
  field: string
  direction: Direction
}

/** How one index would run a query. */
export interface IndexPlan {
  index: IndexShape
  /** Leading index fields fixed by equality (several values: separate point ranges), in index order. */
  points: { field: string; values: unknown[] }[]
  /** The first index field after the points, when the query has a range on it (bounds the scan). */
  range?: { field: string; direction: Direction; ops: AnyObject }
  /** The sort (if any) is the index order (walked forward, or backward when `reverse`). */
  sorted: boolean
  reverse: boolean
  /** Filter fields the index lacks: every candidate would be fetched to test them. */
  uncovered: string[]
  /** Equality fields not in the prefix. */
  misplaced: string[]
  /** The index bounds the scan or gives the sort. */
  usable: boolean
  served: boolean
  /** Fields of the index the query uses from its start (for naming the closest index). */
  score: number
}

export interface Verdict {
  served: boolean
  /** The serving plan, or the closest index's plan when none serves. */
  plan?: IndexPlan
  filterFields: string[]
  sort: SortKey[]
  reason?: string
}

const ID_INDEX: IndexShape = { name: '_id_', fields: ['_id'], directions: [1] }

export function shapesOf(indexes: CollectionIndex[]): IndexShape[] {
  const declared = indexes
    .filter((i) => !i.geoField)
    .map((i) => ({ name: i.spec.name, fields: i.fields, directions: i.fields.map((f) => (i.spec.keys[f] === -1 ? -1 : 1) as Direction) }))
  return [...declared, ID_INDEX]
}

export function sortOf(order?: AnyObject): SortKey[] {
  return Object.entries(order ?? {}).map(([field, dir]) => ({ field, direction: (dir === -1 || dir === 'desc' ? -1 : 1) as Direction }))
}

function isPlain(value: unknown): value is AnyObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte'])
const GEO = new Set(['$geoWithin', '$geoIntersects', '$nearSphere', '$near'])

function conditionOf(condition: unknown): Condition {
  if (!isPlain(condition) || !Object.keys(condition).some((k) => k.startsWith('$'))) {
    return condition instanceof RegExp ? { kind: 'other' } : { kind: 'eq', value: condition }
  }
  if ('$eq' in condition) return { kind: 'eq', value: condition.$eq }
  const ops = Object.keys(condition)
  if (Array.isArray(condition.$in) && ops.length === 1 && !condition.$in.some((v) => v instanceof RegExp)) {
    return condition.$in.length === 1 ? { kind: 'eq', value: condition.$in[0] } : { kind: 'in', values: condition.$in }
  }
  if (ops.every((k) => RANGE.has(k))) return { kind: 'range', ops: condition }
  if (ops.some((k) => GEO.has(k))) return { kind: 'geo' }
  return { kind: 'other' }
}

/** Two conditions on one field (from `$and`): an equality wins, as its bounds are the tightest. */
function combine(a: Condition | undefined, b: Condition): Condition {
  if (!a) return b
  if (a.kind === 'eq') return a
  if (b.kind === 'eq') return b
  if (a.kind === 'range' && b.kind === 'range') return { kind: 'range', ops: { ...a.ops, ...b.ops } }
  return a.kind === 'other' ? b : a
}

/** Every field a (sub)query mentions, `$or`/`$nor`/`$elemMatch` included. */
function fieldsIn(query: AnyObject, base = ''): string[] {
  const out: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (Array.isArray(value)) for (const part of value) if (isPlain(part)) out.push(...fieldsIn(part, base))
    } else if (!key.startsWith('$')) {
      out.push(base + key)
    }
  }
  return out
}

export function shapeOf(query: AnyObject): QueryShape {
  const shape: QueryShape = { fields: new Map(), opaque: [] }
  const visit = (q: AnyObject) => {
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const part of value) if (isPlain(part)) visit(part)
      } else if (key === '$or' && Array.isArray(value)) {
        const branches = value.filter(isPlain).map(shapeOf)
        // Two `$or`s in one conjunction: the first one plans, the other filters.
        if (shape.or) for (const f of fieldsIn({ $or: value })) shape.fields.set(f, combine(shape.fields.get(f), { kind: 'other' }))
        else shape.or = branches
      } else if (key === '$nor' && Array.isArray(value)) {
        for (const f of fieldsIn({ $nor: value })) shape.fields.set(f, combine(shape.fields.get(f), { kind: 'other' }))
      } else if (key.startsWith('$')) {
        shape.opaque.push(key)
      } else if (isPlain(value) && isPlain(value.$elemMatch) && Object.keys(value).length === 1) {
        // Conditions on sub-fields of one array element: each uses the index on `field.sub`.
        const inner = shapeOf(value.$elemMatch)
        for (const [f, c] of inner.fields) shape.fields.set(`${key}.${f}`, combine(shape.fields.get(`${key}.${f}`), c))
        if (inner.fields.size === 0) shape.fields.set(key, combine(shape.fields.get(key), { kind: 'other' }))
      } else {
        shape.fields.set(key, combine(shape.fields.get(key), conditionOf(value)))
      }
    }
  }
  visit(query)
  return shape
}

/** The fields a shape filters on (a `$or`'s fields included). */
export function filterFieldsOf(shape: QueryShape): string[] {
  const fields = new Set(shape.fields.keys())
  for (const branch of shape.or ?? []) for (const f of filterFieldsOf(branch)) fields.add(f)
  return [...fields]
}

/** The shape with a `$or`'s fields as plain filters (the index is chosen by the other conditions). */
function flattenOr(shape: QueryShape): QueryShape {
  const fields = new Map(shape.fields)
  for (const f of filterFieldsOf(shape)) if (!fields.has(f)) fields.set(f, { kind: 'other' })
  return { fields, opaque: shape.opaque }
}

/** How `index` would run a shape (its `$or`, if any, already flattened) sorted by `sort`. */
export function planIndex(index: IndexShape, shape: QueryShape, sort: SortKey[]): IndexPlan {
  const conditions = shape.fields
  const sortRest = sort.filter((s) => conditions.get(s.field)?.kind !== 'eq')
  const points: IndexPlan['points'] = []
  const equalities = new Set<string>()
  let s = 0
  let walk: Direction | undefined
  let i = 0
  for (; i < index.fields.length; i++) {
    const field = index.fields[i]!
    const condition = conditions.get(field)
    if (condition?.kind === 'eq') {
      // Between sort fields an equality is still one point: the order holds.
      if (s === 0) points.push({ field, values: [condition.value] })
      equalities.add(field)
      continue
    }
    if (condition?.kind === 'in' && s === 0) {
      points.push({ field, values: condition.values })
      continue
    }
    const next = sortRest[s]
    if (next && next.field === field) {
      const direction = (next.direction * index.directions[i]!) as Direction
      if (walk !== undefined && walk !== direction) break
      walk = direction
      s += 1
      continue
    }
    break
  }
  const after = index.fields[points.length]
  const afterCondition = after === undefined ? undefined : conditions.get(after)
  const range =
    after !== undefined && afterCondition?.kind === 'range'
      ? { field: after, direction: index.directions[points.length]!, ops: afterCondition.ops }
      : undefined
  const sorted = s === sortRest.length
  const explode = points.reduce((n, p) => n * p.values.length, 1)
  const uncovered = [...conditions.keys()].filter((f) => !index.fields.includes(f))
  const misplaced = [...conditions.entries()].filter(([f, c]) => c.kind === 'eq' && !equalities.has(f)).map(([f]) => f)
  const firstBounded = ['eq', 'in', 'range'].includes(conditions.get(index.fields[0]!)?.kind ?? '')
  const usable = points.length > 0 || s > 0 || firstBounded
  const merges = sortRest.length > 0 && explode > 1
  const served =
    usable &&
    sorted &&
    uncovered.length === 0 &&
    misplaced.length === 0 &&
    shape.opaque.length === 0 &&
    (!merges || explode <= MAX_SCANS_TO_EXPLODE)
  return {
    index,
    points,
    range,
    sorted,
    reverse: walk === -1,
    uncovered,
    misplaced,
    usable,
    served,
    score: (usable ? i : 0) + (sorted ? 1 : 0) - uncovered.length - misplaced.length,
  }
}

function bestOf(plans: IndexPlan[]): IndexPlan | undefined {
  return [...plans].sort(
    (a, b) => Number(b.served) - Number(a.served) || b.score - a.score || a.index.fields.length - b.index.fields.length,
  )[0]
}

/** Would some index serve `query` sorted by `order`? With the serving (or closest) plan. */
export function judge(indexes: IndexShape[], query: AnyObject, order?: AnyObject, geoFields: string[] = []): Verdict {
  const shape = shapeOf(query)
  const sort = sortOf(order)
  const filterFields = filterFieldsOf(shape)
  const verdict = (plan: IndexPlan | undefined, served: boolean, reason?: string): Verdict => ({
    served,
    plan,
    filterFields,
    sort,
    ...(served ? {} : { reason }),
  })
  if (shape.opaque.length) return verdict(undefined, false, `${shape.opaque.join(', ')} cannot use an index`)
  // At most a few documents, fetched by id and filtered (and sorted) in memory.
  const id = shape.fields.get('_id')?.kind
  if (id === 'eq' || id === 'in') return verdict(planIndex(ID_INDEX, shape, sort), true)
  // A geo condition on a 2dsphere field: the geo index bounds it (other conditions filter what it finds).
  if ([...shape.fields].some(([f, c]) => c.kind === 'geo' && geoFields.includes(f))) return verdict(undefined, true)
  const flat = flattenOr(shape)
  const best = bestOf(indexes.map((index) => planIndex(index, flat, sort)))
  if (best?.served) return verdict(best, true)
  if (shape.or) {
    // Each branch with the conditions beside the `$or`, planned on its own (MongoDB's OR plan).
    const branches = shape.or.map((b) => {
      const merged: QueryShape = { fields: new Map(shape.fields), opaque: [...b.opaque] }
      for (const [f, c] of b.fields) merged.fields.set(f, combine(merged.fields.get(f), c))
      const fields = flattenOr({ ...b, fields: merged.fields }).fields
      return bestOf(indexes.map((index) => planIndex(index, { fields, opaque: merged.opaque }, sort)))
    })
    if (branches.length > 0 && branches.every((p) => p?.served)) return verdict(best, true)
  }
  return verdict(best, false, reasonOf(best, sort))
}

function reasonOf(plan: IndexPlan | undefined, sort: SortKey[]): string {
  if (!plan) return 'no index'
  const why: string[] = []
  if (!plan.usable) why.push('no index bounds the scan (no equality or range on its first field) or gives the sort')
  if (plan.misplaced.length) why.push(`equality on ${plan.misplaced.join(', ')} is not in the index's leading fields`)
  if (!plan.sorted && sort.length) why.push('the sort is not the index order after the equality fields: a blocking sort')
  if (plan.sorted && sort.length && plan.points.reduce((n, p) => n * p.values.length, 1) > MAX_SCANS_TO_EXPLODE) {
    why.push(`$in gives more than ${MAX_SCANS_TO_EXPLODE} point ranges before the sort: a blocking sort`)
  }
  if (plan.uncovered.length) why.push(`${plan.uncovered.join(', ')} not in the index: every candidate fetched to filter`)
  return why.join('; ')
}

/** `{ a: 1, b: -1 }` of an index, for reports. */
export function keysText(index: IndexShape): string {
  return `{ ${index.fields.map((f, i) => `${f}: ${index.directions[i]}`).join(', ')} }`
}

/**
 * The index operations.ts walks for a find, in its order, stopping at the limit: one that
 * bounds the scan (equality prefix or a range on the next field) or gives the sort, and gives
 * the sort when there is one. Undefined when none does (the find then filters a scan) or when
 * `_id` picks the documents.
 */
export function walkPlan(
  indexes: IndexShape[],
  query: AnyObject,
  order?: AnyObject,
  sparse: Set<string> = new Set(),
): IndexPlan | undefined {
  const shape = shapeOf(query)
  const id = shape.fields.get('_id')?.kind
  if (shape.opaque.length || id === 'eq' || id === 'in') return undefined
  const sort = sortOf(order)
  const flat = flattenOr(shape)
  const walkable = (p: IndexPlan) => {
    if (!p.usable || !p.sorted || p.index === ID_INDEX) return false
    if (!p.points.every((point) => point.values.every(isPointValue))) return false
    // A sparse index lacks the documents without its fields: fine for equality on a value or a range only.
    if (sparse.has(p.index.name) && (p.points.some((point) => point.values.includes(null)) || (p.points.length === 0 && !p.range)))
      return false
    const scans = p.points.reduce((n, point) => n * point.values.length, 1)
    return sort.length === 0 || scans <= MAX_SCANS_TO_EXPLODE
  }
  const rank = (p: IndexPlan) => [Number(p.served), p.points.length, Number(Boolean(p.range)), -p.uncovered.length]
  return indexes
    .map((index) => planIndex(index, flat, sort))
    .filter(walkable)
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)]
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!
      return 0
    })[0]
}
