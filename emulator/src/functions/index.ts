/**
 * The function host: runs the cloud functions of a folder in this process, each invocation
 * with its own WeChat context (see env.ts), its own round-trip counters, a timeout, and its
 * console output in the emulator log. Serves `POST /functions/<name>` for the H5 client
 * (caller's OPENID from the `x-wx-openid` header, as only a local emulator may), answers the
 * SDK's `functions.invokeFunction` (`cloud.callFunction`, keeping the caller's identity), and
 * fires timer triggers on schedule or on demand.
 */
import { ErrorCode, CloudbaseError, assert } from '../errors'
import { readBody, parseJson } from '../http/body'
import { sendJson } from '../http/envelope'
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { newStats, type InvocationStats } from '../stats'
import { runInScope } from './env'
import { discoverFunctions, loadMain, type FunctionDefinition, type FunctionMain } from './loader'
import { TimerScheduler } from './timers'

export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  /** `TCB_SOURCE`, e.g. `wx_client` for a mini-program call, `scf` for function to function. */
  source?: string
}

export interface InvokeResult {
  result?: unknown
  error?: string
  stats: InvocationStats
}

export interface FunctionsService extends EmulatorService {
  invocationForSeqId(seqId: string): InvocationStats | undefined
  /** Names of the loaded functions. */
  functionNames(): string[]
  /** The most recent invocations, newest last. */
  invocations(limit?: number): InvocationStats[]
  /** Runs a function as `caller`; never throws for the function's own errors (see `error`). */
  invoke(name: string, event: unknown, caller?: Caller, extraEnv?: Record<string, string>): Promise<InvokeResult>
  /** Fires a timer trigger now, as the scheduler would. */
  fireTimer(functionName: string, triggerName: string): Promise<InvokeResult>
}

export interface FunctionsOptions extends ServiceDeps {
  functionsDir?: string
  envId: string
  /** Run timer triggers on their schedule. */
  timers: boolean
  /** The emulator's base URL (known once it listens). */
  url: () => string
  /** Timeout when a function's config.json sets none (the real default is 3 s). */
  defaultTimeoutSeconds?: number
}

export const LOCAL_APPID = 'wx-local-appid'
const HISTORY = 1000

