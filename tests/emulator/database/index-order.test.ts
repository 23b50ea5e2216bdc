/**
 * Finds served by an index walk it in order and stop at skip + limit: the documents read
 * (`documentsRead()`, every document a query looks at) stay near the page size however many
 * documents share the equality prefix, and the answers are those of filtering and sorting
 * everything (the same queries on a collection without indexes).
 *
 * Sources: MongoDB's manual ("Use Indexes to Sort Query Results": a sort the index provides
 * needs no blocking sort, and a limit stops the index scan), its SORT_MERGE of `$in` point
 * ranges, and BSON comparison order (missing and null sort first ascending, last descending).
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, reading as readingIn, type Any } from './support'

const keys = { communityId: 1, 'overdue.since': -1, createdAt: -1, _id: -1 } as const
const t = useEmulator({
  indexes: {
    demands: [
      { name: 'inbox', keys },
      { name: 'due', keys: { wakeAt: 1 } },
      { name: 'tags', keys: { tags: 1, createdAt: 1 } },
    ],
  },
  strictIndexes: true,
})

const reading = (op: () => Promise<Any>) => readingIn(t.emulator.database, op)

const N = 3000
const docs = Array.from({ length: N }, (_, i) => ({
  _id: `d${String(i).padStart(5, '0')}`,
  communityId: ['c1', 'c2', 'c3'][i % 3],
  // Ties on createdAt (every 4 share one) and a third overdue, some with equal marks.
  createdAt: 1_700_000_000_000 + Math.floor(i / 4) * 1000,
  ...(i % 3 === 0 ? { overdue: { since: 1_700_000_000_000 + (i % 7) * 60_000 } } : {}),
  ...(i % 500 === 0 ? { wakeAt: 1_700_000_000_000 + i } : {}),
  tags: [`t${i % 5}`, `t${(i * 7) % 5}`],
  status: i % 2 ? 'open' : 'closed',
}))

beforeAll(() => {
  for (const name of ['demands', 'plain']) t.emulator.database.ensureCollection(name)
  t.emulator.database.insertMany('demands', docs)
  t.emulator.database.insertMany('plain', docs)
})

const inboxOrder = (q: Any) => q.orderBy('overdue.since', 'desc').orderBy('createdAt', 'desc').orderBy('_id', 'desc')

test('a sorted, limited page reads about the page, not the 1,000 documents of its community', async () => {
  const page = (name: string, skip: number) => () =>
    inboxOrder(t.db.collection(name).where({ communityId: 'c1' }))
      .skip(skip)
      .limit(20)
      .get()
  const first = await reading(page('demands', 0))
  const deep = await reading(page('demands', 200))
  expect(first.read).toBeLessThanOrEqual(20)
  expect(deep.read).toBeLessThanOrEqual(220)
  // The same query without an index reads the whole community (the scan skips what cannot hold
  // 'c1' without decoding it) and sorts: the same answer.
  const scanned = await reading(page('plain', 0))
  expect(scanned.read).toBe(N / 3)
  expect(ids(first.result.data)).toEqual(ids(scanned.result.data))
  expect(ids(deep.result.data)).toEqual(ids((await page('plain', 200)()).data))
})

test('every page of the inbox order is the order of sorting everything', async () => {
  const all = async (name: string) =>
    ids(
      (
        await inboxOrder(t.db.collection(name).where({ communityId: 'c2', status: 'open' }))
          .limit(1000)
          .get()
      ).data,
    )
  const walked = await all('demands')
  expect(walked.length).toBe(500)
  expect(walked).toEqual(await all('plain'))
})

test('a reversed sort walks the index backwards', async () => {
  const q = (name: string) =>
    t.db
      .collection(name)
      .where({ communityId: 'c3' })
      .orderBy('overdue.since', 'asc')
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(15)
      .get()
  const { result, read } = await reading(() => q('demands'))
  expect(read).toBeLessThanOrEqual(15)
  expect(ids(result.data)).toEqual(ids((await q('plain')).data))
})

test('$in on the prefix: the communities are merged in order, reading about the page', async () => {
  const _ = t.db.command
  const q = (name: string) => () =>
    inboxOrder(t.db.collection(name).where({ communityId: _.in(['c1', 'c3']) }))
      .limit(30)
      .get()
  const { result, read } = await reading(q('demands'))
  expect(read).toBeLessThanOrEqual(2 * 30)
  expect(ids(result.data)).toEqual(ids((await q('plain')()).data))
})

test('a range on the indexed field bounds the walk: only what is due is read', async () => {
  const _ = t.db.command
  const q = (name: string) => () =>
    t.db
      .collection(name)
      .where({ wakeAt: _.lte(1_700_000_000_000 + 1500) })
      .orderBy('wakeAt', 'asc')
      .limit(100)
      .get()
  const { result, read } = await reading(q('demands'))
  expect(ids(result.data)).toEqual(['d00000', 'd00500', 'd01000', 'd01500'])
  expect(read).toBe(4)
  expect(ids(result.data)).toEqual(ids((await q('plain')()).data))
})

test('a multikey prefix gives each document once', async () => {
  const q = (name: string) => () => t.db.collection(name).where({ tags: 't1' }).orderBy('createdAt', 'asc').limit(1000).get()
  const { result } = await reading(q('demands'))
  const got = result.data as typeof docs
  // 1,200 hold t1 (some twice); a page is at most 1,000.
  expect(got).toHaveLength(1000)
  expect(new Set(ids(got)).size).toBe(1000)
  expect(got.every((d) => d.tags.includes('t1'))).toBe(true)
  const times = got.map((d) => d.createdAt)
  expect(times).toEqual([...times].sort((a, b) => a - b))
  const scanned = (await q('plain')()).data as typeof docs
  expect(got.map((d) => d.createdAt)).toEqual(scanned.map((d) => d.createdAt))
})

test('an unsorted find with a limit stops at the limit too', async () => {
  const { result, read } = await reading(() => t.db.collection('demands').where({ communityId: 'c2' }).limit(5).get())
  expect(result.data).toHaveLength(5)
  expect(read).toBe(5)
})
