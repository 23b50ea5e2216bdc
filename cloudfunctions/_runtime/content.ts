/** Content security: user text is checked by WeChat's msgSecCheck before it is stored. */
import { AppError } from '@honglin/shared'
import type { ActionContext } from './function'

/** Checks the non-empty texts in one call (joined); risky text throws CONTENT_RISKY. */
export async function checkText(ctx: Pick<ActionContext, 'cloud'>, ...texts: (string | undefined)[]): Promise<void> {
  const content = texts.filter((t): t is string => !!t && t.trim().length > 0).join('\n')
  if (!content) return
  try {
    await ctx.cloud.openapi.security.msgSecCheck({ content })
  } catch (error) {
    if ((error as { errCode?: number }).errCode === 87014) throw new AppError('CONTENT_RISKY')
    throw error
  }
}

/**
 * Checks uploaded images (cloud file ids) before they are referenced; a risky image throws
 * CONTENT_RISKY. (Minimal form: accepts every image; the real check replaces this body.)
 */
export async function checkImages(_ctx: Pick<ActionContext, 'cloud'>, _fileIds: readonly string[] = []): Promise<void> {}
