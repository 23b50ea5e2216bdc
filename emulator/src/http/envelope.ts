/**
 * The only place where results and errors become the response body the SDK parses.
 * Success: HTTP 200 `{ requestId, ...result }`. Error: HTTP 200 `{ code, message, requestId }`;
 * the SDK throws it and wx-server-sdk maps known codes to its numeric errCodes.
 */
import type { ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { CloudbaseError, ErrorCode } from '../errors'

export function requestId(): string {
  return randomUUID().replace(/-/g, '')
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

export function sendResult(res: ServerResponse, result: unknown): void {
  if (Buffer.isBuffer(result)) {
    // Binary answers (the open API's protobuf) must not be labelled JSON: node-sdk would parse them.
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': result.length })
    res.end(result)
    return
  }
  sendJson(res, 200, { requestId: requestId(), ...(result as object) })
}

export function toWireError(error: unknown): { code: string; message: string } {
  if (error instanceof CloudbaseError) return { code: error.code, message: error.message }
  const message = error instanceof Error ? error.message : String(error)
  return { code: ErrorCode.RequestFailed, message: `[InternalError] ${message}` }
}

export function sendError(res: ServerResponse, error: unknown): void {
  sendJson(res, 200, { ...toWireError(error), requestId: requestId() })
}
