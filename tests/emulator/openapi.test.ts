/**
 * The open API through the real wx-server-sdk (`cloud.openapi.*`): subscribe messages land in
 * the outbox, content security answers from the local word list in both API versions, unknown
 * APIs are recorded with a warning, and the outbox outlives the emulator process.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/src'
import { sdkFor, useEmulator } from '../helpers/emulator'

const t = useEmulator()

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

describe('unknown APIs', () => {
  test('are recorded, answered ok, and logged as a warning', async () => {
    const result = await t.cloud.openapi.wxacode.getUnlimited({ scene: 'd=1', pageName: 'pages/index/index' })
    expect(result).toMatchObject({ errCode: 0 })
    expect(t.emulator.openapi.outbox()).toMatchObject([
      { api: 'wxacode.getUnlimited', data: { scene: 'd=1', page_name: 'pages/index/index' } },
    ])
    const warnings = t.emulator.logger.entries({ scopePrefix: 'emulator:openapi' }).filter((e) => e.level === 'warn')
    expect(warnings.map((e) => e.message)).toContain('open API wxacode.getUnlimited is not emulated; recorded and answered ok')
  })
})

describe('the outbox', () => {
  test('clearOutbox empties it, in memory and on disk', async () => {
    await t.cloud.openapi.subscribeMessage.send(MESSAGE)
    expect(t.emulator.openapi.outbox()).toHaveLength(1)
    t.emulator.openapi.clearOutbox()
    expect(t.emulator.openapi.outbox()).toEqual([])
    expect(readFileSync(join(t.emulator.dataDir, 'openapi', 'outbox.jsonl'), 'utf8')).toBe('')
  })

  test('is JSON lines on disk and is loaded again after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openapi-restart-'))
    try {
      const first = await startEmulator({ dataDir, quiet: true })
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
