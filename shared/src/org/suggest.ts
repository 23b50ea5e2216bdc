/**
 * How `dispatch.suggest` ranks who could take a demand: living in the same grid and a skill
 * (or a unit's resource) that fits the category count for, each task in hand counts against,
 * and whoever declined this demand before comes last. The function reads the facts; the
 * ranking is decided here so the client and tests share one rule.
 */

export const SuggestWeight = { sameGrid: 2, skill: 3, perActiveTask: 1 } as const

/** How many of the best volunteers and units an answer lists; `total` still counts all of them. */
export const SUGGEST_SHOWN = 50

/** A skill or resource fits a category when they share a two-character word (助老 ~ 助老助残). */
export function fitsCategory(offer: string, label: string): boolean {
  if (!offer || !label) return false
  const pairs = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)))
  const labelPairs = pairs(label)
  return [...pairs(offer)].some((p) => labelPairs.has(p))
}

export function volunteerScore(sameGrid: boolean, skillMatches: number, load: number): number {
  return (sameGrid ? SuggestWeight.sameGrid : 0) + (skillMatches > 0 ? SuggestWeight.skill : 0) - load * SuggestWeight.perActiveTask
}

/** Units are only suggested when a resource fits, so the fit always counts. */
export function unitScore(load: number): number {
  return SuggestWeight.skill - load * SuggestWeight.perActiveTask
}

interface Rankable {
  declined: boolean
  score: number
  name: string
  id: string
}

/** Not declined before declined, then higher score, then name (and id, so equal names keep one order). */
export function rankSuggestions<T extends Rankable>(list: readonly T[]): T[] {
  return [...list].sort(
    (a, b) =>
      Number(a.declined) - Number(b.declined) ||
      b.score - a.score ||
      a.name.localeCompare(b.name, 'zh') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
}

/** The best `shown` of `list` and how many there were. */
export function bestSuggestions<T extends Rankable>(list: readonly T[], shown = SUGGEST_SHOWN): { items: T[]; total: number } {
  return { items: rankSuggestions(list).slice(0, shown), total: list.length }
}
