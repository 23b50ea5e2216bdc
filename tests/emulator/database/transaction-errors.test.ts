/**
 * The codes and messages of transaction errors, word for word as the real service answers them.
 *
 * Source: the database test suite of TencentCloudBase's own node-sdk, run against the real
 * service ("事务提交后, 不能进行其它操作": a write through a committed transaction rejects with
 * `{ code: 'DATABASE_TRANSACTION_FAIL', message: '[ResourceUnavailable.TransactionNotExist]
 * Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. …' }`;
 * "读偏": a write to a document changed after the snapshot rejects with
 * `{ code: 'DATABASE_TRANSACTION_CONFLICT', message: '[ResourceUnavailable.TransactionConflict]
 * Transaction is conflict, maybe resource operated by others. …' }`). wx-server-sdk 4.0.2 knows
 * neither code, so it reports both as -501001 "resource system error." followed by the message.
 */
import { useEmulator } from '../../helpers/emulator'
import { rejection, type Any } from './support'

/** What wx-server-sdk makes of the service's `{ code, message }` for a code it has no number for. */
function expectServiceError(error: Any, api: string, message: string): void {
  expect(error.errCode).toBe(-501001)
  expect(error.errMsg).toBe(`${api}:fail -501001 resource system error. ${message}`)
}

const NOT_EXIST =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
const CONFLICT =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

const t = useEmulator({ collections: ['tx'] })

beforeAll(async () => {
  for (const _id of ['a', 'b', 'c', 'd']) await t.db.collection('tx').add({ data: { _id, v: 0 } })
})

afterEach(() => t.emulator.clock.reset())

test('a write through a committed transaction: DATABASE_TRANSACTION_FAIL with the real message', async () => {
  const tx = await t.db.startTransaction()
  await tx.commit()
  const error: Any = await rejection(
    tx
      .collection('tx')
      .doc('a')
      .set({ data: { v: 1 } }),
  )
  expectServiceError(error, 'document.set', NOT_EXIST)
})

test('a commit after rollback: DATABASE_TRANSACTION_FAIL with the real message', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('tx').doc('a').get()
  await tx.rollback()
  const error: Any = await rejection(tx.commit())
  // commit() is node-sdk's own call: its error keeps the service's code and message.
  expect(error.code).toBe('DATABASE_TRANSACTION_FAIL')
  expect(error.message).toBe(NOT_EXIST)
})

test('an expired transaction: DATABASE_TRANSACTION_FAIL with the real message', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('tx').doc('b').get()
  t.emulator.clock.advance(31_000)
  const error: Any = await rejection(tx.collection('tx').doc('b').get())
  expectServiceError(error, 'document.get', NOT_EXIST)
})

test('a write to a document changed after the snapshot: DATABASE_TRANSACTION_CONFLICT with the real message', async () => {
  const tx = await t.db.startTransaction()
  await tx.collection('tx').doc('c').get()
  await t.db
    .collection('tx')
    .doc('c')
    .set({ data: { v: 'outside' } })
  const error: Any = await rejection(
    tx
      .collection('tx')
      .doc('c')
      .update({ data: { v: 'inside' } }),
  )
  expectServiceError(error, 'document.update', CONFLICT)
  expect((await t.db.collection('tx').doc('c').get()).data).toEqual({ _id: 'c', v: 'outside' })
})

test('a write to a document another open transaction wrote: DATABASE_TRANSACTION_CONFLICT with the real message', async () => {
  const first = await t.db.startTransaction()
  const second = await t.db.startTransaction()
  await first.collection('tx').doc('d').get()
  await second.collection('tx').doc('d').get()
  await second
    .collection('tx')
    .doc('d')
    .update({ data: { v: 2 } })
  const error: Any = await rejection(
    first
      .collection('tx')
      .doc('d')
      .update({ data: { v: 1 } }),
  )
  expectServiceError(error, 'document.update', CONFLICT)
  await second.commit()
  expect((await t.db.collection('tx').doc('d').get()).data).toEqual({ _id: 'd', v: 2 })
})
