/**
 * The database operations behind the wire actions, over either the committed state or a
 * transaction's view of it. Writes outside a transaction commit at once (one atomic commit
 * per call); inside one they are staged until commit.
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError, ErrorCode, fail } from '../errors'
import { clone, type Doc } from './codec'
import { byDistance, checkGeoValues, findNear, geoNearStage, rejectNear, requireGeoIndex } from './geoquery'
import { analyseQuery, type CollectionIndex } from './indexes'
import { applyUpdate, compileQuery, findDocs, runPipeline } from './mingo'
import { judge, keysText, shapesOf, walkPlan, type SortKey } from './planner'
import type { PersistedWrite } from './persistence'
import type { Collection, Store } from './store'
import type { Transaction, TransactionManager } from './transactions'

type AnyObject = Record<string, unknown>

export interface FindOptions {
  order?: AnyObject
  offset?: number
  limit?: number
  projection?: AnyObject
}

export interface UnindexedQuery {
  collection: string
  query: AnyObject
  order?: AnyObject
  time: number
  /** Every field the filter tests (a `$or`'s included). */
  filterFields: string[]
  sort: SortKey[]
  /** The declared index that comes closest to serving it, as `name { field: 1, … }`. */
  closest?: string
  /** What that index lacks. */
  reason: string
  /** The cloud function whose invocation made the query (absent: a client outside functions, e.g. a test). */
  functionName?: string
}

/** One line for logs: what to declare to serve the query. */
export function describeUnindexed(r: UnindexedQuery): string {
  const sort = r.sort.length ? ` sort ${r.sort.map((s) => `${s.field}: ${s.direction}`).join(', ')}` : ''
  const by = r.functionName ? ` (function ${r.functionName})` : ''
  return `${r.collection}${by} filter [${r.filterFields.join(', ')}]${sort}; closest index ${r.closest ?? 'none'}: ${r.reason} (query ${JSON.stringify(r.query)})`
}

export interface OperationsConfig {
  autoCreateCollections: boolean
  strictIndexes: boolean
  now(): number
  onUnindexed(report: UnindexedQuery): void
}

export class Operations {
  constructor(
    private readonly store: Store,
    private readonly transactions: TransactionManager,
    private readonly config: OperationsConfig,
  ) {}

  /** The function invocation the current request belongs to, for the strict-mode report. */
  private source: string | undefined

  /** Runs one request's operations on behalf of `functionName` (undefined: not a function). */
  on<T>(functionName: string | undefined, run: () => T): T {
    const outer = this.source
    this.source = functionName
    try {
      return run()
    } finally {
      this.source = outer
    }
  }

  /**
   * The collection `name`. A missing one is `DATABASE_COLLECTION_NOT_EXIST`, as in the cloud;
   * with `autoCreateCollections` a write that stores a document (`add`, `set`) creates it
   * first, so code that detects a first run by catching the error on a read still does.
   */
  collection(name: string, storesDocument = false): Collection {
    const coll = this.store.collection(name)
    if (coll) return coll
    if (storesDocument && this.config.autoCreateCollections) return this.store.createCollection(name, this.config.now())
    fail(ErrorCode.CollectionNotExist, `[ResourceNotFound.CollectionNotExist] Db or Table not exist: ${name}`)
  }

  /** Documents that may match `query` (the caller filters), using an index where one applies. */
  private candidates(coll: Collection, query: AnyObject, tx?: Transaction): Doc[] {
    if (tx) return present(this.transactions.ids(tx, coll.name).map((id) => this.transactions.read(tx, coll.name, id)))
    const { equalities } = analyseQuery(query)
    const ids = equalities.get('_id')
    if (ids && ids.every((id) => typeof id === 'string')) return present((ids as string[]).map((id) => coll.get(id)))
    const best = pickIndex(coll.indexes, equalities)
    if (best) return present([...best].map((id) => coll.get(id)))
    return [...coll.values(scanNeedles(equalities))]
  }

