/**
 * The strict-index planner (emulator/src/database/planner.ts) and the order of index keys
 * (keyorder.ts), as pure functions.
 *
 * Sources: MongoDB's manual on indexes and sorts ("Use Indexes to Sort Query Results": a sort
 * on index fields after an equality prefix, in the index direction or all reversed; the ESR
 * rule: equality, sort, range), its query planner's "explode for sort" (a `$in` before the sort
 * is scanned as point ranges merged in order, at most internalQueryMaxScansToExplode = 200),
 * "$or Clauses and Indexes" (each branch needs an index), and BSON comparison order.
 */
import { ascending, component, rangeBounds, SEP } from '../../../emulator/src/database/keyorder'
import { judge, walkPlan, type IndexShape } from '../../../emulator/src/database/planner'

const index = (name: string, keys: Record<string, 1 | -1>): IndexShape => ({
  name,
  fields: Object.keys(keys),
  directions: Object.values(keys),
})
const ID = index('_id_', { _id: 1 })
const abc = [index('abc', { a: 1, b: 1, c: 1 }), ID]

describe('equality prefix', () => {
  test('the equality fields, in any order, as the index prefix: served', () => {
    expect(judge(abc, { b: 1, a: 2 }).served).toBe(true)
    expect(judge(abc, { a: 1, b: 2, c: 3 }).served).toBe(true)
  })

  test('an equality past a field the query leaves open is not in the prefix: not served', () => {
    const verdict = judge(abc, { a: 1, c: 3 })
    expect(verdict.served).toBe(false)
    expect(verdict.reason).toContain('equality on c')
  })

  test('only the second field of an index: not served', () => {
    expect(judge(abc, { b: 1 }).served).toBe(false)
  })

  test('a filter field the index lacks needs every candidate fetched: not served, and named', () => {
    const verdict = judge(abc, { a: 1, x: 2 })
    expect(verdict.served).toBe(false)
    expect(verdict.filterFields).toEqual(['a', 'x'])
    expect(verdict.plan?.index.name).toBe('abc')
    expect(verdict.reason).toContain('x not in the index')
  })

  test('$ne, $nin, regex and $exists on the leading field bound nothing: not served', () => {
    for (const a of [{ $ne: 1 }, { $nin: [1, 2] }, /x/, { $exists: false }]) expect(judge(abc, { a }).served).toBe(false)
  })

  test('with an equality prefix, $ne/$nin/regex on later index fields filter on keys: served', () => {
    expect(judge(abc, { a: 1, b: { $ne: 2 }, c: /x/ }).served).toBe(true)
  })

  test('_id by value or $in is served whatever else the filter says', () => {
    expect(judge(abc, { _id: 'x', version: 3, status: 'open' }).served).toBe(true)
    expect(judge(abc, { _id: { $in: ['x', 'y'] }, status: 'open' }).served).toBe(true)
  })

  test('an empty filter is a collection scan: not served', () => {
    expect(judge(abc, {}).served).toBe(false)
  })
})

