/**
 * Write conformance: every update command through `doc().update()` and `where().update()`,
 * `doc().set()` upserts, `add()`, removes and their result statistics.
 *
 * Sources: WeChat cloud database reference, Command.* update operators
 * (developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/command/),
 * Document.set / Document.update / Collection.add / Query.remove pages, the wire-protocol notes
 * (operator encoding, `set()` of identical content reports `updated: 1`, `$` field names are
 * rejected), and MongoDB update semantics where CloudBase is silent.
 */
import { useEmulator } from '../../helpers/emulator'
import { GENERATED_ID, rawAction, rejection, type Any } from './support'

const t = useEmulator({ collections: ['u', 'w', 'r', 'adds'] })

let seq = 0
/** Adds a fresh document and answers its id. */
async function fresh(data: Record<string, unknown>): Promise<string> {
  const _id = `doc-${++seq}`
  await t.db.collection('u').add({ data: { _id, ...data } })
  return _id
}

async function read(id: string, collection = 'u'): Promise<Any> {
  return (await t.db.collection(collection).doc(id).get()).data
}

// [name, initial document, update data (built with db.command), expected document without _id]
type Case = [string, Record<string, unknown>, (_: Any) => Record<string, unknown>, Record<string, unknown>]

const CASES: Case[] = [
  // Command.set docs: _.set replaces the sub-object, a plain nested object only sets its paths.
  [
    'set replaces a sub-object',
    { style: { color: 'blue', size: 's' } },
    (_) => ({ style: _.set({ color: 'red' }) }),
    { style: { color: 'red' } },
  ],
  [
    'plain nested object merges',
    { style: { color: 'blue', size: 's' } },
    () => ({ style: { color: 'red' } }),
    { style: { color: 'red', size: 's' } },
  ],
  [
    'dotted path sets one nested field',
    { style: { color: 'blue', size: 's' } },
    () => ({ 'style.size': 'l' }),
    { style: { color: 'blue', size: 'l' } },
  ],
  ['plain nested object creates missing parents', { a: 1 }, () => ({ p: { q: { r: 1 } } }), { a: 1, p: { q: { r: 1 } } }],
  ['plain array value replaces the array', { arr: [1, 2, 3] }, () => ({ arr: [9] }), { arr: [9] }],
  ['set of a scalar', { n: 1 }, (_) => ({ n: _.set(5) }), { n: 5 }],
  ['set of null', { n: 1 }, () => ({ n: null }), { n: null }],
  ['remove deletes a field', { a: 1, b: 2 }, (_) => ({ a: _.remove() }), { b: 2 }],
  ['remove of a nested field', { a: { x: 1, y: 2 } }, (_) => ({ 'a.x': _.remove() }), { a: { y: 2 } }],
  ['remove of a missing field is a no-op', { a: 1 }, (_) => ({ zz: _.remove() }), { a: 1 }],
  ['inc', { n: 1 }, (_) => ({ n: _.inc(2) }), { n: 3 }],
  ['inc by a negative fraction', { n: 1 }, (_) => ({ n: _.inc(-0.5) }), { n: 0.5 }],
  ['inc of a missing field starts at 0', { a: 1 }, (_) => ({ m: _.inc(5) }), { a: 1, m: 5 }],
  ['inc of a nested path', { s: { n: 1 } }, (_) => ({ s: { n: _.inc(1) } }), { s: { n: 2 } }],
  ['mul', { n: 3 }, (_) => ({ n: _.mul(4) }), { n: 12 }],
  ['mul of a missing field gives 0', { a: 1 }, (_) => ({ m: _.mul(4) }), { a: 1, m: 0 }],
  ['min lowers', { n: 5 }, (_) => ({ n: _.min(3) }), { n: 3 }],
  ['min keeps a smaller value', { n: 5 }, (_) => ({ n: _.min(7) }), { n: 5 }],
  ['max raises', { n: 5 }, (_) => ({ n: _.max(9) }), { n: 9 }],
  ['max keeps a larger value', { n: 5 }, (_) => ({ n: _.max(1) }), { n: 5 }],
  ['min of a missing field sets it', { a: 1 }, (_) => ({ m: _.min(2) }), { a: 1, m: 2 }],
  ['rename', { a: 1, c: 3 }, (_) => ({ a: _.rename('b') }), { b: 1, c: 3 }],
  ['rename of a nested field', { a: { x: 1 } }, (_) => ({ 'a.x': _.rename('a.y') }), { a: { y: 1 } }],
  ['push an array appends each element', { arr: [1] }, (_) => ({ arr: _.push([2, 3]) }), { arr: [1, 2, 3] }],
  ['push a single value', { arr: [1] }, (_) => ({ arr: _.push(4) }), { arr: [1, 4] }],
  ['push to a missing field creates the array', { a: 1 }, (_) => ({ arr: _.push(['x']) }), { a: 1, arr: ['x'] }],
  ['push an object element', { arr: [] }, (_) => ({ arr: _.push([{ k: 1 }]) }), { arr: [{ k: 1 }] }],
  ['push with each + position', { arr: [1, 2, 3] }, (_) => ({ arr: _.push({ each: [9], position: 1 }) }), { arr: [1, 9, 2, 3] }],
  ['push with each + slice (keep last 2)', { arr: [1, 2, 3] }, (_) => ({ arr: _.push({ each: [4], slice: -2 }) }), { arr: [3, 4] }],
  ['push with each + sort', { arr: [3, 1] }, (_) => ({ arr: _.push({ each: [2], sort: 1 }) }), { arr: [1, 2, 3] }],
  [
    'push with each + sort desc + slice',
    { arr: [5, 1] },
    (_) => ({ arr: _.push({ each: [3, 4], sort: -1, slice: 3 }) }),
    { arr: [5, 4, 3] },
  ],
  ['pop removes the last element', { arr: [1, 2, 3] }, (_) => ({ arr: _.pop() }), { arr: [1, 2] }],
  ['shift removes the first element', { arr: [1, 2, 3] }, (_) => ({ arr: _.shift() }), { arr: [2, 3] }],
  ['unshift one value', { arr: [1, 2] }, (_) => ({ arr: _.unshift(0) }), { arr: [0, 1, 2] }],
  ['unshift an array keeps its order', { arr: [1, 2] }, (_) => ({ arr: _.unshift([-1, 0]) }), { arr: [-1, 0, 1, 2] }],
  ['pull a value removes every occurrence', { arr: [1, 2, 3, 2] }, (_) => ({ arr: _.pull(2) }), { arr: [1, 3] }],
  ['pull with a condition', { arr: [1, 5, 7] }, (_) => ({ arr: _.pull(_.gt(4)) }), { arr: [1] }],
  ['pull with in()', { tags: ['database', 'cloud', 'x'] }, (_) => ({ tags: _.pull(_.in(['database', 'cloud'])) }), { tags: ['x'] }],
  [
    'pull with an object condition',
    {
      places: [
        { area: 300, age: 1 },
        { area: 50, age: 1 },
      ],
    },
    (_) => ({ places: _.pull({ area: _.gt(100) }) }),
    { places: [{ area: 50, age: 1 }] },
  ],
  ['pullAll', { tags: ['a', 'b', 'c', 'a'] }, (_) => ({ tags: _.pullAll(['a', 'c']) }), { tags: ['b'] }],
  ['addToSet an existing value changes nothing', { tags: ['a'] }, (_) => ({ tags: _.addToSet('a') }), { tags: ['a'] }],
  ['addToSet a new value', { tags: ['a'] }, (_) => ({ tags: _.addToSet('b') }), { tags: ['a', 'b'] }],
  ['addToSet with $each', { tags: ['a'] }, (_) => ({ tags: _.addToSet({ $each: ['a', 'b', 'c'] }) }), { tags: ['a', 'b', 'c'] }],
  ['addToSet to a missing field', { a: 1 }, (_) => ({ tags: _.addToSet('z') }), { a: 1, tags: ['z'] }],
  [
    'several operators in one update',
    { n: 1, arr: [1], gone: true },
    (_) => ({ n: _.inc(1), arr: _.push([2]), gone: _.remove(), added: 'y' }),
    { n: 2, arr: [1, 2], added: 'y' },
  ],
  [
    'a Date value round-trips',
    { a: 1 },
    () => ({ at: new Date('2024-05-06T07:08:09.010Z') }),
    { a: 1, at: new Date('2024-05-06T07:08:09.010Z') },
  ],
]

