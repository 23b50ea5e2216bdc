/**
 * The part of the management SDK the deployment uses, in the SDK's own method names and shapes
 * (@cloudbase/manager-node 5.6.5: DatabaseService, FunctionService, StorageService and the
 * tcb 2018-06-08 actions DescribeDatabaseACL / ModifyDatabaseACL through commonService).
 * manager.ts hands over the real services under this interface (the compiler checks they fit);
 * recorder.ts answers the same calls from state it keeps, for the tests and `--dry-run`.
 */
import type { Acl } from './model'

export interface SdkIndexKey {
  Name?: string
  /** "1" or "-1". */
  Direction?: string
}

export interface SdkIndexInfo {
  Name: string
  Keys: SdkIndexKey[]
  Unique: boolean
  /** Not in the SDK's IndexInfo type; read when the service answers it. */
  Sparse?: boolean
}

export interface SdkCreateIndex {
  IndexName: string
  /** MgoIsSparse is the cloud API's field (tcb 2018-06-08 MgoKeySchema); the SDK passes it through. */
  MgoKeySchema: { MgoIndexKeys: Array<{ Name: string; Direction: string }>; MgoIsUnique: boolean; MgoIsSparse?: boolean }
}

export interface SdkFunction {
  name: string
  runtime?: string
  memorySize?: number
  timeout?: number
  handler?: string
  envVariables?: Record<string, string | number | boolean>
  installDependency?: boolean
  ignore?: string | string[]
}

export interface SdkTrigger {
  name: string
  type: string
  config: string
}

export interface SdkFunctionDetail {
  FunctionName: string
  Runtime: string
  MemorySize: number
  Timeout: number
  Environment: { Variables: Array<{ Key: string; Value: string }> }
  /** TriggerDesc of a timer: its cron, or `{"cron": "…"}` as SCF's GetFunction describes it. */
  Triggers: Array<{ TriggerName: string; Type: string; TriggerDesc: string }>
}

export interface StorageRuleSdk {
  read: boolean | string
  write: boolean | string
}

export interface ManagerApi {
  envId: string
  database: {
    listCollections(options?: { MgoLimit?: number; MgoOffset?: number }): Promise<{ Collections: Array<{ CollectionName: string }> }>
    createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>
    describeCollection(name: string): Promise<{ Indexes?: SdkIndexInfo[] }>
    updateCollection(name: string, info: { CreateIndexes?: SdkCreateIndex[]; DropIndexes?: Array<{ IndexName: string }> }): Promise<unknown>
  }
  functions: {
    listFunctions(limit?: number, offset?: number): Promise<Array<Record<string, string>>>
    getFunctionDetail(name: string): Promise<SdkFunctionDetail>
    createFunction(param: { func: SdkFunction; functionRootPath?: string; force?: boolean }): Promise<unknown>
    updateFunctionCode(param: { func: SdkFunction; functionRootPath?: string }): Promise<unknown>
    updateFunctionConfig(func: SdkFunction): Promise<unknown>
    createFunctionTriggers(name: string, triggers?: SdkTrigger[]): Promise<unknown>
    deleteFunctionTrigger(name: string, triggerName: string): Promise<unknown>
  }
  storage: {
    getStorageAcl(options: { withRule: true }): Promise<{ acl: Acl; rule?: StorageRuleSdk }>
    setStorageAcl(acl: Acl, rule?: StorageRuleSdk): Promise<unknown>
  }
  /** tcb 2018-06-08 actions no service wraps. */
  tcb: { call(options: { Action: string; Param: Record<string, unknown> }): Promise<{ AclTag?: string } & Record<string, unknown>> }
}
