/**
 * The protobuf messages of `wx.openApi`. wx-server-sdk ships no .proto file: its schema is
 * compiled into the bundle (`src/protobuf/openapi.js` inside wx-server-sdk/index.js). The
 * field numbers below are copied from that bundle; only the messages the emulator reads or
 * writes are declared (protobuf skips fields it does not know, e.g. innerData, svrkitData).
 */
import protobuf from 'protobufjs'
import { ErrorCode, fail } from '../errors'

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    TokenApiData: { fields: { resourceAppid: { type: 'string', id: 1 }, resourceEnv: { type: 'string', id: 2 } } },
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    ApiGetOpenDataByCloudIdReq: {
      fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } },
    },
    ApiGetOpenDataByCloudIdResp: {
      fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } },
      nested: { OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } } },
    },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        tokenData: { type: 'TokenApiData', id: 5 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')
const OpenDataReq = root.lookupType('ApiGetOpenDataByCloudIdReq')
const OpenDataResp = root.lookupType('ApiGetOpenDataByCloudIdResp')

export const OPEN_API = 0
export const SVRKIT_API = 2

export interface KeyValuePair {
  key: string
  value: Uint8Array
  /** Set for media parameters (e.g. an image for `security.imgSecCheck`), which are raw bytes. */
  contenttype?: string
  filename?: string
}

export interface CommApiData {
  apiType: number
  openapiData?: { pairs?: KeyValuePair[] }
  /** Set for the calls wx-server-sdk makes to WeChat's internal services (`getOpenData`, …). */
  svrkitData?: { apiName?: string; reqData?: Uint8Array }
  appid?: string
}

export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  try {
    return CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, enums: Number }) as CommApiData
  } catch (error) {
    return fail(ErrorCode.InvalidParam, `requestData is not a CommApiData protobuf: ${(error as Error).message}`)
  }
}

/** A JSON answer in the envelope the SDK decodes; `errcode != 0` inside makes the SDK throw. */
export function encodeJsonResponse(body: unknown): Buffer {
  const message = CommOpenApiResp.create({
    respData: Buffer.from(JSON.stringify(body)),
    contentType: 'application/json',
    errorCode: 0,
    httpCode: 200,
  })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}

/** Media (an image): the SDK hands the caller `{ contentType, buffer }`. */
export function encodeMediaResponse(contentType: string, bytes: Buffer): Buffer {
  const message = CommOpenApiResp.create({ respData: bytes, contentType, errorCode: 0, httpCode: 200 })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}

/**
 * A failure of the call itself rather than of the API (WeChat's -604100 "API not found",
 * -601005 "invalid cloudID", …): the SDK throws `errCode` = this code.
 */
export function encodeErrorResponse(errorCode: number): Buffer {
  const message = CommOpenApiResp.create({ respData: Buffer.alloc(0), contentType: '', errorCode, httpCode: 200 })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}

export function decodeOpenDataRequest(bytes: Uint8Array): { cloudidList: string[] } {
  try {
    return OpenDataReq.toObject(OpenDataReq.decode(bytes), { defaults: true }) as { cloudidList: string[] }
  } catch (error) {
    return fail(ErrorCode.InvalidParam, `reqData is not an ApiGetOpenDataByCloudIdReq: ${(error as Error).message}`)
  }
}

/** The svrkit answer to `ApiGetOpenDataByCloudId`: one JSON string per CloudID. */
export function encodeOpenDataResponse(items: { cloudId: string; json: string }[]): Buffer {
  const data = Buffer.from(OpenDataResp.encode(OpenDataResp.create({ dataList: items })).finish())
  const message = CommOpenApiResp.create({
    respData: data,
    contentType: 'application/octet-stream',
    errorCode: 0,
    httpCode: 200,
    svrkitErrorCode: 0,
  })
  return Buffer.from(CommOpenApiResp.encode(message).finish())
}

/** For tests and tools: the inverse of `encodeJsonResponse`. */
export function decodeJsonResponse(bytes: Uint8Array): { body: unknown; contentType: string; errorCode: number } {
  const message = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array
    contentType: string
    errorCode: number
  }
  return {
    body: JSON.parse(Buffer.from(message.respData).toString('utf8')),
    contentType: message.contentType,
    errorCode: message.errorCode,
  }
}

/** For tests and tools: what wx-server-sdk sends for `cloud.openapi.<api>(params)`. */
export function encodeCommApiData(data: CommApiData): Buffer {
  return Buffer.from(CommApiData.encode(CommApiData.create(data)).finish())
}
