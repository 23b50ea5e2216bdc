/**
 * The open API through the real wx-server-sdk (`cloud.openapi.*`, `cloud.getOpenData`):
 * subscribe messages land in the outbox, content security answers from the local word list in
 * both API versions, mini-program codes are real PNG images, open data answers for local test
 * CloudIDs, APIs the emulator does not have fail as WeChat's "API not found" (never a silent
 * ok), and the outbox outlives the emulator process.
 *
 * Sources: the WeChat server API reference (wxacode.getUnlimited: answers the image bytes,
 * `scene` at most 32 visible characters, `width` 280–1280 default 430; Cloud.getOpenData:
 * `list` of `{ cloudID, data }` one per CloudID, data with a `watermark { appid, timestamp }`;
 * phonenumber.getPhoneNumber: `phone_info { phoneNumber, purePhoneNumber, countryCode,
 * watermark }`; cloudbase.getOpenData: `data_list [{ cloud_id, json }]`) and wx-server-sdk's own
 * error table (-604100 "API not found", -601005 "invalid cloudID").
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startEmulator } from '../../emulator/src'
import { sdkFor, useEmulator } from '../helpers/emulator'

// The environment's one template, with its keywords (strict checks: openapi-subscribe.test.ts).
const t = useEmulator({ subscribeTemplates: { TPL_HELP_ACCEPTED: ['thing1', 'time2'] } })

const MESSAGE = {
  touser: 'o-user-1',
  templateId: 'TPL_HELP_ACCEPTED',
  page: 'pages/demand/detail?id=d1',
  miniprogramState: 'developer',
  data: { thing1: { value: '帮忙取快递' }, time2: { value: '2024-05-01 10:00' } },
}

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

describe('subscribeMessage.send', () => {
  test('answers ok and records the message, snake_case as sent, with the emulator clock time', async () => {
    t.emulator.clock.set(new Date('2030-01-02T03:04:05Z'))
    t.emulator.openapi.grantSubscription('o-user-1', 'TPL_HELP_ACCEPTED')
    try {
      const result = await t.cloud.openapi.subscribeMessage.send(MESSAGE)
      expect(result).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' })
      const outbox = t.emulator.openapi.outbox()
      expect(outbox).toHaveLength(1)
      expect(outbox[0]).toMatchObject({
        api: 'subscribeMessage.send',
        errcode: 0,
        data: {
          touser: 'o-user-1',
          template_id: 'TPL_HELP_ACCEPTED',
          page: 'pages/demand/detail?id=d1',
          miniprogram_state: 'developer',
          data: MESSAGE.data,
        },
      })
      expect(Math.abs(outbox[0]!.time - Date.parse('2030-01-02T03:04:05Z'))).toBeLessThan(5000)
      expect(outbox[0]!.id).toMatch(/^[0-9a-f]{16}$/)
      expect(outbox[0]!.caller).toBeUndefined()
    } finally {
      t.emulator.clock.reset()
    }
  })

  test.each([
    ['touser', { ...MESSAGE, touser: undefined }, 'touser is empty'],
    ['templateId', { ...MESSAGE, templateId: '' }, 'template_id is empty'],
    ['data', { ...MESSAGE, data: undefined }, 'data is empty'],
    ['a data value', { ...MESSAGE, data: { thing1: {} } }, 'data.thing1.value is empty'],
  ])('without %s the SDK throws 47003 and the failed call is still recorded', async (_name, message, detail) => {
    const error = await rejection(t.cloud.openapi.subscribeMessage.send(message))
    expect(error.errCode).toBe(47003)
    expect(error.errMsg).toContain(detail)
    expect(t.emulator.openapi.outbox()).toMatchObject([{ api: 'subscribeMessage.send', errcode: 47003 }])
  })

  test('a thing value over 20 characters is rejected, as in production', async () => {
    const error = await rejection(
      t.cloud.openapi.subscribeMessage.send({
        ...MESSAGE,
        data: { thing1: { value: '这是一段超过二十个字符的事物描述文字会被微信拒绝' } },
      }),
    )
    expect(error.errCode).toBe(47003)
    expect(error.errMsg).toContain('data.thing1.value exceeds limit of 20')
  })
})

describe('security.msgSecCheck', () => {
  test('v1: clean text passes', async () => {
    const result = await t.cloud.openapi.security.msgSecCheck({ content: '周六上午可以帮忙遛狗' })
    expect(result).toMatchObject({ errCode: 0 })
  })

  test('v1: the test word is rejected with 87014, whitespace and case aside', async () => {
    const error = await rejection(t.cloud.openapi.security.msgSecCheck({ content: '这里有 违禁 词测试 的内容' }))
    expect(error.errCode).toBe(87014)
    expect(error.errMsg).toContain('risky content')
  })

  test("v1: WeChat's own test string is rejected too", async () => {
    const error = await rejection(t.cloud.openapi.security.msgSecCheck({ content: '特3456书yuuo莞6543李zxcz蒜7782法fgnv级' }))
    expect(error.errCode).toBe(87014)
  })

  test('v2: clean text is pass / 100', async () => {
    const result = await t.cloud.openapi.security.msgSecCheck({ content: '小区门口的快递柜坏了', version: 2, scene: 2, openid: 'o-user-1' })
    expect(result.errCode).toBe(0)
    expect(result.result).toEqual({ suggest: 'pass', label: 100 })
    expect(result.detail).toEqual([{ strategy: 'keyword', errcode: 0, suggest: 'pass', label: 100 }])
    expect(result.traceId).toEqual(expect.any(String))
  })

  test('v2: the test word is risky / 20001 with errcode 0 (the SDK does not throw)', async () => {
    const result = await t.cloud.openapi.security.msgSecCheck({
      content: '普通内容',
      nickname: '违禁词测试',
      version: 2,
      scene: 1,
      openid: 'o-user-1',
    })
    expect(result.errCode).toBe(0)
    expect(result.result).toEqual({ suggest: 'risky', label: 20001 })
    expect(result.detail[0]).toMatchObject({ strategy: 'keyword', suggest: 'risky', label: 20001, keyword: '违禁词测试' })
  })

  test('v2 without openid or with a bad scene is a parameter error', async () => {
    expect((await rejection(t.cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 2 }))).errCode).toBe(47001)
    expect((await rejection(t.cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 9, openid: 'o' }))).errCode).toBe(47001)
  })

  test('every check is recorded in the outbox', async () => {
    await t.cloud.openapi.security.msgSecCheck({ content: '你好' })
    await rejection(t.cloud.openapi.security.msgSecCheck({ content: '违禁词测试' }))
    expect(t.emulator.openapi.outbox().map((e) => [e.api, e.data.content, e.errcode])).toEqual([
      ['security.msgSecCheck', '你好', 0],
      ['security.msgSecCheck', '违禁词测试', 87014],
    ])
  })

  test('a custom word list replaces the default one', async () => {
    const custom = await startEmulator({ quiet: true, sensitiveWords: ['自定义敏感'] })
    try {
      const cloud = sdkFor(custom.url)
      expect((await rejection(cloud.openapi.security.msgSecCheck({ content: '含有自定义敏感内容' }))).errCode).toBe(87014)
      expect(await cloud.openapi.security.msgSecCheck({ content: '违禁词测试' })).toMatchObject({ errCode: 0 })
      expect(custom.openapi.outbox()).toHaveLength(2)
    } finally {
      await custom.stop()
    }
  })
})

describe('APIs the emulator does not have', () => {
  test('fail with WeChat\'s -604100 "API not found", are recorded, and logged as a warning', async () => {
    const error = await rejection(t.cloud.openapi.urlscheme.generate({ jumpWxa: { path: 'pages/index/index' } }))
    expect(error.errCode).toBe(-604100)
    expect(error.errMsg).toContain('-604100')
    expect(t.emulator.openapi.outbox()).toMatchObject([{ api: 'urlscheme.generate', errcode: -604100 }])
    const warnings = t.emulator.logger.entries({ scopePrefix: 'emulator:openapi' }).filter((e) => e.level === 'warn')
    expect(warnings.map((e) => e.message)).toContain('open API urlscheme.generate is not emulated; answered -604100 API not found')
  })

  test('an API name WeChat has never had fails the same way', async () => {
    const error = await rejection(t.cloud.openapi.nothing.here({ a: 1 }))
    expect(error.errCode).toBe(-604100)
  })

  test("the SDK's other WeChat calls fail with the cloud's error shapes, never an ok", async () => {
    // Internal WeChat services (SVRKIT calls): "API not found".
    expect((await rejection(t.cloud.getVoIPSign({ groupId: 'g', timestamp: 1, nonce: 'n' }))).errCode).toBe(-604100)
    expect((await rejection(t.cloud.getCloudCallSign({ parameterList: ['a'] }))).errCode).toBe(-604100)
    // Wire actions the emulator has no handler for: INVALID_ACTION, as the service names an unknown action.
    const pay = await rejection(
      t.cloud.cloudPay.unifiedOrder({
        body: 'x',
        outTradeNo: '1',
        totalFee: 1,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1',
        envId: 'local',
        functionName: 'pay',
      }),
    )
    expect(pay.errMsg).toContain('action wx.wxPayApi is not supported')
    expect((await rejection(t.cloud.callOpenAPI({ api: 'foo.bar', data: {} }))).errMsg).toContain('action wx.api is not supported')
  })
})

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Decodes a PNG and reads the QR code in it. */
function readQr(buffer: Buffer): { width: number; height: number; text: string | undefined } {
  const png = PNG.sync.read(buffer)
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
  return { width: png.width, height: png.height, text: code?.data }
}

