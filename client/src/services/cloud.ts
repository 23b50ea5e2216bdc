/**
 * The one way the client reaches cloud functions.
 * - weapp: `Taro.cloud.callFunction`, the caller's OPENID comes from WeChat.
 * - h5: `POST /functions/<name>` on the same origin (the local emulator serves the H5 build
 *   and this endpoint); the demo persona's OPENID travels in `x-wx-openid`.
 * Every failure rejects with an Error whose message can be shown to the user as is.
 */
import Taro from '@tarojs/taro'

export const NETWORK_ERROR_MESSAGE = '网络异常，请稍后重试'
export const TIMEOUT_ERROR_MESSAGE = '请求超时，请稍后重试'
export const SERVICE_ERROR_MESSAGE = '服务暂时不可用，请稍后重试'
export const BAD_RESPONSE_MESSAGE = '服务返回的数据无法识别，请稍后重试'

/** What every Honglin cloud function answers. */
export type FunctionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } }

const H5_TIMEOUT_MS = 15_000

type OpenidProvider = () => string | undefined
let callerOpenid: OpenidProvider = () => undefined

/** H5 only: where `callFunction` reads the current persona's OPENID from. */
export function setCallerOpenid(provider: OpenidProvider): void {
  callerOpenid = provider
}

export function callFunction<T>(name: string, data: object): Promise<T> {
  if (process.env.TARO_ENV === 'weapp') return callCloud<T>(name, data)
  return callHttp<T>(name, data)
}

async function callCloud<T>(name: string, data: object): Promise<T> {
  try {
    const res = await Taro.cloud.callFunction({ name, data: data as TaroGeneral.IAnyObject })
    return res.result as T
  } catch (error) {
    console.error(`云函数 ${name} 调用失败`, error)
    throw new Error(cloudErrorMessage(error))
  }
}

function cloudErrorMessage(error: unknown): string {
  const errMsg = typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : ''
  if (/timeout|超时/i.test(errMsg)) return TIMEOUT_ERROR_MESSAGE
  if (/request:fail|network|网络/i.test(errMsg)) return NETWORK_ERROR_MESSAGE
  return SERVICE_ERROR_MESSAGE
}

async function callHttp<T>(name: string, data: object): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = callerOpenid()
  if (openid) headers['x-wx-openid'] = openid

  const controller = typeof AbortController === 'function' ? new AbortController() : undefined
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller?.abort()
  }, H5_TIMEOUT_MS)

  try {
    let response: Response
    let text: string
    try {
      response = await fetch(`/functions/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(data),
        signal: controller?.signal,
      })
      text = await response.text()
    } catch (error) {
      console.error(`云函数 ${name} 请求失败`, error)
      throw new Error(timedOut ? TIMEOUT_ERROR_MESSAGE : NETWORK_ERROR_MESSAGE)
    }

    const body = parseJson(text)
    if (!response.ok) {
      // A function that answered with its own error envelope still gets to speak.
      if (isErrorEnvelope(body)) return body as T
      throw new Error(`${SERVICE_ERROR_MESSAGE}（HTTP ${response.status}）`)
    }
    if (body === undefined) throw new Error(BAD_RESPONSE_MESSAGE)
    return body as T
  } finally {
    clearTimeout(timer)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function isErrorEnvelope(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { ok?: unknown }).ok === false
}
