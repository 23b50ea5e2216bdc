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
import { OK, type WxApi } from './types'

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
  const data = decodePairs(message.openapiData?.pairs ?? [])

  const emulated = state.apis[api]
  if (!emulated) state.logger.warn(`open API ${api} is not emulated; recorded and answered ok`)
  const answer = emulated ? emulated(data) : { ...OK }
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

/** Pairs to parameters: JSON values, or a short description of media bytes. */
function decodePairs(pairs: KeyValuePair[]): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const pair of pairs) {
    const bytes = Buffer.from(pair.value ?? [])
    if (pair.contenttype) {
      data[pair.key] = { contentType: pair.contenttype, fileName: pair.filename || undefined, size: bytes.length }
      continue
    }
    const text = bytes.toString('utf8')
    try {
      data[pair.key] = JSON.parse(text)
    } catch {
      assert(false, ErrorCode.InvalidParam, `parameter ${pair.key} is not JSON: ${text.slice(0, 80)}`)
    }
  }
  return data
}
