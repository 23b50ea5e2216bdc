/**
 * Content security: user text and images are checked by WeChat before anything that holds
 * them is written. Nothing passes on an answer we do not understand: an unknown error or
 * verdict is logged and answered INTERNAL, so risky content is never stored by accident.
 *
 * Text: msgSecCheck v2 (`version: 2`, the caller's `openid`, a `scene`) answers errcode 0 with
 * `result.suggest` 'pass' | 'review' | 'risky'. 'review' (the model is unsure) is refused like
 * 'risky': there is no human review queue here, and stored text is shown to neighbours at
 * once; the person is asked to rephrase. When v2 cannot be used (no caller openid, or an
 * errcode saying v2 does not apply: see V2_UNAVAILABLE) the check falls back to v1, which
 * answers errcode 87014 for risky text.
 *
 * Images: each file is downloaded and sent to imgSecCheck (errcode 87014 = risky). A risky
 * image is deleted from storage and the action answers CONTENT_RISKY, storing nothing.
 * imgSecCheck takes at most 1 MB; larger images are refused (INVALID_INPUT) rather than sent
 * to mediaCheckAsync, whose verdict arrives later by callback, after the function has
 * answered and the demand is visible: the client compresses photos, so the limit is not felt.
 */
import { AppError, contract } from '@honglin/shared'
import { errorText, isFileMissing } from './errors'
import type { ActionContext } from './function'

const { IMAGE_MAX_BYTES } = contract

/** Where text appears, as msgSecCheck v2's scenes. */
export const TextScene = { profile: 1, comment: 2, forum: 3, social: 4 } as const
export type TextScene = (typeof TextScene)[keyof typeof TextScene]

type CheckContext = Pick<ActionContext, 'cloud'> & { openid?: string }

/** WeChat's errcode for risky content (msgSecCheck v1, imgSecCheck). */
const RISKY = 87014
/** msgSecCheck v2 takes at most 2,500 characters at a time. */
const MAX_CHARS = 2500
/**
 * v2 errcodes after which v1 still gives a real answer: 40129 scene not supported, 47001 the
 * v2 fields not understood, 40003 / 43104 / 61010 the openid unusable (v2 needs a user who
 * opened the mini-program in the last two hours; v1 needs no openid).
 */
const V2_UNAVAILABLE = new Set([40129, 47001, 40003, 43104, 61010])

/** Comments, notes, reasons and evaluations (scene 2). */
export function checkText(ctx: CheckContext, ...texts: (string | undefined)[]): Promise<void> {
  return checkTextAs(ctx, TextScene.comment, ...texts)
}

/** Checks the non-empty texts together (joined), in `scene`; risky text throws CONTENT_RISKY. */
export async function checkTextAs(ctx: CheckContext, scene: TextScene, ...texts: (string | undefined)[]): Promise<void> {
  const content = texts.filter((t): t is string => !!t && t.trim().length > 0).join('\n')
  if (!content) return
  const chars = Array.from(content)
  for (let start = 0; start < chars.length; start += MAX_CHARS) await checkPiece(ctx, scene, chars.slice(start, start + MAX_CHARS).join(''))
}

async function checkPiece(ctx: CheckContext, scene: TextScene, content: string): Promise<void> {
  if (ctx.openid) {
    const verdict = await textVerdictV2(ctx, scene, content, ctx.openid)
    if (verdict === 'pass') return
    if (verdict === 'risky') throw new AppError('CONTENT_RISKY')
  }
  await textVerdictV1(ctx, content)
}

/** 'v1' when v2 cannot decide here and v1 should. */
async function textVerdictV2(ctx: CheckContext, scene: TextScene, content: string, openid: string): Promise<'pass' | 'risky' | 'v1'> {
  let answer: { result?: { suggest?: unknown; label?: unknown } }
  try {
    answer = await ctx.cloud.openapi.security.msgSecCheck({ content, version: 2, scene, openid })
  } catch (error) {
    const code = errCodeOf(error)
    // 87014 here: a service that ignored `version` judged the text as v1 does.
    if (code === RISKY) return 'risky'
    if (code !== undefined && V2_UNAVAILABLE.has(code)) {
      console.warn(`msgSecCheck v2 unavailable (${code}); checking with v1`)
      return 'v1'
    }
    throw failure('msgSecCheck v2', error)
  }
  const suggest = answer?.result?.suggest
  if (suggest === 'pass') return 'pass'
  if (suggest === 'risky' || suggest === 'review') return 'risky'
  // No verdict at all: a service that ignored `version` and answered as v1. Ask v1 itself.
  if (answer?.result === undefined) return 'v1'
  throw failure('msgSecCheck v2', new Error(`unknown verdict ${JSON.stringify(answer.result)}`))
}

