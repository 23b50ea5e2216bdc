/**
 * Daily counters per person: one document per user per day in `daily_quotas`, counted inside
 * the transaction that stores what it counts. A refused or failed store counts nothing; two
 * stores at once conflict on the counter and run again, so neither slips past the limit; a
 * retried create that finds its demand already stored never reaches the counter.
 */
import { AppError, dayKey, decideQuota, type DailyLimits, type DailyUse, type QuotaBucket } from '@honglin/shared'
import { docById, type Db } from './db'

export const QUOTAS = 'daily_quotas'

interface QuotaDoc extends Partial<Record<QuotaBucket, DailyUse>> {
  _id: string
  userId: string
  day: string
  updatedAt: number
}

export interface QuotaUse {
  userId: string
  now: number
  bucket: QuotaBucket
  use: DailyUse
  limits: DailyLimits
}

export const quotaId = (userId: string, day: string) => `${userId}_${day}`

/**
 * Checks `use` against today's limits inside `tx` (throws RATE_LIMITED past them) and answers
 * the write that records it. The caller stages what it counts in between, so neither a refusal
 * nor a retried request that fails on its first write stages anything.
 */
export async function reserveDailyQuota(tx: Db, { userId, now, bucket, use, limits }: QuotaUse): Promise<() => Promise<void>> {
  const day = dayKey(now)
  const id = quotaId(userId, day)
  const current = await docById<QuotaDoc>(tx, QUOTAS, id)
  const verdict = decideQuota(current?.[bucket], use, limits)
  if (!verdict.allowed) throw new AppError('RATE_LIMITED', verdict.message)
  const { _id: _ignored, ...kept } = current ?? ({} as Partial<QuotaDoc>)
  return async () => {
    await tx
      .collection(QUOTAS)
      .doc(id)
      .set({ data: { ...kept, userId, day, [bucket]: verdict.next, updatedAt: now } })
  }
}

/** Counters of days before `day` serve no limit any more (one round trip, for the daily cleanup). */
export async function removeQuotasBefore(db: Db, day: string): Promise<number> {
  const res = await db
    .collection(QUOTAS)
    .where({ day: db.command.lt(day) })
    .remove()
  return res.stats?.removed ?? 0
}
