/** What `stats.overview`, `stats.trend` and `stats.hotspots` answer. */
import type { StatsPeriod } from './calendar'
import type { BreakdownFigures, Metrics, StatsScopeType } from './metrics'

export interface StatsScopeRef {
  type: StatsScopeType
  id: string
  /** The grid's, community's or street's name. */
  name: string
}

export interface Overview extends Metrics {
  scope: StatsScopeRef
  from: string
  to: string
  /** Demands overdue at this moment in the scope (not bound to the period). */
  overdueNow: number
  byKind: BreakdownFigures[]
  byCategory: BreakdownFigures[]
  /**
   * The places one level down, side by side and ranked with the minimum-sample rule: the
   * communities of a street, the grids of a community; empty for a grid.
   */
  byPlace: BreakdownFigures[]
  placeType: 'community' | 'grid' | null
  minSample: number
  /** Counter documents read to answer (bounded by the period's cover, never by demands). */
  cellsRead: number
}

export interface TrendPoint {
  key: string
  label: string
  /** First and last day of the period (a first or last point may be cut by from/to: see `partial`). */
  first: string
  last: string
  /** The period reaches outside from..to; its figures are of the whole period. */
  partial: boolean
  received: number
  accepted: number
  closed: number
  rejected: number
  resolutionRate: number | null
  averageStars: number | null
  goodShare: number | null
  responseMedianHours: number | null
  doneMedianHours: number | null
}

export interface Trend {
  scope: StatsScopeRef
  period: Exclude<StatsPeriod, 'year'>
  from: string
  to: string
  points: TrendPoint[]
  cellsRead: number
}

export type HotspotKind = 'surge' | 'address' | 'similar'

export interface Hotspot {
  kind: HotspotKind
  /** What it is about, in Chinese ("3号网格 · 路灯损坏 · 第48周", an address, a title). */
  title: string
  gridId?: string
  /** The community all its demands are in (absent when they span several): a need is of one community. */
  communityId?: string
  category?: string
  /** A surge's week key, a repeated address's month key. */
  periodKey?: string
  /** How many demands. */
  count: number
  /** A surge: the mean of the same cell over the previous weeks. */
  baseline?: number
  /** The demands behind it, newest first (at most HOTSPOT_IDS). */
  demandIds: string[]
}

export interface Hotspots {
  scope: StatsScopeRef
  from: string
  to: string
  items: Hotspot[]
  /** Similar texts were looked for among the newest `scanned` demands of the period; `complete`: that was all of them. */
  similar: { scanned: number; complete: boolean }
}

/** What `stats.heat` answers: received demands by place one level down × category. */
export interface Heat {
  scope: StatsScopeRef
  from: string
  to: string
  /** The communities of a street, the grids of a community; null for a grid (no table). */
  placeType: 'community' | 'grid' | null
  /** Every place below, the busiest first (a quiet one too, with nothing received). */
  places: { key: string; name: string; received: number }[]
  /** The categories received anywhere in the table, the most received first. */
  categories: { key: string; label: string; received: number }[]
  /** Received by place and category; a pair absent is 0. */
  cells: Record<string, Record<string, number>>
  cellsRead: number
}
