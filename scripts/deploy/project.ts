/**
 * The environment the project's files ask for: collections and indexes from
 * database/schema.json, security rules from database/rules.json, every function folder under
 * cloudfunctions/ (its config.json and package.json, its built bundle in dist/cloudfunctions)
 * and the environment's settings file (deploy/env.<envId>.json or deploy/env.example.json).
 * Nothing is listed by hand here, so what the files add is deployed as it is added.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { PURPOSES, TEMPLATE_PURPOSES, keywordTypeOf, type Purpose } from '../../shared/src/notify/templates'
import { checkBundles, describe } from './env-id.cjs'
import {
  ACLS,
  CODE_DIGEST,
  type Acl,
  type CollectionSpec,
  type Desired,
  type FunctionSpec,
  type IndexSpec,
  type StorageRule,
  type TimerTrigger,
} from './model'

/** The platform's limit for a cloud function (console and CLI both stop at 60 s). */
export const MAX_TIMEOUT_S = 60
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048]
/** Node.js runtimes a WeChat cloud function can be created with; the bundles target node16. */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19']
const SUBSCRIBE_SEND = 'subscribeMessage.send'
/** Functions that answer the template ids to the client (user.subscribe) without sending. */
const SUBSCRIBE_READERS = ['user']

/**
 * Subscribe-message keyword types and their length limits (characters), as the sendMessage
 * documentation gives them; `undefined` means a format rather than a length.
 */
export const FIELD_LIMITS: Record<string, number | undefined> = {
  thing: 20,
  character_string: 32,
  phrase: 5,
  name: 10,
  number: 32,
  letter: 32,
  symbol: 5,
  time: undefined,
  date: undefined,
  amount: undefined,
  phone_number: 17,
  car_number: 8,
}

/**
 * One template purpose of shared/notify/templates.ts as the console has it: the template id
 * chosen there, its title, and for each of the purpose's slots the keyword name the console
 * gave it (`{ item: 'thing1', status: 'phrase2', … }`). Which events use the template and how
 * their values are cut to fit is the shared table's business, not the deployment's.
 */
export interface SubscribeMessage {
  templateId: string
  title?: string
  page?: string
  keywords: Record<string, string>
}

export interface EnvSettings {
  functions?: { runtime?: string; memorySize?: number; variables?: Record<string, string> }
  subscribeMessages?: Record<string, SubscribeMessage>
}

export interface ProjectReading {
  desired: Desired
  /** Anything that makes the files undeployable; the plan is not made while there are any. */
  errors: string[]
  warnings: string[]
  /** The settings file actually read. */
  settingsFile: string
}

