/**
 * `field()` naming a field and one of its sub-fields.
 *
 * Sources: the CloudBase reference for Collection.field (keys to return or hide, true/false);
 * the service's API matches MongoDB 4.0 (its `geoNear` stage still documents `limit`, removed in
 * MongoDB 4.2). MongoDB before 4.4 accepted such a find projection and returned the whole
 * field (MongoDB DOCS-13322: `find({}, { a: 1, 'a.b': 1 })` gives `{ a: { b: 1, c: 1 } }`);
 * only 4.4 made it a "Path collision" error.
 */
import { useEmulator } from '../../helpers/emulator'

const t = useEmulator({ collections: ['p'] })

beforeAll(async () => {
  await t.db.collection('p').add({ data: { _id: 'x', a: { b: 1, c: 2 }, d: 3, e: { f: 4, g: 5 } } })
})

test('including a field and its sub-field returns the whole field', async () => {
  const res = await t.db.collection('p').field({ a: true, 'a.b': true }).get()
  expect(res.data).toEqual([{ _id: 'x', a: { b: 1, c: 2 } }])
})

test('the same through doc().field()', async () => {
  const res = await t.db.collection('p').doc('x').field({ 'a.b': true, a: true, d: true }).get()
  expect(res.data).toEqual({ _id: 'x', a: { b: 1, c: 2 }, d: 3 })
})

test('excluding a field and its sub-field hides the whole field', async () => {
  const res = await t.db.collection('p').field({ e: false, 'e.f': false }).get()
  expect(res.data).toEqual([{ _id: 'x', a: { b: 1, c: 2 }, d: 3 }])
})

test('a sub-field alone still narrows the field', async () => {
  const res = await t.db.collection('p').field({ 'a.b': true }).get()
  expect(res.data).toEqual([{ _id: 'x', a: { b: 1 } }])
})
