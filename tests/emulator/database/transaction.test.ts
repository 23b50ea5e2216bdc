/**
 * Transactions: `db.runTransaction`, `db.startTransaction`, isolation, conflicts, expiry.
 *
 * Sources: Database.runTransaction reference (resolve value = callback's return value; reject
 * value = the thrown exception or the value passed to `transaction.rollback`; retried only on
 * transaction conflicts, default 3 times), Transaction.rollback reference (example: rollback(-100)
 * → `e === -100`), CloudBase docs "Transaction Operations" (docs.cloudbase.net/database/
 * transaction: get/add/delete/update/set in a transaction, ACID), error codes
 * DATABASE_TRANSACTION_CONFLICT / DATABASE_TRANSACTION_FAIL, and the wire-protocol notes
 * (snapshot isolation, snapshot at the first operation, `[ResourceUnavailable.TransactionConflict]`,
 * 30 s lifetime → `[ResourceUnavailable.TransactionNotExist]`, a missing document inside a
 * transaction rejects like outside).
 */
import { useEmulator } from '../../helpers/emulator'
import { errorText, rejection, type Any } from './support'

const t = useEmulator({ collections: ['acc', 'iso', 'cnt', 'exp'] })

async function read(collection: string, id: string): Promise<Any> {
  const res = await t.db.collection(collection).where({ _id: id }).get()
  return res.data[0]
}

beforeAll(async () => {
  await t.db.collection('acc').add({ data: { _id: 'alice', balance: 100 } })
  await t.db.collection('acc').add({ data: { _id: 'bob', balance: 0 } })
})

afterEach(() => t.emulator?.clock.reset())

describe('runTransaction', () => {
  test('commits every write and resolves with the callback value', async () => {
    const _ = t.db.command
    const result = await t.db.runTransaction(async (tx: Any) => {
      const alice = (await tx.collection('acc').doc('alice').get()).data
      await tx
        .collection('acc')
        .doc('alice')
        .update({ data: { balance: _.inc(-30) } })
      await tx
        .collection('acc')
        .doc('bob')
        .update({ data: { balance: _.inc(30) } })
      return { before: alice.balance }
    })
    expect(result).toEqual({ before: 100 })
    expect(await read('acc', 'alice')).toEqual({ _id: 'alice', balance: 70 })
    expect(await read('acc', 'bob')).toEqual({ _id: 'bob', balance: 30 })
  })

  test('add, set and remove inside a transaction are committed together', async () => {
    await t.db.collection('acc').add({ data: { _id: 'tmp', v: 1 } })
    await t.db.runTransaction(async (tx: Any) => {
      const added = await tx.collection('acc').add({ data: { _id: 'carol', balance: 5 } })
      expect(added._id).toBe('carol')
      await tx
        .collection('acc')
        .doc('dave')
        .set({ data: { balance: 7 } })
      await tx.collection('acc').doc('tmp').remove()
    })
    expect(await read('acc', 'carol')).toEqual({ _id: 'carol', balance: 5 })
    expect(await read('acc', 'dave')).toEqual({ _id: 'dave', balance: 7 })
    expect(await read('acc', 'tmp')).toBeUndefined()
  })

  test('rollback(value) writes nothing and the promise rejects with exactly that value', async () => {
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx
          .collection('acc')
          .doc('alice')
          .update({ data: { balance: 0 } })
        await tx.collection('acc').add({ data: { _id: 'ghost', v: 1 } })
        await tx.rollback(-100)
        return 'not this'
      }),
    )
    expect(outcome).toBe(-100)
    expect(await read('acc', 'alice')).toEqual({ _id: 'alice', balance: 70 })
    expect(await read('acc', 'ghost')).toBeUndefined()
  })

  test('rollback with an object reason rejects with that object', async () => {
    const reason = { code: 412, message: 'already enrolled' }
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx
          .collection('acc')
          .doc('bob')
          .update({ data: { balance: 999 } })
        await tx.rollback(reason)
      }),
    )
    expect(outcome).toBe(reason)
    expect(await read('acc', 'bob')).toEqual({ _id: 'bob', balance: 30 })
  })

  test('an exception thrown by the callback rejects with it and writes nothing', async () => {
    const boom = new Error('boom')
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx
          .collection('acc')
          .doc('alice')
          .update({ data: { balance: 1 } })
        throw boom
      }),
    )
    expect(outcome).toBe(boom)
    expect(await read('acc', 'alice')).toEqual({ _id: 'alice', balance: 70 })
  })

  test('doc().get() of a missing document inside a transaction rejects like outside', async () => {
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx.collection('acc').doc('nobody').get()
      }),
    )
    expect(outcome.errCode).toBe(-1)
    expect(outcome.errMsg).toBe('document.get:fail document with _id nobody does not exist')
  })

  test('a transaction on an unknown collection rejects with -502005', async () => {
    const outcome = await rejection(
      t.db.runTransaction(async (tx: Any) => {
        await tx.collection('nope').doc('x').get()
      }),
    )
    expect(outcome.errCode).toBe(-502005)
  })
})