describe('doc().update() with every update command', () => {
  test.each(CASES)('%s', async (_name, initial, build, expected) => {
    const id = await fresh(initial)
    const res = await t.db
      .collection('u')
      .doc(id)
      .update({ data: build(t.db.command) })
    expect(res.stats).toEqual({ updated: 1 })
    expect(await read(id)).toEqual({ _id: id, ...expected })
  })
})

describe('where().update() with every update command', () => {
  test.each(CASES)('%s', async (_name, initial, build, expected) => {
    const id = await fresh(initial)
    const res = await t.db
      .collection('u')
      .where({ _id: id })
      .update({ data: build(t.db.command) })
    expect(res.stats).toEqual({ updated: 1 })
    expect(await read(id)).toEqual({ _id: id, ...expected })
  })
})

describe('update results and multi-document updates', () => {
  beforeAll(async () => {
    const rows = [
      { _id: 'w1', grp: 'x', v: 1 },
      { _id: 'w2', grp: 'x', v: 1 },
      { _id: 'w3', grp: 'x', v: 1 },
      { _id: 'w4', grp: 'y', v: 1 },
    ]
    for (const data of rows) await t.db.collection('w').add({ data })
  })

  test('where().update() updates every match and reports how many', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection('w')
      .where({ grp: 'x' })
      .update({ data: { v: _.inc(1) } })
    expect(res.stats).toEqual({ updated: 3 })
    const all = (await t.db.collection('w').orderBy('_id', 'asc').get()).data
    expect(all.map((d: Any) => d.v)).toEqual([2, 2, 2, 1])
  })

  test('where().update() with no match reports 0', async () => {
    const res = await t.db
      .collection('w')
      .where({ grp: 'none' })
      .update({ data: { v: 9 } })
    expect(res.stats).toEqual({ updated: 0 })
  })

  test('doc().update() of a missing document reports 0 and creates nothing', async () => {
    const res = await t.db
      .collection('w')
      .doc('missing')
      .update({ data: { v: 9 } })
    expect(res.stats).toEqual({ updated: 0 })
    expect((await t.db.collection('w').where({ _id: 'missing' }).get()).data).toEqual([])
  })

  test('update() cannot change _id (rejected by the SDK, document intact)', async () => {
    await expect(
      t.db
        .collection('w')
        .doc('w4')
        .update({ data: { _id: 'other' } }),
    ).rejects.toBeDefined()
    expect(await read('w4', 'w')).toEqual({ _id: 'w4', grp: 'y', v: 1 })
  })
})