describe('sort', () => {
  const mixed = [index('mixed', { a: 1, b: -1, c: 1 }), ID]

  test('the sort fields right after the equality prefix, in the index direction or all reversed: served', () => {
    expect(judge(abc, { a: 1 }, { b: 1 }).served).toBe(true)
    expect(judge(abc, { a: 1 }, { b: -1, c: -1 }).served).toBe(true)
    expect(judge(mixed, { a: 1 }, { b: -1, c: 1 }).served).toBe(true)
    expect(judge(mixed, { a: 1 }, { b: 1, c: -1 }).served).toBe(true)
  })

  test('directions that are neither the index order nor its reverse: a blocking sort, not served', () => {
    const verdict = judge(abc, { a: 1 }, { b: 1, c: -1 })
    expect(verdict.served).toBe(false)
    expect(verdict.reason).toContain('blocking sort')
    expect(judge(mixed, { a: 1 }, { b: 1, c: 1 }).served).toBe(false)
  })

  test('a sort field skipped over (not the next index field): not served', () => {
    expect(judge(abc, { a: 1 }, { c: 1 }).served).toBe(false)
  })

  test('an equality between sort fields keeps the order: served', () => {
    expect(judge(abc, { a: 1, b: 2 }, { c: -1 }).served).toBe(true)
    expect(judge(abc, {}, { a: 1, c: 1 }).served).toBe(false)
    expect(judge(abc, { b: 2 }, { a: 1, c: 1 }).served).toBe(true)
  })

  test('a sort on a field fixed by equality drops out of the sort', () => {
    expect(judge(abc, { a: 1, b: 2 }, { b: -1, c: 1 }).served).toBe(true)
  })

  test('ESR: a range after the sort fields is served; a range before them is a blocking sort', () => {
    const esr = [index('esr', { a: 1, b: 1, d: 1 }), ID]
    const ers = [index('ers', { a: 1, d: 1, b: 1 }), ID]
    expect(judge(esr, { a: 1, d: { $gt: 5 } }, { b: 1 }).served).toBe(true)
    expect(judge(ers, { a: 1, d: { $gt: 5 } }, { b: 1 }).served).toBe(false)
  })

  test('a range on the sort field itself is served', () => {
    expect(judge([index('due', { wakeAt: 1 }), ID], { wakeAt: { $lte: 10 } }, { wakeAt: 1 }).served).toBe(true)
  })

  test('a sort alone on the leading index fields is served (the index gives the order)', () => {
    expect(judge(abc, {}, { a: -1, b: -1 }).served).toBe(true)
    expect(judge(abc, {}, { b: 1 }).served).toBe(false)
  })

  test('$in before the sort: point ranges merged in order, up to 200 of them', () => {
    const few = Array.from({ length: 200 }, (_, i) => i)
    const many = Array.from({ length: 201 }, (_, i) => i)
    expect(judge(abc, { a: { $in: few } }, { b: 1 }).served).toBe(true)
    const verdict = judge(abc, { a: { $in: many } }, { b: 1 })
    expect(verdict.served).toBe(false)
    expect(verdict.reason).toContain('more than 200')
    expect(judge(abc, { a: { $in: many } }).served).toBe(true)
  })

  test('$in on the sort field, after it in the index: a range, served', () => {
    expect(judge(abc, { a: 1, c: { $in: [1, 2] } }, { b: 1 }).served).toBe(true)
  })

  test('_id as the only index: a range on it, sorted by it, is served', () => {
    expect(judge([ID], { _id: { $gt: 'k' } }, { _id: 1 }).served).toBe(true)
    expect(judge([ID], { _id: { $gt: 'k' }, status: 'open' }, { _id: 1 }).served).toBe(false)
  })
})

describe('$or', () => {
  const two = [index('a', { a: 1 }), index('b', { b: 1 }), ID]

  test('a $or alone is served when every branch is', () => {
    expect(judge(two, { $or: [{ a: 1 }, { b: 2 }] }).served).toBe(true)
    expect(judge(two, { $or: [{ a: 1 }, { c: 2 }] }).served).toBe(false)
  })

  test('a $or beside an equality prefix filters on index keys (a keyset page): served', () => {
    const inbox = [index('inbox', { c: 1, since: -1, at: -1, _id: -1 }), ID]
    const after = {
      $or: [{ since: { $lt: 5 } }, { since: null }, { since: 5, at: { $lt: 9 } }, { since: 5, at: 9, _id: { $lt: 'x' } }],
    }
    const query = { $and: [{ c: 'c1' }, after] }
    expect(judge(inbox, query, { since: -1, at: -1, _id: -1 }).served).toBe(true)
    expect(judge(inbox, { $and: [{ c: 'c1' }, { $or: [{ since: 1 }, { other: 2 }] }] }, { since: -1 }).served).toBe(false)
  })
})

describe('the report names the closest index', () => {
  test('the index that goes furthest before it fails', () => {
    const indexes = [index('community', { communityId: 1 }), index('community_status', { communityId: 1, status: 1, createdAt: -1 }), ID]
    const verdict = judge(indexes, { communityId: 'c', status: 'open', kind: 'help' }, { createdAt: -1 })
    expect(verdict.served).toBe(false)
    expect(verdict.plan?.index.name).toBe('community_status')
    expect(verdict.sort).toEqual([{ field: 'createdAt', direction: -1 }])
  })
})