  /** Strict mode: reports a query (and sort) that no declared index would serve as MongoDB plans it. */
  private check(coll: Collection, query: AnyObject, order?: AnyObject): void {
    // A near query has its 2dsphere index (requireGeoIndex insists on one).
    if (!this.config.strictIndexes || findNear(query)) return
    const geoFields = coll.indexes.flatMap((i) => (i.geoField ? [i.geoField] : []))
    const verdict = judge(shapesOf(coll.indexes), query, order, geoFields)
    if (verdict.served) return
    const closest = verdict.plan && verdict.plan.index.name !== '_id_' ? verdict.plan.index : undefined
    this.config.onUnindexed({
      collection: coll.name,
      query,
      ...(order ? { order } : {}),
      time: this.config.now(),
      filterFields: verdict.filterFields,
      sort: verdict.sort,
      ...(closest ? { closest: `${closest.name} ${keysText(closest)}` } : {}),
      reason: verdict.reason ?? '',
      ...(this.source ? { functionName: this.source } : {}),
    })
  }

  /**
   * A find answered by walking an index in its order: documents are read one by one from the
   * index rows and tested, and the walk stops once `offset + limit` have matched, so a page
   * costs the same however many documents share its equality prefix.
   */
  private walk(coll: Collection, query: AnyObject, options: FindOptions): Doc[] | undefined {
    const order = options.order && Object.keys(options.order).length ? options.order : undefined
    const sparse = new Set(coll.indexes.filter((i) => i.spec.sparse).map((i) => i.spec.name))
    const plan = walkPlan(shapesOf(coll.indexes), query, order, sparse)
    const index = plan && coll.indexes.find((i) => i.spec.name === plan.index.name)
    if (!plan || !index) return undefined
    const test = compileQuery(query)
    const offset = options.offset ?? 0
    const wanted = options.limit === undefined ? Infinity : offset + options.limit
    const seen = new Set<string>()
    const matched: Doc[] = []
    if (wanted > 0) {
      const points = plan.points.map((p) => p.values)
      for (const id of index.walk(points, plan.range?.ops, plan.reverse, order !== undefined)) {
        if (seen.has(id)) continue
        seen.add(id)
        const doc = coll.get(id)
        if (!doc || !test(doc)) continue
        matched.push(doc)
        if (matched.length >= wanted) break
      }
    }
    const page = matched.slice(offset)
    return options.projection ? findDocs(page, {}, { projection: options.projection }) : page
  }

  find(name: string, query: AnyObject, options: FindOptions, tx?: Transaction): Doc[] {
    const coll = this.collection(name)
    const near = findNear(query)
    if (near) requireGeoIndex(coll.indexes, name, near.field)
    this.check(coll, query, options.order)
    if (!near && !tx) {
      const walked = this.walk(coll, query, options)
      if (walked) return walked.map(clone)
    }
    const candidates = this.candidates(coll, query, tx)
    if (!near || (options.order && Object.keys(options.order).length)) return findDocs(candidates, query, options).map(clone)
    // Nearest first unless the caller orders otherwise, as `$nearSphere` sorts in MongoDB.
    const nearest = byDistance(findDocs(candidates, query, {}), near)
    const offset = options.offset ?? 0
    const page = nearest.slice(offset, options.limit === undefined ? undefined : offset + options.limit)
    return (options.projection ? findDocs(page, {}, { projection: options.projection }) : page).map(clone)
  }

  getById(name: string, id: string, tx?: Transaction, projection?: AnyObject): Doc[] {
    const coll = this.collection(name)
    const doc = tx ? this.transactions.read(tx, name, id) : coll.get(id)
    if (!doc) return []
    return projection ? findDocs([doc], {}, { projection }).map(clone) : [clone(doc)]
  }

  count(name: string, query: AnyObject, tx?: Transaction): number {
    const coll = this.collection(name)
    rejectNear(query)
    const test = compileQuery(query)
    this.check(coll, query)
    const covered = tx ? undefined : coveredCount(coll.indexes, query)
    if (covered !== undefined) return covered
    return this.candidates(coll, query, tx).filter(test).length
  }

  insert(name: string, docs: Doc[], tx?: Transaction): string[] {
    const coll = this.collection(name, true)
    const writes: PersistedWrite[] = docs.map((doc) => {
      const id = doc._id === undefined ? newId() : String(doc._id)
      checkFieldNames(doc)
      const exists = tx ? this.transactions.read(tx, name, id) : coll.has(id)
      if (exists) throw duplicateId(name, id)
      return { collection: name, id, doc: { ...doc, _id: id } }
    })
    if (new Set(writes.map((w) => w.id)).size !== writes.length) throw duplicateId(name, writes[0]!.id)
    this.write(writes, tx)
    return writes.map((w) => w.id)
  }

