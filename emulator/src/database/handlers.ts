/**
 * The database's wire actions: each maps one `database.*` request (fields as the SDK sends
 * them, see the wire-protocol notes) onto `Operations`, and shapes the answer the SDK reads.
 */
import { EJSON } from 'bson'
import { ErrorCode, assert, fail } from '../errors'
import type { ActionContext, ActionTable, AdminRequest } from '../service'
import { decode, encode, normalise, type Doc } from './codec'
import type { Operations } from './operations'
import type { Store } from './store'
import type { TransactionManager } from './transactions'

type AnyObject = Record<string, unknown>

/** Default and maximum page size of `where().get()`, as the real service. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

export interface DatabaseParts {
  ops: Operations
  store: Store
  transactions: TransactionManager
}

export function databaseActions({ ops, store, transactions }: DatabaseParts): ActionTable {
  const object = (value: unknown, ctx: ActionContext): AnyObject => {
    if (value === undefined || value === null || value === '') return {}
    const decoded = decode(value, () => ctx.clock.now())
    assert(decoded !== null && typeof decoded === 'object' && !Array.isArray(decoded), ErrorCode.InvalidParam, 'expected an object')
    return decoded as AnyObject
  }
  const collectionName = (req: AdminRequest): string => {
    const name = req.body.collectionName
    assert(typeof name === 'string' && name.length > 0, ErrorCode.InvalidParam, 'collectionName is required')
    return name
  }
  const tx = (req: AdminRequest, ctx: ActionContext) => {
    transactions.sweep(ctx.clock.now())
    const id = req.body.transactionId
    return typeof id === 'string' && id ? transactions.use(id, ctx.clock.now()) : undefined
  }
  const docTarget = (query: AnyObject): { id: string } => {
    assert(query._id !== undefined, ErrorCode.InvalidParam, 'a DOC request needs query._id')
    return { id: String(query._id) }
  }
  const isDoc = (req: AdminRequest) => req.body.queryType === 'DOC'

  const actions: ActionTable = {
    'database.getDocument': (req, ctx) => {
      const name = collectionName(req)
      const query = object(req.body.query, ctx)
      const projection = req.body.projection ? object(req.body.projection, ctx) : undefined
      const t = tx(req, ctx)
      let docs: Doc[]
      if (isDoc(req)) {
        docs = ops.getById(name, docTarget(query).id, t, projection)
      } else {
        const limit = req.body.limit === undefined ? DEFAULT_LIMIT : Number(req.body.limit)
        const offset = req.body.offset === undefined ? 0 : Number(req.body.offset)
        assert(Number.isInteger(limit) && limit >= 0, ErrorCode.InvalidParam, 'limit must be a non-negative integer')
        assert(Number.isInteger(offset) && offset >= 0, ErrorCode.InvalidParam, 'offset must be a non-negative integer')
        const order = req.body.order ? object(req.body.order, ctx) : undefined
        docs = ops.find(name, query, { order, offset, limit: Math.min(limit || DEFAULT_LIMIT, MAX_LIMIT), projection }, t)
      }
      ctx.countDocs(docs.length, 0)
      return { data: { list: docs.map(encode) } }
    },

    'database.calculateDocument': (req, ctx) => {
      const total = ops.count(collectionName(req), object(req.body.query, ctx), tx(req, ctx))
      return { data: { total } }
    },

    'database.insertDocument': (req, ctx) => {
      const raw = req.body.data
      assert(Array.isArray(raw) && raw.length > 0, ErrorCode.InvalidParam, 'data must be a non-empty array')
      const docs = raw.map((d) => object(d, ctx) as Doc)
      const insertedIds = ops.insert(collectionName(req), docs, tx(req, ctx))
      ctx.countDocs(0, insertedIds.length)
      return { data: { insertedIds } }
    },

    'database.modifyDocument': (req, ctx) => {
      const name = collectionName(req)
      const query = object(req.body.query, ctx)
      const data = object(req.body.data, ctx)
      const target = isDoc(req) ? docTarget(query) : { query, multi: req.body.multi !== false }
      const result = ops.update(name, target, data, { merge: req.body.merge !== false, upsert: req.body.upsert === true }, tx(req, ctx))
      ctx.countDocs(0, result.docs.length)
      return { data: { updated: result.updated, ...(result.upsertId ? { upsert_id: result.upsertId } : {}) } }
    },

    'database.modifyAndReturnDoc': (req, ctx) => {
      const result = ops.update(
        collectionName(req),
        { query: object(req.body.query, ctx), multi: false },
        object(req.body.data, ctx),
        { merge: true, upsert: false },
        tx(req, ctx),
      )
      ctx.countDocs(0, result.docs.length)
      return { data: { updated: result.updated, doc: result.docs[0] ? encode(result.docs[0]) : null } }
    },

    'database.removeDocument': (req, ctx) => {
      const query = object(req.body.query, ctx)
      const target = isDoc(req) ? docTarget(query) : { query, multi: req.body.multi !== false }
      const deleted = ops.remove(collectionName(req), target, tx(req, ctx))
      ctx.countDocs(0, deleted)
      return { data: { deleted } }
    },

    'database.aggregateDocuments': (req, ctx) => {
      const stages = req.body.stages
      assert(Array.isArray(stages), ErrorCode.InvalidParam, 'stages must be an array')
      const pipeline = stages.map((stage) => {
        const { stageKey, stageValue } = stage as { stageKey: string; stageValue: unknown }
        assert(typeof stageKey === 'string' && stageKey.startsWith('$'), ErrorCode.InvalidParam, 'stageKey must be an operator')
        return { [stageKey]: stageValueOf(stageValue, ctx) }
      })
      const list = ops.aggregate(collectionName(req), pipeline)
      ctx.countDocs(list.length, 0)
      return { data: { list: list.map(encode) } }
    },

    'database.addCollection': (req, ctx) => {
      const name = collectionName(req)
      if (store.collection(name)) fail(ErrorCode.CollectionAlreadyExist, `[ResourceInUse] collection ${name} already exists`)
      store.createCollection(name, ctx.clock.now())
      return {}
    },

    'database.startTransaction': (_req, ctx) => ({ transactionId: transactions.start(ctx.clock.now()).id }),

    'database.commitTransaction': (req, ctx) => {
      transactions.commit(String(req.body.transactionId ?? ''), ctx.clock.now())
      return {}
    },

    'database.abortTransaction': (req, ctx) => {
      transactions.abort(String(req.body.transactionId ?? ''), ctx.clock.now())
      return {}
    },
  }
  // Each request is handled synchronously: the strict-mode report can name the function that made it.
  return Object.fromEntries(
    Object.entries(actions).map(([name, handle]) => [
      name,
      (req: AdminRequest, ctx: ActionContext) => ops.on(ctx.invocation?.functionName, () => handle(req, ctx)),
    ]),
  )
}

/** Stage values are EJSON strings for objects and plain JSON for scalars (`$limit: 10`). */
function stageValueOf(value: unknown, ctx: ActionContext): unknown {
  const now = () => ctx.clock.now()
  if (typeof value !== 'string') return normalise(value, now)
  let parsed: unknown
  try {
    parsed = EJSON.parse(value, { relaxed: true })
  } catch {
    return value
  }
  return normalise(parsed, now)
}
