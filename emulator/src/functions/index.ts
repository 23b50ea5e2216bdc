/**
 * The function host, with the cloud's instance model: every function runs in instances of its
 * own (child processes, pool.ts), each serving one request at a time and frozen in between;
 * a timeout kills the instance, so nothing it started lands afterwards. Each invocation has its
 * own WeChat context (context.ts), round-trip counters and console output in the emulator log.
 * Serves `POST /functions/<name>` for the H5 client (caller's OPENID from the `x-wx-openid`
 * header, as only a local emulator may), answers the SDK's `functions.invokeFunction`
 * (`cloud.callFunction`, keeping the caller's identity), and fires timer triggers on schedule
 * or on demand.
 */
import { ErrorCode, CloudbaseError, assert } from '../errors'
import { readBody, parseJson } from '../http/body'
import { sendJson } from '../http/envelope'
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { newStats, type InvocationStats } from '../stats'
import { calleeOf, clientAddresses, instanceEnv, requestEnv, SOURCE_CLIENT, SOURCE_TIMER, type Caller } from './context'
import type { InstanceAnswer, InstanceInfo } from './instance'
import { discoverFunctions, type FunctionConfig, type FunctionDefinition } from './loader'
import { FunctionPool } from './pool'
import { TimerScheduler } from './timers'

export { LOCAL_APPID, type Caller } from './context'
export type { InstanceInfo } from './instance'

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
  /** Running instances, of one function or of all. */
  instances(functionName?: string): InstanceInfo[]
  /** Runs a function as `caller`; never throws for the function's own errors (see `error`). */
  invoke(name: string, event: unknown, caller?: Caller, extraEnv?: Record<string, string>): Promise<InvokeResult>
  /** A loaded function's config.json (timeout, triggers, open-API permissions). */
  configOf(name: string): FunctionConfig | undefined
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
  /** Instances of one function running at once (default 4); further requests wait. */
  maxInstances?: number
  /** An instance idle this long is stopped (default 60 s). */
  instanceIdleMs?: number
}

const HISTORY = 1000
export const DEFAULT_MAX_INSTANCES = 4
export const DEFAULT_INSTANCE_IDLE_MS = 60_000

/** The cloud's answer to a timeout: "errCode: -504003 | errMsg: Invoking task timed out after 3 seconds". */
export function timeoutMessage(seconds: number): string {
  return `Invoking task timed out after ${seconds} seconds`
}

