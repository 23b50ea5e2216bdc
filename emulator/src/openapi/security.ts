/**
 * Content security against local rules instead of WeChat's models, answering WeChat's shapes.
 * `security.msgSecCheck`:
 * - v1 (no `version`, or 1): `{ content }` → `{ errcode: 0 }`, or `87014 risky content`.
 * - v2 (`version: 2`, with `openid` and `scene` 1–4; also checks `title`, `nickname`,
 *   `signature`) → `{ errcode: 0, result: { suggest, label }, detail: [...], trace_id }`:
 *   a sensitive word is `risky` / 20001, a review word `review` / 21000, clean text `pass` /
 *   100; only the `keyword` strategy is reported in `detail`, since there is no model here.
 *   Matching ignores case and whitespace. v2 takes at most 2,500 characters (47001 beyond).
 * `security.imgSecCheck` (`media`: the image bytes): PNG, JPEG or GIF up to 1 MB (WeChat's
 *   documented limit; 40006 beyond, 40004 for other formats, 41005 without media); risky
 *   (87014) when the bytes contain a marker string or their SHA-256 is listed.
 * `security.mediaCheckAsync` (`media_url`, `media_type` 1 audio / 2 image; v2 adds `version`,
 *   `openid`, `scene`) → `{ errcode: 0, trace_id }`. The verdict WeChat later pushes to the
 *   message server (event `wxa_media_check`) is not delivered: the call is only recorded.
 */
import { createHash, randomBytes } from 'node:crypto'
import { OK, dataFormatError, type WxAnswer, type WxApi } from './types'

/** Default list: test words only, obviously marked as such, plus WeChat's own v1 test strings. */
export const DEFAULT_SENSITIVE_WORDS = ['违禁词测试', '特3456书yuuo莞6543李zxcz蒜7782法fgnv级', '完2347全dfji试3726测asad感3847知qwez到']

/** Words v2 answers `review` for (the model unsure): test words only, marked as such. */
export const DEFAULT_REVIEW_WORDS = ['人工复审测试']
/** Bytes that make an image risky; append them to any small PNG to get a "risky" photo. */
export const DEFAULT_RISKY_IMAGE_MARKER = 'RISKY-IMAGE-TEST'

export const RISKY_CONTENT = 87014
export const LABEL_NORMAL = 100
export const LABEL_RISKY = 20001
export const LABEL_OTHER = 21000
/** WeChat's "invalid media type" / "invalid media size" / "media data missing". */
export const INVALID_MEDIA_TYPE = 40004
export const INVALID_MEDIA_SIZE = 40006
export const MEDIA_MISSING = 41005
/** imgSecCheck's documented image size limit ("图片大小限制：1M"). */
export const IMAGE_MAX_BYTES = 1024 * 1024
const MAX_V2_CHARS = 2500
const SCENES = [1, 2, 3, 4]

export interface ContentRules {
  sensitiveWords?: string[]
  reviewWords?: string[]
  riskyImageMarkers?: string[]
  /** SHA-256 (hex) of images that are risky. */
  riskyImageHashes?: string[]
}

const traceId = () => [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-')

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, '')

function wordMatcher(words: string[]): (texts: string[]) => string | undefined {
  const list = words.map((word) => ({ word, key: normalize(word) })).filter((w) => w.key !== '')
  return (texts) => {
    const haystack = texts.map(normalize)
    return list.find((w) => haystack.some((text) => text.includes(w.key)))?.word
  }
}

export function createMsgSecCheck(
  words: string[],
  reviewWords: string[] = DEFAULT_REVIEW_WORDS,
): (params: Record<string, unknown>) => WxAnswer {
  const firstHit = wordMatcher(words)
  const firstDoubt = wordMatcher(reviewWords)

  return (params) => {
    const content = params.content
    if (typeof content !== 'string' || content === '') return dataFormatError('content is empty')
    if (Number(params.version ?? 1) !== 2) {
      return firstHit([content]) ? { errcode: RISKY_CONTENT, errmsg: 'risky content' } : { ...OK }
    }
    if (typeof params.openid !== 'string' || params.openid === '') return dataFormatError('openid is empty (required by version 2)')
    if (!SCENES.includes(Number(params.scene))) return dataFormatError(`scene must be one of ${SCENES.join(', ')}`)
    if ([...content].length > MAX_V2_CHARS) return dataFormatError(`content is longer than ${MAX_V2_CHARS} characters`)
    const texts = [content, params.title, params.nickname, params.signature].filter((t): t is string => typeof t === 'string')
    const hit = firstHit(texts)
    const doubt = hit ? undefined : firstDoubt(texts)
    const verdict = hit
      ? { suggest: 'risky', label: LABEL_RISKY }
      : doubt
        ? { suggest: 'review', label: LABEL_OTHER }
        : { suggest: 'pass', label: LABEL_NORMAL }
    const keyword = hit ?? doubt
    return {
      ...OK,
      result: verdict,
      detail: [{ strategy: 'keyword', errcode: 0, ...verdict, ...(keyword ? { keyword } : {}) }],
      trace_id: traceId(),
    }
  }
}

const IMAGE_SIGNATURES: [string, Buffer][] = [
  ['jpeg', Buffer.from([0xff, 0xd8, 0xff])],
  ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  ['gif', Buffer.from('GIF87a')],
  ['gif', Buffer.from('GIF89a')],
]

export function createImgSecCheck(markers: string[] = [DEFAULT_RISKY_IMAGE_MARKER], hashes: string[] = []): WxApi {
  const markerBytes = markers.filter(Boolean).map((m) => Buffer.from(m))
  const listed = new Set(hashes.map((h) => h.toLowerCase()))
  return (_params, _call, media) => {
    const image = media.media
    if (!image || image.bytes.length === 0) return { errcode: MEDIA_MISSING, errmsg: 'media data missing' }
    if (image.bytes.length > IMAGE_MAX_BYTES) return { errcode: INVALID_MEDIA_SIZE, errmsg: 'invalid media size' }
    if (!IMAGE_SIGNATURES.some(([, sig]) => image.bytes.subarray(0, sig.length).equals(sig)))
      return { errcode: INVALID_MEDIA_TYPE, errmsg: 'invalid media type' }
    const risky = markerBytes.some((m) => image.bytes.includes(m)) || listed.has(createHash('sha256').update(image.bytes).digest('hex'))
    return risky ? { errcode: RISKY_CONTENT, errmsg: 'risky content' } : { ...OK }
  }
}

export function mediaCheckAsync(params: Record<string, unknown>): WxAnswer {
  if (typeof params.media_url !== 'string' || !/^https?:\/\//.test(params.media_url))
    return dataFormatError('media_url must be an http(s) URL')
  if (![1, 2].includes(Number(params.media_type))) return dataFormatError('media_type must be 1 (audio) or 2 (image)')
  if (Number(params.version ?? 1) === 2) {
    if (typeof params.openid !== 'string' || params.openid === '') return dataFormatError('openid is empty (required by version 2)')
    if (!SCENES.includes(Number(params.scene))) return dataFormatError(`scene must be one of ${SCENES.join(', ')}`)
  }
  return { ...OK, trace_id: traceId() }
}
