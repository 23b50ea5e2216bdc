/**
 * Stands in for the management service: the same calls as api.ts, answered from state it keeps
 * (collections with their indexes and rules, functions with configuration, variables and
 * triggers, the storage rule), the way the service answers them. Every call is recorded.
 * The tests apply and check against it, and `--dry-run` plans against an empty one. With
 * HONGLIN_DEPLOY_RECORDER=<file> the CLI keeps the state in that file between runs, so the
 * whole apply → check cycle can be rehearsed without credentials.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ManagerApi, SdkFunctionDetail, SdkIndexInfo, StorageRuleSdk } from './api'
import type { Acl } from './model'

export interface RecorderState {
  collections: Record<string, { indexes: SdkIndexInfo[]; acl: Acl }>
  functions: Record<string, SdkFunctionDetail & { codeUploads: number }>
  storage: { acl: Acl; rule?: StorageRuleSdk }
}

export interface RecordedCall {
  method: string
  args: unknown[]
}

/** A fresh environment as the console creates it. */
export function emptyState(): RecorderState {
  return { collections: {}, functions: {}, storage: { acl: 'READONLY' } }
}

/** The service's error shape for a missing resource. */
function notFound(what: string): Error {
  return Object.assign(new Error(`[ResourceNotFound] ${what} 不存在`), { code: 'ResourceNotFound' })
}

function variables(env: Record<string, string | number | boolean> | undefined) {
  return Object.entries(env ?? {}).map(([Key, Value]) => ({ Key, Value: String(Value) }))
}

export interface Recorder extends ManagerApi {
  state: RecorderState
  calls: RecordedCall[]
}

