/**
 * Aggregation conformance through `collection.aggregate()...end()`.
 *
 * Sources: WeChat cloud database Aggregate reference (Aggregate.match/project/addFields/group/
 * sort/skip/limit/count/unwind/lookup/sortByCount/replaceRoot/bucket and the
 * AggregateCommand accumulators via `db.command.aggregate`), the wire-protocol notes
 * (`database.aggregateDocuments` with `stages`), and MongoDB aggregation semantics (CloudBase
 * documents its stages as the MongoDB ones).
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, rejection, type Any } from './support'

const t = useEmulator({ collections: ['sales', 'cats'] })

const SALES = [
  { _id: 's1', item: 'apple', cat: 'fruit', price: 3, qty: 10, tags: ['red', 'sweet'], meta: { origin: 'cn', grade: 'A' } },
  { _id: 's2', item: 'banana', cat: 'fruit', price: 2, qty: 5, tags: ['yellow'] },
  { _id: 's3', item: 'carrot', cat: 'veg', price: 1, qty: 20, tags: [] },
  { _id: 's4', item: 'daikon', cat: 'veg', price: 4, qty: 2, tags: ['white', 'long'] },
  { _id: 's5', item: 'egg', cat: 'dairy', price: 5, qty: 12 },
  { _id: 's6', item: 'fig', cat: 'fruit', price: 4, qty: 1, tags: ['sweet'] },
]
const CATS = [
  { _id: 'fruit', label: '水果' },
  { _id: 'veg', label: '蔬菜' },
  { _id: 'meat', label: '肉' },
]

beforeAll(async () => {
  for (const data of SALES) await t.db.collection('sales').add({ data })
  for (const data of CATS) await t.db.collection('cats').add({ data })
})

function sales(): Any {
  return t.db.collection('sales').aggregate()
}

describe('match, sort, skip, limit, count', () => {
  test('match with a plain condition', async () => {
    const res = await sales().match({ cat: 'fruit' }).sort({ _id: 1 }).end()
    expect(ids(res.list)).toEqual(['s1', 's2', 's6'])
  })

  test('match with query commands', async () => {
    const _ = t.db.command
    const res = await sales()
      .match({ price: _.gt(2), qty: _.lt(12) })
      .sort({ _id: 1 })
      .end()
    expect(ids(res.list)).toEqual(['s1', 's4', 's6'])
  })

  test('match with _.or', async () => {
    const _ = t.db.command
    const res = await sales()
      .match(_.or([{ cat: 'dairy' }, { price: 1 }]))
      .sort({ _id: 1 })
      .end()
    expect(ids(res.list)).toEqual(['s3', 's5'])
  })

  test('sort on several keys in priority order', async () => {
    const _ = t.db.command
    const res = await sales()
      .match({ price: _.gt(0) })
      .sort({ cat: 1, price: -1 })
      .end()
    expect(ids(res.list)).toEqual(['s5', 's6', 's1', 's2', 's4', 's3'])
  })

  test('skip and limit after sort', async () => {
    const res = await sales().sort({ price: 1, _id: 1 }).skip(1).limit(2).end()
    expect(ids(res.list)).toEqual(['s2', 's1'])
  })

  test('count', async () => {
    const res = await sales().match({ cat: 'fruit' }).count('n').end()
    expect(res.list).toEqual([{ n: 3 }])
  })

  test('the result carries whole documents', async () => {
    const res = await sales().match({ _id: 's2' }).end()
    expect(res.list).toEqual([SALES[1]])
  })
})

describe('project and addFields', () => {
  test('project with inclusion and _id excluded', async () => {
    const res = await sales().match({ _id: 's1' }).project({ _id: 0, item: 1, 'meta.grade': 1 }).end()
    expect(res.list).toEqual([{ item: 'apple', meta: { grade: 'A' } }])
  })

  test('project with exclusion', async () => {
    const res = await sales().match({ _id: 's2' }).project({ tags: 0, qty: 0 }).end()
    expect(res.list).toEqual([{ _id: 's2', item: 'banana', cat: 'fruit', price: 2 }])
  })

  test('project with an expression', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .match({ _id: 's1' })
      .project({ total: $.multiply(['$price', '$qty']) })
      .end()
    expect(res.list).toEqual([{ _id: 's1', total: 30 }])
  })

  test('addFields keeps every field and adds new ones', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .match({ _id: 's4' })
      .addFields({ total: $.multiply(['$price', '$qty']), label: $.concat(['$cat', ':', '$item']) })
      .end()
    expect(res.list).toEqual([{ ...SALES[3], total: 8, label: 'veg:daikon' }])
  })
})

describe('group with accumulators', () => {
  test('sum, avg, min, max, push by key', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .sort({ _id: 1 })
      .group({
        _id: '$cat',
        qty: $.sum('$qty'),
        avgPrice: $.avg('$price'),
        minPrice: $.min('$price'),
        maxPrice: $.max('$price'),
        items: $.push('$item'),
        n: $.sum(1),
      })
      .sort({ _id: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'dairy', qty: 12, avgPrice: 5, minPrice: 5, maxPrice: 5, items: ['egg'], n: 1 },
      { _id: 'fruit', qty: 16, avgPrice: 3, minPrice: 2, maxPrice: 4, items: ['apple', 'banana', 'fig'], n: 3 },
      { _id: 'veg', qty: 22, avgPrice: 2.5, minPrice: 1, maxPrice: 4, items: ['carrot', 'daikon'], n: 2 },
    ])
  })

  test('addToSet keeps distinct values', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .group({ _id: null, cats: $.addToSet('$cat'), total: $.sum('$qty') })
      .end()
    expect(res.list).toHaveLength(1)
    expect(res.list[0]._id).toBeNull()
    expect(res.list[0].total).toBe(50)
    expect([...res.list[0].cats].sort()).toEqual(['dairy', 'fruit', 'veg'])
  })

  test('group on an expression key', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .group({ _id: { cheap: $.lt(['$price', 3]) }, n: $.sum(1) })
      .sort({ '_id.cheap': 1 })
      .end()
    expect(res.list).toEqual([
      { _id: { cheap: false }, n: 4 },
      { _id: { cheap: true }, n: 2 },
    ])
  })
})

describe('unwind', () => {
  test('unwind a path string drops empty and missing arrays', async () => {
    const res = await sales().unwind('$tags').sort({ _id: 1, tags: 1 }).project({ _id: 1, tags: 1 }).end()
    expect(res.list).toEqual([
      { _id: 's1', tags: 'red' },
      { _id: 's1', tags: 'sweet' },
      { _id: 's2', tags: 'yellow' },
      { _id: 's4', tags: 'long' },
      { _id: 's4', tags: 'white' },
      { _id: 's6', tags: 'sweet' },
    ])
  })

  test('unwind with preserveNullAndEmptyArrays and includeArrayIndex', async () => {
    const _ = t.db.command
    const res = await sales()
      .match({ _id: _.in(['s3', 's4', 's5']) })
      .unwind({ path: '$tags', includeArrayIndex: 'idx', preserveNullAndEmptyArrays: true })
      .project({ _id: 1, tags: 1, idx: 1 })
      .sort({ _id: 1, idx: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 's3', idx: null },
      { _id: 's4', tags: 'white', idx: 0 },
      { _id: 's4', tags: 'long', idx: 1 },
      { _id: 's5', idx: null },
    ])
  })
})

describe('lookup', () => {
  test('localField / foreignField', async () => {
    const _ = t.db.command
    const res = await sales()
      .match({ _id: _.in(['s1', 's3', 's5']) })
      .lookup({ from: 'cats', localField: 'cat', foreignField: '_id', as: 'catInfo' })
      .project({ _id: 1, catInfo: 1 })
      .sort({ _id: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 's1', catInfo: [{ _id: 'fruit', label: '水果' }] },
      { _id: 's3', catInfo: [{ _id: 'veg', label: '蔬菜' }] },
      { _id: 's5', catInfo: [] },
    ])
  })

  test('let / pipeline with $expr', async () => {
    const _ = t.db.command
    const $ = t.db.command.aggregate
    const res = await t.db
      .collection('cats')
      .aggregate()
      .lookup({
        from: 'sales',
        let: { c: '$_id' },
        pipeline: $.pipeline()
          .match(_.expr($.eq(['$cat', '$$c'])))
          .project({ _id: 0, item: 1 })
          .sort({ item: 1 })
          .done(),
        as: 'items',
      })
      .sort({ _id: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'fruit', label: '水果', items: [{ item: 'apple' }, { item: 'banana' }, { item: 'fig' }] },
      { _id: 'meat', label: '肉', items: [] },
      { _id: 'veg', label: '蔬菜', items: [{ item: 'carrot' }, { item: 'daikon' }] },
    ])
  })

  test('let / pipeline using two variables', async () => {
    const _ = t.db.command
    const $ = t.db.command.aggregate
    const res = await t.db
      .collection('cats')
      .aggregate()
      .match({ _id: 'fruit' })
      .lookup({
        from: 'sales',
        let: { c: '$_id', minPrice: 3 },
        pipeline: $.pipeline()
          .match(_.expr($.and([$.eq(['$cat', '$$c']), $.gte(['$price', '$$minPrice'])])))
          .project({ _id: 1 })
          .sort({ _id: 1 })
          .done(),
        as: 'pricey',
      })
      .end()
    expect(res.list).toEqual([{ _id: 'fruit', label: '水果', pricey: [{ _id: 's1' }, { _id: 's6' }] }])
  })
})

describe('sortByCount, replaceRoot, bucket', () => {
  test('sortByCount orders groups by count descending', async () => {
    const res = await sales().sortByCount('$cat').end()
    expect(res.list).toEqual([
      { _id: 'fruit', count: 3 },
      { _id: 'veg', count: 2 },
      { _id: 'dairy', count: 1 },
    ])
  })

  test('sortByCount after unwind', async () => {
    const res = await sales().unwind('$tags').sortByCount('$tags').limit(1).end()
    expect(res.list).toEqual([{ _id: 'sweet', count: 2 }])
  })

  test('replaceRoot with a field path', async () => {
    const res = await sales().match({ _id: 's1' }).replaceRoot({ newRoot: '$meta' }).end()
    expect(res.list).toEqual([{ origin: 'cn', grade: 'A' }])
  })

  test('replaceRoot with an expression object', async () => {
    const res = await sales()
      .match({ _id: 's2' })
      .replaceRoot({ newRoot: { name: '$item', p: '$price' } })
      .end()
    expect(res.list).toEqual([{ name: 'banana', p: 2 }])
  })

  test('bucket with boundaries, default and output', async () => {
    const $ = t.db.command.aggregate
    const res = await sales()
      .sort({ _id: 1 })
      .bucket({
        groupBy: '$price',
        boundaries: [0, 3, 5],
        default: 'other',
        output: { count: $.sum(1), items: $.push('$item') },
      })
      .end()
    expect(res.list).toEqual([
      { _id: 0, count: 2, items: ['banana', 'carrot'] },
      { _id: 3, count: 3, items: ['apple', 'daikon', 'fig'] },
      { _id: 'other', count: 1, items: ['egg'] },
    ])
  })

  test('bucket without output counts', async () => {
    const res = await sales()
      .bucket({ groupBy: '$qty', boundaries: [0, 10, 100] })
      .end()
    expect(res.list).toEqual([
      { _id: 0, count: 3 },
      { _id: 10, count: 3 },
    ])
  })
})

describe('errors', () => {
  test('aggregate on an unknown collection rejects with DATABASE_COLLECTION_NOT_EXIST', async () => {
    const error = await rejection(t.db.collection('nope').aggregate().match({ a: 1 }).end())
    // wx-server-sdk's aggregate wrapper does not map codes: errCode -1, wire code kept on `code`.
    expect(error.code).toBe('DATABASE_COLLECTION_NOT_EXIST')
    expect(error.errCode).toBe(-1)
    expect(error.errMsg).toMatch(/^collection\.aggregate:fail /)
  })

  test('lookup from an unknown collection joins nothing (MongoDB semantics)', async () => {
    const res = await sales()
      .match({ _id: 's1' })
      .lookup({ from: 'nope', localField: 'cat', foreignField: '_id', as: 'x' })
      .project({ _id: 1, x: 1 })
      .end()
    expect(res.list).toEqual([{ _id: 's1', x: [] }])
  })
})
