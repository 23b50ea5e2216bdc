/** How the stats figures read: units in Chinese, rates as percentages, empty figures as a dash. */
import type { DurationFigures, MetricUnit } from '@honglin/shared'

export const UNIT_TEXT: Record<MetricUnit, string> = { count: '件', percent: '%', hours: '小时', stars: '星', points: '分' }

export const NONE = '—'

/** 0.8571 → "85.7". */
export const percent = (rate: number | null): string => (rate === null ? NONE : String(Math.round(rate * 1000) / 10))

export const num = (value: number | null): string => (value === null ? NONE : String(value))

/** A bucketed duration: "≤ 24", or "720 以上" past the last bucket. */
export function hours(value: number | null, beyond = false): string {
  if (value === null) return NONE
  return beyond && value >= 720 ? '720 以上' : `≤ ${value}`
}

export const durationNote = (d: DurationFigures): string => (d.count ? `p90 ${hours(d.p90, d.beyond)} 小时 · ${d.count} 件` : '本期没有')

/** A rate with its sign: "85.7%", or a dash alone. */
export const percentText = (rate: number | null): string => (rate === null ? NONE : `${percent(rate)}%`)
