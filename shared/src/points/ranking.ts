/**
 * 光荣榜 (rankings) and service-hour certificates: what counts, in which period, who is ranked
 * and how ties share a place. The numbers come from rollups, one per owner × scope × period,
 * that the `points` timer keeps current from the ledger (points) and the demands the awards
 * name (service hours and items); this file decides what one ledger entry adds to which rollups.
 */
import type { LedgerEntry } from './rules'

export const RankingPeriods = ['month', 'year', 'all'] as const
export type RankingPeriod = (typeof RankingPeriods)[number]
export const RankingBys = ['points', 'hours'] as const
export type RankingBy = (typeof RankingBys)[number]
export type RankingScope = 'community' | 'street'

/** A volunteer with fewer closed items in a period is shown their numbers but not ranked. */
export const MIN_ITEMS_TO_RANK = 3

/** Periods are calendar months and years in China (UTC+8), whatever the server's zone. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

/** The key of the period `at` falls in: `2026-11`, `2026`, or `all`. */
export function periodKeyOf(period: RankingPeriod, at: number): string {
  if (period === 'all') return 'all'
  const d = new Date(at + CHINA_OFFSET_MS)
  const year = String(d.getUTCFullYear())
  return period === 'year' ? year : `${year}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

export function periodKeysOf(at: number): string[] {
  return RankingPeriods.map((p) => periodKeyOf(p, at))
}

/** How a period key reads: 2026年11月, 2026年度, 累计. */
export function periodLabel(key: string): string {
  if (key === 'all') return '累计'
  const [year, month] = key.split('-')
  return month ? `${year}年${Number(month)}月` : `${year}年度`
}

export const rollupId = (scopeId: string, periodKey: string, ownerId: string): string => `${scopeId}:${periodKey}:${ownerId}`

export interface HonourRollup {
  _id: string
  scope: RankingScope
  /** The community's or the street's id. */
  scopeId: string
  periodKey: string
  ownerId: string
  points: number
  hours: number
  /** Closed demands the owner was paid for in the period. */
  items: number
  /** Whether the owner has enough items in the period to be ranked (indexed with the sort). */
  ranked: boolean
  updatedAt: number
}

export type RollupCounts = Pick<HonourRollup, 'points' | 'hours' | 'items'>

export const isRanked = (counts: Pick<RollupCounts, 'items'>): boolean => counts.items >= MIN_ITEMS_TO_RANK

/**
 * Whether a ledger entry counts towards the board: awards and corrections of them do; spending
 * points in the mall (and a cancelled redemption's refund) does not lower or raise a standing.
 */
export function countsTowardRanking(entry: Pick<LedgerEntry, 'ownerType' | 'reason'>): boolean {
  if (entry.ownerType !== 'user') return false
  const reason = entry.reason as string
  return reason === 'demand_closed' || reason === 'award' || reason === 'correction'
}

/** Service hours to one decimal, so that sums of tenths do not drift (0.1 + 0.2). */
export const roundHours = (hours: number): number => Math.round(hours * 10) / 10

export interface EntryPlace {
  communityId: string
  streetId: string
}

export interface RollupDelta extends RollupCounts {
  _id: string
  scope: RankingScope
  scopeId: string
  periodKey: string
  ownerId: string
}

/**
 * What a batch of ledger entries adds to which rollups. `placeOf` says where an entry's work
 * was done (its demand's community, else the owner's), `hoursOf` the hours its demand reported;
 * an entry without a place is skipped (its owner left no trace of a community).
 */
export function rollupDeltas(
  entries: readonly Pick<LedgerEntry, '_id' | 'ownerType' | 'ownerId' | 'delta' | 'reason' | 'demandId' | 'createdAt'>[],
  placeOf: (entry: Pick<LedgerEntry, 'ownerId' | 'demandId'>) => EntryPlace | undefined,
  hoursOf: (demandId: string) => number | undefined,
): RollupDelta[] {
  const deltas = new Map<string, RollupDelta>()
  for (const entry of entries) {
    if (!countsTowardRanking(entry)) continue
    const place = placeOf(entry)
    if (!place) continue
    // An award pays for one closed item and brings its hours; a correction changes points only.
    const isAward = entry.reason !== 'correction' && !!entry.demandId
    const hours = isAward ? (hoursOf(entry.demandId!) ?? 0) : 0
    for (const periodKey of periodKeysOf(entry.createdAt)) {
      for (const [scope, scopeId] of [
        ['community', place.communityId],
        ['street', place.streetId],
      ] as const) {
        const _id = rollupId(scopeId, periodKey, entry.ownerId)
        const d = deltas.get(_id) ?? { _id, scope, scopeId, periodKey, ownerId: entry.ownerId, points: 0, hours: 0, items: 0 }
        d.points += entry.delta
        d.hours = roundHours(d.hours + hours)
        d.items += isAward ? 1 : 0
        deltas.set(_id, d)
      }
    }
  }
  return [...deltas.values()]
}

/** A rollup after `delta`: the stored one (if any) plus the delta. */
export function applyDelta(existing: HonourRollup | undefined, delta: RollupDelta, now: number): HonourRollup {
  const points = (existing?.points ?? 0) + delta.points
  const hours = roundHours((existing?.hours ?? 0) + delta.hours)
  const items = (existing?.items ?? 0) + delta.items
  const { _id, scope, scopeId, periodKey, ownerId } = delta
  return { _id, scope, scopeId, periodKey, ownerId, points, hours, items, ranked: isRanked({ items }), updatedAt: now }
}

/**
 * Competition ranking over rows already sorted best first: equal values share a place and the
 * next place skips as many (1, 2, 2, 4). `firstRank` is the place of the first row.
 */
export function assignRanks<T>(rows: readonly T[], value: (row: T) => number, firstRank = 1): (T & { rank: number })[] {
  const ranked: (T & { rank: number })[] = []
  rows.forEach((row, i) => {
    const prev = ranked[i - 1]
    const rank = prev && value(rows[i - 1]!) === value(row) ? prev.rank : firstRank + i
    ranked.push({ ...row, rank })
  })
  return ranked
}

/** A volunteer's place from how many ranked volunteers have strictly more. */
export const rankFromGreater = (greater: number): number => greater + 1

export type HonourNameChoice = 'name' | 'masked'

/** The name a board or a verification shows: the full name only when its owner chose so ("王**" otherwise). */
export function honourName(name: string | undefined, choice: HonourNameChoice | undefined): string {
  const trimmed = (name ?? '').trim()
  if (!trimmed) return '志愿者'
  if (choice === 'name') return trimmed
  return `${trimmed[0]}**`
}

/** A certificate's verification code: three groups of four from an alphabet without 0/O, 1/I. */
export const CERTIFICATE_CODE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/
export const CERTIFICATE_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** A code as people type it: upper case, separators where they belong. */
export function normalizeCertificateCode(input: string): string {
  const chars = input.toUpperCase().replace(/[^A-Z0-9]/g, '')
  return chars.length === 12 ? `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}` : input.trim().toUpperCase()
}

/** Whether a certificate still says what the rollups say (else re-issuing gives a new code). */
export const sameCertifiedCounts = (a: RollupCounts, b: RollupCounts): boolean =>
  a.points === b.points && roundHours(a.hours) === roundHours(b.hours) && a.items === b.items
