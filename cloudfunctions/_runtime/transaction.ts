/**
 * Running a transaction with retries on write conflicts. wx-server-sdk reports a conflict on
 * the write itself (or at commit) and, with 0 retries asked, does not retry it; the callback
 * runs again on a fresh snapshot, where it sees what the winner wrote (and, typically,
 * answers INVALID_STATE). Retrying at once only meets the same contenders again, so each
 * retry waits a random time under an exponentially growing ceiling ("full jitter"): twenty
 * closes paying one volunteer spread out instead of colliding in lockstep. An AppError
 * thrown inside rolls back and passes through.
 */
import { AppError } from '@honglin/shared'
import type { Db } from './db'
import { isConflict } from './errors'

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

export async function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // 0: no retries inside the SDK; this loop decides, with backoff.
      return (await db.runTransaction(work, 0)) as T
    } catch (error) {
      if (error instanceof AppError || !isConflict(error)) throw error
      if (attempt >= ATTEMPTS) throw new AppError('CONFLICT')
      await sleep(Math.random() * ceilingAfter(attempt))
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
