/**
 * Open data behind a CloudID (`cloud.getOpenData`, `openapi.cloudbase.getOpenData`) and a phone
 * code (`openapi.phonenumber.getPhoneNumber`). Real CloudIDs and codes come from WeChat's
 * client; locally a test passes one of these instead:
 * - `local-phone:<number>` → `{ phoneNumber, purePhoneNumber, countryCode: '86', watermark }`,
 *   e.g. `local-phone:13800138000` (as the getPhoneNumber button would give);
 * - `local-werun:<steps>,<steps>,…` → `{ stepInfoList: [{ step, timestamp }], watermark }`, one
 *   entry per day ending today (Beijing midnight timestamps, in seconds), as WeRun data.
 * The watermark holds the caller's appid and the emulator clock in seconds. Anything else is
 * WeChat's "invalid cloudID" (-601005) / "invalid code" (40029).
 */
import type { WxAnswer, WxCall } from './types'

export const INVALID_CLOUD_ID = -601005
export const INVALID_CODE = 40029
const DAY = 86_400
const BEIJING = 8 * 3600

export type OpenData = Record<string, unknown>

export function openDataFor(id: string, call: WxCall): OpenData | undefined {
  const watermark = { timestamp: Math.floor(call.now / 1000), appid: call.appid }
  const phone = /^local-phone:(\d{5,20})$/.exec(id)
  if (phone) return { phoneNumber: phone[1], purePhoneNumber: phone[1], countryCode: '86', watermark }
  const werun = /^local-werun:(\d+(?:,\d+)*)$/.exec(id)
  if (werun) {
    const steps = werun[1]!.split(',').map(Number)
    const today = Math.floor((call.now / 1000 + BEIJING) / DAY) * DAY - BEIJING
    const stepInfoList = steps.map((step, i) => ({ step, timestamp: today - (steps.length - 1 - i) * DAY }))
    return { stepInfoList, watermark }
  }
  return undefined
}

/** `openapi.cloudbase.getOpenData({ cloudidList })`: WeChat's JSON, each item's data as a JSON string. */
export function cloudbaseGetOpenData(params: Record<string, unknown>, call: WxCall): WxAnswer {
  const list = params.cloudid_list
  if (!Array.isArray(list) || list.length === 0) return { errcode: 47001, errmsg: 'data format error hint: cloudid_list is empty' }
  const items = []
  for (const id of list) {
    const data = typeof id === 'string' ? openDataFor(id, call) : undefined
    if (!data) return { errcode: INVALID_CLOUD_ID, errmsg: `invalid cloudID ${String(id)}` }
    items.push({ cloud_id: id, json: JSON.stringify({ cloudID: id, data }) })
  }
  return { errcode: 0, errmsg: 'ok', data_list: items }
}

/** `openapi.phonenumber.getPhoneNumber({ code })` with a `local-phone:` code. */
export function getPhoneNumber(params: Record<string, unknown>, call: WxCall): WxAnswer {
  const code = params.code
  const data = typeof code === 'string' && code.startsWith('local-phone:') ? openDataFor(code, call) : undefined
  if (!data) return { errcode: INVALID_CODE, errmsg: 'invalid code' }
  return { errcode: 0, errmsg: 'ok', phone_info: data }
}
