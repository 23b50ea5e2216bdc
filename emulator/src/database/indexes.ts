/**
 * Declared indexes (the same `database/indexes.json`-style declaration deployment reads):
 * each document's key tuples are rows of SQLite's `index_keys` (persistence.ts), so equality
 * on an index's leading fields finds candidates without a scan and without the documents in
 * memory. Unique indexes reject duplicates as the real service does (a missing field counts
 * as null, as in MongoDB, unless the index is `sparse`).
 */
import type { Doc } from './codec'
import { AFTER, SEP, component, rangeBounds } from './keyorder'
import type { Persistence } from './persistence'

export interface IndexSpec {
  name: string
  /**
   * Fields in key order with direction, e.g. `{ communityId: 1, createdAt: -1 }`; `"2dsphere"`
   * makes a geo index on a GeoJSON field (what `geoNear` and the `$geoNear` stage require).
   */
  keys: Record<string, 1 | -1 | '2dsphere'>
  unique?: boolean
  /** Leave out documents that lack the indexed fields (so several may lack them under `unique`). */
  sparse?: boolean
}

/** A stable string for an indexed value: type-tagged so 1 and "1" differ, objects key-sorted. */
export function keyOf(value: unknown): string {
  if (value === undefined || value === null) return 'z'
  if (value instanceof Date) return `d${value.getTime()}`
  if (typeof value === 'number') return `n${value}`
  if (typeof value === 'string') return `s${value}`
  if (typeof value === 'boolean') return `b${value}`
  if (value instanceof RegExp) return `r${value}`
  if (Array.isArray(value)) return `a[${value.map(keyOf).join(',')}]`
  const obj = value as Record<string, unknown>
  return `o{${Object.keys(obj)
    .sort()
    .map((k) => `${k}:${keyOf(obj[k])}`)
    .join(',')}}`
}

export function valueAtPath(doc: unknown, path: string): unknown {
  let current: unknown = doc
  for (const part of path.split('.')) {
    if (current === null || current === undefined) return undefined
    if (Array.isArray(current) && !/^\d+$/.test(part)) {
      const values = current.map((item) => valueAtPath(item, part)).filter((v) => v !== undefined)
      return values.length ? values.flat() : undefined
    }
    current = (current as Record<string, unknown>)[part]
  }
  return current
}

/**
 * Key tuples of one document for `fields` (arrays make several: multikey). A sparse index
 * stops at the first missing field: the tuples of the fields before it (none if it is the
 * first) still let prefix lookups find the document, as the per-prefix keys of MongoDB do.
 */
function tuples(doc: Doc, fields: string[], directions: (1 | -1)[], sparse: boolean): { keys: string[]; complete: boolean } {
  let result: string[] = ['']
  for (const [i, field] of fields.entries()) {
    const value = valueAtPath(doc, field)
    if (value === undefined && sparse) return { keys: result[0] === '' ? [] : result, complete: false }
    const encode = (v: unknown) => component(v, directions[i]!)
    const values = Array.isArray(value) && value.length > 0 ? [...new Set(value.map(encode))] : [encode(value)]
    result = result.flatMap((prefix) => values.map((v) => `${prefix}${SEP}${v}`))
  }
  return { keys: result, complete: true }
}

export class CollectionIndex {
  readonly fields: string[]
  readonly directions: (1 | -1)[]
  /** The GeoJSON field of a `2dsphere` index; such an index serves geo queries, not equality lookups. */
  readonly geoField?: string

  constructor(
    readonly spec: IndexSpec,
    private readonly collection: string,
    private readonly persistence: Persistence,
  ) {
    this.fields = Object.keys(spec.keys)
    this.directions = this.fields.map((f) => (spec.keys[f] === -1 ? -1 : 1))
    this.geoField = this.fields.find((f) => spec.keys[f] === '2dsphere')
  }

  /**
   * Whether a document ever held several keys of this index (an array field), as MongoDB's
   * isMultiKey: never cleared. Unknown until a count needs it, then read from the stored rows
   * once; every document this process indexes afterwards keeps it current.
   */
  private multikey: boolean | undefined

  /** The rows this index stores for `doc`. */
  keys(doc: Doc): string[] {
    if (this.geoField) return []
    const { keys } = tuples(doc, this.fields, this.directions, this.spec.sparse ?? false)
    if (keys.length > 1) this.multikey = true
    return keys
  }

  /** The full key tuples `doc` would take in this index (none for a sparse index it is left out of). */
  uniqueKeys(doc: Doc): string[] {
    if (this.geoField) return []
    const { keys, complete } = tuples(doc, this.fields, this.directions, this.spec.sparse ?? false)
    return complete ? keys : []
  }

  /** Ids of the committed documents that hold a full key tuple. */
  holders(key: string): string[] {
    return this.persistence.holders(this.collection, this.spec.name, key)
  }

  /**
   * Candidate ids for equality values on this index's leading fields (each field may list
   * several values, from `$in`), or undefined when the first field has no equality.
   */
  /** How many leading fields of this index `equalities` pin to point values (what `lookup` would use). */
  prefixUsed(equalities: Map<string, unknown[]>): number {
    if (this.geoField) return 0
    let used = 0
    for (const field of this.fields) {
      const values = equalities.get(field)
      if (!values || !values.every(isPointValue)) break
      used += 1
    }
    return used
  }

