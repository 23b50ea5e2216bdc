/**
 * Daily limits on ordering, so a freshly registered WeChat account cannot flood a community's
 * staff: how many demands a person may create a day and how many photos they may upload with
 * them. A community may set its own numbers on its document (`limits`); these are the
 * defaults. A grid worker ordering for residents (代办) counts separately, with more room.
 */

export interface DailyLimits {
  demands: number
  photos: number
}

/** Which count a create goes to: the caller's own orders, or orders for residents. */
export type QuotaBucket = 'own' | 'onBehalf'

export const DefaultDailyLimits: Record<QuotaBucket, DailyLimits> = {
  own: { demands: 10, photos: 30 },
  onBehalf: { demands: 50, photos: 150 },
}

/** A community's settings, as stored on its document (every field optional). */
export interface CommunityPrivacySettings {
  limits?: {
    demandsPerDay?: number
    photosPerDay?: number
    onBehalfDemandsPerDay?: number
    onBehalfPhotosPerDay?: number
  }
  /** Days after a demand ends before its contact details are erased. */
  retentionDays?: number
}

const count = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback

/** The limits that apply in `community` (a missing or malformed setting falls back to the default). */
export function dailyLimitsOf(community: CommunityPrivacySettings | undefined, bucket: QuotaBucket): DailyLimits {
  const set = community?.limits ?? {}
  const fallback = DefaultDailyLimits[bucket]
  return bucket === 'own'
    ? { demands: count(set.demandsPerDay, fallback.demands), photos: count(set.photosPerDay, fallback.photos) }
    : { demands: count(set.onBehalfDemandsPerDay, fallback.demands), photos: count(set.onBehalfPhotosPerDay, fallback.photos) }
}

/** What one day's counter holds for a bucket. */
export interface DailyUse {
  demands: number
  photos: number
}

export type QuotaVerdict = { allowed: true; next: DailyUse } | { allowed: false; message: string }

export const DEMANDS_LIMITED = '今天提交次数已达上限，请明天再试'
export const PHOTOS_LIMITED = '今天上传的照片已达上限，请减少照片或明天再试'

/** May `adding` be used on top of `used` under `limits`? Answers the new counts if so. */
export function decideQuota(used: DailyUse | undefined, adding: DailyUse, limits: DailyLimits): QuotaVerdict {
  const now = { demands: used?.demands ?? 0, photos: used?.photos ?? 0 }
  const next = { demands: now.demands + adding.demands, photos: now.photos + adding.photos }
  if (next.demands > limits.demands) return { allowed: false, message: DEMANDS_LIMITED }
  if (next.photos > limits.photos) return { allowed: false, message: PHOTOS_LIMITED }
  return { allowed: true, next }
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000

/** The calendar day in China (UTC+8, no daylight saving) as `YYYYMMDD`: the day a limit counts in. */
export function dayKey(now: number): string {
  const d = new Date(now + CHINA_OFFSET_MS)
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`
}
