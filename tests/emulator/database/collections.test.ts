/**
 * Collections: createCollection and strict collections (the real service creates nothing
 * implicitly). The emulator's `autoCreateCollections` flag is in collections-autocreate.test.ts.
 *
 * Sources: Database.createCollection reference ("创建集合，如果集合已经存在会创建失败"; resolves with
 * `{ errMsg }`), docs.cloudbase.net/error-code/basic/DATABASE_COLLECTION_NOT_EXIST, the
 * wire-protocol notes (`database.addCollection`; a second create of the same name is an error;
 * querying a collection that does not exist is DATABASE_COLLECTION_NOT_EXIST → -502005).
 * wx-server-sdk's createCollection does not map wire codes: it rejects with errCode -1 and keeps
 * the wire code on `code`.
 */
import { useEmulator } from '../../helpers/emulator'
import { rejection, type Any } from './support'

describe('strict collections (default)', () => {
  const t = useEmulator()

  test('createCollection resolves with errMsg createCollection:ok', async () => {
    const res = await t.db.createCollection('fresh')
    expect(res.errMsg).toBe('createCollection:ok')
  })

  test('a new collection is empty and usable', async () => {
    expect((await t.db.collection('fresh').get()).data).toEqual([])
    expect((await t.db.collection('fresh').count()).total).toBe(0)
    await t.db.collection('fresh').add({ data: { _id: 'f1', v: 1 } })
    expect((await t.db.collection('fresh').get()).data).toEqual([{ _id: 'f1', v: 1 }])
  })

  test('createCollection of an existing name fails and keeps the data', async () => {
    const error = await rejection(t.db.createCollection('fresh'))
    expect(error.errCode).toBe(-1)
    expect(error.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
    expect(error.errMsg).toMatch(/^createCollection:fail /)
    expect((await t.db.collection('fresh').get()).data).toEqual([{ _id: 'f1', v: 1 }])
  })

  test('collection names are case sensitive', async () => {
    await t.db.createCollection('Fresh')
    expect((await t.db.collection('Fresh').count()).total).toBe(0)
    expect((await t.db.collection('fresh').count()).total).toBe(1)
  })

  test('an unknown collection is DATABASE_COLLECTION_NOT_EXIST (-502005) for reads and writes', async () => {
    expect((await rejection(t.db.collection('ghost').get())).errCode).toBe(-502005)
    expect((await rejection(t.db.collection('ghost').add({ data: { a: 1 } }))).errCode).toBe(-502005)
    expect(
      (
        await rejection(
          t.db
            .collection('ghost')
            .doc('a')
            .set({ data: { a: 1 } }),
        )
      ).errCode,
    ).toBe(-502005)
  })

  test('a failed write does not create the collection', async () => {
    await rejection(t.db.collection('ghost2').add({ data: { a: 1 } }))
    const res = await t.db.createCollection('ghost2')
    expect(res.errMsg).toBe('createCollection:ok')
  })

  test('removing every document keeps the collection', async () => {
    await t.db.collection('fresh').where({ v: 1 }).remove()
    expect((await t.db.collection('fresh').count()).total).toBe(0)
    expect((await t.db.collection('fresh').get()).data).toEqual([])
  })

  test('listCollections reports created collections with their counts', async () => {
    await t.db.collection('Fresh').add({ data: { _id: 'F1' } })
    const list = t.emulator.database.listCollections()
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'Fresh', count: 1 },
        { name: 'fresh', count: 0 },
        { name: 'ghost2', count: 0 },
      ]),
    )
    expect(list.map((c: Any) => c.name)).not.toContain('ghost')
  })
})
