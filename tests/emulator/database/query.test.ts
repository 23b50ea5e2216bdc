/**
 * Query conformance: every query command of `db.command`, paths, arrays, regular expressions,
 * ordering, paging, projections, counts and the errors of `get()`.
 *
 * Sources: WeChat cloud database reference (developers.weixin.qq.com/miniprogram/dev/wxcloud/
 * reference-sdk-api/database/command/Command.*), CloudBase docs (docs.cloudbase.net/database),
 * the wire-protocol notes (/work/shared/docs/cloudbase-wire-protocol.md); MongoDB semantics
 * where CloudBase is silent.
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, rejection, type Any } from './support'

const t = useEmulator({ collections: ['q', 'ordered', 'big', 'huge'] })

const DOCS = [
  {
    _id: 'a',
    n: 1,
    s: 'apple',
    tags: ['x', 'y'],
    scores: [60, 80, 90],
    nested: { b: { c: 1 }, k: 'p' },
    places: [
      { type: 'garden', area: 300, age: 1 },
      { type: 'theatre', area: 50, age: 15 },
    ],
    mixed: [150],
    flag: true,
  },
  {
    _id: 'b',
    n: 2,
    s: 'Banana',
    tags: ['y'],
    scores: [70],
    nested: { b: { c: 2 } },
    places: [
      { type: 'garden', area: 50, age: 1 },
      { type: 'mall', area: 300, age: 10 },
    ],
    mixed: [{ area: 10 }],
    flag: false,
  },
  { _id: 'c', n: 3, s: 'cherry', tags: [], scores: [], nested: { b: { c: 3 }, k: 'q' }, opt: null },
  { _id: 'd', n: 4, s: 'date', tags: ['x', 'y', 'z'], scores: [85, 95], nested: { b: { c: 4 } }, mixed: [{ area: 200 }], opt: 'set' },
  { _id: 'e', n: 5, s: 'blueberry', tags: ['z'], scores: [100, 99] },
]

beforeAll(async () => {
  for (const data of DOCS) await t.db.collection('q').add({ data })
})

/** Runs `where(condition)` ordered by `n` and answers the `_id`s. */
async function whereIds(condition: Any): Promise<unknown[]> {
  const res = await t.db.collection('q').where(condition).orderBy('n', 'asc').get()
  return ids(res.data)
}

describe('comparison commands', () => {
  // [name, condition builder, expected ids]
  const cases: Array<[string, (_: Any, db: Any) => Any, string[]]> = [
    ['plain equality', () => ({ n: 3 }), ['c']],
    ['eq', (_) => ({ n: _.eq(3) }), ['c']],
    ['eq on a string', (_) => ({ s: _.eq('date') }), ['d']],
    ['neq', (_) => ({ n: _.neq(3) }), ['a', 'b', 'd', 'e']],
    // MongoDB $ne also matches documents where the field is missing.
    ['neq matches missing fields', (_) => ({ opt: _.neq('set') }), ['a', 'b', 'c', 'e']],
    ['lt', (_) => ({ n: _.lt(3) }), ['a', 'b']],
    ['lte', (_) => ({ n: _.lte(3) }), ['a', 'b', 'c']],
    ['gt', (_) => ({ n: _.gt(3) }), ['d', 'e']],
    ['gte', (_) => ({ n: _.gte(3) }), ['c', 'd', 'e']],
    ['gt on strings compares lexicographically', (_) => ({ s: _.gt('c') }), ['c', 'd']],
    ['in', (_) => ({ n: _.in([1, 3, 9]) }), ['a', 'c']],
    ['in against an array field matches any element', (_) => ({ tags: _.in(['z']) }), ['d', 'e']],
    ['nin', (_) => ({ n: _.nin([1, 3]) }), ['b', 'd', 'e']],
    ['nin matches missing fields', (_) => ({ opt: _.nin(['set']) }), ['a', 'b', 'c', 'e']],
    ['boolean equality', () => ({ flag: true }), ['a']],
    ['neq true (false and missing)', (_) => ({ flag: _.neq(true) }), ['b', 'c', 'd', 'e']],
    // MongoDB: `{ f: null }` matches null and missing.
    ['null matches null and missing', () => ({ opt: null }), ['a', 'b', 'c', 'e']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db.command, t.db))).toEqual(expected)
  })
})