export function createFunctionsService(options: FunctionsOptions): FunctionsService {
  const { logger, clock } = options
  let definitions = new Map<string, FunctionDefinition>()
  const pools = new Map<string, FunctionPool>()
  /** Invocations still running, with the caller their callees inherit. */
  const live = new Map<string, { stats: InvocationStats; caller: Caller }>()
  const history: InvocationStats[] = []
  let counter = 0
  let stopped = false
  const scheduler = new TimerScheduler(clock, logger, (fn, trigger) => void service.fireTimer(fn, trigger))
  // Children die with the emulator even if nobody calls stop() (a test that forgets, an exit()).
  const killAll = () => {
    for (const pool of pools.values()) void pool.stop()
  }

  const poolOf = (definition: FunctionDefinition): FunctionPool => {
    let pool = pools.get(definition.name)
    if (pool) return pool
    const fnLogger = logger.child(definition.name)
    pool = new FunctionPool({
      functionName: definition.name,
      maxInstances: options.maxInstances ?? DEFAULT_MAX_INSTANCES,
      idleMs: options.instanceIdleMs ?? DEFAULT_INSTANCE_IDLE_MS,
      instance: () => ({
        functionName: definition.name,
        dir: definition.dir,
        env: instanceEnv({ functionName: definition.name, dir: definition.dir, envId: options.envId, url: options.url() }),
        onLog: (instance, line) => fnLogger[line.level](`[${line.requestId ?? instance.id}] ${line.message}`),
      }),
      onReclaimed: (instance, reason, unexpected) =>
        fnLogger[unexpected ? 'warn' : 'debug'](
          `instance ${instance.id} ${unexpected ? 'ended' : 'stopped'} (${reason}) after serving ${instance.served} request(s)`,
        ),
    })
    pools.set(definition.name, pool)
    return pool
  }

  const run = async (
    definition: FunctionDefinition,
    stats: InvocationStats,
    event: unknown,
    caller: Caller,
    extraEnv: Record<string, string>,
  ) => {
    const fnLogger = logger.child(definition.name)
    const timeoutSeconds = definition.config.timeout ?? options.defaultTimeoutSeconds ?? 3
    const pool = poolOf(definition)
    const { instance, cold } = await pool.acquire()
    stats.instanceId = instance.id
    stats.cold = cold
    if (cold) {
      stats.coldStartMs = instance.coldStartMs
      fnLogger.info(`[${stats.id}] cold start: instance ${instance.id} ready in ${instance.coldStartMs} ms`)
    }
    const context = {
      request_id: stats.id,
      function_name: definition.name,
      namespace: options.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutSeconds * 1000,
      callbackWaitsForEmptyEventLoop: false,
    }
    const env = { ...requestEnv(stats.id, caller, clock.offset), ...extraEnv }
    let timer: NodeJS.Timeout | undefined
    let answer: InstanceAnswer
    try {
      answer = await Promise.race([
        instance.run({ id: stats.id, event, context, env }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError(timeoutSeconds)), timeoutSeconds * 1000)
        }),
      ])
    } catch (error) {
      // A timeout stops the instance: whatever it still had in flight never happens.
      if (error instanceof TimeoutError) pool.retire(instance, 'timed out')
      throw error
    } finally {
      clearTimeout(timer)
    }
    pool.release(instance)
    const pending = Object.entries(answer.pending)
    if (pending.length) {
      stats.pending = answer.pending
      fnLogger.warn(
        `[${stats.id}] returned with work still pending (${pending.map(([type, n]) => `${n} ${type}`).join(', ')}): ` +
          `the instance is frozen until its next request, so that work is delayed or never done, as in the cloud`,
      )
    }
    return answer
  }

  const service: FunctionsService = {
    name: ServiceName.Functions,

    start() {
      stopped = false
      definitions = discoverFunctions(options.functionsDir)
      logger.info(`loaded ${definitions.size} function(s): ${[...definitions.keys()].join(', ') || '(none)'}`)
      if (options.timers) scheduler.start([...definitions.values()])
      process.on('exit', killAll)
    },

    async stop() {
      stopped = true
      scheduler.stop()
      process.off('exit', killAll)
      await Promise.all([...pools.values()].map((pool) => pool.stop()))
      pools.clear()
    },

    invocationForSeqId(seqId) {
      return live.get(seqId.split('-')[0] ?? '')?.stats
    },

    functionNames: () => [...definitions.keys()],

    configOf: (name) => definitions.get(name)?.config,

    invocations: (limit = 100) => history.slice(-limit),

    instances: (functionName) =>
      [...pools.entries()].filter(([name]) => !functionName || name === functionName).flatMap(([, pool]) => pool.list()),

    async invoke(name, event, caller = {}, extraEnv = {}) {
      const definition = definitions.get(name)
      if (!definition) throw new CloudbaseError(ErrorCode.FunctionNotFound, `[ResourceNotFound.Function] function ${name} not found`)
      if (stopped) throw new Error('the emulator is stopped')
      const seqId = `inv${++counter}`
      const stats = newStats(seqId, name, caller.openid ?? '', clock.now())
      live.set(seqId, { stats, caller })
      history.push(stats)
      if (history.length > HISTORY) history.splice(0, history.length - HISTORY)
      const fnLogger = logger.child(name)
      try {
        const answer = await run(definition, stats, event, caller, extraEnv)
        if (!answer.error) return { result: answer.result, stats }
        stats.error = answer.error.message
        fnLogger.error(`[${seqId}] failed: ${answer.error.stack ?? answer.error.message}`)
      } catch (error) {
        stats.error = error instanceof Error ? error.message : String(error)
        if (error instanceof TimeoutError) stats.timedOut = true
        fnLogger.error(`[${seqId}] failed: ${stats.error}`)
      } finally {
        stats.endedAt = clock.now()
        // Requests still in flight after the function returned are not counted against it.
        live.delete(seqId)
      }
      return { error: stats.error, stats }
    },

    fireTimer(functionName, triggerName) {
      const trigger = definitions.get(functionName)?.config.triggers?.find((t) => t.name === triggerName)
      if (!trigger) throw new Error(`function ${functionName} has no timer trigger ${triggerName}`)
      // SCF's timer event; Time is UTC to the second ("2019-02-21T11:49:00Z").
      const time = new Date(Math.floor(clock.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z')
      const event = { Type: 'Timer', TriggerName: triggerName, Time: time, Message: '' }
      // The node adapter of @cloudbase/app reads TRIGGER_SRC=timer and then the trigger's own API token.
      return service.invoke(
        functionName,
        event,
        { source: SOURCE_TIMER },
        { TRIGGER_SRC: 'timer', WX_TRIGGER_API_TOKEN_V0: `local-trigger-token-${functionName}-${triggerName}` },
      )
    },

    actions: {
      'functions.invokeFunction': async (req, ctx) => {
        const name = req.body.function_name
        assert(typeof name === 'string' && name, ErrorCode.InvalidParam, 'function_name is required')
        const raw = req.body.request_data
        const event = typeof raw === 'string' && raw ? JSON.parse(raw) : (raw ?? {})
        // Function-to-function calls keep the end user's identity, as in WeChat's cloud.
        const parent = ctx.invocation ? live.get(ctx.invocation.id)?.caller : undefined
        const { result, error, stats } = await service.invoke(name, event, calleeOf(parent))
        if (stats.timedOut) throw new CloudbaseError(ErrorCode.FunctionTimeLimitExceeded, `[FunctionTimeLimitExceeded] ${error}`)
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
          const caller: Caller = { openid, source: SOURCE_CLIENT, ...clientAddresses(req.socket.remoteAddress) }
          const { result, error, stats } = await service.invoke(name, event, caller)
          const headers = { 'x-invocation-id': stats.id, 'x-db-round-trips': String(stats.roundTrips) }
          // -504003 is what a mini-program sees for a timeout, -504002 for a function that failed.
          if (error !== undefined) return sendJson(res, 500, { errCode: stats.timedOut ? -504003 : -504002, errMsg: error }, headers)
          sendJson(res, 200, result ?? null, headers)
        },
      },
    ],
  }
  return service
}

class TimeoutError extends Error {
  constructor(seconds: number) {
    super(timeoutMessage(seconds))
  }
}
