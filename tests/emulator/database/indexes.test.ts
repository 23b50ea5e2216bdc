/**
 * Declared indexes: unique constraints and the strict-index report.
 *
 * Sources: the wire-protocol notes ("Unique indexes exist in the real service and reject
 * duplicates"), docs.cloudbase.net/error-code/DATABASE_DUPLICATE_WRITE ("Database write failed,
 * index key duplicate … Check if unique index fields have duplicate values"); wx-server-sdk 4.0.2
 * has no number for DATABASE_DUPLICATE_WRITE and reports it as -501001. MongoDB semantics for
 * what counts as a duplicate (a missing field indexes as null) and for index prefixes.
 */
import { useEmulator } from '../../helpers/emulator'
import { rawAction, rejection, type Any } from './support'

const t = useEmulator({
  indexes: {
    users: [{ name: 'openid_unique', keys: { openid: 1 }, unique: true }],
    members: [{ name: 'community_openid', keys: { communityId: 1, openid: 1 }, unique: true }],
    orders: [{ name: 'community_created', keys: { communityId: 1, createdAt: -1 } }],
  },
  strictIndexes: true,
})

beforeAll(async () => {
  // Declared indexes belong to collections that deployment creates.
  for (const name of ['users', 'members', 'orders']) t.emulator.database.ensureCollection(name)
})

function _in(values: string[]): Any {
  return t.db.command.in(values)
}

function expectDuplicate(error: Any, api: string): void {
  expect(error.errCode).toBe(-501001)
  expect(error.errMsg).toMatch(new RegExp(`^${api.replace('.', '\\.')}:fail -501001`))
}

describe('unique index', () => {
  test('a second add() with the same openid is rejected; the first stays', async () => {
    await t.db.collection('users').add({ data: { _id: 'u1', openid: 'o1', name: 'A' } })
    const error = await rejection(t.db.collection('users').add({ data: { _id: 'u2', openid: 'o1', name: 'B' } }))
    expectDuplicate(error, 'collection.add')
    expect((await t.db.collection('users').where({ openid: 'o1' }).get()).data).toEqual([{ _id: 'u1', openid: 'o1', name: 'A' }])
    expect((await t.db.collection('users').where({ _id: 'u2' }).get()).data).toEqual([])
  })

  test('the wire code of a duplicate key is DATABASE_DUPLICATE_WRITE', async () => {
    const answer = await rawAction(t.url, 'database.insertDocument', {
      collectionName: 'users',
      data: [JSON.stringify({ _id: 'u-raw', openid: 'o1' })],
    })
    expect(answer.code).toBe('DATABASE_DUPLICATE_WRITE')
  })

  test('a generated _id does not help: still a duplicate', async () => {
    const error = await rejection(t.db.collection('users').add({ data: { openid: 'o1' } }))
    expectDuplicate(error, 'collection.add')
    expect((await t.db.collection('users').where({ openid: 'o1' }).count()).total).toBe(1)
  })

  test('a different openid is accepted', async () => {
    const res = await t.db.collection('users').add({ data: { _id: 'u3', openid: 'o3' } })
    expect(res._id).toBe('u3')
  })

  test('doc().update() that would create a duplicate is rejected and changes nothing', async () => {
    await t.db.collection('users').add({ data: { _id: 'u4', openid: 'o4', name: 'D' } })
    const error = await rejection(
      t.db
        .collection('users')
        .doc('u4')
        .update({ data: { openid: 'o1', name: 'changed' } }),
    )
    expectDuplicate(error, 'document.update')
    expect((await t.db.collection('users').doc('u4').get()).data).toEqual({ _id: 'u4', openid: 'o4', name: 'D' })
  })

  test('where().update() that would create a duplicate is rejected and changes nothing', async () => {
    const error = await rejection(
      t.db
        .collection('users')
        .where({ _id: 'u4' })
        .update({ data: { openid: 'o3' } }),
    )
    expectDuplicate(error, 'collection.update')
    expect((await t.db.collection('users').doc('u4').get()).data).toEqual({ _id: 'u4', openid: 'o4', name: 'D' })
  })

  test('doc().set() that would create a duplicate is rejected and changes nothing', async () => {
    const error = await rejection(
      t.db
        .collection('users')
        .doc('u4')
        .set({ data: { openid: 'o1' } }),
    )
    expectDuplicate(error, 'document.set')
    expect((await t.db.collection('users').doc('u4').get()).data).toEqual({ _id: 'u4', openid: 'o4', name: 'D' })
  })

  test('doc().set() upserting a new document with a taken key is rejected', async () => {
    const error = await rejection(
      t.db
        .collection('users')
        .doc('u-new')
        .set({ data: { openid: 'o3' } }),
    )
    expectDuplicate(error, 'document.set')
    expect((await t.db.collection('users').where({ _id: 'u-new' }).get()).data).toEqual([])
  })

  test('updating a document to its own key value is not a duplicate', async () => {
    const res = await t.db
      .collection('users')
      .doc('u4')
      .update({ data: { openid: 'o4', name: 'D2' } })
    expect(res.stats).toEqual({ updated: 1 })
  })

  test('after removing the holder, the key can be reused', async () => {
    await t.db.collection('users').doc('u3').remove()
    const res = await t.db.collection('users').add({ data: { _id: 'u5', openid: 'o3' } })
    expect(res._id).toBe('u5')
  })

  test('a missing key field indexes as null: only one document may lack it', async () => {
    await t.db.collection('users').add({ data: { _id: 'nokey1', name: 'x' } })
    const error = await rejection(t.db.collection('users').add({ data: { _id: 'nokey2', name: 'y' } }))
    expectDuplicate(error, 'collection.add')
  })

  test('a batch add() with a duplicate inside the batch fails', async () => {
    const error = await rejection(
      t.db.collection('users').add({
        data: [
          { _id: 'b1', openid: 'batch' },
          { _id: 'b2', openid: 'batch' },
        ],
      }),
    )
    expectDuplicate(error, 'collection.add')
    expect((await t.db.collection('users').where({ _id: 'b2' }).get()).data).toEqual([])
  })

  test('runTransaction: a duplicate key fails the transaction and commits nothing', async () => {
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx.collection('users').add({ data: { _id: 'tx1', openid: 'fresh' } })
        await tx.collection('users').add({ data: { _id: 'tx2', openid: 'o1' } })
      }),
    )
    // Whether raised by the write (-501001 via wx-server-sdk) or by the commit (raw wire code).
    expect(outcome.errCode === -501001 || outcome.code === 'DATABASE_DUPLICATE_WRITE').toBe(true)
    expect(
      (
        await t.db
          .collection('users')
          .where({ _id: _in(['tx1', 'tx2']) })
          .get()
      ).data,
    ).toEqual([])
  })

  test('in a transaction the duplicate is reported by the write itself (MongoDB raises E11000 on the insert)', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('users').add({ data: { _id: 'tx3', openid: 'fresh3' } })
    const error = await rejection(tx.collection('users').add({ data: { _id: 'tx4', openid: 'o1' } }))
    expectDuplicate(error, 'collection.add')
    await tx.rollback().catch(() => undefined)
    expect(
      (
        await t.db
          .collection('users')
          .where({ _id: _in(['tx3', 'tx4']) })
          .get()
      ).data,
    ).toEqual([])
  })
})