describe('logical commands', () => {
  const cases: Array<[string, (_: Any) => Any, string[]]> = [
    ['and (array of conditions)', (_) => _.and([{ n: _.gt(1) }, { n: _.lt(4) }]), ['b', 'c']],
    ['and on one field', (_) => ({ n: _.and(_.gt(1), _.lt(4)) }), ['b', 'c']],
    ['or at top level', (_) => _.or([{ n: 1 }, { s: 'date' }]), ['a', 'd']],
    ['or on one field', (_) => ({ n: _.or(_.lt(2), _.gt(4)) }), ['a', 'e']],
    ['nor at top level', (_) => _.nor([{ n: 1 }, { n: 2 }]), ['c', 'd', 'e']],
    ['nor on one field', (_) => ({ n: _.nor([_.gt(4), _.lt(2)]) }), ['b', 'c', 'd']],
    ['not', (_) => ({ n: _.not(_.gt(2)) }), ['a', 'b']],
    // $not also matches documents without the field.
    ['not matches missing fields', (_) => ({ opt: _.not(_.eq('set')) }), ['a', 'b', 'c', 'e']],
    ['chaining gt().and(lt())', (_) => ({ n: _.gt(1).and(_.lt(5)) }), ['b', 'c', 'd']],
    ['chaining lt().or(gt())', (_) => ({ n: _.lt(2).or(_.gt(4)) }), ['a', 'e']],
    ['chaining gte().lte() shorthand', (_) => ({ n: _.gte(2).lte(3) }), ['b', 'c']],
    ['or of and-conditions', (_) => _.or([_.and([{ n: _.gt(3) }, { tags: 'z' }]), { s: 'apple' }]), ['a', 'd', 'e']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db.command))).toEqual(expected)
  })

  test('where(_.or([...])) at top level combined with orderBy/limit', async () => {
    const _ = t.db.command
    const res = await t.db
      .collection('q')
      .where(_.or([{ n: _.lte(2) }, { tags: 'z' }]))
      .orderBy('n', 'desc')
      .limit(3)
      .get()
    expect(ids(res.data)).toEqual(['e', 'd', 'b'])
  })
})

describe('element and evaluation commands', () => {
  const cases: Array<[string, (_: Any) => Any, string[]]> = [
    // `null` counts as an existing field.
    ['exists(true)', (_) => ({ opt: _.exists(true) }), ['c', 'd']],
    ['exists(false)', (_) => ({ opt: _.exists(false) }), ['a', 'b', 'e']],
    ['exists on a nested path', (_) => ({ 'nested.k': _.exists(true) }), ['a', 'c']],
    ['size', (_) => ({ tags: _.size(2) }), ['a']],
    ['size 0', (_) => ({ tags: _.size(0) }), ['c']],
    ['mod(divisor, remainder) even', (_) => ({ n: _.mod(2, 0) }), ['b', 'd']],
    ['mod(divisor, remainder) odd', (_) => ({ n: _.mod(2, 1) }), ['a', 'c', 'e']],
    ['mod 3 remainder 1', (_) => ({ n: _.mod(3, 1) }), ['a', 'd']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db.command))).toEqual(expected)
  })
})

