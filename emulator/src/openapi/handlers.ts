/**
 * The `wx.openApi` wire action. wx-server-sdk posts a multipart form (`apiName`, and
 * `requestData`: a protobuf `CommApiData` whose pairs hold each snake_case parameter as JSON
 * bytes); the answer is a raw protobuf `CommOpenApiResp` carrying WeChat's JSON. Every call is
 * recorded in the outbox, whatever the emulated WeChat answered.
 */
import { randomBytes } from 'node:crypto'
import { ErrorCode, assert } from '../errors'
import type { Clock } from '../clock'
import type { Logger } from '../logger'
import type { ActionTable, AdminRequest } from '../service'
import type { Outbox } from './outbox'
import { OPEN_API, decodeCommApiData, encodeJsonResponse, type KeyValuePair } from './proto'
import { OK, type MediaPart, type WxApi } from './types'

export interface OpenApiState {
  outbox: Outbox
  apis: Record<string, WxApi>
  clock: Clock
  logger: Logger
}

export function openApiActions(state: OpenApiState): ActionTable {
  return { 'wx.openApi': (request, ctx) => callOpenApi(state, request, ctx.invocation?.openid || undefined) }
}

function callOpenApi(state: OpenApiState, request: AdminRequest, caller: string | undefined): Buffer {
  const api = request.body.apiName
  assert(typeof api === 'string' && api !== '', ErrorCode.InvalidParam, 'apiName is required')
  const raw = request.files.requestData
  assert(raw && raw.length > 0, ErrorCode.InvalidParam, 'requestData is required')
  const message = decodeCommApiData(raw)
  assert(message.apiType === OPEN_API, ErrorCode.InvalidParam, `apiType ${message.apiType} is not supported, only OPEN_API (0)`)
  const { data, media } = decodePairs(message.openapiData?.pairs ?? [])

  const emulated = Object.prototype.hasOwnProperty.call(state.apis, api) ? state.apis[api] : undefined
  if (!emulated) state.logger.warn(`open API ${api} is not emulated; recorded and answered ok`)
  const answer = emulated ? emulated(data, media) : { ...OK }
  if (answer.errcode !== 0) state.logger.info(`open API ${api} answered ${answer.errcode} ${answer.errmsg}`)

  state.outbox.append({
    id: randomBytes(8).toString('hex'),
    time: state.clock.now(),
    api,
    data,
    caller,
    errcode: answer.errcode,
  })
  return encodeJsonResponse(answer)
}

/** Pairs to parameters: JSON values, or (for the outbox) a short description of media bytes. */
function decodePairs(pairs: KeyValuePair[]): { data: Record<string, unknown>; media: Record<string, MediaPart> } {
  const data: Record<string, unknown> = {}
  const media: Record<string, MediaPart> = {}
  for (const pair of pairs) {
    const bytes = Buffer.from(pair.value ?? [])
    // A media pair: wx-server-sdk 4.0.2 names its MIME type `contentType`, which its protobuf
    // encoder does not know (the field is `contenttype`), so only the file name arrives.
    if (pair.contenttype || pair.filename) {
      const contentType = pair.contenttype || mimeOf(pair.filename ?? '')
      data[pair.key] = { contentType, fileName: pair.filename || undefined, size: bytes.length }
      media[pair.key] = { contentType, fileName: pair.filename || undefined, bytes }
      continue
    }
    const text = bytes.toString('utf8')
    try {
      data[pair.key] = JSON.parse(text)
    } catch {
      assert(false, ErrorCode.InvalidParam, `parameter ${pair.key} is not JSON: ${text.slice(0, 80)}`)
    }
  }
  return { data, media }
}

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', mp3: 'audio/mpeg' }

function mimeOf(fileName: string): string {
  return MIME[/\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''] ?? 'application/octet-stream'
}