/** A function's config.json as WeChat DevTools reads it, plus optional memorySize and runtime. */
interface FunctionConfig {
  timeout?: number
  memorySize?: number
  runtime?: string
  permissions?: { openapi?: string[] }
  triggers?: TimerTrigger[]
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

/** The function folders, chosen exactly as the function build chooses them. */
export function functionNames(root: string): string[] {
  const source = join(root, 'cloudfunctions')
  return readdirSync(source)
    .filter((n) => !n.startsWith('_') && statSync(join(source, n)).isDirectory() && existsSync(join(source, n, 'index.ts')))
    .sort()
}

function collectionsFrom(root: string, errors: string[]): CollectionSpec[] {
  const schema = readJson<{
    collections: Record<string, { indexes?: Array<{ name: string; keys: Record<string, number>; unique?: boolean; sparse?: boolean }> }>
  }>(join(root, 'database', 'schema.json'))
  const rules = readJson<{ database: { default: Acl; collections?: Record<string, { acl: Acl; reason?: string }> } }>(
    join(root, 'database', 'rules.json'),
  )
  const names = Object.keys(schema.collections).sort()
  if (!ACLS.includes(rules.database.default))
    errors.push(`database/rules.json: 未知的默认权限 ${rules.database.default} / unknown default ACL`)
  for (const [name, rule] of Object.entries(rules.database.collections ?? {})) {
    if (!names.includes(name))
      errors.push(`database/rules.json: 集合 ${name} 不在 schema.json 中 / collection ${name} is not in schema.json`)
    if (!ACLS.includes(rule.acl)) errors.push(`database/rules.json: ${name} 的权限 ${rule.acl} 未知 / unknown ACL`)
    if (!rule.reason?.trim()) errors.push(`database/rules.json: ${name} 的例外须写明理由 / an exception needs its reason`)
  }
  return names.map((name) => {
    const indexes: IndexSpec[] = (schema.collections[name].indexes ?? []).map((ix) => ({
      name: ix.name,
      keys: Object.entries(ix.keys).map(([field, dir]) => [field, dir === -1 ? -1 : 1]),
      unique: ix.unique === true,
      sparse: ix.sparse === true,
    }))
    for (const ix of indexes) {
      if (ix.name === '_id_') errors.push(`database/schema.json: ${name} 不能声明 _id_ 索引 / the _id index is the database's own`)
      if (indexes.filter((other) => other.name === ix.name).length > 1)
        errors.push(`database/schema.json: ${name}.${ix.name} 重名 / duplicate index name`)
    }
    return { name, indexes, acl: rules.database.collections?.[name]?.acl ?? rules.database.default }
  })
}

function storageFrom(root: string): StorageRule {
  const rules = readJson<{ storage: StorageRule }>(join(root, 'database', 'rules.json'))
  return { acl: rules.storage.acl, ...(rules.storage.acl === 'CUSTOM' ? { rule: rules.storage.rule } : {}) }
}

/** Digest of exactly what is uploaded: the bundle, package.json and config.json. */
function digestOf(dir: string): string | undefined {
  if (!existsSync(join(dir, 'index.js'))) return undefined
  const hash = createHash('sha256')
  for (const file of ['index.js', 'package.json', 'config.json']) {
    hash.update(`${file}\0`)
    if (existsSync(join(dir, file))) hash.update(readFileSync(join(dir, file)))
  }
  return hash.digest('hex').slice(0, 16)
}

function checkSubscribeMessages(messages: Record<string, SubscribeMessage>, where: string, errors: string[], warnings: string[]) {
  for (const purpose of PURPOSES)
    if (!messages[purpose])
      warnings.push(
        `${where}: subscribeMessages 缺少 ${purpose}，这类订阅消息不会送达 / no template for ${purpose}: those messages will not arrive`,
      )
  for (const [purpose, message] of Object.entries(messages)) {
    const at = `${where}: subscribeMessages.${purpose}`
    if (!(PURPOSES as string[]).includes(purpose)) {
      errors.push(`${at}: 不是模板用途（${PURPOSES.join('、')}）/ not a template purpose of shared/src/notify/templates.ts`)
      continue
    }
    if (typeof message.templateId !== 'string' || !message.templateId.trim())
      errors.push(`${at}: 缺少模板编号 templateId / templateId missing`)
    else if (/^TPL_/.test(message.templateId))
      warnings.push(`${at}: 模板编号仍是占位符 ${message.templateId}，订阅消息不会送达 / placeholder template id, messages will not arrive`)
    const slots: Record<string, { type: string }> = TEMPLATE_PURPOSES[purpose as Purpose].slots
    const keywords = message.keywords ?? {}
    for (const [slot, { type }] of Object.entries(slots)) {
      const keyword = keywords[slot]
      if (!keyword) {
        errors.push(`${at}.keywords.${slot}: 缺少关键词（${type}）/ keyword missing`)
        continue
      }
      const keyType = keywordTypeOf(keyword) ?? /^([a-z_]+?)\d+$/.exec(keyword)?.[1]
      if (!keyType || !(keyType in FIELD_LIMITS))
        errors.push(`${at}.keywords.${slot}: ${keyword} 不是模板关键词（如 thing1、time2）/ not a template keyword such as thing1 or time2`)
      else if (keyType !== type) errors.push(`${at}.keywords.${slot}: ${keyword} 的类型应为 ${type} / must be a ${type} keyword`)
    }
    for (const slot of Object.keys(keywords))
      if (!slots[slot]) errors.push(`${at}.keywords.${slot}: 模板没有这一项（${Object.keys(slots).join('、')}）/ no such slot`)
    const names = Object.values(keywords)
    if (new Set(names).size !== names.length) errors.push(`${at}.keywords: 关键词重复 / a keyword is used twice`)
  }
}

/** The settings file of `envId`, or the example when the environment has none yet. */
export function settingsFileFor(root: string, envId: string, explicit?: string): string {
  if (explicit) return explicit
  const own = join(root, 'deploy', `env.${envId}.json`)
  return existsSync(own) ? own : join(root, 'deploy', 'env.example.json')
}

function functionsFrom(root: string, settings: EnvSettings, errors: string[]): FunctionSpec[] {
  const runtime = settings.functions?.runtime ?? RUNTIMES[0]
  const memorySize = settings.functions?.memorySize ?? 256
  const messages = settings.subscribeMessages ?? {}
  const templates = Object.fromEntries(Object.entries(messages).map(([purpose, m]) => [purpose, m.templateId]))
  const mapping = Object.fromEntries(
    Object.entries(messages).map(([purpose, m]) => [purpose, { templateId: m.templateId, page: m.page, keywords: m.keywords }]),
  )
  return functionNames(root).map((name) => {
    const dir = join(root, 'cloudfunctions', name)
    const at = `cloudfunctions/${name}`
    if (!existsSync(join(dir, 'config.json'))) errors.push(`${at}: 缺少 config.json / config.json missing`)
    const config: FunctionConfig = existsSync(join(dir, 'config.json')) ? readJson<FunctionConfig>(join(dir, 'config.json')) : {}
    const pkg = existsSync(join(dir, 'package.json'))
      ? readJson<{ main?: string; dependencies?: Record<string, string> }>(join(dir, 'package.json'))
      : undefined
    if (!pkg) errors.push(`${at}: 缺少 package.json / package.json missing`)
    else if (!pkg.dependencies?.['wx-server-sdk'])
      errors.push(`${at}/package.json: 依赖中没有 wx-server-sdk（云端按它安装）/ wx-server-sdk must be a dependency`)

    const timeout = config.timeout ?? 3
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT_S)
      errors.push(
        `${at}/config.json: timeout ${timeout} 须为 1–${MAX_TIMEOUT_S} 秒的整数 / timeout must be a whole number of seconds, 1–${MAX_TIMEOUT_S}`,
      )
    const memory = config.memorySize ?? memorySize
    if (!MEMORY_SIZES.includes(memory))
      errors.push(`${at}: memorySize ${memory} 须为 ${MEMORY_SIZES.join('/')} / memorySize must be one of ${MEMORY_SIZES.join(', ')}`)
    const fnRuntime = config.runtime ?? runtime
    if (!RUNTIMES.includes(fnRuntime)) errors.push(`${at}: runtime ${fnRuntime} 不受支持 / unsupported runtime (${RUNTIMES.join(', ')})`)

    const triggers = config.triggers ?? []
    if (triggers.length > 1) errors.push(`${at}/config.json: 一个函数至多一个定时触发器 / at most one timer trigger per function`)
    for (const t of triggers) {
      if (t.type !== 'timer')
        errors.push(`${at}/config.json: 触发器 ${t.name} 的类型 ${t.type} 不受支持，只有 timer / only timer triggers exist`)
      if (String(t.config).trim().split(/\s+/).length !== 7)
        errors.push(`${at}/config.json: 触发器 ${t.name} 须为 7 段 cron（秒 分 时 日 月 星期 年）/ cron must have 7 fields`)
    }
    const openapi = [...(config.permissions?.openapi ?? [])].sort()

    const digest = digestOf(join(root, 'dist', 'cloudfunctions', name))
    if (!digest) errors.push(`${at}: 尚未构建（npm run build:functions）/ not built`)
    const variables: Record<string, string> = { ...(settings.functions?.variables ?? {}) }
    if (openapi.includes(SUBSCRIBE_SEND) || SUBSCRIBE_READERS.includes(name)) {
      variables.HONGLIN_SUBSCRIBE_TEMPLATES = JSON.stringify(templates)
      variables.HONGLIN_SUBSCRIBE_MESSAGES = JSON.stringify(mapping)
    }
    variables[CODE_DIGEST] = digest ?? 'unbuilt'
    // SCF keeps at most 4 KB of environment variables per function.
    const size = Object.entries(variables).reduce((n, [k, v]) => n + k.length + v.length, 0)
    if (size > 4096) errors.push(`${at}: 环境变量共 ${size} 字节，超过 4 KB / environment variables exceed 4 KB`)
    return {
      name,
      runtime: fnRuntime,
      memorySize: memory,
      timeout,
      triggers: triggers.map((t) => ({ name: t.name, type: 'timer' as const, config: String(t.config).trim() })),
      openapi,
      variables,
    }
  })
}

