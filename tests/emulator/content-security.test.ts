/**
 * Content security through the real wx-server-sdk (`cloud.openapi.security.*`), in WeChat's
 * shapes: msgSecCheck v1 (87014 thrown) and v2 (errcode 0 with `result.suggest`), imgSecCheck
 * on the image bytes (marker or listed hash → 87014, over 1 MB → 40006), mediaCheckAsync
 * answering a trace id. Every call lands in the outbox.
 */
import { createHash } from 'node:crypto'
import { startEmulator } from '../../emulator/src'
import { sdkFor, useEmulator } from '../helpers/emulator'

const t = useEmulator()

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const RISKY_PNG = Buffer.concat([PNG, Buffer.from('RISKY-IMAGE-TEST')])
const OPENID = 'o-user-1'

interface SdkError {
  errCode?: number
  errMsg?: string
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (error) {
    return error as SdkError
  }
  throw new Error('expected the call to fail')
}

beforeEach(() => t.emulator.openapi.clearOutbox())

describe('msgSecCheck', () => {
  test('v2: clean text passes with errcode 0, a trace id and the keyword strategy', async () => {
    const result = await t.cloud.openapi.security.msgSecCheck({ content: '周六上午帮忙买菜', version: 2, scene: 3, openid: OPENID })
    expect(result).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    expect(result.traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
  })

  test('v2: a sensitive word is risky and a review word is review, both with errcode 0 (the SDK does not throw)', async () => {
    const risky = await t.cloud.openapi.security.msgSecCheck({ content: '含有违禁词测试', version: 2, scene: 2, openid: OPENID })
    expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 20001 } })
    const review = await t.cloud.openapi.security.msgSecCheck({ content: '需要人工复审测试', version: 2, scene: 2, openid: OPENID })
    expect(review).toMatchObject({ errCode: 0, result: { suggest: 'review', label: 21000 } })
    expect(review.detail).toEqual([{ strategy: 'keyword', errcode: 0, suggest: 'review', label: 21000, keyword: '人工复审测试' }])
  })

  test('v2 takes at most 2,500 characters', async () => {
    const error = await rejection(
      t.cloud.openapi.security.msgSecCheck({ content: '字'.repeat(2501), version: 2, scene: 2, openid: OPENID }),
    )
    expect(error.errCode).toBe(47001)
  })

  test('v1: risky text throws 87014; review words are a v2 notion only', async () => {
    expect((await rejection(t.cloud.openapi.security.msgSecCheck({ content: '违禁词测试' }))).errCode).toBe(87014)
    expect(await t.cloud.openapi.security.msgSecCheck({ content: '人工复审测试' })).toMatchObject({ errCode: 0 })
  })
})

describe('imgSecCheck', () => {
  test('a clean PNG passes; the bytes arrive whole (recorded size)', async () => {
    const result = await t.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: PNG } })
    expect(result).toMatchObject({ errCode: 0 })
    expect(t.emulator.openapi.outbox()).toMatchObject([
      { api: 'security.imgSecCheck', errcode: 0, data: { media: { contentType: 'image/png', size: PNG.length } } },
    ])
  })

  test('an image carrying the marker is risky: 87014 risky content', async () => {
    const error = await rejection(t.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: RISKY_PNG } }))
    expect(error.errCode).toBe(87014)
    expect(error.errMsg).toContain('risky content')
  })

  test('over 1 MB is 40006; not an image is 40004', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)])
    expect((await rejection(t.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: big } }))).errCode).toBe(40006)
    const text = Buffer.from('not an image at all')
    expect((await rejection(t.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: text } }))).errCode).toBe(
      40004,
    )
  })

  test('listed hashes and markers are configurable', async () => {
    const listed = Buffer.concat([PNG, Buffer.from('listed')])
    const custom = await startEmulator({
      quiet: true,
      contentRules: { riskyImageMarkers: ['OTHER-MARK'], riskyImageHashes: [createHash('sha256').update(listed).digest('hex')] },
    })
    try {
      const cloud = sdkFor(custom.url)
      const check = (value: Buffer) => cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value } })
      expect((await rejection(check(listed))).errCode).toBe(87014)
      expect((await rejection(check(Buffer.concat([PNG, Buffer.from('OTHER-MARK')])))).errCode).toBe(87014)
      expect(await check(RISKY_PNG)).toMatchObject({ errCode: 0 })
    } finally {
      await custom.stop()
    }
  })
})

describe('mediaCheckAsync', () => {
  test('v2 answers a trace id at once; the verdict is not pushed later, only the call recorded', async () => {
    const result = await t.cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'https://example.com/a.jpg',
      mediaType: 2,
      version: 2,
      scene: 2,
      openid: OPENID,
    })
    expect(result).toMatchObject({ errCode: 0, traceId: expect.stringMatching(/^[0-9a-f-]+$/) })
    expect(t.emulator.openapi.outbox()).toMatchObject([
      { api: 'security.mediaCheckAsync', data: { media_url: 'https://example.com/a.jpg', media_type: 2 } },
    ])
  })

  test('without a URL, or v2 without openid, is 47001', async () => {
    expect((await rejection(t.cloud.openapi.security.mediaCheckAsync({ mediaType: 2 }))).errCode).toBe(47001)
    const noOpenid = t.cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'https://example.com/a.jpg', mediaType: 2, version: 2, scene: 1 })
    expect((await rejection(noOpenid)).errCode).toBe(47001)
  })
})
