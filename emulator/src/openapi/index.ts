/**
 * The WeChat open API (lifecycle only). Calls are answered locally and recorded in an outbox
 * (`outbox.ts`); the wire action is in `handlers.ts`, the protobuf envelope in `proto.ts`,
 * the emulated APIs in `subscribe-message.ts`, `security.ts` (text, images, async media),
 * `wxacode.ts` and `open-data.ts`. Other APIs are recorded and fail with WeChat's "API not
 * found" (-604100), with a warning.
 */
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { openApiActions } from './handlers'
import { Outbox, type OutboxEntry } from './outbox'
import { DEFAULT_SENSITIVE_WORDS, createImgSecCheck, createMsgSecCheck, mediaCheckAsync, type ContentRules } from './security'
import { cloudbaseGetOpenData, getPhoneNumber } from './open-data'
import { sendSubscribeMessage } from './subscribe-message'
import type { WxApi } from './types'
import { getForPath, getUnlimited } from './wxacode'

export type { OutboxEntry } from './outbox'
export { DEFAULT_REVIEW_WORDS, DEFAULT_RISKY_IMAGE_MARKER, DEFAULT_SENSITIVE_WORDS, type ContentRules } from './security'

export interface OpenApiService extends EmulatorService {
  /** Every call so far, oldest first (including those loaded from disk at start). */
  outbox(): OutboxEntry[]
  clearOutbox(): void
  /** `<dataDir>/openapi/outbox.jsonl` */
  readonly outboxFile: string
}

export function createOpenApiService(deps: ServiceDeps & ContentRules): OpenApiService {
  const outbox = new Outbox(deps.dataDir, deps.logger)
  const apis: Record<string, WxApi> = {
    'subscribeMessage.send': sendSubscribeMessage,
    'security.msgSecCheck': createMsgSecCheck(deps.sensitiveWords ?? DEFAULT_SENSITIVE_WORDS, deps.reviewWords),
    'security.imgSecCheck': createImgSecCheck(deps.riskyImageMarkers, deps.riskyImageHashes),
    'security.mediaCheckAsync': mediaCheckAsync,
    'wxacode.getUnlimited': getUnlimited,
    'wxacode.get': getForPath,
    'wxacode.createQRCode': getForPath,
    'cloudbase.getOpenData': cloudbaseGetOpenData,
    'phonenumber.getPhoneNumber': getPhoneNumber,
  }
  return {
    name: ServiceName.OpenApi,
    outboxFile: outbox.file,
    actions: openApiActions({ outbox, apis, clock: deps.clock, logger: deps.logger }),
    start: () => outbox.load(),
    outbox: () => outbox.list(),
    clearOutbox: () => outbox.clear(),
  }
}
