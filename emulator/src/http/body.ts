/** Request body readers: the whole body as bytes, JSON, or a multipart form. */
import type { IncomingMessage } from 'node:http'
import { CloudbaseError, ErrorCode } from '../errors'

export async function readBody(req: IncomingMessage, limitBytes = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limitBytes) throw new CloudbaseError(ErrorCode.InvalidParam, `request body larger than ${limitBytes} bytes`)
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Any JSON value; an empty body is `{}`. Throws for text that is not JSON. */
export function parseJsonValue(raw: Buffer): unknown {
  if (raw.length === 0) return {}
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    throw new CloudbaseError(ErrorCode.InvalidParam, 'request body is not JSON')
  }
}

/** A JSON object body (wire actions): anything else is INVALID_PARAM. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  const value = parseJsonValue(raw)
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  throw new CloudbaseError(ErrorCode.InvalidParam, 'request body is not a JSON object')
}

/**
 * The JSON body of a plain HTTP route, typed for the common case of an object. It answers any
 * JSON value as it is: a cloud function's event is whatever JSON the caller sent (an array, a
 * string, a number or null reach the function unchanged, as `cloud.callFunction`'s
 * `request_data` does), so routes that need an object must check before reading fields.
 */
export function parseJson(raw: Buffer): Record<string, unknown> {
  return parseJsonValue(raw) as Record<string, unknown>
}

export interface MultipartForm {
  fields: Record<string, string>
  files: Record<string, Buffer>
}

/**
 * A small multipart/form-data parser: the SDK sends a handful of parts (`action`, `apiName`,
 * `requestData` as protobuf bytes). Parts with a filename or a non-text content type are kept
 * as bytes in `files`; every part is also available as a string in `fields`.
 */
export function parseMultipart(raw: Buffer, contentType: string): MultipartForm {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  if (!match) throw new CloudbaseError(ErrorCode.InvalidParam, 'multipart body without boundary')
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`)
  const form: MultipartForm = { fields: {}, files: {} }
  let start = raw.indexOf(delimiter)
  while (start !== -1) {
    const partStart = start + delimiter.length
    if (raw.subarray(partStart, partStart + 2).toString() === '--') break
    const next = raw.indexOf(delimiter, partStart)
    if (next === -1) break
    // A part is CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = raw.subarray(partStart + 2, next - 2)
    const headerEnd = part.indexOf('\r\n\r\n')
    const headers = part.subarray(0, headerEnd).toString('utf8')
    const content = part.subarray(headerEnd + 4)
    const name = /name="([^"]*)"/i.exec(headers)?.[1]
    if (name !== undefined) {
      form.fields[name] = content.toString('utf8')
      form.files[name] = Buffer.from(content)
    }
    start = next
  }
  return form
}
