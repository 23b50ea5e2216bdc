/**
 * File fields (avatars, photos) name cloud storage files by id. The schema checks the shape;
 * here, once for every action, the env inside each id must be this function's own
 * (`getWXContext().ENV`): a file id of another environment is not a file we can check,
 * serve or delete, and pointing at one would make the stored document show someone else's
 * content. Content security then downloads and checks each file (content.ts).
 */
import { AppError, contract } from '@honglin/shared'
import type { z } from 'zod'

const FOREIGN = '图片不属于本小程序，请重新上传'

export function requireOwnFiles(schema: z.ZodTypeAny, input: unknown, env: string | undefined): void {
  const files = contract.fileIdsIn(schema, input)
  if (files.length === 0) return
  if (!env) {
    // Every cloud invocation has an env; without one nothing can be vouched for.
    console.error('no env in the WeChat context: file ids cannot be checked')
    throw new AppError('INTERNAL')
  }
  const foreign = files.filter((f) => contract.fileEnvOf(f.id) !== env)
  if (foreign.length > 0) throw new AppError('INVALID_INPUT', FOREIGN, Object.fromEntries(foreign.map((f) => [f.path, FOREIGN])))
}
