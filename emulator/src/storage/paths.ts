/**
 * Cloud paths and file IDs. A cloud path is the object key the SDK's `uploadFile` sends
 * (`cloudPath`); a file ID is `cloud://<env>.<bucket>/<cloud path>`. Every path that reaches
 * the disk goes through `validateCloudPath` first, so no key can escape the storage folder.
 */
import { ErrorCode, fail } from '../errors'

/** Longest key the real service accepts, in UTF-8 bytes. */
const MAX_PATH_BYTES = 850

/** The local bucket name for an env (real buckets look like `7072-<env>-1250000000`). */
export function bucketOf(env: string): string {
  return `${env}-local`
}

export function fileIdOf(env: string, cloudPath: string): string {
  return `cloud://${env}.${bucketOf(env)}/${cloudPath}`
}

/** Why a cloud path is unusable, or undefined when it is fine. */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || cloudPath === '') return 'cloudPath must be a non-empty string'
  if (Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) return `cloudPath is longer than ${MAX_PATH_BYTES} bytes`
  if (cloudPath.startsWith('/')) return 'cloudPath must not start with /'
  if (cloudPath.endsWith('/')) return 'cloudPath must name a file, not end with /'
  if (/^[a-zA-Z]:/.test(cloudPath)) return 'cloudPath must not be an absolute path'
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(cloudPath)) return 'cloudPath must not contain control characters or backslashes'
  // `?` and `#` would cut the temporary URL short once the SDK runs encodeURI on it.
  if (/[?#]/.test(cloudPath)) return 'cloudPath must not contain ? or #'
  for (const segment of cloudPath.split('/')) {
    if (segment === '') return 'cloudPath must not contain empty segments (//)'
    if (segment === '.' || segment === '..') return 'cloudPath must not contain . or .. segments'
  }
  return undefined
}

export function validateCloudPath(cloudPath: unknown): string {
  const problem = cloudPathProblem(cloudPath)
  if (problem) fail(ErrorCode.InvalidParam, `${problem}: ${JSON.stringify(cloudPath)}`)
  return cloudPath as string
}

/**
 * The cloud path inside a file ID, or undefined when the ID is malformed. The env and bucket
 * are not checked against the request: the local store is one namespace for every env.
 */
export function cloudPathOfFileId(fileId: unknown): string | undefined {
  if (typeof fileId !== 'string') return undefined
  const match = /^cloud:\/\/[^/.]+\.[^/]+\/(.+)$/.exec(fileId)
  if (!match) return undefined
  const cloudPath = match[1]!
  return cloudPathProblem(cloudPath) ? undefined : cloudPath
}

/** The path part of a URL: each segment percent-encoded, slashes kept. */
export function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/')
}
