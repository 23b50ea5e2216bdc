/**
 * How `dispatch.suggest` ranks who could take a demand: living in the same grid and a skill
 * (or a unit's resource) that fits the category count for, each task in hand counts against,
 * and whoever declined this demand before comes last. Nobody is left out for a poor fit:
 * staff may pick anyone the assignee rule allows, the ranking only puts the likely ones first.
 * The function reads the facts; the ranking is decided here so the client and tests share one rule.
 */

export const SuggestWeight = { sameGrid: 2, skill: 3, perActiveTask: 1 } as const

/** How many of the best volunteers and units an answer lists; `total` still counts all of them. */
export const SUGGEST_SHOWN = 50

/**
 * Words a skill or resource may use for a category when it shares none with the label: a
 * power-supply unit offers 电路检修, which a broken street light (路灯损坏) needs.
 */
export const CategoryWords: Readonly<Record<string, readonly string[]>> = {
  elderly_care: ['助老', '陪护', '上门', '照料', '养老'],
  repair: ['维修', '检修', '电路', '电器', '水电', '用电'],
  legal: ['法律', '普法', '调解', '律师'],
  psychological: ['心理', '疏导', '谈心'],
  errand: ['跑腿', '代办', '代购'],
  health: ['义诊', '问诊', '医疗', '健康', '护理'],
  tutoring: ['辅导', '课业', '学习', '教育'],
  study_supplies: ['学习', '课业', '文具', '图书'],
  daily_goods: ['物资', '捐赠', '生活'],
  visit: ['陪伴', '探望', '谈心', '助老'],
  street_light: ['电路', '检修', '照明', '用电', '路灯'],
  rubbish: ['清运', '保洁', '环卫', '垃圾'],
  safety_hazard: ['安全', '隐患', '检修', '消防', '用电'],
  road_damage: ['道路', '市政', '修缮', '施工'],
  noise: ['调解', '噪音', '执法'],
}

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

/** The skills or resources among `offers` that fit the category, by its label or its related words. */
export function fittingOffers(offers: readonly string[], categoryId: string, label: string): string[] {
  const words = CategoryWords[categoryId] ?? []
  return offers.filter((o) => fitsCategory(o, label) || words.some((w) => o.includes(w)))
}

/** A unit serves the whole community: a fitting resource counts for it, each task in hand against. */
export function unitScore(resourceMatches: number, load: number): number {
  return (resourceMatches > 0 ? SuggestWeight.skill : 0) - load * SuggestWeight.perActiveTask
}

/** Whether a candidate's name (or a skill, or a resource) holds the words typed in the search box. */
export function matchesQuery(
  candidate: { name: string; skills?: readonly string[]; resources?: readonly string[] },
  q: string | undefined,
): boolean {
  const words = (q ?? '').trim().toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const hay = [candidate.name, ...(candidate.skills ?? []), ...(candidate.resources ?? [])].join(' ').toLowerCase()
  return words.every((w) => hay.includes(w))
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
