/**
 * Reading an environment's state through the management API, and carrying out a plan's steps
 * with it. Works the same against the service (manager.ts) and the recorder (recorder.ts).
 */
import type { ManagerApi, SdkFunction, SdkIndexInfo } from './api'
import {
  CODE_DIGEST,
  type Acl,
  type Desired,
  type FunctionSpec,
  type IndexSpec,
  type Live,
  type LiveFunction,
  type TimerTrigger,
} from './model'
import { describeStep, isManual, type Step } from './plan'

const PAGE = 100

/** The index every collection has and nobody declares. */
const ID_INDEX = '_id_'

function indexFrom(info: SdkIndexInfo): IndexSpec {
  return {
    name: info.Name,
    keys: (info.Keys ?? []).map((k) => [k.Name ?? '', Number(k.Direction) === -1 ? -1 : 1]),
    unique: info.Unique === true,
    sparse: info.Sparse === true,
  }
}

function cronOf(desc: string): string {
  try {
    const parsed = JSON.parse(desc) as { cron?: string }
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim()
  } catch {
    // a bare cron expression
  }
  return desc.trim()
}

async function collectionNames(api: ManagerApi): Promise<string[]> {
  const names: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset })
    names.push(...(page.Collections ?? []).map((c) => c.CollectionName))
    if ((page.Collections ?? []).length < PAGE) return names
  }
}

async function functionNames(api: ManagerApi): Promise<string[]> {
  const names: string[] = []
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.functions.listFunctions(PAGE, offset)
    names.push(...page.map((f) => f.FunctionName))
    if (page.length < PAGE) return names
  }
}

async function liveFunction(api: ManagerApi, name: string): Promise<LiveFunction> {
  const detail = await api.functions.getFunctionDetail(name)
  return {
    runtime: detail.Runtime,
    memorySize: detail.MemorySize,
    timeout: detail.Timeout,
    variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key, String(v.Value)])),
    triggers: (detail.Triggers ?? [])
      .filter((t) => t.Type === 'timer')
      .map((t): TimerTrigger => ({ name: t.TriggerName, type: 'timer', config: cronOf(t.TriggerDesc) })),
  }
}

/** The state of everything the files name; other collections and functions by name only. */
export async function readLive(api: ManagerApi, desired: Desired): Promise<Live> {
  const live: Live = { collections: {}, functions: {} }
  const wanted = new Set(desired.collections.map((c) => c.name))
  for (const name of await collectionNames(api)) {
    if (!wanted.has(name)) {
      live.collections[name] = { indexes: [] }
      continue
    }
    const table = await api.database.describeCollection(name)
    const acl = await api.tcb.call({ Action: 'DescribeDatabaseACL', Param: { EnvId: api.envId, CollectionName: name } })
    live.collections[name] = {
      indexes: (table.Indexes ?? []).filter((ix) => ix.Name !== ID_INDEX).map(indexFrom),
      acl: acl.AclTag as Acl | undefined,
    }
  }
  const storage = await api.storage.getStorageAcl({ withRule: true })
  live.storage = { acl: storage.acl, ...(storage.acl === 'CUSTOM' && storage.rule ? { rule: storage.rule } : {}) }
  const fns = new Set(desired.functions.map((f) => f.name))
  for (const name of await functionNames(api)) {
    live.functions[name] = fns.has(name)
      ? await liveFunction(api, name)
      : { runtime: '', memorySize: 0, timeout: 0, variables: {}, triggers: [] }
  }
  return live
}

/** Files that are not part of what a function runs. */
const IGNORE = ['node_modules', 'node_modules/**/*', '*.map']

function sdkFunction(fn: FunctionSpec): SdkFunction {
  return {
    name: fn.name,
    runtime: fn.runtime,
    memorySize: fn.memorySize,
    timeout: fn.timeout,
    handler: 'index.main',
    envVariables: fn.variables,
    // The cloud installs wx-server-sdk from the function's package.json.
    installDependency: true,
    ignore: IGNORE,
  }
}

async function applyStep(api: ManagerApi, step: Step, desired: Desired): Promise<void> {
  switch (step.kind) {
    case 'collection.create':
      await api.database.createCollectionIfNotExists(step.collection)
      return
    case 'index.create': {
      const ix = step.index
      await api.database.updateCollection(step.collection, {
        CreateIndexes: [
          {
            IndexName: ix.name,
            MgoKeySchema: {
              MgoIndexKeys: ix.keys.map(([Name, d]) => ({ Name, Direction: String(d) })),
              MgoIsUnique: ix.unique,
              ...(ix.sparse ? { MgoIsSparse: true } : {}),
            },
          },
        ],
      })
      return
    }
    case 'index.drop':
      await api.database.updateCollection(step.collection, { DropIndexes: [{ IndexName: step.index }] })
      return
    case 'collection.acl':
      await api.tcb.call({ Action: 'ModifyDatabaseACL', Param: { EnvId: api.envId, CollectionName: step.collection, AclTag: step.to } })
      return
    case 'storage.acl':
      await api.storage.setStorageAcl(step.to.acl, step.to.rule)
      return
    case 'function.create':
      await api.functions.createFunction({ func: sdkFunction(step.fn), functionRootPath: desired.functionRoot, force: false })
      return
    case 'function.code': {
      // The code goes first and the configuration (which carries the code digest) after it, so a
      // failed upload leaves the old digest and the next plan uploads again.
      const { name, runtime, installDependency, ignore } = sdkFunction(step.fn)
      await api.functions.updateFunctionCode({ func: { name, runtime, installDependency, ignore }, functionRootPath: desired.functionRoot })
      return
    }
    case 'function.config': {
      const { name, timeout, memorySize, envVariables } = sdkFunction(step.fn)
      await api.functions.updateFunctionConfig({ name, timeout, memorySize, envVariables })
      return
    }
    case 'trigger.create':
      await api.functions.createFunctionTriggers(step.fn, [
        { name: step.trigger.name, type: step.trigger.type, config: step.trigger.config },
      ])
      return
    case 'trigger.delete':
      await api.functions.deleteFunctionTrigger(step.fn, step.trigger)
      return
    case 'function.runtime':
      return
  }
}

/**
 * Carries out the steps in order; a step that fails stops the run (what was done stays done,
 * and the next plan starts from there). Answers the steps left for a person to do.
 */
export async function applyPlan(api: ManagerApi, steps: Step[], desired: Desired, log: (line: string) => void): Promise<Step[]> {
  const manual: Step[] = []
  for (const step of steps) {
    if (isManual(step)) {
      manual.push(step)
      continue
    }
    log(`  ${describeStep(step)}`)
    await applyStep(api, step, desired)
  }
  return manual
}

export { CODE_DIGEST }