/** Reads every file the deployment is made from; `errors` say what blocks it. */
export function readProject(root: string, envId: string, settingsPath?: string): ProjectReading {
  const errors: string[] = []
  const warnings: string[] = []
  const settingsFile = settingsFileFor(root, envId, settingsPath)
  let settings: EnvSettings = {}
  if (!existsSync(settingsFile)) errors.push(`找不到环境配置 ${settingsFile} / settings file not found`)
  else settings = readJson<EnvSettings>(settingsFile)
  if (settingsFile.endsWith('env.example.json') && !settingsPath)
    warnings.push(`没有 deploy/env.${envId}.json，使用示例配置 / no deploy/env.${envId}.json: using the example settings`)
  checkSubscribeMessages(settings.subscribeMessages ?? {}, relative(root, settingsFile), errors, warnings)

  const collections = collectionsFrom(root, errors)
  const functions = functionsFrom(root, settings, errors)
  const functionRoot = join(root, 'dist', 'cloudfunctions')
  const wrongEnv = checkBundles(functionRoot).filter((p) => functions.some((f) => f.name === p.fn))
  if (wrongEnv.length)
    errors.push(`云函数须以 cloud.DYNAMIC_CURRENT_ENV 初始化 / cloud.init must use cloud.DYNAMIC_CURRENT_ENV:\n${describe(wrongEnv)}`)
  return { desired: { collections, functions, storage: storageFrom(root), functionRoot }, errors, warnings, settingsFile }
}
