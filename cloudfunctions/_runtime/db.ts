/**
 * Typed access to Honglin's collections: one place that knows collection names and the
 * conditional-write pattern state changes rely on.
 */
import type cloudModule from 'wx-server-sdk'
import { AppError, type Demand } from '@honglin/shared'
import { isDocumentNotFound } from './errors'

export const Collections = {
  users: 'users',
  demands: 'demands',
  ledger: 'points_ledger',
  notifications: 'notifications',
  streets: 'streets',
  communities: 'communities',
  grids: 'grids',
  units: 'units',
  committee: 'committee_members',
} as const

// The SDK's database types are loose; these aliases keep call sites readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = any

export function createDb(cloud: typeof cloudModule): Db {
  return cloud.database()
}

export async function getDoc<T>(db: Db, collection: string, id: string): Promise<T | undefined> {
  const res = await db.collection(collection).where({ _id: id }).limit(1).get()
  return res.data[0] as T | undefined
}

/**
 * A document by id as `db` sees it (a transaction's snapshot, or the database), or undefined:
 * `doc(id).get()` of a missing document rejects, inside a transaction as outside.
 */
export async function docById<T>(db: Db, collection: string, id: string): Promise<T | undefined> {
  try {
    const res = await db.collection(collection).doc(id).get()
    return (res.data ?? undefined) as T | undefined
  } catch (error) {
    if (isDocumentNotFound(error)) return undefined
    throw error
  }
}

export async function getDemand(db: Db, id: string): Promise<Demand> {
  const demand = await getDoc<Demand>(db, Collections.demands, id)
  if (!demand) throw new AppError('NOT_FOUND', '找不到该点单')
  return demand
}

/**
 * Writes `patch` to `demand` only if nobody changed it since it was read (its `version`),
 * in one round trip. Two staff acting at once, or a hundred volunteers claiming one task:
 * exactly one write lands, the others get `lost` and change nothing.
 */
export async function writeDemandIfUnchanged(db: Db, demand: Demand, patch: Record<string, unknown>): Promise<'written' | 'lost'> {
  const _ = db.command
  const res = await db
    .collection(Collections.demands)
    // The status too, so the condition reads as the rule it enforces ("still open", "still
    // submitted"), not only as a version number.
    .where({ _id: demand._id, version: demand.version, status: demand.status })
    .update({ data: { ...patch, version: _.inc(1) } })
  return res.stats.updated === 1 ? 'written' : 'lost'
}