describe('startTransaction (manual)', () => {
  test('commit makes writes visible; before commit they are not', async () => {
    await t.db.collection('iso').add({ data: { _id: 'm1', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('iso')
      .doc('m1')
      .update({ data: { v: 2 } })
    await tx.collection('iso').add({ data: { _id: 'm2', v: 1 } })
    // Read-your-own-writes inside the transaction.
    expect((await tx.collection('iso').doc('m1').get()).data).toEqual({ _id: 'm1', v: 2 })
    // Not visible outside before commit.
    expect(await read('iso', 'm1')).toEqual({ _id: 'm1', v: 1 })
    expect(await read('iso', 'm2')).toBeUndefined()
    await tx.commit()
    expect(await read('iso', 'm1')).toEqual({ _id: 'm1', v: 2 })
    expect(await read('iso', 'm2')).toEqual({ _id: 'm2', v: 1 })
  })

  test('rollback discards every write', async () => {
    await t.db.collection('iso').add({ data: { _id: 'r1', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('iso')
      .doc('r1')
      .update({ data: { v: 2 } })
    await tx
      .collection('iso')
      .doc('r1-new')
      .set({ data: { v: 3 } })
    await tx.collection('iso').doc('r1').remove()
    await tx.rollback()
    expect(await read('iso', 'r1')).toEqual({ _id: 'r1', v: 1 })
    expect(await read('iso', 'r1-new')).toBeUndefined()
  })

  test('an operation after commit fails with TransactionNotExist', async () => {
    await t.db.collection('iso').add({ data: { _id: 'done', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('iso')
      .doc('done')
      .update({ data: { v: 2 } })
    await tx.commit()
    const error = await rejection(
      tx
        .collection('iso')
        .doc('done')
        .update({ data: { v: 3 } }),
    )
    expect(errorText(error)).toContain('TransactionNotExist')
    expect(await read('iso', 'done')).toEqual({ _id: 'done', v: 2 })
  })

  test('commit after rollback fails with DATABASE_TRANSACTION_FAIL / TransactionNotExist', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('iso').doc('done').get()
    await tx.rollback()
    const error = await rejection(tx.commit())
    expect(error.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(errorText(error)).toContain('[ResourceUnavailable.TransactionNotExist]')
  })

  test('doc().get() of a missing document rejects with errCode -1', async () => {
    const tx = await t.db.startTransaction()
    const error = await rejection(tx.collection('iso').doc('absent').get())
    expect(error.errCode).toBe(-1)
    expect(error.errMsg).toBe('document.get:fail document with _id absent does not exist')
    await tx.rollback()
  })
})

describe('snapshot isolation', () => {
  test('reads inside a transaction do not see writes committed outside after its first operation', async () => {
    await t.db.collection('iso').add({ data: { _id: 's1', v: 1 } })
    await t.db.collection('iso').add({ data: { _id: 's2', v: 1 } })
    const tx = await t.db.startTransaction()
    expect((await tx.collection('iso').doc('s1').get()).data).toEqual({ _id: 's1', v: 1 })
    await t.db
      .collection('iso')
      .doc('s1')
      .update({ data: { v: 2 } })
    await t.db
      .collection('iso')
      .doc('s2')
      .update({ data: { v: 2 } })
    await t.db.collection('iso').add({ data: { _id: 's3', v: 1 } })
    // Same document, another document, and a document created after the snapshot.
    expect((await tx.collection('iso').doc('s1').get()).data).toEqual({ _id: 's1', v: 1 })
    expect((await tx.collection('iso').doc('s2').get()).data).toEqual({ _id: 's2', v: 1 })
    expect(errorText(await rejection(tx.collection('iso').doc('s3').get()))).toContain('does not exist')
    await tx.commit()
    expect(await read('iso', 's1')).toEqual({ _id: 's1', v: 2 })
  })

  test('where().get() inside a transaction reads the snapshot too', async () => {
    await t.db.collection('iso').add({ data: { _id: 'q1', grp: 'snap', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx.collection('iso').doc('q1').get()
    await t.db.collection('iso').add({ data: { _id: 'q2', grp: 'snap', v: 1 } })
    const seen = await tx.collection('iso').where({ grp: 'snap' }).get()
    expect(seen.data.map((d: Any) => d._id)).toEqual(['q1'])
    await tx.rollback()
  })
})

describe('write-write conflicts', () => {
  test('startTransaction: of two transactions writing the same document, the second fails with TransactionConflict', async () => {
    await t.db.collection('cnt').add({ data: { _id: 'c1', v: 0 } })
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('cnt').doc('c1').get()
    await b.collection('cnt').doc('c1').get()
    await a
      .collection('cnt')
      .doc('c1')
      .update({ data: { v: 1 } })
    // The conflict may surface on b's write or at b's commit, but it must surface.
    let conflict: Any
    try {
      await b
        .collection('cnt')
        .doc('c1')
        .update({ data: { v: 2 } })
      await a.commit()
      await b.commit()
    } catch (error) {
      conflict = error
    }
    expect(conflict).toBeDefined()
    expect(errorText(conflict)).toContain('TransactionConflict')
    // a wins whether or not its commit already ran.
    try {
      await a.commit()
    } catch {
      // already committed above
    }
    expect(await read('cnt', 'c1')).toEqual({ _id: 'c1', v: 1 })
  })

  test('startTransaction: a commit-time conflict carries code DATABASE_TRANSACTION_CONFLICT', async () => {
    await t.db.collection('cnt').add({ data: { _id: 'c2', v: 0 } })
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('cnt').doc('c2').get()
    await b.collection('cnt').doc('c2').get()
    await a
      .collection('cnt')
      .doc('c2')
      .update({ data: { v: 1 } })
    await a.commit()
    // b's snapshot predates a's commit: writing the same document must conflict.
    const error = await rejection(
      (async () => {
        await b
          .collection('cnt')
          .doc('c2')
          .update({ data: { v: 2 } })
        await b.commit()
      })(),
    )
    expect(errorText(error)).toContain('[ResourceUnavailable.TransactionConflict]')
    if (error.code !== undefined) expect(error.code).toBe('DATABASE_TRANSACTION_CONFLICT')
    expect(await read('cnt', 'c2')).toEqual({ _id: 'c2', v: 1 })
  })

  test('runTransaction: a write conflict never loses an update (retried or reported as TransactionConflict)', async () => {
    await t.db.collection('cnt').add({ data: { _id: 'c3', v: 0 } })
    let attempts = 0
    const settled = await Promise.allSettled(
      [0, 1].map(() =>
        t.db.runTransaction(async (tx: Any) => {
          attempts++
          const cur = (await tx.collection('cnt').doc('c3').get()).data.v
          await new Promise((resolve) => setTimeout(resolve, 50))
          await tx
            .collection('cnt')
            .doc('c3')
            .update({ data: { v: cur + 1 } })
          return cur
        }),
      ),
    )
    const fulfilled = settled.filter((s) => s.status === 'fulfilled')
    const rejected = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected')
    expect(fulfilled.length).toBeGreaterThanOrEqual(1)
    for (const r of rejected) expect(errorText(r.reason)).toContain('TransactionConflict')
    // Consistency: every committed increment is there, nothing else.
    expect(await read('cnt', 'c3')).toEqual({ _id: 'c3', v: fulfilled.length })
    expect(attempts).toBeGreaterThanOrEqual(2)
  })

  test('two runTransactions writing one document: the second writer gets the conflict, no update is lost', async () => {
    // MongoDB (and so CloudBase) reports a write conflict on the write itself. wx-server-sdk's
    // update() wrapper turns that error into errCode -501001 and drops its wire code, so the
    // SDK's runTransaction does not retry it: callers that want a retry must do it themselves.
    await t.db.collection('cnt').add({ data: { _id: 'c4', v: 0 } })
    const outcomes = await Promise.allSettled(
      [0, 1].map(() =>
        t.db.runTransaction(async (tx: Any) => {
          const cur = (await tx.collection('cnt').doc('c4').get()).data.v
          await new Promise((resolve) => setTimeout(resolve, 50))
          await tx
            .collection('cnt')
            .doc('c4')
            .update({ data: { v: cur + 1 } })
          return cur
        }),
      ),
    )
    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled')
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    expect(fulfilled).toHaveLength(1)
    expect(rejected).toHaveLength(1)
    expect(errorText(rejected[0]!.reason)).toContain('TransactionConflict')
    expect(await read('cnt', 'c4')).toEqual({ _id: 'c4', v: 1 })
  })

  test('a write outside a transaction after its snapshot makes its write conflict, not overwrite', async () => {
    await t.db.collection('cnt').add({ data: { _id: 'c5', v: 0 } })
    const tx = await t.db.startTransaction()
    const cur = (await tx.collection('cnt').doc('c5').get()).data.v
    await t.db
      .collection('cnt')
      .doc('c5')
      .update({ data: { v: 10 } })
    const error = await rejection(
      (async () => {
        await tx
          .collection('cnt')
          .doc('c5')
          .update({ data: { v: cur + 1 } })
        await tx.commit()
      })(),
    )
    expect(errorText(error)).toContain('TransactionConflict')
    expect(await read('cnt', 'c5')).toEqual({ _id: 'c5', v: 10 })
  })
})

describe('expiry (30 s lifetime)', () => {
  test('an operation more than 30 s after the start fails with TransactionNotExist', async () => {
    await t.db.collection('exp').add({ data: { _id: 'e1', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx.collection('exp').doc('e1').get()
    t.emulator.clock.advance(31_000)
    const error = await rejection(
      tx
        .collection('exp')
        .doc('e1')
        .update({ data: { v: 2 } }),
    )
    expect(errorText(error)).toContain('[ResourceUnavailable.TransactionNotExist]')
    expect(await read('exp', 'e1')).toEqual({ _id: 'e1', v: 1 })
  })

  test('a commit more than 30 s after the start fails and nothing is written', async () => {
    await t.db.collection('exp').add({ data: { _id: 'e2', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('exp')
      .doc('e2')
      .update({ data: { v: 2 } })
    t.emulator.clock.advance(31_000)
    const error = await rejection(tx.commit())
    expect(error.code).toBe('DATABASE_TRANSACTION_FAIL')
    expect(errorText(error)).toContain('[ResourceUnavailable.TransactionNotExist]')
    expect(await read('exp', 'e2')).toEqual({ _id: 'e2', v: 1 })
  })

  test('a transaction younger than 30 s still works', async () => {
    await t.db.collection('exp').add({ data: { _id: 'e3', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx.collection('exp').doc('e3').get()
    t.emulator.clock.advance(20_000)
    await tx
      .collection('exp')
      .doc('e3')
      .update({ data: { v: 2 } })
    await tx.commit()
    expect(await read('exp', 'e3')).toEqual({ _id: 'e3', v: 2 })
  })

  test('an expired transaction leaves no lock: other writers proceed', async () => {
    await t.db.collection('exp').add({ data: { _id: 'e4', v: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('exp')
      .doc('e4')
      .update({ data: { v: 2 } })
    t.emulator.clock.advance(31_000)
    const res = await t.db.runTransaction(async (other: Any) => {
      await other
        .collection('exp')
        .doc('e4')
        .update({ data: { v: 3 } })
      return 'ok'
    })
    expect(res).toBe('ok')
    expect(await read('exp', 'e4')).toEqual({ _id: 'e4', v: 3 })
  })
})
