/**
 * `db.serverDate()` and Date values.
 *
 * Sources: Database.serverDate reference ("构造一个服务端时间的引用。可用于查询条件、更新字段值或新增记录时的
 * 字段值", option `offset` in milliseconds), the wire-protocol notes (`{ $tcb_server_date:
 * { offset } }` anywhere in a document or operator; the server substitutes its clock plus the
 * offset). The emulator's clock is `emulator.clock`; `set()` pins it and time flows on from there,
 * so stored times are checked against a window starting at the pinned instant.
 */
import { useEmulator } from '../../helpers/emulator'
import { type Any } from './support'

const t = useEmulator({ collections: ['sd', 'dates'] })

const HOUR = 3600_000
/** Allowed drift between pinning the clock and the server reading it. */
const WINDOW = 5_000

function expectNear(value: unknown, expected: number): void {
  expect(value).toBeInstanceOf(Date)
  const ms = (value as Date).getTime()
  expect(ms).toBeGreaterThanOrEqual(expected)
  expect(ms).toBeLessThan(expected + WINDOW)
}

async function read(id: string): Promise<Any> {
  return (await t.db.collection('sd').doc(id).get()).data
}

afterAll(() => t.emulator?.clock.reset())

describe('serverDate in writes uses the emulator clock', () => {
  const T = Date.parse('2030-01-01T00:00:00.000Z')
  beforeEach(() => t.emulator.clock.set(T))

  test('add() with db.serverDate()', async () => {
    await t.db.collection('sd').add({ data: { _id: 'add', at: t.db.serverDate() } })
    expectNear((await read('add')).at, T)
  })

  test('add() with db.serverDate({ offset }) adds the offset in ms', async () => {
    await t.db.collection('sd').add({ data: { _id: 'offset', at: t.db.serverDate({ offset: HOUR }) } })
    expectNear((await read('offset')).at, T + HOUR)
  })

  test('a negative offset', async () => {
    await t.db.collection('sd').add({ data: { _id: 'neg', at: t.db.serverDate({ offset: -HOUR }) } })
    expectNear((await read('neg')).at, T - HOUR)
  })

  test('serverDate nested in an object and inside an array', async () => {
    await t.db.collection('sd').add({
      data: { _id: 'nested', meta: { created: t.db.serverDate({ offset: 1000 }) }, list: [t.db.serverDate()] },
    })
    const doc = await read('nested')
    expectNear(doc.meta.created, T + 1000)
    expect(doc.list).toHaveLength(1)
    expectNear(doc.list[0], T)
  })

  test('doc().update() with serverDate, after moving the clock', async () => {
    await t.db.collection('sd').add({ data: { _id: 'upd', at: null } })
    const T2 = Date.parse('2031-06-15T12:00:00.000Z')
    t.emulator.clock.set(T2)
    const res = await t.db
      .collection('sd')
      .doc('upd')
      .update({ data: { at: t.db.serverDate(), 'meta.seen': t.db.serverDate({ offset: -500 }) } })
    expect(res.stats).toEqual({ updated: 1 })
    const doc = await read('upd')
    expectNear(doc.at, T2)
    expectNear(doc.meta.seen, T2 - 500)
  })

  test('where().update() with serverDate', async () => {
    await t.db.collection('sd').add({ data: { _id: 'wupd', grp: 'g' } })
    const res = await t.db
      .collection('sd')
      .where({ grp: 'g' })
      .update({ data: { at: t.db.serverDate({ offset: 2 * HOUR }) } })
    expect(res.stats).toEqual({ updated: 1 })
    expectNear((await read('wupd')).at, T + 2 * HOUR)
  })

  test('doc().set() with serverDate', async () => {
    await t.db
      .collection('sd')
      .doc('set')
      .set({ data: { at: t.db.serverDate() } })
    expectNear((await read('set')).at, T)
  })

  test('advancing the clock moves serverDate', async () => {
    t.emulator.clock.advance(24 * HOUR)
    await t.db.collection('sd').add({ data: { _id: 'advanced', at: t.db.serverDate() } })
    expectNear((await read('advanced')).at, T + 24 * HOUR)
  })
})

describe('Date values', () => {
  const D1 = new Date('2024-01-01T00:00:00.000Z')
  const D2 = new Date('2024-06-01T12:30:45.678Z')
  const D3 = new Date('2025-01-01T00:00:00.000Z')

  beforeAll(async () => {
    await t.db.collection('dates').add({ data: { _id: 'd1', at: D1, nested: { at: D1 } } })
    await t.db.collection('dates').add({ data: { _id: 'd2', at: D2, nested: { at: D2 } } })
    await t.db.collection('dates').add({ data: { _id: 'd3', at: D3, nested: { at: D3 } } })
  })

  test('dates round-trip as Date objects with millisecond precision', async () => {
    const doc = (await t.db.collection('dates').doc('d2').get()).data
    expect(doc.at).toBeInstanceOf(Date)
    expect(doc.at.getTime()).toBe(D2.getTime())
    expect(doc.nested.at).toBeInstanceOf(Date)
    expect(doc).toEqual({ _id: 'd2', at: D2, nested: { at: D2 } })
  })

  const cases: Array<[string, (_: Any) => Any, string[]]> = [
    ['equality with a Date', () => ({ at: new Date(D2.getTime()) }), ['d2']],
    ['gt a Date', (_) => ({ at: _.gt(D1) }), ['d2', 'd3']],
    ['lte a Date', (_) => ({ at: _.lte(D2) }), ['d1', 'd2']],
    ['range on a nested Date', (_) => ({ 'nested.at': _.gt(D1).and(_.lt(D3)) }), ['d2']],
    ['in a list of Dates', (_) => ({ at: _.in([D1, D3]) }), ['d1', 'd3']],
  ]
  test.each(cases)('query by date: %s', async (_name, build, expected) => {
    const res = await t.db.collection('dates').where(build(t.db.command)).orderBy('at', 'asc').get()
    expect(res.data.map((d: Any) => d._id)).toEqual(expected)
  })

  test('orderBy a Date field descending', async () => {
    const res = await t.db.collection('dates').orderBy('at', 'desc').get()
    expect(res.data.map((d: Any) => d._id)).toEqual(['d3', 'd2', 'd1'])
  })

  test('serverDate in a query condition is the emulator clock', async () => {
    // Between D2 and D3: only d1 and d2 are in the past.
    t.emulator.clock.set(Date.parse('2024-09-01T00:00:00.000Z'))
    const _ = t.db.command
    const past = await t.db
      .collection('dates')
      .where({ at: _.lt(t.db.serverDate()) })
      .orderBy('at', 'asc')
      .get()
    expect(past.data.map((d: Any) => d._id)).toEqual(['d1', 'd2'])
    // An offset of -100 days moves "now" to late May 2024: only d1 is before it.
    const earlier = await t.db
      .collection('dates')
      .where({ at: _.lt(t.db.serverDate({ offset: -100 * 24 * HOUR })) })
      .get()
    expect(earlier.data.map((d: Any) => d._id)).toEqual(['d1'])
  })
})