describe('walkPlan: the index a find walks in order', () => {
  test('prefers an index that gives the sort, and walks it backwards for a reversed sort', () => {
    const indexes = [index('a', { a: 1 }), index('ab', { a: 1, b: 1 }), ID]
    const plan = walkPlan(indexes, { a: 1 }, { b: -1 })
    expect(plan?.index.name).toBe('ab')
    expect(plan?.reverse).toBe(true)
    expect(plan?.points).toEqual([{ field: 'a', values: [1] }])
  })

  test('none when no index gives the sort, or when _id picks the documents', () => {
    expect(walkPlan(abc, { a: 1 }, { c: 1 })).toBeUndefined()
    expect(walkPlan(abc, { _id: 'x', a: 1 })).toBeUndefined()
  })

  test('a range on the field after the prefix bounds the walk', () => {
    const plan = walkPlan([index('due', { wakeAt: 1 }), ID], { wakeAt: { $lte: 10 } }, { wakeAt: 1 })
    expect(plan?.range).toEqual({ field: 'wakeAt', direction: 1, ops: { $lte: 10 } })
  })

  test('a sparse index is not walked for a sort alone or for null (it lacks documents without the field)', () => {
    const sparse = new Set(['a'])
    const indexes = [index('a', { a: 1 }), ID]
    expect(walkPlan(indexes, {}, { a: 1 }, sparse)).toBeUndefined()
    expect(walkPlan(indexes, { a: null }, undefined, sparse)).toBeUndefined()
    expect(walkPlan(indexes, { a: 'x' }, undefined, sparse)?.index.name).toBe('a')
  })
})

describe('index keys sort as MongoDB orders values', () => {
  const values: unknown[] = [
    null,
    -Infinity,
    -1e9,
    -2.5,
    0,
    1,
    2,
    10,
    1e15,
    '',
    'a',
    'a\u0000',
    'a\u0001b',
    'ab',
    'b',
    '红邻',
    { x: 1 },
    [1, 2],
    false,
    true,
    new Date(-1000),
    new Date(0),
    new Date(1700000000000),
    /re/,
  ]
  const sorted = (keys: string[]) => [...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))

  test('ascending components are in value order (types in BSON order)', () => {
    const keys = values.map((v) => ascending(v))
    expect(sorted(keys)).toEqual(keys)
    expect(ascending(-0)).toBe(ascending(0))
    expect(ascending(undefined)).toBe(ascending(null))
  })

  test('descending components are in reverse value order, as key prefixes too', () => {
    const keys = values.map((v) => component(v, -1))
    expect(sorted(keys)).toEqual([...keys].reverse())
    const tuples = ['a', 'ab', 'b'].map((v) => `${SEP}${component(v, -1)}${SEP}${component(1, 1)}`)
    expect(sorted(tuples)).toEqual([...tuples].reverse())
  })

  test('a string key that extends another sorts after it, whatever the next field holds', () => {
    const short = `${SEP}${component('a', 1)}${SEP}${component('z', 1)}`
    const long = `${SEP}${component('ab', 1)}${SEP}${component('a', 1)}`
    expect(short < long).toBe(true)
  })

  test('range bounds hold exactly the numbers in range, in either direction', () => {
    const numbers = [-5, 0, 3, 7, 7.5, 10, 11]
    for (const direction of [1, -1] as const) {
      const { lo, hi } = rangeBounds({ $gte: 3, $lte: 10 }, direction)!
      const inside = numbers.filter((n) => {
        const c = component(n, direction)
        return c >= lo && c < hi
      })
      expect(inside).toEqual([3, 7, 7.5, 10])
      const strings = component('5', direction)
      expect(strings >= lo && strings < hi).toBe(false)
    }
    expect(rangeBounds({ $gt: 'a' }, 1)).toBeUndefined()
  })
})