describe('mini-program codes', () => {
  test('wxacode.getUnlimited answers a 430 px PNG whose code carries the page and scene', async () => {
    const result = await t.cloud.openapi.wxacode.getUnlimited({ scene: 'd=42&from=share', page: 'packages/resident/demand' })
    expect(result.errCode).toBe(0)
    expect(result.contentType).toBe('image/png')
    expect(Buffer.isBuffer(result.buffer)).toBe(true)
    expect(result.buffer.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    expect(readQr(result.buffer)).toEqual({ width: 430, height: 430, text: 'packages/resident/demand?scene=d=42&from=share' })
    expect(t.emulator.openapi.outbox()).toMatchObject([{ api: 'wxacode.getUnlimited', errcode: 0, data: { scene: 'd=42&from=share' } }])
  })

  test('width sets the size; a different scene gives a different code', async () => {
    const result = await t.cloud.openapi.wxacode.getUnlimited({ scene: 'id=7', width: 280 })
    expect(readQr(result.buffer)).toEqual({ width: 280, height: 280, text: '?scene=id=7' })
  })

  test("a missing or too long scene is WeChat's 40169", async () => {
    expect((await rejection(t.cloud.openapi.wxacode.getUnlimited({ page: 'pages/index/index' }))).errCode).toBe(40169)
    expect((await rejection(t.cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) }))).errCode).toBe(40169)
  })

  test('wxacode.createQRCode and wxacode.get draw the path', async () => {
    for (const api of ['createQRCode', 'get'] as const) {
      const result = await t.cloud.openapi.wxacode[api]({ path: 'pages/index/index?from=poster', width: 300 })
      expect(readQr(result.buffer)).toEqual({ width: 300, height: 300, text: 'pages/index/index?from=poster' })
    }
  })
})