  /**
   * `update()` (merge: operator document) and `set()` (replace, upsert) for one document or
   * every match. Returns how many documents were updated and the id of an upserted one.
   */
  update(
    name: string,
    target: { id: string } | { query: AnyObject; multi: boolean },
    data: AnyObject,
    mode: { merge: boolean; upsert: boolean },
    tx?: Transaction,
  ): { updated: number; upsertId?: string; docs: Doc[] } {
    const coll = this.collection(name, mode.upsert && 'id' in target)
    if (!('id' in target)) this.checkNear(coll, target.query)
    const matched =
      'id' in target
        ? this.getById(name, target.id, tx)
        : (() => {
            const test = compileQuery(target.query)
            this.check(coll, target.query)
            const all = this.candidates(coll, target.query, tx).filter(test)
            return target.multi ? all : all.slice(0, 1)
          })()
    if (matched.length === 0) {
      if (!mode.upsert || !('id' in target)) return { updated: 0, docs: [] }
      const doc = { ...replacement(data), _id: target.id }
      checkFieldNames(doc)
      this.write([{ collection: name, id: target.id, doc }], tx)
      return { updated: 0, upsertId: target.id, docs: [doc] }
    }
    const writes: PersistedWrite[] = matched.map((current) => {
      const next = mode.merge ? merged(current, data) : { ...replacement(data), _id: current._id }
      checkFieldNames(next)
      if (String(next._id) !== String(current._id)) fail(ErrorCode.RequestFailed, '[FailedOperation] _id cannot be changed')
      return { collection: name, id: String(current._id), doc: next }
    })
    this.write(writes, tx)
    return { updated: writes.length, docs: writes.map((w) => w.doc!) }
  }

  remove(name: string, target: { id: string } | { query: AnyObject; multi: boolean }, tx?: Transaction): number {
    const coll = this.collection(name)
    if (!('id' in target)) this.checkNear(coll, target.query)
    const matched =
      'id' in target
        ? this.getById(name, target.id, tx)
        : (() => {
            this.check(coll, target.query)
            const all = this.candidates(coll, target.query, tx).filter(compileQuery(target.query))
            return target.multi ? all : all.slice(0, 1)
          })()
    this.write(
      matched.map((doc) => ({ collection: name, id: String(doc._id), doc: null })),
      tx,
    )
    return matched.length
  }

  /**
   * An aggregation. Its head is answered like a query, so declared indexes serve it and strict
   * mode judges it: `$geoNear` (needs a 2dsphere index), or `$match` and/or `$sort` as
   * `where().orderBy()`; any other head reads the whole collection.
   */
  aggregate(name: string, pipeline: AnyObject[]): Doc[] {
    const coll = this.collection(name)
    for (const stage of pipeline) if (isObject(stage.$match)) rejectNear(stage.$match)
    const resolve = (other: string) => [...(this.store.collection(other)?.values() ?? [])]
    const [head, next] = pipeline
    if (head && '$geoNear' in head) {
      const docs = geoNearStage([...coll.values()], coll.indexes, name, head.$geoNear)
      return runPipeline(docs, pipeline.slice(1), resolve).map(clone)
    }
    const match = head && isObject(head.$match) ? head.$match : {}
    const sortStage = head && isObject(head.$match) ? next : head
    const order = sortStage && isObject(sortStage.$sort) ? sortStage.$sort : undefined
    this.check(coll, match, order)
    return runPipeline(this.candidates(coll, match), pipeline, resolve).map(clone)
  }

  /** A near condition in a where().update()/remove() needs the geo index too. */
  private checkNear(coll: Collection, query: AnyObject): void {
    const near = findNear(query)
    if (near) requireGeoIndex(coll.indexes, coll.name, near.field)
  }

  private write(writes: PersistedWrite[], tx?: Transaction): void {
    if (writes.length === 0) return
    for (const w of writes) if (w.doc) checkGeoValues(this.store.collection(w.collection)?.indexes ?? [], w.doc)
    if (tx) for (const w of writes) this.transactions.stage(tx, w)
    else this.store.commit(writes)
  }
}

