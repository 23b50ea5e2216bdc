/**
 * The function host's instance model, as the cloud runs functions: each instance is its own
 * process serving one request at a time, frozen between requests, killed by a timeout;
 * instances scale out up to a limit and are reclaimed when idle. Through HTTP and the real
 * wx-server-sdk, as a mini-program and other functions reach them.
 */
import { join } from 'node:path'
import { startEmulator } from '../../emulator/src'
import { useEmulator } from '../helpers/emulator'

const FIXTURES = join(__dirname, '../fixtures/functions')
const LIMIT = 3
const t = useEmulator({ collections: ['late', 'notes'], functionsDir: FIXTURES, maxInstances: LIMIT })

async function post(name: string, body: unknown, openid?: string) {
  const res = await fetch(`${t.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify(body),
  })
  const id = res.headers.get('x-invocation-id')!
  const stats = t.emulator.functions.invocations().find((s) => s.id === id)!
  return { status: res.status, id, stats, body: (await res.json()) as any }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await sleep(25)
  }
}

const lateWrites = async (by: string) => (await t.db.collection('late').where({ by }).count()).total

describe('instances', () => {
  test('module-level state belongs to one instance: 50 concurrent callers never see each other’s', async () => {
    const calls = await Promise.all(Array.from({ length: 50 }, (_, n) => post('stateful', { n, ms: 30 }, `user-${n}`)))
    for (const [n, { status, body }] of calls.entries()) {
      expect(status).toBe(200)
      // In one shared process the value would be whichever caller wrote it last.
      expect(body).toMatchObject({ n, holder: n })
    }
  })

  test('50 parallel calls start at most the limit of instances, and more than one instance serves them', async () => {
    const calls = await Promise.all(Array.from({ length: 50 }, (_, n) => post('stateful', { n, ms: 200 })))
    expect(calls.every((c) => c.status === 200)).toBe(true)
    const served = new Set(calls.map((c) => c.stats.instanceId))
    expect(served.size).toBeGreaterThan(1)
    expect(served.size).toBeLessThanOrEqual(LIMIT)
    expect(t.emulator.functions.instances('stateful').length).toBeLessThanOrEqual(LIMIT)
    // Every instance served requests one after another: the served counts add up to the calls.
    const started = t.emulator.functions.instances('stateful')
    expect(started.reduce((sum, i) => sum + i.served, 0)).toBe(100)
  })

  test('a warm instance is reused and keeps its module state; only a new instance is a cold start', async () => {
    const first = await post('whoami', { n: 1 }, 'warm-user')
    const second = await post('whoami', { n: 2 }, 'warm-user')
    expect(first.stats).toMatchObject({ cold: true, instanceId: 'whoami#1' })
    expect(first.stats.coldStartMs).toBeGreaterThan(0)
    expect(second.stats).toMatchObject({ cold: false, instanceId: 'whoami#1' })
    expect(second.stats.coldStartMs).toBeUndefined()
    const a = await post('stateful', { n: 1, ms: 1 })
    const b = await post('stateful', { n: 2, ms: 1 })
    expect(b.stats.instanceId).toBe(a.stats.instanceId)
    expect(b.body.served).toBe(a.body.served + 1)

    // The console shows both: the instances, and cold or warm per invocation.
    const { instances } = (await (await fetch(`${t.url}/_console/api/instances`)).json()) as any
    expect(instances).toContainEqual(expect.objectContaining({ id: 'whoami#1', functionName: 'whoami', state: 'idle', served: 2 }))
    const { invocations } = (await (await fetch(`${t.url}/_console/api/invocations`)).json()) as any
    expect(invocations.find((i: any) => i.id === first.id)).toMatchObject({ cold: true, instanceId: 'whoami#1' })
    expect(invocations.find((i: any) => i.id === second.id)).toMatchObject({ cold: false, instanceId: 'whoami#1' })
  })

  test('a function that fails to load answers its error, and leaves no instance behind', async () => {
    const { status, body, stats } = await post('broken', {})
    expect(status).toBe(500)
    expect(body).toEqual({ errCode: -504002, errMsg: '模块加载失败' })
    expect(stats.error).toBe('模块加载失败')
    expect(t.emulator.functions.instances('broken')).toEqual([])
  })
})

describe('timeouts and work left behind', () => {
  test('a timeout answers as the cloud does and stops the instance: its late write never lands', async () => {
    const { status, body, stats } = await post('late-writer', { n: 1, ms: 1500 })
    expect(status).toBe(500)
    expect(body).toEqual({ errCode: -504003, errMsg: 'Invoking task timed out after 1 seconds' })
    expect(stats).toMatchObject({ timedOut: true, instanceId: 'late-writer#1' })
    await until(() => t.emulator.functions.instances('late-writer').length === 0)
    // Well past the moment the function meant to write.
    await sleep(1000)
    expect(await lateWrites('late-writer')).toBe(0)

    // Through cloud.callFunction the caller is rejected with the same text; nothing lands either.
    await expect(t.cloud.callFunction({ name: 'late-writer', data: { n: 2, ms: 1500 } })).rejects.toMatchObject({
      errMsg: expect.stringContaining('Invoking task timed out after 1 seconds'),
    })
    await sleep(1000)
    expect(await lateWrites('late-writer')).toBe(0)
    // A quick run on a fresh instance still works and writes.
    const quick = await post('late-writer', { n: 3, ms: 1 })
    expect(quick.body).toEqual({ wrote: true })
    expect(quick.stats).toMatchObject({ cold: true, instanceId: 'late-writer#3' })
    expect(await lateWrites('late-writer')).toBe(1)
  })

  test('work still pending when main returns is frozen with the instance, and reported', async () => {
    const { status, body, stats, id } = await post('fire-and-forget', { n: 1 })
    expect(status).toBe(200)
    expect(body).toEqual({ scheduled: true })
    expect(stats.pending).toEqual({ Timeout: 1 })
    // The timer was due 20 ms after the answer; the frozen instance never ran it.
    await sleep(500)
    expect(await lateWrites('fire-and-forget')).toBe(0)
    expect(t.emulator.functions.instances('fire-and-forget')).toMatchObject([{ state: 'idle', served: 1 }])
    const warnings = t.emulator.logger.entries({ scopePrefix: 'emulator:functions:fire-and-forget' }).filter((e) => e.level === 'warn')
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(new RegExp(`^\\[${id}\\] returned with work still pending \\(1 Timeout\\)`)),
    ])
  })

  test('a write main started but did not await is frozen too, and reported', async () => {
    const { status, stats } = await post('fire-and-forget', { n: 2, unawaited: true })
    expect(status).toBe(200)
    expect(Object.keys(stats.pending ?? {})).not.toEqual([])
    await sleep(500)
    expect(await lateWrites('fire-and-forget')).toBe(0)
  })

  test('a function that awaits all its work leaves nothing pending', async () => {
    const { stats } = await post('whoami', { n: 3 }, 'tidy-user')
    expect(stats.roundTrips).toBe(2)
    expect(stats.pending).toBeUndefined()
  })
})

describe('the function’s folder and context', () => {
  test('require() resolves from the function’s folder, which is also its working directory', async () => {
    const { status, body } = await post('rooted', { name: '张阿姨' })
    expect(status).toBe(200)
    expect(body).toEqual({ greeting: '你好，张阿姨', cwd: join(FIXTURES, 'rooted') })
  })

  test('a mini-program call: the caller, the env, SOURCE wx_client and the client’s address', async () => {
    const { body } = await post('context', {}, 'ctx-user')
    expect(body.ctx).toMatchObject({
      OPENID: 'ctx-user',
      APPID: 'wx-local-appid',
      ENV: 'local',
      SOURCE: 'wx_client',
      CLIENTIP: '127.0.0.1',
      CLIENTIPV6: '::ffff:127.0.0.1',
    })
    expect(body.ctx.UNIONID).toBeUndefined()
    expect(body.triggerSrc).toBeNull()
  })

  test('a function called by a function: the same user and address, the source chain grows', async () => {
    const { body } = await post('relay', { target: 'context', n: 1 }, 'chain-user')
    expect(body.relayedFor).toBe('chain-user')
    expect(body.callee.ctx).toMatchObject({ OPENID: 'chain-user', SOURCE: 'wx_client,scf', CLIENTIP: '127.0.0.1' })
  })

  test('a timer run through the control API: the SCF timer event, SOURCE wx_trigger, no user', async () => {
    const res = await fetch(`${t.url}/_emulator/timers/context/newYear2099`, { method: 'POST' })
    expect(res.status).toBe(200)
    const { result, error, invocation } = (await res.json()) as any
    expect(error).toBeUndefined()
    expect(invocation).toMatchObject({ functionName: 'context', openid: '' })
    expect(result.event).toEqual({
      Type: 'Timer',
      TriggerName: 'newYear2099',
      Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      Message: '',
    })
    expect(result.ctx).toEqual({ ENV: 'local', SOURCE: 'wx_trigger' })
    expect(result.triggerSrc).toBe('timer')

    const unknown = await fetch(`${t.url}/_emulator/timers/context/nope`, { method: 'POST' })
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as any).code).toBe('NOT_FOUND')
  })

  test('the emulator clock reaches the instance with each request', async () => {
    t.emulator.clock.advance(5 * 3600_000)
    try {
      const { body } = await post('context', {}, 'clock-user')
      expect(body.clockOffsetMs).toBe(t.emulator.clock.offset)
    } finally {
      t.emulator.clock.reset()
    }
    const { body } = await post('context', {}, 'clock-user')
    expect(body.clockOffsetMs).toBe(0)
  })

  test('console output reaches the emulator log under the invocation id', async () => {
    const { id } = await post('context', {}, 'log-user')
    const messages = t.emulator.logger.entries({ scopePrefix: 'emulator:functions:context' }).map((e) => e.message)
    expect(messages).toContain(`[${id}] context for log-user { source: 'wx_client' }`)
  })
})

describe('instance lifecycle', () => {
  test('an idle instance is reclaimed: its process ends and the next request starts cold', async () => {
    const emulator = await startEmulator({ quiet: true, functionsDir: FIXTURES, instanceIdleMs: 300 })
    try {
      const first = await emulator.functions.invoke('rooted', { name: 'a' })
      const second = await emulator.functions.invoke('rooted', { name: 'b' })
      expect([first.stats.cold, second.stats.cold]).toEqual([true, false])
      const [instance] = emulator.functions.instances('rooted')
      expect(instance).toMatchObject({ id: first.stats.instanceId, state: 'idle', served: 2 })
      expect(alive(instance!.pid)).toBe(true)
      await until(() => emulator.functions.instances('rooted').length === 0)
      await until(() => !alive(instance!.pid))
      const third = await emulator.functions.invoke('rooted', { name: 'c' })
      expect(third.stats.cold).toBe(true)
      expect(third.stats.instanceId).not.toBe(first.stats.instanceId)
    } finally {
      await emulator.stop()
    }
  })

  test('stopping the emulator ends every instance process', async () => {
    const emulator = await startEmulator({ quiet: true, functionsDir: FIXTURES })
    await Promise.all([
      emulator.functions.invoke('rooted', { name: 'x' }),
      emulator.functions.invoke('stateful', { n: 1, ms: 50 }),
      emulator.functions.invoke('stateful', { n: 2, ms: 50 }),
    ])
    const pids = emulator.functions.instances().map((i) => i.pid)
    expect(pids).toHaveLength(3)
    expect(pids.every(alive)).toBe(true)
    await emulator.stop()
    expect(pids.filter(alive)).toEqual([])
  })

  test('stopping mid-request and mid-cold-start answers both with an error and leaves no process', async () => {
    const emulator = await startEmulator({ quiet: true, functionsDir: FIXTURES })
    const busy = emulator.functions.invoke('stateful', { n: 1, ms: 10_000 })
    await until(() => emulator.functions.instances('stateful').some((i) => i.state === 'busy'))
    await sleep(100)
    const starting = emulator.functions.invoke('rooted', { name: 'x' })
    const instances = emulator.functions.instances()
    expect(instances.map((i) => i.state).sort()).toEqual(['busy', 'starting'])
    await emulator.stop()
    const [a, b] = await Promise.all([busy, starting])
    expect(a.error).toMatch(/^instance stateful#1 killed by SIGKILL/)
    expect(b.error).toMatch(/^instance rooted#1 killed by SIGKILL/)
    expect(instances.map((i) => i.pid).filter(alive)).toEqual([])
  })
})