describe('open data', () => {
  test('cloud.getOpenData answers { cloudID, data } with the phone number for a local-phone CloudID', async () => {
    t.emulator.clock.set(new Date('2030-01-02T03:04:05Z'))
    try {
      const result = await t.cloud.getOpenData({ list: ['local-phone:13800138000'] })
      expect(result.errCode).toBe(0)
      expect(result.list).toEqual([
        {
          cloudID: 'local-phone:13800138000',
          data: {
            phoneNumber: '13800138000',
            purePhoneNumber: '13800138000',
            countryCode: '86',
            watermark: { appid: 'wx-local-appid', timestamp: Date.parse('2030-01-02T03:04:05Z') / 1000 },
          },
        },
      ])
      expect(t.emulator.openapi.outbox()).toMatchObject([{ errcode: 0, data: { cloudid_list: ['local-phone:13800138000'] } }])
    } finally {
      t.emulator.clock.reset()
    }
  })

  test('WeRun steps for a local-werun CloudID, one entry a day ending today', async () => {
    const result = await t.cloud.getOpenData({ list: ['local-werun:9103,9783'] })
    const steps = result.list[0].data.stepInfoList
    expect(steps.map((s: { step: number }) => s.step)).toEqual([9103, 9783])
    expect(steps[1].timestamp - steps[0].timestamp).toBe(86400)
  })

  test("an unknown CloudID is WeChat's -601005 invalid cloudID", async () => {
    const error = await rejection(t.cloud.getOpenData({ list: ['27_Ih-9vxDaOhIbh48Bdpk90DUkUoNMAPaNtg7OSGM-P2wPEk1NbspjKGoql_g'] }))
    expect(error.errCode).toBe(-601005)
  })

  test('openapi.cloudbase.getOpenData answers data_list with JSON strings', async () => {
    const result = await t.cloud.openapi.cloudbase.getOpenData({ cloudidList: ['local-phone:13900000000'] })
    expect(result.dataList).toHaveLength(1)
    expect(result.dataList[0].cloudId).toBe('local-phone:13900000000')
    expect(JSON.parse(result.dataList[0].json).data.phoneNumber).toBe('13900000000')
  })

  test('openapi.phonenumber.getPhoneNumber takes a local-phone code', async () => {
    const result = await t.cloud.openapi.phonenumber.getPhoneNumber({ code: 'local-phone:13700000000' })
    expect(result.phoneInfo).toMatchObject({ phoneNumber: '13700000000', purePhoneNumber: '13700000000', countryCode: '86' })
    expect((await rejection(t.cloud.openapi.phonenumber.getPhoneNumber({ code: 'real-looking-code' }))).errCode).toBe(40029)
  })
})

