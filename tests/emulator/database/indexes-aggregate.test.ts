/**
 * Aggregations and declared indexes: the head of a pipeline (`$match`, `$sort`, or both) is
 * answered like `where().orderBy()`, from an index where one serves it, and strict-index mode
 * judges it the same way; `geoNear` stages and geo conditions are served by a 2dsphere index.
 *
 * Sources: MongoDB's aggregation pipeline optimisation ("$match and $sort at the beginning of
 * a pipeline can use indexes"; every other stage works on what the head produced) and the
 * CloudBase index guide (a query no index serves scans the collection); the strict mode is the
 * emulator's report of such scans (see indexes.test.ts).
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, type Any } from './support'

const t = useEmulator({
  indexes: {
    orders: [{ name: 'community_created', keys: { communityId: 1, createdAt: -1 } }],
    places: [{ name: 'location_geo', keys: { location: '2dsphere' } }],
  },
  strictIndexes: true,
})

type Entry = { collection: string; query: unknown; order?: unknown }

async function newEntries(op: () => Promise<unknown>): Promise<Entry[]> {
  const before = t.emulator.database.unindexedQueries().length
  await op()
  return t.emulator.database.unindexedQueries().slice(before) as Entry[]
}

beforeAll(async () => {
  for (const name of ['orders', 'places']) t.emulator.database.ensureCollection(name)
  t.emulator.database.insertMany('orders', [
    { _id: 'o1', communityId: 'c1', status: 'open', createdAt: new Date('2024-01-01'), amount: 5 },
    { _id: 'o2', communityId: 'c1', status: 'done', createdAt: new Date('2024-02-01'), amount: 7 },
    { _id: 'o3', communityId: 'c2', status: 'open', createdAt: new Date('2024-03-01'), amount: 11 },
  ])
  t.emulator.database.insertMany('places', [
    { _id: 'eye', location: { type: 'Point', coordinates: [117.1807, 39.1534] } },
    { _id: 'station', location: { type: 'Point', coordinates: [117.2107, 39.1365] } },
  ])
})

test('a head $match on an index prefix is served, and answers the right documents', async () => {
  let res: Any
  const added = await newEntries(async () => {
    res = await t.db
      .collection('orders')
      .aggregate()
      .match({ communityId: 'c1' })
      .group({ _id: null, total: t.db.command.aggregate.sum('$amount') })
      .end()
  })
  expect(added).toEqual([])
  expect(res.list).toEqual([{ _id: null, total: 12 }])
})

test('a head $match no index serves is reported with its collection and condition', async () => {
  let res: Any
  const added = await newEntries(async () => {
    res = await t.db.collection('orders').aggregate().match({ status: 'open' }).end()
  })
  expect(added).toHaveLength(1)
  expect(added[0]).toMatchObject({ collection: 'orders', query: { status: 'open' } })
  expect(ids(res.list)).toEqual(['o1', 'o3'])
})

test('a head $sort on an index lead field is served; on another field it is reported', async () => {
  expect(await newEntries(() => t.db.collection('orders').aggregate().sort({ communityId: 1 }).end())).toEqual([])
  const added = await newEntries(() => t.db.collection('orders').aggregate().sort({ amount: -1 }).end())
  expect(added).toHaveLength(1)
  expect(added[0]).toMatchObject({ collection: 'orders', order: { amount: -1 } })
})

test('$match then $sort on the compound index is served and ordered', async () => {
  let res: Any
  const added = await newEntries(async () => {
    res = await t.db.collection('orders').aggregate().match({ communityId: 'c1' }).sort({ createdAt: -1 }).end()
  })
  expect(added).toEqual([])
  expect(ids(res.list)).toEqual(['o2', 'o1'])
})

test('a pipeline that starts anywhere else reads the whole collection: reported', async () => {
  const added = await newEntries(() =>
    t.db
      .collection('orders')
      .aggregate()
      .group({ _id: '$status', n: t.db.command.aggregate.sum(1) })
      .end(),
  )
  expect(added).toHaveLength(1)
  expect(added[0]!.collection).toBe('orders')
})

test('a geoNear stage and a geoWithin on the 2dsphere field are served', async () => {
  const { Point } = t.db.Geo
  expect(
    await newEntries(() =>
      t.db
        .collection('places')
        .aggregate()
        .geoNear({ near: new Point(117.18, 39.15), spherical: true, distanceField: 'd' })
        .end(),
    ),
  ).toEqual([])
  expect(
    await newEntries(() =>
      t.db
        .collection('places')
        .where({ location: t.db.command.geoWithin({ centerSphere: [new Point(117.18, 39.15), 0.001] }) })
        .get(),
    ),
  ).toEqual([])
})
