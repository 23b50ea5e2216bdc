/**
 * `db.command.jsonSchema` (`$jsonSchema` in a query) through the real SDK.
 *
 * Sources: the CloudBase reference (Command.jsonSchema: "根据 JSON Schema 筛选记录"), and the
 * MongoDB $jsonSchema reference for what each keyword means: draft 4 keywords plus `bsonType`;
 * a keyword constrains only values of its own type (a `minimum` says nothing about a string);
 * `required` and `additionalProperties` look at an object's own fields; `type: "integer"` and
 * unknown keywords are errors, not silently ignored.
 */
import { useEmulator } from '../../helpers/emulator'
import { errorText, ids, rejection, type Any } from './support'

const t = useEmulator({ collections: ['people'] })

const PEOPLE = [
  { _id: 'ann', name: 'Ann', age: 34, role: 'staff', tags: ['a', 'b'], address: { city: '天津', zip: '300000' } },
  { _id: 'bob', name: 'Bob', age: 17, role: 'resident', tags: ['a', 'a'] },
  { _id: 'cy', name: 'Cy', age: '40', role: 'resident', extra: true },
  { _id: 'di', name: 'D', age: 70.5, role: 'volunteer', tags: [] },
  { _id: 'ed', age: 50, role: 'admin', address: { city: 'Beijing' } },
]

beforeAll(async () => {
  for (const data of PEOPLE) await t.db.collection('people').add({ data })
})

async function match(schema: Any): Promise<string[]> {
  const res = await t.db.collection('people').where(t.db.command.jsonSchema(schema)).get()
  return (ids(res.data) as string[]).sort()
}

test('required', async () => {
  expect(await match({ required: ['name', 'tags'] })).toEqual(['ann', 'bob', 'di'])
})

test('properties with bsonType and type', async () => {
  expect(await match({ properties: { age: { bsonType: 'int' } } })).toEqual(['ann', 'bob', 'ed'])
  expect(await match({ properties: { age: { bsonType: ['string', 'double'] } } })).toEqual(['ann', 'bob', 'cy', 'di', 'ed'])
  expect(await match({ properties: { age: { type: 'number' } } })).toEqual(['ann', 'bob', 'di', 'ed'])
  expect(await match({ required: ['address'], properties: { address: { bsonType: 'object' } } })).toEqual(['ann', 'ed'])
})

test('minimum / maximum (with exclusive bounds) only constrain numbers', async () => {
  expect(await match({ properties: { age: { minimum: 18, maximum: 60 } } })).toEqual(['ann', 'cy', 'ed'])
  expect(await match({ properties: { age: { bsonType: 'number', minimum: 50, exclusiveMinimum: true } } })).toEqual(['di'])
})

test('minLength / maxLength count characters', async () => {
  expect(await match({ required: ['name'], properties: { name: { minLength: 2, maxLength: 3 } } })).toEqual(['ann', 'bob', 'cy'])
  expect(await match({ required: ['address'], properties: { address: { properties: { city: { maxLength: 2 } } } } })).toEqual(['ann'])
})

test('enum', async () => {
  expect(await match({ properties: { role: { enum: ['staff', 'admin'] } } })).toEqual(['ann', 'ed'])
})

test('items, minItems and uniqueItems', async () => {
  expect(await match({ required: ['tags'], properties: { tags: { items: { enum: ['a'] } } } })).toEqual(['bob', 'di'])
  expect(await match({ required: ['tags'], properties: { tags: { minItems: 1, uniqueItems: true } } })).toEqual(['ann'])
})

test('additionalProperties: false allows only the named fields', async () => {
  const schema = { additionalProperties: false, properties: { _id: {}, name: {}, age: {}, role: {}, tags: {} } }
  expect(await match(schema)).toEqual(['bob', 'di'])
})

test('anyOf and not', async () => {
  expect(await match({ anyOf: [{ properties: { role: { enum: ['admin'] } } }, { required: ['extra'] }] })).toEqual(['cy', 'ed'])
  expect(await match({ not: { required: ['tags'] } })).toEqual(['cy', 'ed'])
})

test('combines with ordinary conditions', async () => {
  const _ = t.db.command
  const res = await t.db
    .collection('people')
    .where(_.and([{ role: 'resident' }, _.jsonSchema({ properties: { age: { bsonType: 'int' } } })]))
    .get()
  expect(ids(res.data)).toEqual(['bob'])
})

test('type "integer" and unknown keywords are errors', async () => {
  expect(errorText(await rejection(match({ properties: { age: { type: 'integer' } } })))).toContain(
    "type 'integer' is not currently supported",
  )
  expect(errorText(await rejection(match({ propertees: {} })))).toContain('Unknown $jsonSchema keyword: propertees')
})