/**
 * A cheap necessary condition for a scan: a document equal to a string on some field holds
 * that string, JSON-encoded, somewhere in its stored text (arrays included). One group per
 * field; a `$in` of strings gives a group of alternatives.
 */
function scanNeedles(equalities: Map<string, unknown[]>): string[][] {
  return [...equalities.values()]
    .filter((values) => values.length > 0 && values.length <= 50 && values.every((v) => typeof v === 'string'))
    .map((values) => values.map((v) => JSON.stringify(v)))
}

/**
 * The index that pins the most leading fields to the query's values, looked up alone: the
 * longest equality prefix is the narrowest, and looking up every index that merely shares a
 * first field (a community's inbox, kind, grid and retention indexes all lead with it) would
 * read each of those prefixes whole.
 */
function pickIndex(indexes: CollectionIndex[], equalities: Map<string, unknown[]>): Set<string> | undefined {
  return bestIndex(indexes, equalities)?.lookup(equalities)
}

function bestIndex(indexes: CollectionIndex[], equalities: Map<string, unknown[]>): CollectionIndex | undefined {
  let best: CollectionIndex | undefined
  let bestUsed = 0
  for (const index of indexes) {
    const used = index.prefixUsed(equalities)
    if (used > bestUsed) [best, bestUsed] = [index, used]
  }
  return best
}

/**
 * How many documents match `query`, from index keys alone, when every condition of the query is
 * an equality (or `$in`) on the leading fields of one index: the count MongoDB answers from the
 * index without fetching documents. Undefined when documents must be read to decide.
 */
function coveredCount(indexes: CollectionIndex[], query: AnyObject): number | undefined {
  const fields = Object.keys(query)
  if (fields.length === 0 || fields.some((f) => f.startsWith('$'))) return undefined
  const { equalities } = analyseQuery(query)
  // Missing fields equal null, and null has no key of its own in every index: read documents then.
  if (fields.some((f) => !equalities.has(f) || equalities.get(f)!.some((v) => v === null || v === undefined))) return undefined
  const ops = (c: unknown) => (isObject(c) ? Object.keys(c) : [])
  // Only plain values, `$eq` and `$in`: anything else beside them must be tested on the document.
  if (fields.some((f) => ops(query[f]).some((k) => k !== '$eq' && k !== '$in'))) return undefined
  // The query's fields are exactly the index's first fields (prefixUsed counts only query fields).
  const index = indexes.find((i) => !i.spec.sparse && i.prefixUsed(equalities) >= fields.length)
  return index?.count(new Map(fields.map((f) => [f, equalities.get(f)!])))
}

function isObject(value: unknown): value is AnyObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof RegExp)
}

function present(docs: (Doc | undefined)[]): Doc[] {
  return docs.filter((d): d is Doc => d !== undefined)
}

function newId(): string {
  return randomBytes(16).toString('hex')
}

function duplicateId(collection: string, id: string): CloudbaseError {
  return new CloudbaseError(
    ErrorCode.DuplicateWrite,
    `[FailedOperation.DuplicateKey] E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`,
  )
}

function isOperatorDocument(data: AnyObject): boolean {
  const keys = Object.keys(data)
  return keys.length > 0 && keys.every((k) => k.startsWith('$'))
}

function replacement(data: AnyObject): Doc {
  if (isOperatorDocument(data)) fail(ErrorCode.RequestFailed, '[FailedOperation] set() takes a plain document, not update operators')
  const { _id, ...rest } = data
  void _id
  return clone(rest)
}

function merged(current: Doc, data: AnyObject): Doc {
  const next = clone(current)
  applyUpdate(next, isOperatorDocument(data) ? data : { $set: data })
  return next
}

/** The real service rejects stored field names that start with `$`. */
function checkFieldNames(value: unknown, path = ''): void {
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return
  if (Array.isArray(value)) return value.forEach((v, i) => checkFieldNames(v, `${path}${i}.`))
  for (const [key, v] of Object.entries(value)) {
    if (key.startsWith('$')) fail(ErrorCode.RequestFailed, `[FailedOperation] field name ${path}${key} must not start with '$'`)
    checkFieldNames(v, `${path}${key}.`)
  }
}
