/**
 * The emulator's `autoCreateCollections` flag: queries on unknown collections answer as if the
 * collection existed and writes create it. (The real service does not do this; see
 * collections.test.ts for the strict default.) A separate file because wx-server-sdk keeps the
 * service URL of its first `init()` for the whole module instance, so one emulator per file.
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, rejection } from './support'

describe('autoCreateCollections', () => {
  const t = useEmulator({ autoCreateCollections: true })

  test('get() and count() on an unknown collection answer empty results', async () => {
    expect((await t.db.collection('auto1').get()).data).toEqual([])
    expect((await t.db.collection('auto1').count()).total).toBe(0)
  })

  test('doc().get() on an unknown collection rejects as a missing document', async () => {
    const error = await rejection(t.db.collection('auto2').doc('x').get())
    expect(error.errCode).toBe(-1)
    expect(error.errMsg).toBe('document.get:fail document with _id x does not exist')
  })

  test('add() on an unknown collection creates it', async () => {
    await t.db.collection('auto3').add({ data: { _id: 'a', v: 1 } })
    await t.db.collection('auto3').add({ data: { _id: 'b', v: 2 } })
    expect(ids((await t.db.collection('auto3').orderBy('v', 'asc').get()).data)).toEqual(['a', 'b'])
    expect(t.emulator.database.listCollections()).toEqual(expect.arrayContaining([{ name: 'auto3', count: 2 }]))
  })

  test('set() on an unknown collection creates it', async () => {
    const res = await t.db
      .collection('auto4')
      .doc('s')
      .set({ data: { v: 1 } })
    expect(res.stats).toEqual({ updated: 0, created: 1 })
    expect((await t.db.collection('auto4').doc('s').get()).data).toEqual({ _id: 's', v: 1 })
  })

  test('update() and remove() on an unknown collection match nothing', async () => {
    expect(
      (
        await t.db
          .collection('auto5')
          .where({ a: 1 })
          .update({ data: { a: 2 } })
      ).stats,
    ).toEqual({ updated: 0 })
    expect((await t.db.collection('auto5').where({ a: 1 }).remove()).stats).toEqual({ removed: 0 })
  })

  test('aggregate on an unknown collection answers an empty list', async () => {
    const res = await t.db.collection('auto6').aggregate().match({ a: 1 }).end()
    expect(res.list).toEqual([])
  })

  test('createCollection still fails for a collection that holds documents', async () => {
    const error = await rejection(t.db.createCollection('auto3'))
    expect(error.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })
})
