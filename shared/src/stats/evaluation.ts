/**
 * The community's yearly evaluation of an in-service party member (在职党员, registered through
 * 双报到 with a work unit), sent back to the work unit. Written down so staff and members can
 * read why a year earned what it did:
 *
 * - 优秀 (outstanding, with a 喜报): at least 24 service hours and 6 closed items in the year,
 *   at least 3 of them rated, an average of at least 4.5 stars, and no rating of 2 stars or less;
 * - 合格 (qualified): at least 8 hours and 2 closed items, and, when any item was rated, an
 *   average of at least 3.5 stars;
 * - 待提升 (to improve): anything less.
 *
 * Hours and items count closed demands the member was the assignee of, dated by their close.
 */
export const EvaluationLevels = ['outstanding', 'qualified', 'improve'] as const
export type EvaluationLevel = (typeof EvaluationLevels)[number]

export const EvaluationLabels: Record<EvaluationLevel, string> = { outstanding: '优秀', qualified: '合格', improve: '待提升' }

export const EVALUATION_RULE = {
  outstanding: { hours: 24, items: 6, rated: 3, averageStars: 4.5, lowestStars: 3 },
  qualified: { hours: 8, items: 2, averageStars: 3.5 },
} as const

export interface YearFigures {
  hours: number
  items: number
  /** Stars of each rated item. */
  stars: readonly number[]
}

export interface Evaluation {
  level: EvaluationLevel
  label: string
  /** Why the level is not the next one up (empty for 优秀), in Chinese. */
  short: string[]
}

export const averageStars = (stars: readonly number[]): number | null =>
  stars.length === 0 ? null : Math.round((stars.reduce((a, b) => a + b, 0) / stars.length) * 10) / 10

export function evaluate(figures: YearFigures): Evaluation {
  const avg = averageStars(figures.stars)
  const o = EVALUATION_RULE.outstanding
  const q = EVALUATION_RULE.qualified
  const missing = (rule: { hours: number; items: number; averageStars: number }, rated?: number, lowest?: number): string[] => {
    const out: string[] = []
    if (figures.hours < rule.hours) out.push(`服务时长不足 ${rule.hours} 小时`)
    if (figures.items < rule.items) out.push(`办结服务不足 ${rule.items} 项`)
    if (rated !== undefined && figures.stars.length < rated) out.push(`获得评价不足 ${rated} 次`)
    if (avg !== null && avg < rule.averageStars) out.push(`平均评价低于 ${rule.averageStars} 星`)
    if (lowest !== undefined && figures.stars.some((s) => s < lowest)) out.push(`有 ${lowest - 1} 星及以下的评价`)
    return out
  }
  const notOutstanding = missing(o, o.rated, o.lowestStars)
  if (notOutstanding.length === 0) return { level: 'outstanding', label: EvaluationLabels.outstanding, short: [] }
  const notQualified = missing(q)
  if (notQualified.length === 0) return { level: 'qualified', label: EvaluationLabels.qualified, short: notOutstanding }
  return { level: 'improve', label: EvaluationLabels.improve, short: notQualified }
}