export function createFunctionsService(options: FunctionsOptions): FunctionsService {
  const { logger, clock } = options
  let definitions = new Map<string, FunctionDefinition>()
  const mains = new Map<string, FunctionMain>()
  const live = new Map<string, InvocationStats>()
  const history: InvocationStats[] = []
  let counter = 0
  const scheduler = new TimerScheduler(clock, logger, (fn, trigger) => void service.fireTimer(fn, trigger))

  const mainOf = (definition: FunctionDefinition): FunctionMain => {
    let main = mains.get(definition.name)
    if (!main) mains.set(definition.name, (main = loadMain(definition)))
    return main
  }

  const baseEnv = (seqId: string, caller: Caller): Record<string, string | undefined> => ({
    // node-sdk: do not probe the cloud metadata host on each request (see the wire-protocol notes).
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SCF_NAMESPACE: options.envId,
    TCB_ENV: options.envId,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${options.url()}/admin` }),
    // The seqId of every SDK request starts with TCB_SEQID: that is how requests find their invocation.
    TCB_SEQID: seqId,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID',
    TCB_SOURCE: caller.source ?? 'wx_client',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
    WX_OPENID: caller.openid,
    WX_APPID: caller.appid ?? (caller.openid ? LOCAL_APPID : undefined),
    WX_UNIONID: caller.unionid,
    WX_API_TOKEN: `local-token-${seqId}`,
    // Not set by the real cloud: lets code that wants the emulator's (movable) clock read it.
    CLOUDBASE_EMULATOR_CLOCK_OFFSET_MS: String(clock.offset),
  })

  const service: FunctionsService = {
    name: ServiceName.Functions,

    start() {
      definitions = discoverFunctions(options.functionsDir)
      logger.info(`loaded ${definitions.size} function(s): ${[...definitions.keys()].join(', ') || '(none)'}`)
      if (options.timers) scheduler.start([...definitions.values()])
    },

    stop() {
      scheduler.stop()
    },

    invocationForSeqId(seqId) {
      return live.get(seqId.split('-')[0] ?? '')
    },

    functionNames: () => [...definitions.keys()],

    invocations: (limit = 100) => history.slice(-limit),

    async invoke(name, event, caller = {}, extraEnv = {}) {
      const definition = definitions.get(name)
      if (!definition) throw new CloudbaseError(ErrorCode.FunctionNotFound, `[ResourceNotFound.Function] function ${name} not found`)
      const seqId = `inv${++counter}`
      const stats = newStats(seqId, name, caller.openid ?? '', clock.now())
      live.set(seqId, stats)
      history.push(stats)
      if (history.length > HISTORY) history.splice(0, history.length - HISTORY)
      const fnLogger = logger.child(name)
      const timeoutMs = (definition.config.timeout ?? options.defaultTimeoutSeconds ?? 3) * 1000
      const context = {
        request_id: seqId,
        function_name: name,
        namespace: options.envId,
        memory_limit_in_mb: 256,
        time_limit_in_ms: timeoutMs,
        callbackWaitsForEmptyEventLoop: false,
      }
      let timer: NodeJS.Timeout | undefined
      try {
        const result = await runInScope(
          { env: { ...baseEnv(seqId, caller), ...extraEnv }, log: (level, message) => fnLogger[level](message) },
          () =>
            Promise.race([
              Promise.resolve().then(() => mainOf(definition)(event, context)),
              new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`Task timed out after ${timeoutMs / 1000} seconds`)), timeoutMs)
              }),
            ]),
        )
        return { result, stats }
      } catch (error) {
        stats.error = error instanceof Error ? error.message : String(error)
        fnLogger.error(`invocation ${seqId} failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`)
        return { error: stats.error, stats }
      } finally {
        clearTimeout(timer)
        stats.endedAt = clock.now()
        // Requests still in flight after the function returned are not counted against it.
        live.delete(seqId)
      }
    },

    fireTimer(functionName, triggerName) {
      const trigger = definitions.get(functionName)?.config.triggers?.find((t) => t.name === triggerName)
      if (!trigger) throw new Error(`function ${functionName} has no timer trigger ${triggerName}`)
      const event = { Type: 'Timer', TriggerName: triggerName, Time: new Date(clock.now()).toISOString(), Message: '' }
      return service.invoke(functionName, event, { source: 'timer' }, { TRIGGER_SRC: 'timer' })
    },

    actions: {
      'functions.invokeFunction': async (req, ctx) => {
        const name = req.body.function_name
        assert(typeof name === 'string' && name, ErrorCode.InvalidParam, 'function_name is required')
        const raw = req.body.request_data
        const event = typeof raw === 'string' && raw ? JSON.parse(raw) : (raw ?? {})
        // Function-to-function calls keep the end user's identity, as in WeChat's cloud.
        const parent = ctx.invocation
        const caller: Caller = parent ? { openid: parent.openid || undefined, source: 'scf' } : { source: 'scf' }
        const { result, error } = await service.invoke(name, event, caller)
        if (error !== undefined) throw new CloudbaseError(ErrorCode.FunctionExecFail, `[FunctionExecFail] ${error}`)
        return { data: { response_data: JSON.stringify(result ?? null) } }
      },
    },

    routes: [
      {
        method: 'POST',
        path: '/functions/:name',
        async handle(req, res, match) {
          const name = match.params.name!
          if (!definitions.has(name)) return sendJson(res, 404, { errCode: -504002, errMsg: `function ${name} not found` })
          let event: unknown
          try {
            event = parseJson(await readBody(req))
          } catch {
            return sendJson(res, 400, { errCode: -1, errMsg: 'request body must be a JSON object' })
          }
          const openid = String(req.headers['x-wx-openid'] ?? '') || undefined
          const { result, error, stats } = await service.invoke(name, event, { openid, source: 'wx_client' })
          const headers = { 'x-invocation-id': stats.id, 'x-db-round-trips': String(stats.roundTrips) }
          if (error !== undefined) return sendJson(res, 500, { errCode: -504002, errMsg: error }, headers)
          sendJson(res, 200, result ?? null, headers)
        },
      },
    ],
  }
  return service
}