describe('compound unique index', () => {
  test('only the combination of the keys must be unique', async () => {
    await t.db.collection('members').add({ data: { _id: 'm1', communityId: 'c1', openid: 'o1' } })
    await t.db.collection('members').add({ data: { _id: 'm2', communityId: 'c2', openid: 'o1' } })
    await t.db.collection('members').add({ data: { _id: 'm3', communityId: 'c1', openid: 'o2' } })
    const error = await rejection(t.db.collection('members').add({ data: { _id: 'm4', communityId: 'c1', openid: 'o1' } }))
    expectDuplicate(error, 'collection.add')
    expect((await t.db.collection('members').count()).total).toBe(3)
  })
})

describe('strictIndexes: queries no declared index serves are reported', () => {
  type Entry = { collection: string; query: unknown }
  function report(): Entry[] {
    return (t.emulator.database as Any).unindexedQueries()
  }
  /** Runs `op` and answers the entries it added to the report. */
  async function newEntries(op: () => Promise<unknown>): Promise<Entry[]> {
    const before = report().length
    await op()
    return report().slice(before)
  }

  test('a query on a non-indexed field is reported with its collection and query', async () => {
    const added = await newEntries(() => t.db.collection('orders').where({ status: 'open' }).get())
    expect(added).toHaveLength(1)
    expect(added[0].collection).toBe('orders')
    expect(JSON.stringify(added[0].query)).toContain('status')
  })

  test('a query on the first key of a compound index (a prefix) is not reported', async () => {
    expect(await newEntries(() => t.db.collection('orders').where({ communityId: 'c1' }).get())).toEqual([])
  })

  test('a query on the whole compound index is not reported', async () => {
    const _ = t.db.command
    const added = await newEntries(() =>
      t.db
        .collection('orders')
        .where({ communityId: 'c1', createdAt: _.gt(new Date(0)) })
        .orderBy('createdAt', 'desc')
        .get(),
    )
    expect(added).toEqual([])
  })

  test('a query on the second key only is not a prefix: reported', async () => {
    const _ = t.db.command
    const added = await newEntries(() =>
      t.db
        .collection('orders')
        .where({ createdAt: _.gt(new Date(0)) })
        .get(),
    )
    expect(added).toHaveLength(1)
    expect(added[0].collection).toBe('orders')
  })

  test('a query on a unique index is not reported', async () => {
    expect(await newEntries(() => t.db.collection('users').where({ openid: 'o1' }).get())).toEqual([])
  })

  test('doc(id).get() is served by the _id index', async () => {
    expect(await newEntries(() => t.db.collection('users').doc('u1').get())).toEqual([])
  })

  test('a count() on a non-indexed field is reported', async () => {
    const added = await newEntries(() => t.db.collection('orders').where({ status: 'closed' }).count())
    expect(added).toHaveLength(1)
    expect(added[0].collection).toBe('orders')
  })

  test('a where().update() on a non-indexed field is reported', async () => {
    const added = await newEntries(() =>
      t.db
        .collection('users')
        .where({ name: 'A' })
        .update({ data: { seen: true } }),
    )
    expect(added).toHaveLength(1)
    expect(added[0].collection).toBe('users')
  })
})
