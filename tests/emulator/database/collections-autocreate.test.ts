/**
 * The emulator's `autoCreateCollections` flag: a write that stores a document (`add()`,
 * `doc().set()`) creates a missing collection first; everything else on a missing collection
 * fails with DATABASE_COLLECTION_NOT_EXIST exactly as in the cloud (see collections.test.ts), so
 * code that detects its first run by catching that error on a read still initialises. A separate
 * file because wx-server-sdk keeps the service URL of its first `init()` for the whole module
 * instance, so one emulator per file.
 */
import { useEmulator } from '../../helpers/emulator'
import { ids, rejection, type Any } from './support'

describe('autoCreateCollections', () => {
  const t = useEmulator({ autoCreateCollections: true })

  const reads: Array<[string, (db: Any) => Promise<unknown>]> = [
    ['get', (db) => db.collection('auto1').get()],
    ['count', (db) => db.collection('auto1').count()],
    ['doc().get', (db) => db.collection('auto1').doc('x').get()],
    ['aggregate', (db) => db.collection('auto1').aggregate().match({ a: 1 }).end()],
    [
      'where().update',
      (db) =>
        db
          .collection('auto1')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
    ],
    ['where().remove', (db) => db.collection('auto1').where({ a: 1 }).remove()],
  ]
  test.each(reads)('%s on a missing collection rejects with DATABASE_COLLECTION_NOT_EXIST and creates nothing', async (_name, op) => {
    const error = await rejection(op(t.db))
    // wx-server-sdk numbers the code (-502005) everywhere except aggregate, which keeps it as text.
    expect(error.errCode === -502005 || error.code === 'DATABASE_COLLECTION_NOT_EXIST').toBe(true)
    expect(error.errMsg).toContain('[ResourceNotFound.CollectionNotExist] Db or Table not exist: auto1')
    expect(t.emulator.database.listCollections().map((c) => c.name)).not.toContain('auto1')
  })

  test('first-run code that catches DATABASE_COLLECTION_NOT_EXIST on a read initialises', async () => {
    const settings = t.db.collection('settings')
    let initialised = false
    try {
      await settings.doc('main').get()
    } catch (error) {
      if ((error as Any).errCode !== -502005) throw error
      await settings.add({ data: { _id: 'main', version: 1 } })
      initialised = true
    }
    expect(initialised).toBe(true)
    expect((await settings.doc('main').get()).data).toEqual({ _id: 'main', version: 1 })
  })

  test('add() on a missing collection creates it', async () => {
    await t.db.collection('auto3').add({ data: { _id: 'a', v: 1 } })
    await t.db.collection('auto3').add({ data: { _id: 'b', v: 2 } })
    expect(ids((await t.db.collection('auto3').orderBy('v', 'asc').get()).data)).toEqual(['a', 'b'])
    expect(t.emulator.database.listCollections()).toEqual(expect.arrayContaining([{ name: 'auto3', count: 2 }]))
  })

  test('set() on a missing collection creates it', async () => {
    const res = await t.db
      .collection('auto4')
      .doc('s')
      .set({ data: { v: 1 } })
    expect(res.stats).toEqual({ updated: 0, created: 1 })
    expect((await t.db.collection('auto4').doc('s').get()).data).toEqual({ _id: 's', v: 1 })
  })

  test('add() inside a transaction creates the collection too', async () => {
    await t.db.runTransaction(async (tx: Any) => {
      await tx.collection('auto5').add({ data: { _id: 't', v: 1 } })
    })
    expect((await t.db.collection('auto5').doc('t').get()).data).toEqual({ _id: 't', v: 1 })
  })

  test('createCollection still fails for a collection that holds documents', async () => {
    const error = await rejection(t.db.createCollection('auto3'))
    expect(error.code).toBe('DATABASE_COLLECTION_ALREADY_EXIST')
  })
})
