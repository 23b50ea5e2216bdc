/**
 * Scoring criteria and weighted totals. Weights are whole percents summing to 100, so a
 * total reads as "points out of 100" whatever the criteria's maxima: each criterion's score is
 * scaled to its maximum and weighted.
 */
import type { Criterion } from './types'

export const MAX_CRITERIA = 10
export const MAX_CRITERION_POINTS = 100

/** Problems of a criteria list, by path (`2.weight`, `_`), in Chinese; empty when valid. */
export function criteriaErrors(criteria: readonly Criterion[]): Record<string, string> {
  const errors: Record<string, string> = {}
  if (criteria.length === 0) errors._ = '至少设置一项评分标准'
  if (criteria.length > MAX_CRITERIA) errors._ = `评分标准最多 ${MAX_CRITERIA} 项`
  const seen = new Set<string>()
  criteria.forEach((c, i) => {
    if (seen.has(c.name)) errors[`${i}.name`] = '评分标准名称不能重复'
    seen.add(c.name)
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) errors[`${i}.weight`] = '权重应为 1–100 的整数'
    if (!Number.isInteger(c.max) || c.max < 1 || c.max > MAX_CRITERION_POINTS)
      errors[`${i}.max`] = `满分应为 1–${MAX_CRITERION_POINTS} 的整数`
  })
  const sum = criteria.reduce((s, c) => s + c.weight, 0)
  if (criteria.length > 0 && !errors._ && sum !== 100) errors._ = `各项权重之和应为 100（现为 ${sum}）`
  return errors
}

/** Problems of one member's scores against the criteria: every criterion, whole points within 0..max. */
export function scoreErrors(criteria: readonly Criterion[], scores: Record<string, number>): Record<string, string> {
  // Keyed by what was sent: no prototype, so a key such as `__proto__` is an error like any other.
  const errors: Record<string, string> = Object.create(null) as Record<string, string>
  const names = new Set(criteria.map((c) => c.name))
  for (const key of Object.keys(scores)) if (!names.has(key)) errors[key] = '没有这项评分标准'
  for (const c of criteria) {
    const v = scores[c.name]
    if (v === undefined) errors[c.name] = `请为"${c.name}"打分`
    else if (!Number.isFinite(v) || v < 0 || v > c.max) errors[c.name] = `"${c.name}"的分数应在 0–${c.max} 之间`
    else if (Math.round(v * 10) !== v * 10) errors[c.name] = '分数最多保留一位小数'
  }
  return errors
}

/** The weighted total out of 100, to two decimals. */
export function weightedTotal(criteria: readonly Criterion[], scores: Record<string, number>): number {
  const raw = criteria.reduce((sum, c) => sum + ((scores[c.name] ?? 0) / c.max) * c.weight, 0)
  return Math.round(raw * 100) / 100
}
