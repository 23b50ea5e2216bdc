/**
 * Honglin's cloud functions on the emulator, as in production: the built functions
 * (dist/cloudfunctions, built by scripts/test.mjs or `npm run build:functions`), the
 * collections and indexes of database/schema.json in strict-index mode, and the demo seed.
 * `call()` goes through `POST /functions/<name>` with the persona's OPENID, exactly as the H5
 * client does, and answers the function's result with the invocation's counters.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { templatesFromSettings } from '../../emulator/src/openapi/templates'
import { readSchema } from '../../emulator/src/schema'
import type { InvocationStats } from '../../emulator/src'
import { useEmulator, type TestEmulator, type UseEmulatorOptions } from './emulator'

const root = join(__dirname, '..', '..')
const schema = readSchema(join(root, 'database/schema.json'))
// eslint-disable-next-line @typescript-eslint/no-var-requires
const seedDemo = require(join(root, 'seeds/demo.cjs')) as ((e: unknown) => Promise<unknown>) & {
  PERSONAS: { _id: string; openid: string }[]
}

export const PERSONAS = seedDemo.PERSONAS

/** The templates the example deployment has; the emulator refuses any other (40037). */
export const SUBSCRIBE_TEMPLATES = templatesFromSettings(JSON.parse(readFileSync(join(root, 'deploy/env.example.json'), 'utf8')))
/** One-time subscriptions the personas start with, per template: enough that no test runs out. */
export const SUBSCRIBED = 1000

/**
 * Subscribes people to every template `count` times, on both sides, as accepting in
 * `wx.requestSubscribeMessage` and reporting it with `user.subscribe` would.
 */
export async function subscribeAll(t: TestEmulator, people: { _id: string; openid: string }[], count = SUBSCRIBED): Promise<void> {
  const ids = Object.keys(SUBSCRIBE_TEMPLATES)
  await Promise.all(
    people.map((p) => {
      for (const id of ids) t.emulator.openapi.grantSubscription(p.openid, id, count)
      const _ = t.db.command
      return t.db
        .collection('users')
        .doc(p._id)
        .update({ data: { subscriptions: Object.fromEntries(ids.map((id) => [id, _.inc(count)])) } })
    }),
  )
}

export interface CallResult<T = any> {
  ok: boolean
  data: T
  error?: { code: string; message: string; fields?: Record<string, string> }
  /** The invocation's database round trips and documents read/written. */
  stats: InvocationStats
}

export interface Honglin extends TestEmulator {
  call<T = any>(fn: string, action: string, params?: Record<string, unknown>, openid?: string): Promise<CallResult<T>>
  /** Like call, but fails the test unless the answer is ok; answers data. */
  ok<T = any>(fn: string, action: string, params?: Record<string, unknown>, openid?: string): Promise<T>
}

export function useHonglin(options: UseEmulatorOptions & { seed?: boolean; subscribed?: boolean } = {}): Honglin {
  const { seed = true, subscribed = true, ...rest } = options
  const t = useEmulator({
    functionsDir: join(root, 'dist/cloudfunctions'),
    indexes: schema.indexes,
    collections: schema.collections,
    strictIndexes: true,
    subscribeTemplates: SUBSCRIBE_TEMPLATES,
    ...rest,
  }) as Honglin
  beforeAll(async () => {
    if (seed) await seedDemo(t.emulator)
    // The personas have accepted every template, so tests that expect a message get one.
    if (seed && subscribed) await subscribeAll(t, PERSONAS)
  })
  t.call = async (fn, action, params = {}, openid = 'demo-resident') => {
    const res = await fetch(`${t.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify({ action, ...params }),
    })
    const body = (await res.json()) as { ok: boolean; data: unknown; error?: CallResult['error'] }
    const id = res.headers.get('x-invocation-id')
    const stats = t.emulator.functions.invocations().find((s) => s.id === id)!
    if (res.status !== 200) throw new Error(`${fn}.${action} crashed: ${JSON.stringify(body)}`)
    return { ...body, stats } as CallResult
  }
  t.ok = async (fn, action, params, openid) => {
    const result = await t.call(fn, action, params, openid)
    if (!result.ok)
      throw new Error(
        `${fn}.${action} as ${openid}: ${result.error?.code} ${result.error?.message} ${JSON.stringify(result.error?.fields ?? {})}`,
      )
    return result.data
  }
  return t
}

/** Queries the functions made that no declared index serves (a test's own inspection queries aside). */
export function unindexedByFunctions(t: Honglin): unknown[] {
  return t.emulator.database.unindexedQueries().filter((q) => q.functionName)
}

/**
 * Holds actions to round-trip budgets (`budget(label, stats, max)`), prints what was measured
 * with HONGLIN_PRINT_ROUND_TRIPS=1, and fails any test whose queries no declared index served.
 */
export function useRoundTripBudget(t: Honglin): (label: string, stats: { roundTrips: number }, max: number) => void {
  const trips: Record<string, number> = {}
  afterAll(() => {
    if (process.env.HONGLIN_PRINT_ROUND_TRIPS) console.log(JSON.stringify(trips))
  })
  afterEach(() => {
    expect(unindexedByFunctions(t)).toEqual([])
  })
  return (label, stats, max) => {
    trips[label] = Math.max(trips[label] ?? 0, stats.roundTrips)
    expect(stats.roundTrips).toBeLessThanOrEqual(max)
  }
}
