/**
 * mingo's known deviations from MongoDB, corrected in emulator/src/database/mingo.ts, checked
 * through the real SDK: input documents, the stage or query, the expected answer.
 */
import { useEmulator } from '../../helpers/emulator'

const t = useEmulator({ collections: ['m'] })

beforeAll(async () => {
  const docs = [
    { _id: 'sun', d: new Date('2023-01-01T12:00:00Z'), s: '红邻社区服务', arr: [1, { a: 1 }] }, // 2023-01-01 is a Sunday
    { _id: 'sat', d: new Date('2022-01-01T12:00:00Z'), s: 'abc', arr: [5, 7] }, // 2022-01-01 is a Saturday
    { _id: 'mid', d: new Date('2024-06-15T12:00:00Z'), s: 'héllo', arr: [{ a: 2 }] },
  ]
  for (const data of docs) await t.db.collection('m').add({ data })
})

async function project(expr: Record<string, unknown>) {
  const res = await t.db.collection('m').aggregate().project(expr).sort({ _id: 1 }).end()
  return Object.fromEntries(res.list.map((doc: Record<string, unknown>) => [doc._id, doc.v]))
}

test.each([
  // $week: weeks start on Sunday; days before the first Sunday are week 0 (mingo was one off).
  ['$week', { v: { $week: '$d' } }, { mid: 23, sat: 0, sun: 1 }],
  // $substr with a negative count returns the rest of the string; a negative start gives "".
  ['$substr negative count', { v: { $substr: ['$s', 0, -1] } }, { mid: 'héllo', sat: 'abc', sun: '红邻社区服务' }],
  ['$substrBytes negative start', { v: { $substrBytes: ['$s', -1, 2] } }, { mid: '', sat: '', sun: '' }],
  // $indexOfCP counts code points (mingo lacked it).
  ['$indexOfCP', { v: { $indexOfCP: ['$s', '社区'] } }, { mid: -1, sat: -1, sun: 2 }],
])('%s', async (_name, expr, expected) => {
  expect(await project(expr)).toEqual(expected)
})

test('$elemMatch with field conditions matches only documents inside the array', async () => {
  const _ = t.db.command
  const res = await t.db
    .collection('m')
    .where({ arr: _.elemMatch({ a: _.exists(false) }) })
    .get()
  // mingo also matched the scalar elements of `sun` and `sat`; MongoDB matches none here.
  expect(res.data.map((d: { _id: string }) => d._id)).toEqual([])
  const withA = await t.db
    .collection('m')
    .where({ arr: _.elemMatch({ a: _.gte(1) }) })
    .get()
  expect(withA.data.map((d: { _id: string }) => d._id).sort()).toEqual(['mid', 'sun'])
})
