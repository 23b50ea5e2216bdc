/**
 * The storage HTTP routes, standing in for COS: `PUT /storage/upload/<path>` receives the raw
 * bytes of an upload (the URL and authorization come from `storage.getUploadMetadata`), and
 * `GET /storage/files/<path>` serves an object (the temporary URL of `getTempFileURL`).
 * Errors are COS-style XML, which is what node-sdk parses after an upload.
 *
 * `POST /storage/client-upload/<path>` stands in for the mini-program's `wx.cloud.uploadFile`
 * (the H5 client has no WeChat to sign uploads): the raw body is the file, the answer is JSON
 * `{ fileID }`, errors are JSON `{ code, message }`. It exists only locally.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname } from 'node:path'
import { Transform } from 'node:stream'
import type { Logger } from '../logger'
import type { HttpRoute } from '../service'
import { ErrorCode } from '../errors'
import { contentTypeOf } from '../http/static'
import { requestId, sendJson } from '../http/envelope'
import type { StorageState } from './handlers'
import { cloudPathProblem, fileIdOf } from './paths'

/** Largest file `POST /storage/client-upload/*` accepts (bigger ones answer 413). */
export const MAX_CLIENT_UPLOAD_BYTES = 10 * 1024 * 1024

/** Types `contentTypeOf` (made for the H5 build) does not know but uploads often have. */
const EXTRA_TYPES: Record<string, string> = {
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.heic': 'image/heic',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.zip': 'application/zip',
  '.md': 'text/markdown; charset=utf-8',
}

export function fileContentType(cloudPath: string): string {
  return EXTRA_TYPES[extname(cloudPath).toLowerCase()] ?? contentTypeOf(cloudPath)
}

export function storageRoutes(state: StorageState, logger: Logger): HttpRoute[] {
  return [
    { method: 'PUT', path: '/storage/upload/*', handle: (req, res, match) => upload(state, logger, req, res, match.params['*'] ?? '') },
    { method: 'GET', path: '/storage/files/*', handle: (req, res, match) => download(state, req, res, match.params['*'] ?? '') },
    {
      method: 'POST',
      path: '/storage/client-upload/*',
      handle: (req, res, match) => clientUpload(state, logger, req, res, match.params['*'] ?? ''),
    },
  ]
}

class TooLarge extends Error {}
class ClientGone extends Error {}

/** Passes bytes through until more than `limit` have gone by, then fails with TooLarge. */
function byteLimit(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length
      if (seen > limit) callback(new TooLarge(`the file is larger than ${limit} bytes`))
      else callback(null, chunk)
    },
  })
}

async function clientUpload(
  state: StorageState,
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  cloudPath: string,
): Promise<void> {
  const problem = cloudPathProblem(cloudPath)
  if (problem) return drainThen(req, () => sendJson(res, 400, { code: ErrorCode.InvalidParam, message: problem }))
  const tooLarge = () => sendJson(res, 413, { code: 'FILE_TOO_LARGE', message: `the file is larger than ${MAX_CLIENT_UPLOAD_BYTES} bytes` })
  if (Number(header(req, 'content-length')) > MAX_CLIENT_UPLOAD_BYTES) return drainThen(req, tooLarge)
  // Bodies without a content-length (chunked) are counted while they stream in.
  const limited = byteLimit(MAX_CLIENT_UPLOAD_BYTES)
  // `pipe` forwards no errors: a client that goes away must still end the write (and its temp file).
  const gone = () => {
    if (!req.readableEnded) limited.destroy(new ClientGone('the client closed the upload early'))
  }
  req.once('error', gone)
  req.once('close', gone)
  try {
    const bytes = await state.files.write(cloudPath, req.pipe(limited))
    logger.debug(`stored ${cloudPath} (${bytes} bytes, client upload)`)
  } catch (error) {
    if (error instanceof TooLarge) return drainThen(req, tooLarge)
    if (error instanceof ClientGone) return logger.debug(`client upload of ${cloudPath} abandoned by the client`)
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
      return sendJson(res, 409, { code: ErrorCode.InvalidParam, message: `a file and a folder would share the path ${cloudPath}` })
    }
    logger.error(`client upload of ${cloudPath} failed: ${(error as Error).stack ?? error}`)
    return sendJson(res, 500, { code: 'INTERNAL_ERROR', message: (error as Error).message })
  }
  sendJson(res, 200, { fileID: fileIdOf(state.envId ?? 'local', cloudPath) })
}

async function upload(state: StorageState, logger: Logger, req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
  const problem = cloudPathProblem(cloudPath)
  if (problem) return drainThen(req, () => sendXmlError(res, 400, 'InvalidArgument', problem, cloudPath))
  const denied = state.signer.problem(cloudPath, header(req, 'authorization'))
  if (denied) return drainThen(req, () => sendXmlError(res, 403, denied.code, denied.message, cloudPath))
  try {
    const bytes = await state.files.write(cloudPath, req)
    logger.debug(`stored ${cloudPath} (${bytes} bytes)`)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
      return sendXmlError(res, 409, 'InvalidArgument', `a file and a folder would share the path ${cloudPath}`, cloudPath)
    }
    logger.error(`upload of ${cloudPath} failed: ${(error as Error).stack ?? error}`)
    return sendXmlError(res, 500, 'InternalError', (error as Error).message, cloudPath)
  }
  // COS answers a successful PUT with an empty body.
  res.writeHead(200, { 'content-length': 0, 'x-cos-request-id': requestId() })
  res.end()
}

async function download(state: StorageState, _req: IncomingMessage, res: ServerResponse, cloudPath: string): Promise<void> {
  const size = cloudPathProblem(cloudPath) ? undefined : await state.files.size(cloudPath)
  if (size === undefined) return sendXmlError(res, 404, 'NoSuchKey', 'The specified key does not exist.', cloudPath)
  res.writeHead(200, {
    'content-type': fileContentType(cloudPath),
    'content-length': size,
    'cache-control': 'no-cache',
    'x-cos-request-id': requestId(),
  })
  const stream = state.files.read(cloudPath)
  stream.on('error', () => res.destroy())
  stream.pipe(res)
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Reads and discards a request body we refuse, so the client sees the answer, not a reset. */
function drainThen(req: IncomingMessage, answer: () => void): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      answer()
      resolve()
    }
    if (req.readableEnded) return done()
    req.on('end', done)
    req.on('error', done)
    req.resume()
  })
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** node-sdk reads Code, Message, RequestId and TraceId from this; all four must be present. */
function sendXmlError(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const id = requestId()
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `  <Code>${escapeXml(code)}</Code>\n  <Message>${escapeXml(message)}</Message>\n` +
    `  <Resource>/${escapeXml(resource)}</Resource>\n  <RequestId>${id}</RequestId>\n  <TraceId>${id}</TraceId>\n</Error>\n`
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-cos-request-id': id })
  res.end(body)
}