async function textVerdictV1(ctx: CheckContext, content: string): Promise<void> {
  try {
    await ctx.cloud.openapi.security.msgSecCheck({ content })
  } catch (error) {
    if (errCodeOf(error) === RISKY) throw new AppError('CONTENT_RISKY')
    throw failure('msgSecCheck v1', error)
  }
}

/**
 * Checks uploaded images (this environment's cloud file ids, see files.ts) before anything
 * references them. Risky ones are deleted and CONTENT_RISKY thrown; a missing, oversized or
 * non-image file is INVALID_INPUT.
 */
export async function checkImages(ctx: Pick<ActionContext, 'cloud'>, fileIds: readonly string[] = []): Promise<void> {
  const unique = [...new Set(fileIds)]
  if (unique.length === 0) return
  const outcomes = await Promise.allSettled(unique.map((fileID) => imageVerdict(ctx, fileID)))
  const risky = unique.filter((_, i) => {
    const outcome = outcomes[i]!
    return outcome.status === 'fulfilled' && outcome.value === 'risky'
  })
  if (risky.length > 0) {
    await deleteFiles(ctx, risky)
    throw new AppError('CONTENT_RISKY', '图片含有不适宜的内容，已被删除，请更换后再提交')
  }
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')
  if (failed) throw failed.reason
}

async function imageVerdict(ctx: Pick<ActionContext, 'cloud'>, fileID: string): Promise<'pass' | 'risky'> {
  let bytes: Buffer
  try {
    bytes = (await ctx.cloud.downloadFile({ fileID })).fileContent as Buffer
  } catch (error) {
    if (isFileMissing(error)) throw new AppError('INVALID_INPUT', '图片不存在或已删除，请重新上传')
    throw failure('downloadFile', error)
  }
  if (bytes.length > IMAGE_MAX_BYTES) throw new AppError('INVALID_INPUT', `图片不能超过 ${IMAGE_MAX_BYTES / 1024} KB，请压缩后重新上传`)
  const contentType = imageTypeOf(bytes)
  if (!contentType) throw new AppError('INVALID_INPUT', '只能上传 JPG、PNG 或 GIF 格式的图片')
  try {
    await ctx.cloud.openapi.security.imgSecCheck({ media: { contentType, value: bytes } })
    return 'pass'
  } catch (error) {
    if (errCodeOf(error) === RISKY) return 'risky'
    throw failure('imgSecCheck', error)
  }
}

/** The formats imgSecCheck takes, told by their first bytes (the file name may say anything). */
export function imageTypeOf(bytes: Buffer): 'image/jpeg' | 'image/png' | 'image/gif' | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  const head = bytes.subarray(0, 6).toString('latin1')
  if (head === 'GIF87a' || head === 'GIF89a') return 'image/gif'
  return undefined
}

/** Deleting is part of refusing; if it fails the file stays unreferenced, and that is logged. */
async function deleteFiles(ctx: Pick<ActionContext, 'cloud'>, fileList: string[]): Promise<void> {
  try {
    const res = (await ctx.cloud.deleteFile({ fileList })) as { fileList?: { fileID: string; status: number; errMsg: string }[] }
    for (const file of res?.fileList ?? []) if (file.status !== 0) console.error(`risky image ${file.fileID} not deleted: ${file.errMsg}`)
  } catch (error) {
    console.error(`risky images ${fileList.join(', ')} not deleted:`, errorText(error))
  }
}

function errCodeOf(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | undefined)?.errCode
  return typeof code === 'number' ? code : undefined
}

/** An answer we cannot act on: logged, and INTERNAL for the caller (nothing is stored). */
function failure(what: string, error: unknown): AppError {
  console.error(`content security: ${what} failed:`, errCodeOf(error) ?? '', errorText(error))
  return new AppError('INTERNAL')
}
