/** What an emulated WeChat open API receives and answers. */

/** The JSON WeChat answers; a non-zero `errcode` makes wx-server-sdk throw `{ errCode, errMsg }`. */
export interface WxAnswer {
  errcode: number
  errmsg: string
  [field: string]: unknown
}

/** One emulated API: decoded parameters (snake_case, as sent) in, WeChat's JSON out. */
export type WxApi = (params: Record<string, unknown>) => WxAnswer

export const OK: WxAnswer = { errcode: 0, errmsg: 'ok' }

/** WeChat's "argument invalid" (used for missing or malformed subscribe message fields). */
export const ARGUMENT_INVALID = 47003
/** WeChat's "data format error" (a parameter of the wrong type or missing). */
export const DATA_FORMAT_ERROR = 47001

export function argumentInvalid(detail: string): WxAnswer {
  return { errcode: ARGUMENT_INVALID, errmsg: `argument invalid! ${detail}` }
}

export function dataFormatError(detail: string): WxAnswer {
  return { errcode: DATA_FORMAT_ERROR, errmsg: `data format error hint: ${detail}` }
}
