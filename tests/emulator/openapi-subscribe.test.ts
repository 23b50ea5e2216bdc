/**
 * Subscribe messages and the function host as strict as the platform, through the real
 * wx-server-sdk: only the environment's templates (40037), values checked against each
 * keyword's type and limits (47003), only to users with a one-time subscription left (43101),
 * each delivered message spending one; subscriptions granted as `wx.requestSubscribeMessage`
 * acceptance would (API and control route); a function may call only the open APIs its
 * config.json lists (-604101); a function bound to another environment's id fails as in the
 * cloud; a timer run gets the event and variables a timer-triggered function gets.
 *
 * Sources: the sendMessage reference and its "订阅消息参数值内容限制说明" table (thing ≤ 20,
 * phrase ≤ 5 Chinese characters only, name ≤ 10 Chinese characters or 20 letters, time a 24-hour
 * time with optional date, 47003 "argument invalid! data.<keyword>.value …", 43101 "user refuse
 * to accept the msg", 40037 "invalid template_id"); the CloudBase FAQ "云调用报错 -604101 如何解决"
 * (docs.cloudbase.net/faq/knowledge/cloud-call-604101-permission-error) and wx-server-sdk's
 * error table (-604101 "function has no permission to call this API"); Tencent SCF "触发器事件消息
 * 结构汇总" (tencentcloud.com/document/product/583/31439: the timer event `{ Type: 'Timer',
 * TriggerName, Time: '2019-02-21T11:49:00Z', Message }`); @cloudbase/app's node adapter (a
 * timer run is `TRIGGER_SRC=timer`, its API token `WX_TRIGGER_API_TOKEN_V0`).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/src'
import { checkValue } from '../../emulator/src/openapi/subscribe-message'
import { templatesFromSettings } from '../../emulator/src/openapi/templates'
import { isTimerInvocation } from '../../cloudfunctions/_runtime/timer-guard'
import { applySdkEnv } from '../helpers/sdk-env'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const ENV = 'honglin-sub-7x'
const TPL = 'tpl-Progress_01'
const TEMPLATES = { [TPL]: ['thing1', 'phrase2', 'time3', 'name4', 'character_string5'] }
const DATA = {
  thing1: { value: '楼道灯坏了' },
  phrase2: { value: '已受理' },
  time3: { value: '2026年11月27日 08:05' },
  name4: { value: '王小红' },
  character_string5: { value: 'D-20261127' },
}
const message = (touser: string, extra: Record<string, unknown> = {}) => ({ touser, templateId: TPL, data: DATA, ...extra })

let emulator: Emulator
let functionsDir: string
let cloud: Any

function fn(name: string, config: unknown, body: string): void {
  mkdirSync(join(functionsDir, name))
  if (config) writeFileSync(join(functionsDir, name, 'config.json'), JSON.stringify(config))
  writeFileSync(join(functionsDir, name, 'index.js'), body)
}

const sender = (env: string) => `const cloud = require(${JSON.stringify(require.resolve('wx-server-sdk'))})
cloud.init({ env: ${env} })
exports.main = async (event) => {
  try {
    return { ok: await cloud.openapi.subscribeMessage.send(event.message) }
  } catch (e) {
    return { errCode: e.errCode, errMsg: e.errMsg }
  }
}
`

beforeAll(async () => {
  functionsDir = mkdtempSync(join(tmpdir(), 'subscribe-fns-'))
  fn('allowed', { permissions: { openapi: ['subscribeMessage.send'] } }, sender('cloud.DYNAMIC_CURRENT_ENV'))
  fn('unlisted', { permissions: { openapi: ['security.msgSecCheck'] } }, sender('cloud.DYNAMIC_CURRENT_ENV'))
  fn('noconfig', undefined, sender('cloud.DYNAMIC_CURRENT_ENV'))
  fn('elsewhere', { permissions: { openapi: ['subscribeMessage.send'] } }, sender("'someone-elses-env'"))
  fn(
    'ticker',
    { triggers: [{ name: 'everyMinute', type: 'timer', config: '0 * * * * * *' }] },
    `exports.main = async (event) => ({ event, triggerSrc: process.env.TRIGGER_SRC, token: process.env.WX_TRIGGER_API_TOKEN_V0 })\n`,
  )
  emulator = await startEmulator({ quiet: true, envId: ENV, functionsDir, subscribeTemplates: TEMPLATES })
  applySdkEnv(`${emulator.url}/admin`)
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    cloud = require('wx-server-sdk')
  })
  cloud.init({ env: ENV, serviceUrl: `${emulator.url}/admin`, secretId: 'x', secretKey: 'y' })
})

afterAll(async () => {
  await emulator?.stop()
  rmSync(functionsDir, { recursive: true, force: true })
})

async function rejection(promise: Promise<unknown>): Promise<Any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail')
}

const invoke = async (name: string, event: unknown) => (await emulator.functions.invoke(name, event, { openid: 'o-caller' })).result as Any
const lastOutbox = () => emulator.openapi.outbox().at(-1)!

describe('templates', () => {
  test('a template the environment does not have is 40037, whoever the user', async () => {
    emulator.openapi.grantSubscription('o-t1', 'tpl-unknown')
    const error = await rejection(cloud.openapi.subscribeMessage.send(message('o-t1', { templateId: 'tpl-unknown' })))
    expect(error.errCode).toBe(40037)
    expect(lastOutbox()).toMatchObject({ api: 'subscribeMessage.send', errcode: 40037 })
    expect(emulator.openapi.subscriptions()['o-t1']!['tpl-unknown']).toBe(1)
  })

  test('templates come from a deployment settings file: template id and keyword names per purpose', () => {
    expect(
      templatesFromSettings({
        subscribeMessages: {
          demandStatus: { templateId: 'abc', title: '服务进度提醒', keywords: { item: 'thing1', status: 'phrase2' } },
          broken: { keywords: { item: 'thing1' } },
        },
      }),
    ).toEqual({ abc: ['thing1', 'phrase2'] })
  })
})

describe('values against their keyword types', () => {
  beforeAll(() => emulator.openapi.grantSubscription('o-v', TPL, 100))

  test.each([
    [
      'a thing over 20 characters',
      { thing1: { value: '这是一段超过二十个字符的事物描述文字会被微信拒绝' } },
      'data.thing1.value exceeds limit of 20',
    ],
    ['a phrase over 5 characters', { phrase2: { value: '已经受理完成了' } }, 'data.phrase2.value exceeds limit of 5'],
    ['a phrase with other than Chinese', { phrase2: { value: 'ok了' } }, 'data.phrase2.value invalid'],
    ['a time without a time of day', { time3: { value: '明天' } }, 'data.time3.value invalid'],
    ['a Chinese name over 10 characters', { name4: { value: '欧阳王小红李大明张小三' } }, 'data.name4.value exceeds limit of 10'],
    ['a character_string with Chinese', { character_string5: { value: '单号123' } }, 'data.character_string5.value invalid'],
    ['a keyword left out', { thing1: undefined }, 'data.thing1.value is empty'],
    ['an empty value', { thing1: { value: '  ' } }, 'data.thing1.value is empty'],
  ])('%s is 47003, and spends no subscription', async (_name, change, detail) => {
    const before = emulator.openapi.subscriptions()['o-v']![TPL]
    const error = await rejection(cloud.openapi.subscribeMessage.send(message('o-v', { data: { ...DATA, ...change } })))
    expect(error.errCode).toBe(47003)
    expect(error.errMsg).toContain(`argument invalid! ${detail}`)
    expect(emulator.openapi.subscriptions()['o-v']![TPL]).toBe(before)
  })

  test('values at their limits pass; time takes the documented forms', async () => {
    const fit = { ...DATA, thing1: { value: '一二三四五六七八九十一二三四五六七八九…' }, phrase2: { value: '五个字状态' } }
    expect((await cloud.openapi.subscribeMessage.send(message('o-v', { data: fit }))).errCode).toBe(0)
    for (const value of ['15:01', '2019年10月1日 15:01', '2019-10-01 15:01', '2019年10月1日 15:01 ~ 2019年10月1日 16:00'])
      expect([value, checkValue('time', value)]).toEqual([value, undefined])
    expect(checkValue('name', 'Alice Wang')).toBeUndefined()
    expect(checkValue('phrase', '五个字状态')).toBeUndefined()
  })
})

describe('one-time subscriptions', () => {
  test('a user without one is 43101 and nothing is delivered', async () => {
    const error = await rejection(cloud.openapi.subscribeMessage.send(message('o-never')))
    expect(error.errCode).toBe(43101)
    expect(lastOutbox()).toMatchObject({ errcode: 43101, data: { touser: 'o-never' } })
  })

  test('each acceptance allows one message: two accepted, two sent, the third refused', async () => {
    emulator.openapi.grantSubscription('o-twice', TPL)
    expect(emulator.openapi.grantSubscription('o-twice', TPL)).toBe(2)
    expect((await cloud.openapi.subscribeMessage.send(message('o-twice'))).errCode).toBe(0)
    expect((await cloud.openapi.subscribeMessage.send(message('o-twice'))).errCode).toBe(0)
    expect((await rejection(cloud.openapi.subscribeMessage.send(message('o-twice')))).errCode).toBe(43101)
    expect(emulator.openapi.subscriptions()['o-twice']).toEqual({ [TPL]: 0 })
  })

  test('the control API grants as an acceptance would, and says what is left', async () => {
    const bad = await fetch(`${emulator.url}/_emulator/subscriptions`, { method: 'POST', body: JSON.stringify({ openid: 'o-ctl' }) })
    expect(bad.status).toBe(400)
    const res = await fetch(`${emulator.url}/_emulator/subscriptions`, {
      method: 'POST',
      body: JSON.stringify({ openid: 'o-ctl', templateIds: [TPL] }),
    })
    expect(await res.json()).toEqual({ openid: 'o-ctl', subscriptions: { [TPL]: 1 } })
    expect((await cloud.openapi.subscribeMessage.send(message('o-ctl'))).errCode).toBe(0)
    const state = (await (await fetch(`${emulator.url}/_emulator/subscriptions`)).json()) as Any
    expect(state.subscriptions['o-ctl']).toEqual({ [TPL]: 0 })
    expect(state.templates).toEqual(TEMPLATES)
  })
})

describe('the function host', () => {
  test('a function may call only the open APIs its config.json lists: otherwise -604101, and nothing is spent', async () => {
    emulator.openapi.grantSubscription('o-perm', TPL)
    for (const name of ['unlisted', 'noconfig']) {
      const res = await invoke(name, { message: message('o-perm') })
      expect(res.errCode).toBe(-604101)
      expect(lastOutbox()).toMatchObject({ api: 'subscribeMessage.send', errcode: -604101, caller: 'o-caller' })
    }
    expect(emulator.openapi.subscriptions()['o-perm']).toEqual({ [TPL]: 1 })
    expect((await invoke('allowed', { message: message('o-perm') })).ok.errCode).toBe(0)
    expect(emulator.openapi.subscriptions()['o-perm']).toEqual({ [TPL]: 0 })
  })

  test('a function initialised with another environment’s id fails as in the cloud: "Environment not found"', async () => {
    emulator.openapi.grantSubscription('o-env', TPL)
    const res = await invoke('elsewhere', { message: message('o-env') })
    expect(res.errMsg).toContain('Environment not found')
    expect(emulator.openapi.subscriptions()['o-env']).toEqual({ [TPL]: 1 })
  })

  test('a timer run: the SCF timer event, TRIGGER_SRC=timer and the trigger’s API token; the guard accepts exactly that', async () => {
    const { result } = (await emulator.functions.fireTimer('ticker', 'everyMinute')) as Any
    expect(Object.keys(result.event).sort()).toEqual(['Message', 'Time', 'TriggerName', 'Type'])
    expect(result.event).toMatchObject({
      Type: 'Timer',
      TriggerName: 'everyMinute',
      Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    })
    expect(result.triggerSrc).toBe('timer')
    expect(result.token).toEqual(expect.any(String))

    const real = { event: result.event, source: 'wx_trigger', triggerSource: 'timer' }
    expect(isTimerInvocation(real)).toBe(true)
    expect(isTimerInvocation({ ...real, triggerSource: undefined })).toBe(false)
    expect(isTimerInvocation({ ...real, openid: 'o-someone' })).toBe(false)
    expect(isTimerInvocation({ ...real, source: 'wx_client' })).toBe(false)
    expect(isTimerInvocation({ ...real, event: { ...result.event, Type: 'timer' } })).toBe(false)
    expect(isTimerInvocation({ ...real, event: { Type: 'Timer' } })).toBe(false)
  })
})