describe('the outbox', () => {
  test('clearOutbox empties it, in memory and on disk', async () => {
    t.emulator.openapi.grantSubscription('o-user-1', 'TPL_HELP_ACCEPTED')
    await t.cloud.openapi.subscribeMessage.send(MESSAGE)
    expect(t.emulator.openapi.outbox()).toHaveLength(1)
    t.emulator.openapi.clearOutbox()
    expect(t.emulator.openapi.outbox()).toEqual([])
    expect(readFileSync(join(t.emulator.dataDir, 'openapi', 'outbox.jsonl'), 'utf8')).toBe('')
  })

  test('is JSON lines on disk and is loaded again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openapi-restart-'))
    try {
      const first = await startEmulator({ dataDir, quiet: true, subscribeTemplates: { TPL_HELP_ACCEPTED: ['thing1', 'time2'] } })
      first.openapi.grantSubscription('o-user-1', 'TPL_HELP_ACCEPTED')
      const cloud = sdkFor(first.url)
      await cloud.openapi.subscribeMessage.send(MESSAGE)
      await cloud.openapi.security.msgSecCheck({ content: '你好' })
      await first.stop()
      expect(t.emulator.openapi.outbox()).toEqual([])

      const lines = readFileSync(join(dataDir, 'openapi', 'outbox.jsonl'), 'utf8')
        .trim()
        .split('\n')
      expect(lines.map((line) => JSON.parse(line).api)).toEqual(['subscribeMessage.send', 'security.msgSecCheck'])

      const second = await startEmulator({ dataDir, quiet: true })
      try {
        expect(second.openapi.outbox().map((e) => e.api)).toEqual(['subscribeMessage.send', 'security.msgSecCheck'])
        expect(second.openapi.outbox()[0]!.data.touser).toBe('o-user-1')
      } finally {
        await second.stop()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
