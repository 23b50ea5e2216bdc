/**
 * Running a transaction with retries on write conflicts. wx-server-sdk reports a conflict on
 * the write itself (errCode -501001, "TransactionConflict" in the message) and does not retry
 * it; the callback runs again on a fresh snapshot, where it sees what the winner wrote (and,
 * typically, answers INVALID_STATE). An AppError thrown inside rolls back and passes through.
 */
import { AppError } from '@honglin/shared'
import type { Db } from './db'

const ATTEMPTS = 3

export async function withTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      // 0: no retries inside the SDK; this loop decides.
      return (await db.runTransaction(work, 0)) as T
    } catch (error) {
      if (error instanceof AppError || !isConflict(error)) throw error
      if (attempt >= ATTEMPTS) throw new AppError('CONFLICT')
    }
  }
}

export function isConflict(error: unknown): boolean {
  return errorText(error).includes('TransactionConflict')
}

export function isDuplicateKey(error: unknown): boolean {
  return /duplicate key|DuplicateKey/i.test(errorText(error))
}

export function errorText(error: unknown): string {
  const e = error as { errMsg?: string; message?: string } | undefined
  return String(e?.errMsg ?? e?.message ?? error)
}
