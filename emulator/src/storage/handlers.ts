/**
 * The storage wire actions (`POST /admin`), one small handler each. Per-file failures are
 * answered inside the list with a code, as the real service does; wx-server-sdk turns them
 * into `status` / `errMsg` per file, and `downloadFile` rejects with the file's code.
 */
import { randomBytes } from 'node:crypto'
import { ErrorCode, assert } from '../errors'
import type { ActionContext, ActionTable, AdminRequest } from '../service'
import type { FileStore } from './files'
import type { UploadSigner } from './signing'
import { cloudPathOfFileId, encodePath, fileIdOf, validateCloudPath } from './paths'

/** The real service answers at most 50 files per `getTempFileURL`. */
export const MAX_FILES_PER_CALL = 50
/** Default `maxAge` of a temporary URL, in seconds (one day, as the real service). */
export const DEFAULT_MAX_AGE = 86400

export const SUCCESS = 'SUCCESS'

export interface StorageState {
  files: FileStore
  signer: UploadSigner
  /** The env id of file IDs that no request names an env for (client uploads); default `local`. */
  envId?: string
}

interface FileFailure {
  code: string
  message: string
}

const notExist = (fileId: string): FileFailure => ({ code: ErrorCode.StorageFileNotExist, message: `storage file not exist: ${fileId}` })
const malformed = (fileId: unknown): FileFailure => ({ code: ErrorCode.InvalidParam, message: `invalid fileID: ${JSON.stringify(fileId)}` })

function envOf(request: AdminRequest): string {
  const env = request.env || request.body.envName
  return typeof env === 'string' && env ? env : 'local'
}

export function storageActions(state: StorageState): ActionTable {
  return {
    'storage.getUploadMetadata': (request, ctx) => getUploadMetadata(state, request, ctx),
    'storage.batchGetDownloadUrl': (request, ctx) => batchGetDownloadUrl(state, request, ctx),
    'storage.batchDeleteFile': (request) => batchDeleteFile(state, request),
  }
}

function getUploadMetadata(state: StorageState, request: AdminRequest, ctx: ActionContext) {
  const cloudPath = validateCloudPath(request.body.path)
  const method = request.body.method ?? 'put'
  assert(method === 'put', ErrorCode.InvalidParam, `upload method ${JSON.stringify(method)} is not supported, only put`)
  const grant = state.signer.issue(cloudPath)
  return {
    data: {
      url: `${ctx.baseUrl}/storage/upload/${encodePath(cloudPath)}`,
      token: grant.token,
      authorization: grant.authorization,
      fileId: fileIdOf(envOf(request), cloudPath),
      cosFileId: randomBytes(16).toString('hex'),
    },
  }
}

async function batchGetDownloadUrl(state: StorageState, request: AdminRequest, ctx: ActionContext) {
  const list = request.body.file_list
  assert(Array.isArray(list) && list.length > 0, ErrorCode.InvalidParam, 'file_list must be a non-empty array')
  assert(list.length <= MAX_FILES_PER_CALL, ErrorCode.InvalidParam, `file_list holds at most ${MAX_FILES_PER_CALL} files`)
  const download_list = await Promise.all(
    list.map(async (item: { fileid?: unknown; max_age?: unknown } | null) => {
      const fileID = item?.fileid
      const maxAge = typeof item?.max_age === 'number' && item.max_age > 0 ? item.max_age : DEFAULT_MAX_AGE
      const cloudPath = cloudPathOfFileId(fileID)
      if (!cloudPath) return { fileID, tempFileURL: '', maxAge, ...malformed(fileID) }
      if ((await state.files.size(cloudPath)) === undefined) return { fileID, tempFileURL: '', maxAge, ...notExist(fileID as string) }
      // Unencoded on purpose: the SDK's downloadFile runs encodeURI on it.
      return { fileID, tempFileURL: `${ctx.baseUrl}/storage/files/${cloudPath}`, code: SUCCESS, maxAge }
    }),
  )
  return { data: { download_list } }
}

async function batchDeleteFile(state: StorageState, request: AdminRequest) {
  const list = request.body.fileid_list
  assert(Array.isArray(list) && list.length > 0, ErrorCode.InvalidParam, 'fileid_list must be a non-empty array')
  const delete_list = []
  for (const fileID of list) {
    const cloudPath = cloudPathOfFileId(fileID)
    if (!cloudPath) delete_list.push({ fileID, ...malformed(fileID) })
    else if (await state.files.remove(cloudPath)) delete_list.push({ fileID, code: SUCCESS })
    else delete_list.push({ fileID, ...notExist(fileID as string) })
  }
  return { data: { delete_list } }
}
