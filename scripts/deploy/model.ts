/**
 * What an environment consists of, in one shape for both sides of a plan: what the project's
 * files ask for (`Desired`, from project.ts) and what the environment has (`Live`, from live.ts).
 */

/** CloudBase's permission presets; CUSTOM carries a rule. */
export type Acl = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY' | 'CUSTOM'
export const ACLS: readonly Acl[] = ['READONLY', 'PRIVATE', 'ADMINWRITE', 'ADMINONLY', 'CUSTOM']

export interface IndexSpec {
  name: string
  /** Fields in order with their direction. */
  keys: Array<[string, 1 | -1]>
  unique: boolean
  sparse: boolean
}

export interface CollectionSpec {
  name: string
  indexes: IndexSpec[]
  acl: Acl
}

export interface TimerTrigger {
  name: string
  type: 'timer'
  /** Seven-field cron: second minute hour day month weekday year. */
  config: string
}

export interface FunctionSpec {
  name: string
  runtime: string
  memorySize: number
  timeout: number
  triggers: TimerTrigger[]
  /** Open-API calls from config.json; they ship inside the code package. */
  openapi: string[]
  /** Environment variables, the code digest included. */
  variables: Record<string, string>
}

export interface StorageRule {
  acl: Acl
  rule?: { read: boolean | string; write: boolean | string }
}

export interface Desired {
  collections: CollectionSpec[]
  functions: FunctionSpec[]
  storage: StorageRule
  /** Where the built functions are (dist/cloudfunctions), for uploading their code. */
  functionRoot: string
}

export interface LiveFunction {
  runtime: string
  memorySize: number
  timeout: number
  variables: Record<string, string>
  triggers: TimerTrigger[]
}

export interface Live {
  collections: Record<string, { indexes: IndexSpec[]; acl?: Acl }>
  functions: Record<string, LiveFunction>
  storage?: StorageRule
}

/** Variable holding the digest of the deployed code package: how a plan knows the code changed. */
export const CODE_DIGEST = 'HONGLIN_CODE_DIGEST'
