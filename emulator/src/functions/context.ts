/**
 * The environment a cloud function sees. `cloud.getWXContext()` and node-sdk read identity and
 * routing only from `process.env` (see the wire-protocol notes), so the host sets it in two
 * layers: what an instance keeps for life (env id, service URL, module path) and what each
 * request brings (caller, seqId, source), replaced at every request.
 *
 * Values, from the WeChat reference for Cloud.getWXContext
 * (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html):
 * - SOURCE: `wx_client` for a mini-program call, `wx_trigger` for a timer trigger, `scf` for
 *   function to function; it follows the call chain, comma separated (`wx_client,scf`).
 * - CLIENTIP / CLIENTIPV6: the mini-program client's IPv4 and IPv6 address. Here: the address
 *   the HTTP request came from; an IPv4 client gets its IPv4-mapped form as CLIENTIPV6. Our
 *   reading: a function called by another function keeps the end user's identity and address,
 *   as it keeps the OPENID; a timer run has no user, so no OPENID, APPID or address.
 * - Timer runs also get `TRIGGER_SRC=timer`, which wx-server-sdk reads to pick the trigger's
 *   API token.
 */
import { delimiter, join } from 'node:path'
import { isIPv4, isIPv6 } from 'node:net'

export interface Caller {
  openid?: string
  appid?: string
  unionid?: string
  /** `TCB_SOURCE`: `wx_client`, `wx_trigger`, `scf`, or a chain such as `wx_client,scf`. */
  source?: string
  clientIp?: string
  clientIpv6?: string
}

export const LOCAL_APPID = 'wx-local-appid'
export const SOURCE_CLIENT = 'wx_client'
export const SOURCE_TIMER = 'wx_trigger'
export const SOURCE_FUNCTION = 'scf'

/** The keys `getWXContext()` reports (it strips the `WX_` prefix). */
const WX_CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6', 'WX_API_TOKEN']

/** Variables of the emulator's own process that must not reach a function: the host sets them. */
const NOT_INHERITED = /^(WX_|TCB_|SCF_|TENCENTCLOUD|TRIGGER_SRC$|CLOUDBASE_EMULATOR_|NODE_OPTIONS$|NODE_PATH$)/

export interface InstanceEnvOptions {
  functionName: string
  dir: string
  envId: string
  /** The emulator's base URL; the SDK's service URL is `${url}/admin`. */
  url: string
  inherited?: NodeJS.ProcessEnv
}

/** What an instance keeps for its whole life. */
export function instanceEnv(options: InstanceEnvOptions): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.inherited ?? process.env)) {
    if (value !== undefined && !NOT_INHERITED.test(key)) env[key] = value
  }
  return {
    ...env,
    // The function's folder is on the module path, as in the cloud: require('utils/x') works.
    NODE_PATH: [options.dir, join(options.dir, 'node_modules')].join(delimiter),
    // node-sdk: do not probe the cloud metadata host on each request (see the wire-protocol notes).
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    SCF_NAMESPACE: options.envId,
    SCF_FUNCTIONNAME: options.functionName,
    TCB_ENV: options.envId,
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${options.url}/admin` }),
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID',
    WX_CONTEXT_KEYS: WX_CONTEXT_KEYS.join(','),
  }
}

/** What one request brings; the instance drops it before the next request. */
export function requestEnv(seqId: string, caller: Caller, clockOffsetMs: number): Record<string, string | undefined> {
  return {
    // The seqId of every SDK request starts with TCB_SEQID: that is how requests find their invocation.
    TCB_SEQID: seqId,
    TCB_SOURCE: caller.source ?? SOURCE_CLIENT,
    WX_OPENID: caller.openid,
    WX_APPID: caller.appid ?? (caller.openid ? LOCAL_APPID : undefined),
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: caller.clientIp,
    WX_CLIENTIPV6: caller.clientIpv6,
    WX_API_TOKEN: `local-token-${seqId}`,
    // Not set by the real cloud: lets code that wants the emulator's (movable) clock read it.
    CLOUDBASE_EMULATOR_CLOCK_OFFSET_MS: String(clockOffsetMs),
  }
}

/** CLIENTIP / CLIENTIPV6 from the address a request came from. */
export function clientAddresses(remote: string | undefined): Pick<Caller, 'clientIp' | 'clientIpv6'> {
  if (!remote) return {}
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(remote)
  const v4 = mapped ? mapped[1]! : isIPv4(remote) ? remote : undefined
  if (v4) return { clientIp: v4, clientIpv6: `::ffff:${v4}` }
  return isIPv6(remote) ? { clientIpv6: remote } : {}
}

/** The caller a function called by another function sees: the same user, the chain one longer. */
export function calleeOf(parent: Caller | undefined): Caller {
  if (!parent) return { source: SOURCE_FUNCTION }
  return { ...parent, source: parent.source ? `${parent.source},${SOURCE_FUNCTION}` : SOURCE_FUNCTION }
}
