/**
 * `security.msgSecCheck` against a local word list instead of WeChat's models.
 * - v1 (no `version`, or 1): `{ content }` → `{ errcode: 0 }`, or `87014 risky content`.
 * - v2 (`version: 2`, with `openid` and `scene` 1–4; also checks `title`, `nickname`,
 *   `signature`) → `{ errcode: 0, result: { suggest, label }, detail: [...], trace_id }`:
 *   a word hit is `risky` / 20001, clean text `pass` / 100; only the `keyword` strategy is
 *   reported in `detail`, since there is no model here.
 * Matching ignores case and whitespace.
 */
import { randomBytes } from 'node:crypto'
import { OK, dataFormatError, type WxAnswer } from './types'

/** Default list: test words only, obviously marked as such, plus WeChat's own v1 test strings. */
export const DEFAULT_SENSITIVE_WORDS = ['违禁词测试', '特3456书yuuo莞6543李zxcz蒜7782法fgnv级', '完2347全dfji试3726测asad感3847知qwez到']

export const RISKY_CONTENT = 87014
export const LABEL_NORMAL = 100
export const LABEL_RISKY = 20001
const SCENES = [1, 2, 3, 4]

const normalize = (text: string) => text.toLowerCase().replace(/\s+/g, '')

export function createMsgSecCheck(words: string[]): (params: Record<string, unknown>) => WxAnswer {
  const list = words.map((word) => ({ word, key: normalize(word) })).filter((w) => w.key !== '')
  const firstHit = (texts: string[]) => {
    const haystack = texts.map(normalize)
    return list.find((w) => haystack.some((text) => text.includes(w.key)))?.word
  }

  return (params) => {
    const content = params.content
    if (typeof content !== 'string' || content === '') return dataFormatError('content is empty')
    if (Number(params.version ?? 1) !== 2) {
      return firstHit([content]) ? { errcode: RISKY_CONTENT, errmsg: 'risky content' } : { ...OK }
    }
    if (typeof params.openid !== 'string' || params.openid === '') return dataFormatError('openid is empty (required by version 2)')
    if (!SCENES.includes(Number(params.scene))) return dataFormatError(`scene must be one of ${SCENES.join(', ')}`)
    const texts = [content, params.title, params.nickname, params.signature].filter((t): t is string => typeof t === 'string')
    const hit = firstHit(texts)
    const verdict = hit ? { suggest: 'risky', label: LABEL_RISKY } : { suggest: 'pass', label: LABEL_NORMAL }
    return {
      ...OK,
      result: verdict,
      detail: [{ strategy: 'keyword', errcode: 0, ...verdict, ...(hit ? { keyword: hit } : {}) }],
      trace_id: [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-'),
    }
  }
}