describe('doc().set()', () => {
  test('set() of a missing id creates it: created 1, updated 0', async () => {
    const res = await t.db
      .collection('u')
      .doc('set-new')
      .set({ data: { a: 1, nested: { b: 2 } } })
    expect(res._id).toBe('set-new')
    expect(res.stats).toEqual({ updated: 0, created: 1 })
    expect(await read('set-new')).toEqual({ _id: 'set-new', a: 1, nested: { b: 2 } })
  })

  test('set() of an existing id replaces the whole document: updated 1, created 0', async () => {
    const id = await fresh({ a: 1, b: 2, nested: { x: 1, y: 2 } })
    const res = await t.db
      .collection('u')
      .doc(id)
      .set({ data: { c: 3, nested: { z: 1 } } })
    expect(res.stats).toEqual({ updated: 1, created: 0 })
    expect(await read(id)).toEqual({ _id: id, c: 3, nested: { z: 1 } })
  })

  test('set() of identical content reports updated 1', async () => {
    const id = await fresh({ a: 1 })
    const res = await t.db
      .collection('u')
      .doc(id)
      .set({ data: { a: 1 } })
    expect(res.stats).toEqual({ updated: 1, created: 0 })
    expect(await read(id)).toEqual({ _id: id, a: 1 })
  })

  test('set() keeps Dates and arrays as given', async () => {
    const at = new Date('2023-01-02T03:04:05.006Z')
    await t.db
      .collection('u')
      .doc('set-types')
      .set({ data: { at, arr: [1, 'two', { three: 3 }], nil: null } })
    expect(await read('set-types')).toEqual({ _id: 'set-types', at, arr: [1, 'two', { three: 3 }], nil: null })
  })
})

