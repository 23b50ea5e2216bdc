/**
 * The WeChat open API (lifecycle only). Calls are answered locally and recorded in an outbox
 * (`outbox.ts`); the wire action is in `handlers.ts`, the protobuf envelope in `proto.ts`,
 * the emulated APIs in `subscribe-message.ts`, `security.ts` (text, images, async media),
 * `wxacode.ts` and `open-data.ts`. Other APIs are recorded and fail with WeChat's "API not
 * found" (-604100), with a warning. A function calling an API its config.json does not list
 * fails with -604101, as in the cloud.
 */
import { ServiceName, type EmulatorService, type ServiceDeps } from '../service'
import { openApiActions } from './handlers'
import { Outbox, type OutboxEntry } from './outbox'
import { DEFAULT_SENSITIVE_WORDS, createImgSecCheck, createMsgSecCheck, mediaCheckAsync, type ContentRules } from './security'
import { cloudbaseGetOpenData, getPhoneNumber } from './open-data'
import { Subscriptions, createSendSubscribeMessage, type SubscribeTemplates } from './subscribe-message'
import type { WxApi } from './types'
import { getForPath, getUnlimited } from './wxacode'

export type { OutboxEntry } from './outbox'
export { INVALID_TEMPLATE_ID, USER_REFUSED, type SubscribeTemplates } from './subscribe-message'
export { NO_PERMISSION } from './handlers'
export { templatesFromSettings } from './templates'
export { DEFAULT_REVIEW_WORDS, DEFAULT_RISKY_IMAGE_MARKER, DEFAULT_SENSITIVE_WORDS, type ContentRules } from './security'

export interface OpenApiService extends EmulatorService {
  /** Every call so far, oldest first (including those loaded from disk at start). */
  outbox(): OutboxEntry[]
  clearOutbox(): void
  /** `<dataDir>/openapi/outbox.jsonl` */
  readonly outboxFile: string
  /** As accepting in `wx.requestSubscribeMessage` does: `count` more one-time subscriptions. Answers how many are left. */
  grantSubscription(openid: string, templateId: string, count?: number): number
  /** One-time subscriptions left, by openid then template id. */
  subscriptions(): Record<string, Record<string, number>>
  /** The templates `subscribeMessage.send` accepts, and their keyword names. */
  templates(): SubscribeTemplates
}

export interface OpenApiOptions extends ServiceDeps, ContentRules {
  /** Template id → keyword names; any other template id is refused with 40037. */
  subscribeTemplates?: SubscribeTemplates
  /**
   * The open APIs a function's config.json lists (`permissions.openapi`); a call from a function
   * not listing it fails with -604101. Calls from outside any function are not checked.
   */
  permissionsOf?: (functionName: string) => string[] | undefined
}

export function createOpenApiService(deps: OpenApiOptions): OpenApiService {
  const outbox = new Outbox(deps.dataDir, deps.logger)
  const templates = { ...(deps.subscribeTemplates ?? {}) }
  const subscriptions = new Subscriptions()
  const apis: Record<string, WxApi> = {
    'subscribeMessage.send': createSendSubscribeMessage(() => templates, subscriptions),
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
    actions: openApiActions({ outbox, apis, clock: deps.clock, logger: deps.logger, permissionsOf: deps.permissionsOf }),
    start: () => outbox.load(),
    outbox: () => outbox.list(),
    clearOutbox: () => outbox.clear(),
    grantSubscription: (openid, templateId, count = 1) => subscriptions.grant(openid, templateId, count),
    subscriptions: () => subscriptions.all(),
    templates: () => structuredClone(templates),
  }
}
