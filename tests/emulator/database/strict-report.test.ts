/**
 * What the strict-index report says about a query no declared index serves: enough to fix the
 * schema (collection, filter fields, sort, the closest index and what it lacks) and who made
 * the query (the cloud function, or nobody: a client outside functions such as a test).
 */
import { join } from 'node:path'
import { useEmulator } from '../../helpers/emulator'

const t = useEmulator({
  collections: ['notes'],
  indexes: { orders: [{ name: 'openid', keys: { openid: 1 } }] },
  functionsDir: join(__dirname, '../../fixtures/functions'),
  strictIndexes: true,
})

beforeAll(() => t.emulator.database.ensureCollection('orders'))

async function newEntries(op: () => Promise<unknown>) {
  const before = t.emulator.database.unindexedQueries().length
  await op()
  return t.emulator.database.unindexedQueries().slice(before)
}

test('an unserved query names its filter fields, sort, closest index and the reason', async () => {
  const added = await newEntries(() => t.db.collection('orders').where({ openid: 'o1', n: 2 }).orderBy('at', 'desc').get())
  expect(added).toHaveLength(1)
  expect(added[0]).toMatchObject({
    collection: 'orders',
    filterFields: ['openid', 'n'],
    sort: [{ field: 'at', direction: -1 }],
    closest: 'openid { openid: 1 }',
  })
  expect(added[0]!.reason).toContain('equality on n')
  expect(added[0]!.reason).toContain('blocking sort')
  expect(added[0]!.functionName).toBeUndefined()
})

test('a query made inside a function invocation names the function', async () => {
  // whoami adds a note and reads the caller's notes back: `notes` has no index.
  const added = await newEntries(async () => {
    const res = await fetch(`${t.url}/functions/whoami`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'reporter' },
      body: JSON.stringify({ n: 1 }),
    })
    expect(res.status).toBe(200)
  })
  expect(added.map((q) => q.functionName)).toContain('whoami')
})
