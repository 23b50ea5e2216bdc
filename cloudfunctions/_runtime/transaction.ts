/**
 * Running a transaction with retries on write conflicts. wx-server-sdk reports a conflict on
 * the write itself (or at commit) and, with 0 retries asked, does not retry it; the callback
 * runs again on a fresh snapshot, where it sees what the winner wrote (and, typically,
 * answers INVALID_STATE). Retrying at once only meets the same contenders again, so each
 * retry waits a random time under an exponentially growing ceiling ("full jitter"): twenty
 * closes paying one volunteer spread out instead of colliding in lockstep. An AppError
 * thrown inside rolls back and passes through.
 *
 * A conflict ends the transaction on the service, so every later operation of it fails with
 * "transaction does not exist" (DATABASE_TRANSACTION_FAIL). Writes sent together can answer
 * in any order, and whoever awaits the first rejection may hold that error instead of the
 * conflict. Both are handled here once: `allWrites` throws the conflict if any write met one,
 * and `withTransaction` takes a "does not exist" from a transaction far younger than the
 * service's 30 s lifetime for what it is, a transaction the service ended on a conflict, and
 * runs it again.
 */
import { AppError } from '@honglin/shared'
import type { Db } from './db'
import { cloudErrorCode, CloudCodes, isConflict } from './errors'

export { errorText, isConflict, isDuplicateKey } from './errors'

/**
 * Attempts in all; the waits between them add up to at most `maxTotalWaitMs()` (about 9 s),
 * well inside the 20 s timeout of the functions that write in transactions. Twenty closes
 * paying one volunteer at once commit one after another, so the last may wait for nineteen.
 */
export const ATTEMPTS = 16
const BASE_WAIT_MS = 30
const MAX_WAIT_MS = 800

/** The ceiling of the wait before attempt `attempt + 1`. */
const ceilingAfter = (attempt: number) => Math.min(MAX_WAIT_MS, BASE_WAIT_MS * 2 ** (attempt - 1))

export function maxTotalWaitMs(): number {
  let total = 0
  for (let attempt = 1; attempt < ATTEMPTS; attempt++) total += ceilingAfter(attempt)
  return total
}

/**
 * The service keeps a transaction 30 s from its start; one that is gone well before that was
 * ended by the service on a failed write (a conflict), not by age. The margin covers clocks.
 */
const ENDED_EARLY_MS = 25_000

const isGone = (error: unknown): boolean => cloudErrorCode(error) === CloudCodes.transactionGone

/**
 * Awaits writes sent together inside one transaction, all of them, and throws the error that
 * says what happened: a conflict (which `withTransaction` retries) before any other, and any
 * other (a duplicate key) before the "does not exist" the others answer once the service
 * ended the transaction.
 */
export async function allWrites(writes: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(writes)
  const errors = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => s.reason as unknown)
  if (errors.length > 0) throw errors.find(isConflict) ?? errors.find((e) => !isGone(e)) ?? errors[0]
}

export async function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const startedAt = Date.now()
    try {
      // 0: no retries inside the SDK; this loop decides, with backoff.
      return (await db.runTransaction(work, 0)) as T
    } catch (error) {
      if (error instanceof AppError) throw error
      const endedByConflict = isConflict(error) || (isGone(error) && Date.now() - startedAt < ENDED_EARLY_MS)
      if (!endedByConflict) throw error
      if (attempt >= ATTEMPTS) throw new AppError('CONFLICT')
      await sleep(Math.random() * ceilingAfter(attempt))
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
