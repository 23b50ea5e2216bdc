/**
 * The `wx.openApi` wire action. wx-server-sdk posts a multipart form (`apiName`, and
 * `requestData`: a protobuf `CommApiData`). For `cloud.openapi.*` (apiType OPEN_API) its pairs
 * hold each snake_case parameter as JSON bytes and the answer is a raw protobuf
 * `CommOpenApiResp` carrying WeChat's JSON (or an image). `cloud.getOpenData` is a SVRKIT_API
 * call with its own protobuf request and answer. Every call is recorded in the outbox, whatever
 * the emulated WeChat answered; a call the emulator does not emulate fails with WeChat's
 * "API not found" (-604100) rather than answering an ok it never earned.
 */
import { randomBytes } from 'node:crypto'
import { ErrorCode, assert } from '../errors'
import type { Clock } from '../clock'
import { LOCAL_APPID } from '../functions'
import type { Logger } from '../logger'
import type { ActionTable, AdminRequest } from '../service'
import { INVALID_CLOUD_ID, openDataFor } from './open-data'
import type { Outbox } from './outbox'
import {
  OPEN_API,
  SVRKIT_API,
  decodeCommApiData,
  decodeOpenDataRequest,
  encodeErrorResponse,
  encodeJsonResponse,
  encodeMediaResponse,
  encodeOpenDataResponse,
  type CommApiData,
  type KeyValuePair,
} from './proto'
import type { MediaPart, WxApi, WxCall, WxMedia } from './types'

/** WeChat's code for a call to an API it does not have (the SDK: "API not found"). */
export const API_NOT_FOUND = -604100
/**
 * A function calling an open API its config.json does not list (`permissions.openapi`); the SDK
 * reports "function has no permission to call this API" (its error table; the CloudBase FAQ
 * "云调用报错 -604101 如何解决").
 */
export const NO_PERMISSION = -604101

export interface OpenApiState {
  outbox: Outbox
  apis: Record<string, WxApi>
  clock: Clock
  logger: Logger
  permissionsOf?: (functionName: string) => string[] | undefined
}

export function openApiActions(state: OpenApiState): ActionTable {
  return {
    'wx.openApi': (request, ctx) => callOpenApi(state, request, ctx.invocation?.openid || undefined, ctx.invocation?.functionName),
  }
}

function callOpenApi(state: OpenApiState, request: AdminRequest, caller: string | undefined, functionName?: string): Buffer {
  const api = request.body.apiName
  assert(typeof api === 'string' && api !== '', ErrorCode.InvalidParam, 'apiName is required')
  const raw = request.files.requestData
  assert(raw && raw.length > 0, ErrorCode.InvalidParam, 'requestData is required')
  const message = decodeCommApiData(raw)
  const call: WxCall = { now: state.clock.now(), appid: message.appid || LOCAL_APPID, openid: caller }
  const record = (data: Record<string, unknown>, errcode: number) =>
    state.outbox.append({ id: randomBytes(8).toString('hex'), time: call.now, api, data, caller, errcode })

  if (message.apiType === SVRKIT_API) return callSvrkit(state, api, message, call, record)
  if (message.apiType !== OPEN_API) {
    state.logger.warn(`open API ${api}: apiType ${message.apiType} is not emulated; answered ${API_NOT_FOUND} API not found`)
    record({}, API_NOT_FOUND)
    return encodeErrorResponse(API_NOT_FOUND)
  }
  const { data, media } = decodePairs(message.openapiData?.pairs ?? [])
  const allowed = functionName && state.permissionsOf ? (state.permissionsOf(functionName) ?? []) : undefined
  if (allowed && !allowed.includes(api)) {
    state.logger.warn(`open API ${api} called by function ${functionName}, whose config.json does not list it: answered ${NO_PERMISSION}`)
    record(data, NO_PERMISSION)
    return encodeErrorResponse(NO_PERMISSION)
  }
  const emulated = Object.prototype.hasOwnProperty.call(state.apis, api) ? state.apis[api] : undefined
  if (!emulated) {
    state.logger.warn(`open API ${api} is not emulated; answered ${API_NOT_FOUND} API not found`)
    record(data, API_NOT_FOUND)
    return encodeErrorResponse(API_NOT_FOUND)
  }
  const answer = emulated(data, call, media)
  if (answer.errcode !== 0) state.logger.info(`open API ${api} answered ${answer.errcode} ${answer.errmsg}`)
  record(data, answer.errcode)
  const image = (answer as Partial<WxMedia>).media
  if (image) return encodeMediaResponse(image.contentType, image.bytes)
  return encodeJsonResponse(answer)
}

/** `cloud.getOpenData` (`ApiGetOpenDataByCloudId`); the SDK's other internal calls are not emulated. */
function callSvrkit(
  state: OpenApiState,
  api: string,
  message: CommApiData,
  call: WxCall,
  record: (data: Record<string, unknown>, errcode: number) => void,
): Buffer {
  const name = message.svrkitData?.apiName ?? api
  if (name !== 'ApiGetOpenDataByCloudId') {
    state.logger.warn(`open API ${name} is not emulated; answered ${API_NOT_FOUND} API not found`)
    record({}, API_NOT_FOUND)
    return encodeErrorResponse(API_NOT_FOUND)
  }
  const { cloudidList } = decodeOpenDataRequest(message.svrkitData?.reqData ?? new Uint8Array())
  const items = cloudidList.map((cloudId) => ({ cloudId, data: openDataFor(cloudId, call) }))
  const unknown = items.find((item) => !item.data)
  record({ cloudid_list: cloudidList }, unknown ? INVALID_CLOUD_ID : 0)
  if (unknown) {
    state.logger.info(`getOpenData: ${unknown.cloudId} is not a local test CloudID; answered ${INVALID_CLOUD_ID} invalid cloudID`)
    return encodeErrorResponse(INVALID_CLOUD_ID)
  }
  return encodeOpenDataResponse(items.map(({ cloudId, data }) => ({ cloudId, json: JSON.stringify({ cloudID: cloudId, data }) })))
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