describe('add()', () => {
  test('add() without _id generates a 32-hex-character id', async () => {
    const res = await t.db.collection('adds').add({ data: { a: 1 } })
    expect(res._id).toMatch(GENERATED_ID)
    expect(await read(res._id, 'adds')).toEqual({ _id: res._id, a: 1 })
  })

  test('generated ids are distinct', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_v, i) => t.db.collection('adds').add({ data: { i } })))
    const idSet = new Set(results.map((r: Any) => r._id))
    expect(idSet.size).toBe(20)
  })

  test('add() with _id keeps it', async () => {
    const res = await t.db.collection('adds').add({ data: { _id: 'mine', a: 2 } })
    expect(res._id).toBe('mine')
    expect(await read('mine', 'adds')).toEqual({ _id: 'mine', a: 2 })
  })

  test('add() of an array inserts every document and answers their ids in order', async () => {
    const res = await t.db.collection('adds').add({ data: [{ _id: 'b1', k: 1 }, { k: 2 }] })
    expect(res._ids).toHaveLength(2)
    expect(res._ids[0]).toBe('b1')
    expect(res._ids[1]).toMatch(GENERATED_ID)
    expect(await read(res._ids[1], 'adds')).toEqual({ _id: res._ids[1], k: 2 })
  })

  test('add() of a duplicate _id is rejected and the original is kept', async () => {
    await t.db.collection('adds').add({ data: { _id: 'dup', v: 1 } })
    const error = await rejection(t.db.collection('adds').add({ data: { _id: 'dup', v: 2 } }))
    // DATABASE_DUPLICATE_WRITE (docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE: "index key
    // duplicate, for example inserting data with same _id"); wx-server-sdk has no number for it: -501001.
    expect(error.errCode).toBe(-501001)
    expect(error.errMsg).toMatch(/^collection\.add:fail -501001/)
    expect(await read('dup', 'adds')).toEqual({ _id: 'dup', v: 1 })
  })

  test('duplicate _id: the wire code is DATABASE_DUPLICATE_WRITE', async () => {
    const answer = await rawAction(t.url, 'database.insertDocument', {
      collectionName: 'adds',
      data: [JSON.stringify({ _id: 'dup', v: 3 })],
    })
    expect(answer.code).toBe('DATABASE_DUPLICATE_WRITE')
    expect(await read('dup', 'adds')).toEqual({ _id: 'dup', v: 1 })
  })
})

describe('field names starting with $ are rejected', () => {
  test('add() with a $ field name', async () => {
    const error = await rejection(t.db.collection('adds').add({ data: { _id: 'dollar', $bad: 1 } }))
    // DATABASE_REQUEST_FAILED → -502001 (wire-protocol notes).
    expect(error.errCode).toBe(-502001)
    expect((await t.db.collection('adds').where({ _id: 'dollar' }).get()).data).toEqual([])
  })

  test('add() with a nested $ field name', async () => {
    const error = await rejection(t.db.collection('adds').add({ data: { _id: 'dollar2', a: { $bad: 1 } } }))
    expect(error.errCode).toBe(-502001)
    expect((await t.db.collection('adds').where({ _id: 'dollar2' }).get()).data).toEqual([])
  })

  test('set() with a $ field name', async () => {
    const error = await rejection(
      t.db
        .collection('adds')
        .doc('dollar3')
        .set({ data: { a: { $bad: 1 } } }),
    )
    expect(error.errCode).toBe(-502001)
    expect((await t.db.collection('adds').where({ _id: 'dollar3' }).get()).data).toEqual([])
  })
})

describe('remove()', () => {
  beforeAll(async () => {
    const rows = [
      { _id: 'r1', k: 'a' },
      { _id: 'r2', k: 'a' },
      { _id: 'r3', k: 'b' },
      { _id: 'r4', k: 'c' },
    ]
    for (const data of rows) await t.db.collection('r').add({ data })
  })

  test('where().remove() removes every match and reports the count', async () => {
    const res = await t.db.collection('r').where({ k: 'a' }).remove()
    expect(res.stats).toEqual({ removed: 2 })
    expect((await t.db.collection('r').count()).total).toBe(2)
  })

  test('where().remove() with no match reports 0', async () => {
    const res = await t.db.collection('r').where({ k: 'zzz' }).remove()
    expect(res.stats).toEqual({ removed: 0 })
  })

  test('doc().remove() removes one document', async () => {
    const res = await t.db.collection('r').doc('r3').remove()
    expect(res.stats).toEqual({ removed: 1 })
    expect((await t.db.collection('r').orderBy('_id', 'asc').get()).data).toEqual([{ _id: 'r4', k: 'c' }])
  })

  test('doc().remove() of a missing document reports 0', async () => {
    const res = await t.db.collection('r').doc('r3').remove()
    expect(res.stats).toEqual({ removed: 0 })
  })

  test('where().remove() with a command condition', async () => {
    const _ = t.db.command
    await t.db.collection('r').add({ data: { _id: 'r5', k: 'd', n: 5 } })
    await t.db.collection('r').add({ data: { _id: 'r6', k: 'd', n: 6 } })
    const res = await t.db
      .collection('r')
      .where({ n: _.gte(6) })
      .remove()
    expect(res.stats).toEqual({ removed: 1 })
    expect((await t.db.collection('r').orderBy('_id', 'asc').get()).data.map((d: Any) => d._id)).toEqual(['r4', 'r5'])
  })
})
