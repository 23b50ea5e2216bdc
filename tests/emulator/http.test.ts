/**
 * The request envelope: which environment a request is for, and what a cloud function receives
 * as its event.
 *
 * Sources: CloudBase's general error codes (INVALID_ENV: "Invalid environment or environment
 * not found"; wx-server-sdk 4.0.2 has no number for it and reports -501001), reports of the
 * cloud's answer to a wrong env id ("Environment not found"), the wire-protocol notes (node-sdk
 * sends the env as the `env` query parameter and `envName`; `DYNAMIC_CURRENT_ENV` resolves to
 * the function's own env), and Cloud.callFunction (`data` reaches the function as `event`;
 * node-sdk sends it as the JSON text `request_data`, whatever JSON value it is; wx-server-sdk
 * itself refuses a non-object `data` before sending, so only HTTP callers such as the H5 client
 * can send one).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator, type Emulator } from '../../emulator/src'
import { applySdkEnv } from '../helpers/sdk-env'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any

const ENV = 'honglin-test-4g2k'
let emulator: Emulator
let functionsDir: string

function sdk(env: unknown): Any {
  let cloud: Any
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    cloud = require('wx-server-sdk')
  })
  cloud.init({ env, serviceUrl: `${emulator.url}/admin`, secretId: 'x', secretKey: 'y' })
  return cloud
}

async function rejection(promise: Promise<unknown>): Promise<Any> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

beforeAll(async () => {
  functionsDir = mkdtempSync(join(tmpdir(), 'http-fns-'))
  const sdkPath = JSON.stringify(require.resolve('wx-server-sdk'))
  mkdirSync(join(functionsDir, 'echo'))
  writeFileSync(
    join(functionsDir, 'echo', 'index.js'),
    `const cloud = require(${sdkPath})
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  const { total } = await cloud.database().collection('notes').count()
  return { event, kind: Array.isArray(event) ? 'array' : event === null ? 'null' : typeof event, total, env: cloud.getWXContext().ENV }
}
`,
  )
  emulator = await startEmulator({ quiet: true, envId: ENV, functionsDir })
  applySdkEnv(`${emulator.url}/admin`)
  emulator.database.ensureCollection('notes')
})

afterAll(async () => {
  await emulator?.stop()
  rmSync(functionsDir, { recursive: true, force: true })
})

describe('environment id', () => {
  test('cloud.init with another environment\'s id fails as the cloud does: INVALID_ENV, "Environment not found"', async () => {
    const cloud = sdk('someone-elses-env')
    const read = await rejection(cloud.database().collection('notes').get())
    expect(read.errCode).toBe(-501001)
    expect(read.errMsg).toBe('collection.get:fail -501001 resource system error. Environment not found')
    const openapi = await rejection(cloud.openapi.security.msgSecCheck({ content: 'hi' }))
    expect(openapi.errMsg).toContain('Environment not found')
    const call = await rejection(cloud.callFunction({ name: 'echo', data: {} }))
    expect(call.errMsg).toContain('Environment not found')
    expect(
      emulator.logger.entries({ scopePrefix: 'emulator:http' }).some((e) => e.level === 'warn' && e.message.includes('someone-elses-env')),
    ).toBe(true)
  })

  test("the emulator's own env id works", async () => {
    const cloud = sdk(ENV)
    expect((await cloud.database().collection('notes').count()).total).toBe(0)
  })

  test('DYNAMIC_CURRENT_ENV inside a hosted function resolves to the emulator env and works', async () => {
    const { result, error } = await emulator.functions.invoke('echo', { a: 1 })
    expect(error).toBeUndefined()
    expect(result).toMatchObject({ total: 0, env: ENV, kind: 'object' })
  })
})

describe('a function event that is not an object', () => {
  async function post(body: string) {
    const res = await fetch(`${emulator.url}/functions/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return { status: res.status, body: (await res.json()) as Any }
  }

  test.each([
    ['an array', '[1,"two"]', [1, 'two'], 'array'],
    ['a string', '"hello"', 'hello', 'string'],
    ['a number', '42', 42, 'number'],
    ['null', 'null', null, 'null'],
  ])('%s reaches the function as the event', async (_name, body, event, kind) => {
    const res = await post(body)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ event, kind })
  })
})
