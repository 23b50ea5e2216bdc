/**
 * Per-invocation environment. `cloud.getWXContext()` and node-sdk read identity and routing
 * (WX_OPENID, TCB_SEQID, TCB_CONTEXT_CNFG, …) from `process.env`, which is one object per
 * process. The host runs many invocations concurrently in one process, so `process.env` is
 * replaced once by a proxy that answers from the current invocation's own variables
 * (AsyncLocalStorage) before falling back to the real environment. Writes made inside an
 * invocation stay in that invocation.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export interface InvocationScope {
  env: Record<string, string | undefined>
  /** Emits a function's console output into the emulator's log. */
  log(level: 'info' | 'warn' | 'error' | 'debug', message: string): void
}

const storage = new AsyncLocalStorage<InvocationScope>()
let installed = false

export function currentScope(): InvocationScope | undefined {
  return storage.getStore()
}

export function runInScope<T>(scope: InvocationScope, fn: () => T): T {
  installEnvProxy()
  return storage.run(scope, fn)
}

function installEnvProxy(): void {
  if (installed) return
  installed = true
  const real = process.env
  const own = (key: string | symbol) => {
    const scope = storage.getStore()
    return typeof key === 'string' && scope && Object.prototype.hasOwnProperty.call(scope.env, key) ? scope : undefined
  }
  process.env = new Proxy(real, {
    get(target, key) {
      const scope = own(key)
      return scope ? scope.env[key as string] : Reflect.get(target, key)
    },
    set(target, key, value) {
      const scope = storage.getStore()
      if (scope && typeof key === 'string') scope.env[key] = String(value)
      else Reflect.set(target, key, String(value))
      return true
    },
    deleteProperty(target, key) {
      const scope = storage.getStore()
      if (scope && typeof key === 'string') scope.env[key] = undefined
      else Reflect.deleteProperty(target, key)
      return true
    },
    has(target, key) {
      const scope = own(key)
      return scope ? scope.env[key as string] !== undefined : Reflect.has(target, key)
    },
    ownKeys(target) {
      const scope = storage.getStore()
      const keys = new Set(Reflect.ownKeys(target))
      for (const [k, v] of Object.entries(scope?.env ?? {})) v === undefined ? keys.delete(k) : keys.add(k)
      return [...keys]
    },
    getOwnPropertyDescriptor(target, key) {
      const scope = own(key)
      if (!scope) return Reflect.getOwnPropertyDescriptor(target, key)
      const value = scope.env[key as string]
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true }
    },
  })
  patchConsole()
}

/** Console output of a function goes to the emulator log under the function's scope. */
function patchConsole(): void {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      const scope = storage.getStore()
      if (!scope) return original(...args)
      const message = args.map((a) => (typeof a === 'string' ? a : safeInspect(a))).join(' ')
      scope.log(level === 'log' ? 'info' : level, message)
    }
  }
}

function safeInspect(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