describe('array commands', () => {
  const cases: Array<[string, (_: Any) => Any, string[]]> = [
    ['scalar equality means "contains"', () => ({ tags: 'x' }), ['a', 'd']],
    ['array equality is exact, order included', () => ({ tags: ['x', 'y'] }), ['a']],
    ['array equality with another order matches nothing', () => ({ tags: ['y', 'x'] }), []],
    ['empty array equality', (_) => ({ tags: _.eq([]) }), ['c']],
    ['index path tags.0', () => ({ 'tags.0': 'x' }), ['a', 'd']],
    ['all', (_) => ({ tags: _.all(['x', 'y']) }), ['a', 'd']],
    ['all with one element', (_) => ({ tags: _.all(['z']) }), ['d', 'e']],
    // Command.elemMatch docs: one element must satisfy every condition.
    ['elemMatch document form', (_) => ({ places: _.elemMatch({ area: _.gt(100), age: _.lt(2) }) }), ['a']],
    // Same docs page: without elemMatch each condition may be met by a different element.
    ['without elemMatch conditions spread over elements', (_) => ({ places: { area: _.gt(100), age: _.lt(2) } }), ['a', 'b']],
    ['elemMatch on an element field path', (_) => ({ places: _.elemMatch({ type: 'mall' }) }), ['b']],
    // The document form never matches scalar elements: a's mixed is [150].
    ['elemMatch document form ignores scalar elements', (_) => ({ mixed: _.elemMatch({ area: _.gt(100) }) }), ['d']],
    ['elemMatch operator form on scalars', (_) => ({ scores: _.elemMatch(_.gt(95)) }), ['e']],
    ['elemMatch operator object on scalars', (_) => ({ scores: _.elemMatch({ $gte: 80, $lt: 90 }) }), ['a', 'd']],
    // One element must satisfy both bounds: e has 100 and 99, neither lies in (99.5, 99.9).
    ['elemMatch bounds need one element', (_) => ({ scores: _.elemMatch({ $gt: 99.5, $lt: 99.9 }) }), []],
    ['range without elemMatch may use two elements', (_) => ({ scores: _.gt(99.5).and(_.lt(99.9)) }), ['e']],
    ['gt on an array field matches any element', (_) => ({ scores: _.gt(94) }), ['d', 'e']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db.command))).toEqual(expected)
  })
})

describe('nested paths', () => {
  const cases: Array<[string, (_: Any) => Any, string[]]> = [
    ['dotted path a.b.c', () => ({ 'nested.b.c': 2 }), ['b']],
    ['dotted path with a command', (_) => ({ 'nested.b.c': _.gte(3) }), ['c', 'd']],
    // A nested object in where() is a set of path conditions, not whole-object equality.
    ['nested object form', () => ({ nested: { b: { c: 2 } } }), ['b']],
    ['nested object form with command', (_) => ({ nested: { b: { c: _.gte(3) } } }), ['c', 'd']],
    ['nested object matches by path, other keys allowed', () => ({ nested: { k: 'p' } }), ['a']],
    ['whole sub-object equality via eq', (_) => ({ nested: _.eq({ b: { c: 2 } }) }), ['b']],
    ['whole sub-object equality requires the same keys', (_) => ({ nested: _.eq({ b: { c: 1 } }) }), []],
    ['path into an array of objects', () => ({ 'places.type': 'theatre' }), ['a']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db.command))).toEqual(expected)
  })
})

describe('regular expressions', () => {
  const cases: Array<[string, (db: Any) => Any, string[]]> = [
    ['native RegExp', () => ({ s: /^b/ }), ['e']],
    ['native RegExp with i flag', () => ({ s: /^b/i }), ['b', 'e']],
    ['db.RegExp with options', (db) => ({ s: db.RegExp({ regexp: '^b', options: 'i' }) }), ['b', 'e']],
    ['db.RegExp without options is case sensitive', (db) => ({ s: db.RegExp({ regexp: 'an' }) }), ['b']],
    ['db.RegExp anchored at the end', (db) => ({ s: db.RegExp({ regexp: 'rry$' }) }), ['c', 'e']],
    ['regex on a nested path', () => ({ 'nested.k': /^q/ }), ['c']],
    ['regex against array elements', () => ({ tags: /^z$/ }), ['d', 'e']],
  ]
  test.each(cases)('%s', async (_name, build, expected) => {
    expect(await whereIds(build(t.db))).toEqual(expected)
  })
})