export function createRecorder(envId: string, state: RecorderState = emptyState(), onChange?: (state: RecorderState) => void): Recorder {
  const calls: RecordedCall[] = []
  const record = (method: string, args: unknown[]) => calls.push({ method, args: JSON.parse(JSON.stringify(args)) as unknown[] })
  const changed = () => onChange?.(state)
  const collection = (name: string) =>
    state.collections[name] ??
    (() => {
      throw notFound(`集合 ${name}`)
    })()
  const fn = (name: string) =>
    state.functions[name] ??
    (() => {
      throw notFound(`云函数 ${name}`)
    })()

  return {
    envId,
    state,
    calls,
    database: {
      async listCollections(options = {}) {
        record('database.listCollections', [options])
        const offset = options.MgoOffset ?? 0
        const names = Object.keys(state.collections)
          .sort()
          .slice(offset, offset + (options.MgoLimit ?? 100))
        return { Collections: names.map((CollectionName) => ({ CollectionName })) }
      },
      async createCollectionIfNotExists(name) {
        record('database.createCollectionIfNotExists', [name])
        if (state.collections[name]) return { IsCreated: false }
        // A new collection has the _id index and the console's default rule (creator only).
        state.collections[name] = { indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }], acl: 'PRIVATE' }
        changed()
        return { IsCreated: true }
      },
      async describeCollection(name) {
        record('database.describeCollection', [name])
        // The service does not say whether an index is sparse.
        return { Indexes: collection(name).indexes.map(({ Name, Keys, Unique }) => ({ Name, Keys, Unique })) }
      },
      async updateCollection(name, info) {
        record('database.updateCollection', [name, info])
        const c = collection(name)
        for (const drop of info.DropIndexes ?? []) {
          if (drop.IndexName === '_id_') throw new Error('[InvalidParameter] _id_ 索引不能删除')
          if (!c.indexes.some((ix) => ix.Name === drop.IndexName)) throw notFound(`索引 ${drop.IndexName}`)
          c.indexes = c.indexes.filter((ix) => ix.Name !== drop.IndexName)
        }
        for (const create of info.CreateIndexes ?? []) {
          if (c.indexes.some((ix) => ix.Name === create.IndexName)) throw new Error(`[ResourceInUse] 索引 ${create.IndexName} 已存在`)
          c.indexes.push({
            Name: create.IndexName,
            Keys: create.MgoKeySchema.MgoIndexKeys.map((k) => ({ Name: k.Name, Direction: k.Direction })),
            Unique: create.MgoKeySchema.MgoIsUnique,
            Sparse: create.MgoKeySchema.MgoIsSparse === true,
          })
        }
        changed()
        return {}
      },
    },
    functions: {
      async listFunctions(limit = 20, offset = 0) {
        record('functions.listFunctions', [limit, offset])
        return Object.values(state.functions)
          .slice(offset, offset + limit)
          .map((f) => ({ FunctionName: f.FunctionName, Runtime: f.Runtime }))
      },
      async getFunctionDetail(name) {
        record('functions.getFunctionDetail', [name])
        const { codeUploads: _uploads, ...detail } = fn(name)
        return JSON.parse(JSON.stringify(detail)) as SdkFunctionDetail
      },
      async createFunction({ func, functionRootPath, force }) {
        record('functions.createFunction', [{ func, functionRootPath, force }])
        if (state.functions[func.name] && !force) throw new Error(`[ResourceInUse] 云函数 ${func.name} 已存在`)
        if (functionRootPath && !existsSync(join(functionRootPath, func.name, 'index.js')))
          throw new Error(`找不到代码 ${func.name}/index.js`)
        state.functions[func.name] = {
          FunctionName: func.name,
          // The SDK's defaults when a field is not given.
          Runtime: func.runtime ?? 'Nodejs20.19',
          MemorySize: func.memorySize ?? 256,
          Timeout: func.timeout ?? 3,
          Environment: { Variables: variables(func.envVariables) },
          Triggers: [],
          codeUploads: 1,
        }
        changed()
        return {}
      },
      async updateFunctionCode({ func, functionRootPath }) {
        record('functions.updateFunctionCode', [{ func, functionRootPath }])
        fn(func.name).codeUploads++
        changed()
        return {}
      },
      async updateFunctionConfig(func) {
        record('functions.updateFunctionConfig', [func])
        const f = fn(func.name)
        if (func.timeout !== undefined) f.Timeout = func.timeout
        if (func.memorySize !== undefined) f.MemorySize = func.memorySize
        // UpdateFunctionConfiguration replaces the whole set of variables.
        if (func.envVariables && Object.keys(func.envVariables).length) f.Environment = { Variables: variables(func.envVariables) }
        changed()
        return {}
      },
      async createFunctionTriggers(name, triggers = []) {
        record('functions.createFunctionTriggers', [name, triggers])
        const f = fn(name)
        for (const t of triggers) {
          if (t.type !== 'timer') throw new Error(`不支持的触发器类型 [${t.type}]`)
          if (f.Triggers.some((x) => x.TriggerName === t.name)) throw new Error(`[ResourceInUse] 触发器 ${t.name} 已存在`)
          f.Triggers.push({ TriggerName: t.name, Type: t.type, TriggerDesc: JSON.stringify({ cron: t.config }) })
        }
        changed()
        return {}
      },
      async deleteFunctionTrigger(name, triggerName) {
        record('functions.deleteFunctionTrigger', [name, triggerName])
        const f = fn(name)
        if (!f.Triggers.some((t) => t.TriggerName === triggerName)) throw notFound(`触发器 ${triggerName}`)
        f.Triggers = f.Triggers.filter((t) => t.TriggerName !== triggerName)
        changed()
        return {}
      },
    },
    storage: {
      async getStorageAcl(options) {
        record('storage.getStorageAcl', [options])
        return { ...state.storage }
      },
      async setStorageAcl(acl, rule) {
        record('storage.setStorageAcl', [acl, rule])
        if (acl === 'CUSTOM' && !rule) throw new Error('CUSTOM 权限须提供规则')
        state.storage = acl === 'CUSTOM' ? { acl, rule } : { acl }
        changed()
        return {}
      },
    },
    tcb: {
      async call({ Action, Param }) {
        record(`tcb.${Action}`, [Param])
        const name = String(Param.CollectionName)
        if (Action === 'DescribeDatabaseACL') return { AclTag: collection(name).acl }
        if (Action === 'ModifyDatabaseACL') {
          collection(name).acl = Param.AclTag as Acl
          changed()
          return {}
        }
        throw new Error(`[InvalidAction] ${Action}`)
      },
    },
  }
}

/** A recorder whose state lives in `file`, so separate runs see each other's changes. */
export function fileRecorder(envId: string, file: string): Recorder {
  const state = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RecorderState) : emptyState()
  const save = (s: RecorderState) => writeFileSync(file, `${JSON.stringify(s, null, 2)}\n`)
  save(state)
  return createRecorder(envId, state, save)
}