  /** The key prefixes `equalities` pin (one per combination of values) and how many fields they span. */
  private pinned(equalities: Map<string, unknown[]>): { prefixes: string[]; used: number } {
    let prefixes: string[] = ['']
    let used = 0
    for (const [i, field] of this.fields.entries()) {
      const values = equalities.get(field)
      // Whole-array and sub-document equality have their own matching rules: scan instead.
      if (!values || !values.every(isPointValue)) break
      prefixes = prefixes.flatMap((p) => values.map((v) => `${p}${SEP}${component(v, this.directions[i]!)}`))
      used += 1
    }
    return { prefixes, used }
  }

  /** How many documents `lookup` would answer, counted from the index rows alone (undefined: as `lookup`). */
  count(equalities: Map<string, unknown[]>): number | undefined {
    if (this.geoField) return undefined
    const { prefixes, used } = this.pinned(equalities)
    if (used === 0) return undefined
    // SQLite allows 500 terms in one compound select; beyond, the ids are gathered instead.
    if (prefixes.length > 200) return this.lookup(equalities)?.size
    // Only in a multikey index can a document hold two of several keys, or two keys under one prefix.
    const partial = used < this.fields.length
    const distinct =
      (prefixes.length > 1 || partial) && (this.multikey ??= this.persistence.hasMultikeyRows(this.collection, this.spec.name))
    return this.persistence.countHolders(this.collection, this.spec.name, prefixes, partial, distinct)
  }

  lookup(equalities: Map<string, unknown[]>): Set<string> | undefined {
    if (this.geoField) return undefined
    const { prefixes, used } = this.pinned(equalities)
    if (used === 0) return undefined
    const ids = new Set<string>()
    for (const key of prefixes) {
      const found =
        used === this.fields.length
          ? this.persistence.holders(this.collection, this.spec.name, key)
          : this.persistence.holdersOfPrefix(this.collection, this.spec.name, key)
      for (const id of found) ids.add(id)
    }
    return ids
  }

  /**
   * Ids in this index's order (backwards when `reverse`) within the prefixes of `points`
   * (values of the leading fields; several values give several prefixes) and the range on the
   * next field. Several prefixes are merged by the rest of the key when `merge` (the order of
   * a sort, as MongoDB's SORT_MERGE), else walked one after another. A multikey document may
   * come more than once; the caller keeps the first.
   */
  *walk(points: unknown[][], range: Record<string, unknown> | undefined, reverse: boolean, merge: boolean): Generator<string> {
    let prefixes: string[] = ['']
    points.forEach((values, i) => {
      prefixes = prefixes.flatMap((p) => values.map((v) => `${p}${SEP}${component(v, this.directions[i]!)}`))
    })
    const bounds = range ? rangeBounds(range, this.directions[points.length]!) : undefined
    const scan = (prefix: string) =>
      bounds
        ? this.persistence.scan(this.collection, this.spec.name, `${prefix}${SEP}${bounds.lo}`, `${prefix}${SEP}${bounds.hi}`, reverse)
        : this.persistence.scan(this.collection, this.spec.name, prefix, `${prefix}${AFTER}`, reverse)
    if (!merge || prefixes.length === 1) {
      for (const prefix of prefixes) for (const row of scan(prefix)) yield row.id
      return
    }
    type Head = { prefix: string; rows: Iterator<{ key: string; id: string }>; row?: { key: string; id: string } }
    const heads: Head[] = []
    try {
      for (const prefix of prefixes) heads.push({ prefix, rows: scan(prefix)[Symbol.iterator]() })
      for (const head of heads) head.row = head.rows.next().value
      for (;;) {
        let best: (typeof heads)[number] | undefined
        for (const head of heads) {
          if (!head.row) continue
          if (!best) best = head
          else {
            const a = head.row.key.slice(head.prefix.length)
            const b = best.row!.key.slice(best.prefix.length)
            if (reverse ? a > b : a < b) best = head
          }
        }
        if (!best) return
        yield best.row!.id
        best.row = best.rows.next().value
      }
    } finally {
      for (const head of heads) head.rows.return?.()
    }
  }
}

/** A value whose equality is one index key (arrays and sub-documents have their own matching rules). */
export function isPointValue(value: unknown): boolean {
  return value === null || typeof value !== 'object' || value instanceof Date
}

const NEGATIVE = new Set(['$ne', '$nin', '$not', '$nor', '$exists'])

/**
 * What a query says about its top-level fields: `equalities` (field → values, from plain
 * values, `$eq` and `$in`) drive index lookups; `constrained` lists every field with a
 * condition an index could serve (ranges too), for the strict-mode report.
 */
export function analyseQuery(query: Record<string, unknown>): { equalities: Map<string, unknown[]>; constrained: Set<string> } {
  const equalities = new Map<string, unknown[]>()
  const constrained = new Set<string>()
  const visit = (q: Record<string, unknown>) => {
    for (const [field, condition] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(condition)) {
        condition.forEach((c) => visit(c as Record<string, unknown>))
        continue
      }
      if (field.startsWith('$')) continue
      const isOperatorObject =
        condition !== null &&
        typeof condition === 'object' &&
        !(condition instanceof Date) &&
        !(condition instanceof RegExp) &&
        !Array.isArray(condition) &&
        Object.keys(condition).some((k) => k.startsWith('$'))
      if (!isOperatorObject) {
        if (!(condition instanceof RegExp)) equalities.set(field, [condition])
        constrained.add(field)
        continue
      }
      const ops = condition as Record<string, unknown>
      if ('$eq' in ops) equalities.set(field, [ops.$eq])
      else if (Array.isArray(ops.$in) && !ops.$in.some((v) => v instanceof RegExp)) equalities.set(field, ops.$in)
      if (Object.keys(ops).some((k) => !NEGATIVE.has(k))) constrained.add(field)
    }
  }
  visit(query)
  return { equalities, constrained }
}
