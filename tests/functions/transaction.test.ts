/**
 * Transactions that send writes together, racing another transaction on the same document:
 * the service ends the loser on the conflict and its other writes answer "transaction does not
 * exist", in whatever order the answers come back. The caller must only ever see the conflict
 * retried (and then its result), never that error.
 */
import { allWrites, withTransaction } from '../../cloudfunctions/_runtime/transaction'
import { isConflict } from '../../cloudfunctions/_runtime/errors'
import { useEmulator } from '../helpers/emulator'

const t = useEmulator({ collections: ['tx_docs'] })

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** `write`'s answer, held back `ms`: as if it came back last over the network. */
function late<T>(write: Promise<T>, ms: number): Promise<T> {
  return write.then(
    async (value) => {
      await sleep(ms)
      return value
    },
    async (error: unknown) => {
      await sleep(ms)
      throw error
    },
  )
}

beforeEach(async () => {
  for (const id of ['x', 'y'])
    await t.db
      .collection('tx_docs')
      .doc(id)
      .set({ data: { n: 0 } })
})

/** Opens a transaction that has written `x` and stays open until `commit()` is called. */
async function holdX(): Promise<{ commit: () => Promise<void> }> {
  const rival = await t.db.startTransaction()
  await rival
    .collection('tx_docs')
    .doc('x')
    .update({ data: { n: t.db.command.inc(100) } })
  return { commit: () => rival.commit() }
}

/**
 * One attempt's writes: `x` (which meets the rival's conflict) answered late, `y` sent after it
 * and so answering "does not exist" first. `send` awaits them as the code under test does.
 */
async function writeBoth(tx: any, send: (writes: Promise<unknown>[]) => Promise<unknown>): Promise<void> {
  const _ = t.db.command
  const x = tx
    .collection('tx_docs')
    .doc('x')
    .update({ data: { n: _.inc(1) } })
  const heldBack = late(x, 80)
  await x.catch(() => undefined)
  const y = tx
    .collection('tx_docs')
    .doc('y')
    .update({ data: { n: _.inc(1) } })
  await send([heldBack, y])
}

async function values(): Promise<number[]> {
  const res = await t.db.collection('tx_docs').orderBy('_id', 'asc').get()
  return res.data.map((d: { n: number }) => d.n)
}

test('a transaction ended by a conflict is run again even when its writes were awaited with Promise.all', async () => {
  const rival = await holdX()
  let attempts = 0
  const result = await withTransaction(t.db, async (tx) => {
    attempts += 1
    if (attempts === 2) await rival.commit()
    await writeBoth(tx, (writes) => Promise.all(writes))
    return 'written'
  })
  expect(result).toBe('written')
  expect(attempts).toBeGreaterThanOrEqual(2)
  expect(await values()).toEqual([101, 1])
})

test('allWrites throws the conflict, not the "does not exist" that answered first', async () => {
  const rival = await holdX()
  let thrown: unknown
  try {
    await t.db.runTransaction((tx: any) => writeBoth(tx, allWrites), 0)
  } catch (error) {
    thrown = error
  }
  await rival.commit()
  expect(isConflict(thrown)).toBe(true)
  expect(await values()).toEqual([100, 0])
})

test('allWrites waits for every write and prefers any other error to "does not exist"', async () => {
  const gone = { errCode: -501001, errMsg: '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server' }
  const duplicate = { errCode: -501001, errMsg: 'E11000 duplicate key error collection: points_ledger' }
  let finished = false
  const slow = sleep(30).then(() => {
    finished = true
  })
  await expect(allWrites([Promise.reject(gone), slow, late(Promise.reject(duplicate), 10)])).rejects.toBe(duplicate)
  expect(finished).toBe(true)
  await expect(allWrites([Promise.reject(gone)])).rejects.toBe(gone)
  await expect(allWrites([Promise.resolve(1), sleep(5)])).resolves.toBeUndefined()
})

test('an error that is no conflict is not run again', async () => {
  let attempts = 0
  await expect(
    withTransaction(t.db, async (tx) => {
      attempts += 1
      await tx
        .collection('tx_docs')
        .doc('x')
        .update({ data: { n: 5 } })
      throw new Error('boom')
    }),
  ).rejects.toThrow('boom')
  expect(attempts).toBe(1)
  expect(await values()).toEqual([0, 0])
})
