import { join } from 'node:path'
import { useEmulator } from '../helpers/emulator'

const t = useEmulator({ collections: ['notes', 'ticks'], functionsDir: join(__dirname, '../fixtures/functions') })

async function post(name: string, body: unknown, openid?: string) {
  const res = await fetch(`${t.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, headers: res.headers, body: (await res.json()) as any }
}

test('50 concurrent invocations with 50 OPENIDs each see their own identity', async () => {
  const openids = Array.from({ length: 50 }, (_, i) => `user-${i}`)
  const results = await Promise.all(openids.map((openid, n) => post('whoami', { n }, openid)))
  results.forEach(({ status, body }, i) => {
    expect(status).toBe(200)
    expect(body.before.OPENID).toBe(openids[i])
    expect(body.after.OPENID).toBe(openids[i])
    expect(body.before.APPID).toBe('wx-local-appid')
    expect(body.seen).toBe(1)
    expect(body.tag).toBe(i)
  })
  // Nothing leaked into the process outside an invocation.
  expect(process.env.WX_OPENID).toBeUndefined()
})

test('each invocation counts its own database round trips and documents', async () => {
  const { headers, body } = await post('whoami', { n: 1 }, 'counter-user')
  expect(body.before.OPENID).toBe('counter-user')
  const id = headers.get('x-invocation-id')!
  const stats = t.emulator.functions.invocations().find((s) => s.id === id)!
  expect(stats).toMatchObject({ functionName: 'whoami', openid: 'counter-user', roundTrips: 2, docsRead: 1, docsWritten: 1 })
  expect(stats.actions).toEqual({ 'database.insertDocument': 1, 'database.getDocument': 1 })
  expect(headers.get('x-db-round-trips')).toBe('2')
})

test('cloud.callFunction between functions keeps the end user', async () => {
  const { body } = await post('relay', { n: 7 }, 'relay-user')
  expect(body.relayedFor).toBe('relay-user')
  expect(body.callee.before.OPENID).toBe('relay-user')
  expect(body.callee.tag).toBe(7)
})

test('the SDK can call a function from outside any invocation', async () => {
  const res = await t.cloud.callFunction({ name: 'whoami', data: { n: 3 } })
  expect(res.result.tag).toBe(3)
  expect(res.result.before.OPENID).toBeUndefined()
})

test('a function that throws answers 500 and the SDK rejects', async () => {
  const { status, body } = await post('boom', {}, 'x')
  expect(status).toBe(500)
  expect(body.errMsg).toContain('故意的错误')
  await expect(t.cloud.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({ errMsg: expect.stringContaining('故意的错误') })
})

test('a function past its config.json timeout fails', async () => {
  const { status, body } = await post('slow', { ms: 1500 })
  expect(status).toBe(500)
  expect(body.errMsg).toMatch(/timed out after 1 seconds/)
  const quick = await post('slow', { ms: 10 })
  expect(quick.body).toEqual({ waited: 10 })
})

test('unknown functions are 404', async () => {
  const { status } = await post('nope', {})
  expect(status).toBe(404)
})

test('timer triggers fire on demand as a timer, without a user', async () => {
  const { result, error, stats } = await t.emulator.functions.fireTimer('tick', 'everySecond')
  expect(error).toBeUndefined()
  expect(result).toEqual({ ok: true })
  const ticks = await t.db.collection('ticks').get()
  expect(ticks.data).toHaveLength(1)
  expect(ticks.data[0]).toMatchObject({ trigger: 'everySecond', type: 'Timer', openid: null })
  const logs = t.emulator.logger.entries({ scopePrefix: 'emulator:functions:tick' })
  expect(logs.map((l) => l.message)).toContain(`[${stats.id}] tick ran everySecond`)
})