describe('orderBy, skip, limit', () => {
  beforeAll(async () => {
    const rows = [
      { _id: 'o1', g: 1, h: 2 },
      { _id: 'o2', g: 1, h: 1 },
      { _id: 'o3', g: 2, h: 3 },
      { _id: 'o4', g: 0, h: 9 },
      { _id: 'o5', g: 2, h: 0 },
    ]
    for (const data of rows) await t.db.collection('ordered').add({ data })
  })

  test('the first orderBy has priority over the second', async () => {
    const res = await t.db.collection('ordered').orderBy('g', 'desc').orderBy('h', 'asc').get()
    expect(ids(res.data)).toEqual(['o5', 'o3', 'o2', 'o1', 'o4'])
  })

  test('swapping orderBy calls swaps the priority', async () => {
    const res = await t.db.collection('ordered').orderBy('h', 'asc').orderBy('g', 'desc').get()
    expect(ids(res.data)).toEqual(['o5', 'o2', 'o1', 'o3', 'o4'])
  })

  test('skip and limit page through an ordered result', async () => {
    const page = await t.db.collection('q').orderBy('n', 'asc').skip(1).limit(2).get()
    expect(ids(page.data)).toEqual(['b', 'c'])
  })

  test('skip past the end answers an empty list', async () => {
    const page = await t.db.collection('q').orderBy('n', 'asc').skip(10).get()
    expect(page.data).toEqual([])
  })

  test('limit with where and orderBy desc', async () => {
    const _ = t.db.command
    const page = await t.db
      .collection('q')
      .where({ n: _.gt(1) })
      .orderBy('n', 'desc')
      .limit(2)
      .get()
    expect(ids(page.data)).toEqual(['e', 'd'])
  })
})

describe('result size limits', () => {
  beforeAll(async () => {
    const docs = Array.from({ length: 150 }, (_v, i) => ({ _id: `big-${String(i).padStart(3, '0')}`, i }))
    for (let i = 0; i < docs.length; i += 25) {
      await Promise.all(docs.slice(i, i + 25).map((data) => t.db.collection('big').add({ data })))
    }
    // add() with an array inserts a batch (insertDocument carries data: [...]).
    const huge = Array.from({ length: 1050 }, (_v, i) => ({ _id: `h-${String(i).padStart(4, '0')}`, i }))
    for (let i = 0; i < huge.length; i += 350) {
      const res = await t.db.collection('huge').add({ data: huge.slice(i, i + 350) })
      expect(res._ids).toHaveLength(Math.min(350, huge.length - i))
    }
  }, 60000)

  test('get() without limit answers 100 documents (server-side default)', async () => {
    const res = await t.db.collection('big').get()
    expect(res.data).toHaveLength(100)
  })

  test('limit(1000) is allowed', async () => {
    const res = await t.db.collection('big').limit(1000).get()
    expect(res.data).toHaveLength(150)
  })

  test('count() is not limited', async () => {
    expect((await t.db.collection('big').count()).total).toBe(150)
    expect((await t.db.collection('huge').count()).total).toBe(1050)
  })

  test('limit(1000) on 1050 documents answers 1000', async () => {
    const res = await t.db.collection('huge').limit(1000).get()
    expect(res.data).toHaveLength(1000)
  })

  test('limit above 1000 is capped at 1000 by the SDK (no error)', async () => {
    const res = await t.db.collection('huge').limit(5000).get()
    expect(res.data).toHaveLength(1000)
  })

  test('skip works beyond the first 1000', async () => {
    const res = await t.db.collection('huge').orderBy('i', 'asc').skip(1000).limit(1000).get()
    expect(res.data).toHaveLength(50)
    expect(res.data[0]).toEqual({ _id: 'h-1000', i: 1000 })
  })
})

