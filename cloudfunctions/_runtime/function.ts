/**
 * The thin edge every Honglin cloud function shares: pick the action, validate its input with
 * the shared schema, resolve who is calling from the WeChat context (never the payload), run
 * the use case, and turn every outcome into `{ ok, data }` / `{ ok: false, error }`.
 */
import cloud from 'wx-server-sdk'
import { AppError, contract, parseInput, type Actor, type ErrorBody, type Result } from '@honglin/shared'
import type { z } from 'zod'
import { actorOf, findUserByOpenid, type UserDoc } from './actor'
import { createDb, type Db } from './db'
import { serverNow } from './clock'
import { requireOwnFiles } from './files'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export interface ActionContext {
  db: Db
  cloud: typeof cloud
  openid: string
  /** The registered user calling, loaded once per invocation (a guest for `auth: 'none'` actions). */
  actor: Actor
  /** The caller's user document, read with the actor (absent for `auth: 'none'` actions). */
  user?: UserDoc
  now: number
}

export interface ActionDef<S extends z.ZodTypeAny, R> {
  schema: S
  /** `registered` (default): the caller must have logged in; `none`: any WeChat user (login itself). */
  auth?: 'registered' | 'none'
  run(ctx: ActionContext, input: z.infer<S>): Promise<R>
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyAction = ActionDef<any, unknown>

export function action<S extends z.ZodTypeAny, R>(def: ActionDef<S, R>): ActionDef<S, R> {
  return def
}

/**
 * Builds `main(event)` for a function whose actions are `actions`. The action is looked up
 * among the table's own entries only (a Map), so `constructor`, `__proto__`, `toString` and
 * the like are unknown actions like any other; UNKNOWN_ACTION never repeats what was sent.
 */
export function defineFunction<F extends contract.FunctionName>(name: F, actions: { [A in contract.ActionName<F>]: AnyAction }) {
  const table = new Map<string, AnyAction>(Object.entries(actions as Record<string, AnyAction>))
  return async function main(event: unknown): Promise<Result<unknown>> {
    const actionName = actionOf(event)
    const def = actionName === undefined ? undefined : table.get(actionName)
    try {
      if (!def) throw new AppError('UNKNOWN_ACTION')
      const { action: _ignored, ...params } = event as Record<string, unknown>
      void _ignored
      const input = parseInput(def.schema, params)
      const { OPENID, ENV } = cloud.getWXContext()
      if (!OPENID) throw new AppError('NOT_REGISTERED', '无法识别您的微信身份，请在微信中打开')
      requireOwnFiles(def.schema, input, ENV)
      const db = createDb(cloud)
      const user = def.auth === 'none' ? undefined : await findUserByOpenid(db, OPENID)
      if (def.auth !== 'none' && !user) throw new AppError('NOT_REGISTERED')
      const actor = user ? actorOf(user) : guest(OPENID)
      const data = await def.run({ db, cloud, openid: OPENID, actor, user, now: serverNow() }, input)
      return { ok: true, data }
    } catch (error) {
      return { ok: false, error: toErrorBody(error, def ? `${name}.${actionName}` : name) }
    }
  }
}

/** The action a call names: a string property of an object event, or nothing. */
function actionOf(event: unknown): string | undefined {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return undefined
  const value = Object.prototype.hasOwnProperty.call(event, 'action') ? (event as { action?: unknown }).action : undefined
  return typeof value === 'string' ? value : undefined
}

function guest(openid: string): Actor {
  return { userId: '', openid, name: '', grants: [] }
}

function toErrorBody(error: unknown, where: string): ErrorBody {
  if (error instanceof AppError) return error.toBody()
  console.error(`${where} failed:`, error)
  return new AppError('INTERNAL').toBody()
}
