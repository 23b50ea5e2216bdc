/**
 * 高频问题, the rules: which cells of grid × category × week stand out from their own
 * baseline, when an address is reported again and again, and how similar titles cluster.
 * The `stats.hotspots` action reads the counters and the bounded lists these rules judge.
 */
import { titleSimilarity } from '../demand/similar'
import type { Counters } from './metrics'

/** A surge: at least this many demands received in the week… */
export const SURGE_MIN = 3
/** …and at least this many times the mean of the same cell over the previous weeks. */
export const SURGE_FACTOR = 2
export const BASELINE_WEEKS = 8
/** An address is repeated when this many demands name it within one calendar month. */
export const REPEAT_MIN = 3
/** Similar titles make a cluster when this many demands share them. */
export const CLUSTER_MIN = 3
/** Two titles belong together from this similarity (Dice of two-character pieces) up. */
export const CLUSTER_SIMILARITY = 0.5
/** Demands of the period read for clustering (the newest). */
export const CLUSTER_SCANNED = 200
/** Demand ids a hotspot carries. */
export const HOTSPOT_IDS = 20
/** Hotspots of each kind answered (the strongest). */
export const HOTSPOTS_PER_KIND = 20

export interface Surge {
  dim: string
  week: string
  count: number
  baseline: number
}

/**
 * The surges among `weeks` (in order): a dimension whose `received` in a week is at least
 * SURGE_MIN and at least SURGE_FACTOR × its mean over the BASELINE_WEEKS weeks before
 * (weeks with no counter count as 0). `cells` maps a week key to its breakdowns; `history`
 * lists the week keys before the first of `weeks`, oldest first.
 */
export function surgesOf(
  weeks: readonly string[],
  history: readonly string[],
  cells: ReadonlyMap<string, Record<string, Counters>>,
  dimPrefix: string,
): Surge[] {
  const all = [...history, ...weeks]
  const received = (week: string | undefined, dim: string) => (week ? (cells.get(week)?.[dim]?.received ?? 0) : 0)
  const out: Surge[] = []
  weeks.forEach((week, i) => {
    const at = history.length + i
    const before = all.slice(Math.max(0, at - BASELINE_WEEKS), at)
    for (const dim of Object.keys(cells.get(week) ?? {})) {
      if (!dim.startsWith(dimPrefix)) continue
      const count = received(week, dim)
      const baseline = before.reduce((sum, w) => sum + received(w, dim), 0) / BASELINE_WEEKS
      if (count >= SURGE_MIN && count >= SURGE_FACTOR * baseline) out.push({ dim, week, count, baseline: Math.round(baseline * 100) / 100 })
    }
  })
  return out.sort((a, b) => b.count - b.baseline - (a.count - a.baseline) || (a.week < b.week ? 1 : -1) || (a.dim < b.dim ? -1 : 1))
}

export interface TitledDemand {
  _id: string
  title: string
  category: string
  createdAt: number
}

/**
 * Similar titles, grouped: newest first, each demand joins the first cluster of its category
 * whose first (newest) title is at least CLUSTER_SIMILARITY alike, or starts its own. Answers
 * the clusters of CLUSTER_MIN or more, the largest first.
 */
export function clustersOf<T extends TitledDemand>(demands: readonly T[]): T[][] {
  const sorted = [...demands].sort((a, b) => b.createdAt - a.createdAt || (a._id < b._id ? -1 : 1))
  const clusters: T[][] = []
  for (const d of sorted) {
    const home = clusters.find((c) => c[0]!.category === d.category && titleSimilarity(c[0]!.title, d.title) >= CLUSTER_SIMILARITY)
    if (home) home.push(d)
    else clusters.push([d])
  }
  return clusters.filter((c) => c.length >= CLUSTER_MIN).sort((a, b) => b.length - a.length || b[0]!.createdAt - a[0]!.createdAt)
}
