/**
 * Counts and candidate sets as MongoDB answers them from an index: a count whose every
 * condition is an equality on an index's leading fields reads no document (COUNT_SCAN), and
 * an aggregate narrowed by equalities reads only what the index pinning most of its fields
 * holds. Answers are compared with the same queries on a collection without indexes.
 */
import { useEmulator } from '../../helpers/emulator'
import { reading as readingIn, type Any } from './support'

const t = useEmulator({
  indexes: {
    ledger: [
      { name: 'owner', keys: { ownerId: 1, createdAt: -1 } },
      { name: 'owner_type', keys: { ownerId: 1, ownerType: 1, createdAt: -1 } },
    ],
    demands: [
      { name: 'by_created', keys: { communityId: 1, createdAt: -1 } },
      { name: 'by_kind', keys: { communityId: 1, kind: 1, createdAt: -1 } },
      { name: 'active', keys: { communityId: 1, status: 1, 'assignee.id': 1 } },
    ],
    tagged: [{ name: 'tags', keys: { communityId: 1, tags: 1 } }],
    late: [{ name: 'tags', keys: { communityId: 1, tags: 1 } }],
  },
})

const reading = (op: () => Promise<Any>) => readingIn(t.emulator.database, op)

const ledger = Array.from({ length: 2000 }, (_, i) => ({
  _id: `e${i}`,
  ownerId: `u${i % 10}`,
  ownerType: i % 4 === 0 ? 'unit' : 'user',
  createdAt: i,
  delta: 1,
}))
const demands = Array.from({ length: 3000 }, (_, i) => ({
  _id: `d${i}`,
  communityId: `c${i % 2}`,
  kind: i % 3 ? 'report' : 'service',
  status: i % 10 === 0 ? 'in_progress' : 'closed',
  createdAt: i,
  ...(i % 10 === 0 ? { assignee: { id: `v${i % 7}` } } : {}),
}))

const tagged = Array.from({ length: 300 }, (_, i) => ({
  _id: `t${i}`,
  communityId: `c${i % 2}`,
  tags: [['a'], ['b'], ['a', 'b'], [], ['a', 'c']][i % 5],
}))

beforeAll(() => {
  for (const name of ['ledger', 'ledger_plain', 'demands', 'demands_plain', 'tagged', 'tagged_plain'])
    t.emulator.database.ensureCollection(name)
  t.emulator.database.insertMany('tagged', tagged)
  t.emulator.database.insertMany('tagged_plain', tagged)
  t.emulator.database.insertMany('ledger', ledger)
  t.emulator.database.insertMany('ledger_plain', ledger)
  t.emulator.database.insertMany('demands', demands)
  t.emulator.database.insertMany('demands_plain', demands)
})

test('a count of equalities on an index prefix reads no document and agrees with a scan', async () => {
  const _ = t.db.command
  for (const where of [{ ownerId: 'u3' }, { ownerId: 'u3', ownerType: 'user' }, { ownerId: _.in(['u1', 'u2']) }]) {
    const indexed = await reading(() => t.db.collection('ledger').where(where).count())
    const plain = await t.db.collection('ledger_plain').where(where).count()
    expect(indexed.result.total).toBe(plain.total)
    expect(indexed.read).toBe(0)
  }
})

test('a count over several values of an array field counts a document holding two of them once', async () => {
  const _ = t.db.command
  for (const where of [
    { communityId: 'c0', tags: _.in(['a', 'b']) },
    { communityId: _.in(['c0', 'c1']), tags: 'a' },
    { communityId: 'c1' },
  ]) {
    const indexed = await reading(() => t.db.collection('tagged').where(where).count())
    const plain = await t.db.collection('tagged_plain').where(where).count()
    expect(indexed.result.total).toBe(plain.total)
    expect(indexed.read).toBe(0)
  }
  // An index with no array yet counts rows; the first document with two of the values makes it multikey.
  t.emulator.database.ensureCollection('late')
  await t.db.collection('late').add({ data: { communityId: 'c0', tags: 'a' } })
  await t.db.collection('late').add({ data: { communityId: 'c0', tags: 'b' } })
  const both = { communityId: 'c0', tags: _.in(['a', 'b']) }
  expect((await t.db.collection('late').where(both).count()).total).toBe(2)
  await t.db.collection('late').add({ data: { communityId: 'c0', tags: ['a', 'b'] } })
  expect((await t.db.collection('late').where(both).count()).total).toBe(3)
  expect((await t.db.collection('late').where({ communityId: 'c0' }).count()).total).toBe(3)
  // 300 documents, a fifth of them (every 5th from 3) with no tag.
  expect(
    (
      await t.db
        .collection('tagged')
        .where({ communityId: _.in(['c0', 'c1']), tags: _.in(['a', 'b', 'c']) })
        .count()
    ).total,
  ).toBe(240)
})

test('a count with any other condition reads documents to decide, and stays right after writes', async () => {
  const _ = t.db.command
  const ranged = await reading(() =>
    t.db
      .collection('ledger')
      .where({ ownerId: 'u3', createdAt: _.gte(1000) })
      .count(),
  )
  expect(ranged.result.total).toBe(
    (
      await t.db
        .collection('ledger_plain')
        .where({ ownerId: 'u3', createdAt: _.gte(1000) })
        .count()
    ).total,
  )
  expect(ranged.read).toBeGreaterThan(0)
  await t.db.collection('ledger').doc('e3').remove()
  await t.db
    .collection('ledger')
    .doc('e13')
    .update({ data: { ownerId: 'u4' } })
  const after = await reading(() => t.db.collection('ledger').where({ ownerId: 'u3' }).count())
  expect(after.result.total).toBe(200 - 2)
  expect(after.read).toBe(0)
})

test('an aggregate narrowed by two equalities reads only what the longest matching prefix holds', async () => {
  const $ = t.db.command.aggregate
  const pipeline = (name: string) =>
    t.db
      .collection(name)
      .aggregate()
      .match({ communityId: 'c0', status: 'in_progress' })
      .group({ _id: '$assignee.id', n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
  const indexed = await reading(() => pipeline('demands'))
  expect(indexed.result.list).toEqual((await pipeline('demands_plain')).list)
  // 150 demands are in progress in c0 (each looked at by the match and by the group); the
  // community holds 1,500, which a lookup by its first field alone would have read.
  expect(indexed.read).toBeLessThanOrEqual(2 * 150)
})