describe('field() projections', () => {
  test('inclusion keeps _id and the listed fields', async () => {
    const res = await t.db.collection('q').where({ _id: 'a' }).field({ s: true, n: true }).get()
    expect(res.data).toEqual([{ _id: 'a', s: 'apple', n: 1 }])
  })

  test('exclusion drops only the listed fields', async () => {
    const res = await t.db.collection('q').where({ _id: 'c' }).field({ nested: false, tags: false, scores: false, opt: false }).get()
    expect(res.data).toEqual([{ _id: 'c', n: 3, s: 'cherry' }])
  })

  test('inclusion of a nested path', async () => {
    const res = await t.db.collection('q').where({ _id: 'a' }).field({ 'nested.b': true }).get()
    expect(res.data).toEqual([{ _id: 'a', nested: { b: { c: 1 } } }])
  })

  test('excluding _id', async () => {
    const res = await t.db.collection('q').where({ _id: 'b' }).field({ _id: false, s: true }).get()
    expect(res.data).toEqual([{ s: 'Banana' }])
  })

  test('doc(id).field().get()', async () => {
    const res = await t.db.collection('q').doc('d').field({ opt: true }).get()
    expect(res.data).toEqual({ _id: 'd', opt: 'set' })
  })
})

describe('count() and doc().get()', () => {
  test('count() of a collection', async () => {
    expect(await t.db.collection('q').count()).toMatchObject({ total: 5 })
  })

  test('count() with where', async () => {
    const _ = t.db.command
    expect(
      (
        await t.db
          .collection('q')
          .where({ n: _.gt(2) })
          .count()
      ).total,
    ).toBe(3)
    expect((await t.db.collection('q').where({ s: 'nope' }).count()).total).toBe(0)
  })

  test('doc(id).get() answers the whole document', async () => {
    const res = await t.db.collection('q').doc('c').get()
    expect(res.data).toEqual(DOCS[2])
  })

  test('where({ _id }).get() on a missing id answers an empty list', async () => {
    expect((await t.db.collection('q').where({ _id: 'missing' }).get()).data).toEqual([])
  })

  test('doc(id).get() of a missing id rejects with errCode -1, "does not exist"', async () => {
    const error = await rejection(t.db.collection('q').doc('missing').get())
    expect(error.errCode).toBe(-1)
    expect(error.errMsg).toBe('document.get:fail document with _id missing does not exist')
  })
})

describe('unknown collections (no autoCreateCollections)', () => {
  const ops: Array<[string, (db: Any) => Promise<unknown>]> = [
    ['get', (db) => db.collection('nope').get()],
    ['where().get', (db) => db.collection('nope').where({ a: 1 }).get()],
    ['count', (db) => db.collection('nope').count()],
    ['doc().get', (db) => db.collection('nope').doc('x').get()],
    ['add', (db) => db.collection('nope').add({ data: { a: 1 } })],
    [
      'doc().update',
      (db) =>
        db
          .collection('nope')
          .doc('x')
          .update({ data: { a: 1 } }),
    ],
    [
      'doc().set',
      (db) =>
        db
          .collection('nope')
          .doc('x')
          .set({ data: { a: 1 } }),
    ],
    [
      'where().update',
      (db) =>
        db
          .collection('nope')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
    ],
    ['doc().remove', (db) => db.collection('nope').doc('x').remove()],
    ['where().remove', (db) => db.collection('nope').where({ a: 1 }).remove()],
  ]
  test.each(ops)('%s rejects with -502005 DATABASE_COLLECTION_NOT_EXIST', async (_name, op) => {
    const error = await rejection(op(t.db))
    expect(error.errCode).toBe(-502005)
    expect(error.errMsg).toMatch(/fail -502005/)
  })

  test('nothing was created implicitly', async () => {
    const error = await rejection(t.db.collection('nope').count())
    expect(error.errCode).toBe(-502005)
  })
})
