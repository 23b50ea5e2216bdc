/** What an emulated WeChat open API receives and answers. */

/** The JSON WeChat answers; a non-zero `errcode` makes wx-server-sdk throw `{ errCode, errMsg }`. */
export interface WxAnswer {
  errcode: number
  errmsg: string
  [field: string]: unknown
}

/** A media parameter (e.g. the image of `security.imgSecCheck`): raw bytes, not JSON. */
export interface MediaPart {
  contentType: string
  fileName?: string
  bytes: Buffer
}

/** A media answer (an image): WeChat sends the bytes with their content type instead of JSON. */
export interface WxMedia {
  errcode: 0
  errmsg: 'ok'
  media: { contentType: string; bytes: Buffer }
}

/** Who calls, and when, for APIs whose answer depends on it (open data carries a watermark). */
export interface WxCall {
  /** Emulator clock, ms. */
  now: number
  appid: string
  openid?: string
}

/**
 * One emulated API: decoded parameters (snake_case, as sent; media parameters summarised),
 * the caller, and the media parameters' bytes in; WeChat's JSON (or media) out.
 */
export type WxApi = (params: Record<string, unknown>, call: WxCall, media: Record<string, MediaPart>) => WxAnswer | WxMedia

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
