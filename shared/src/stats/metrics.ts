/**
 * The dashboard metrics (统计口径): each one's name, Chinese label, written definition, unit
 * and how it is computed from the counters the `stats` timer keeps (contribution.ts says what
 * one demand adds to which counter on which day). The 口径说明 page shows `MetricDefinitions`
 * as written here; the functions compute with `metricsOf`, so the text and the figures are
 * one source.
 *
 * Dates are China dates (UTC+8). A period `from`..`to` includes both days. Every flow counter
 * counts an event on the day it happened, so a demand received in one month and closed in the
 * next counts as received in the first and closed in the second.
 */
import { SELF_ACTING_STAGE, SlaStageLabels, SlaStages } from '../demand/sla'
import type { SlaStage } from '../demand/types'

export const StatsScopes = ['communityId', 'streetId', 'gridId'] as const
export type StatsScopeField = (typeof StatsScopes)[number]
/** The kind of place a set of counters belongs to. */
export type StatsScopeType = 'grid' | 'community' | 'street'

/**
 * Durations are counted in fixed buckets of hours; a bucket holds durations above the bound
 * before it up to and including its own bound (the last one: everything above 720 h). Median
 * and p90 are read from the buckets: the answer is the upper bound of the bucket the quantile
 * falls in (the true value lies between the bucket's lower and upper bound); the last bucket
 * answers its lower bound, 720, as "more than 720".
 */
export const DurationBucketsHours = [1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720] as const
export const DURATION_BUCKETS = DurationBucketsHours.length + 1

/**
 * Rankings side by side (communities of a street, grids of a community) rank a place by a
 * rate only when the rate rests on at least this many demands; smaller samples are shown,
 * marked "样本不足", and not ranked.
 */
export const MIN_SAMPLE = 10

/** Stars that count as satisfied. */
export const GOOD_STARS = 4

/** The counter fields one set of counters holds; all are plain sums. */
export const FlowCounters = [
  'received',
  'accepted',
  'rejected',
  'merged',
  'cancelled',
  'closed',
  'completed',
  'reopened',
  'rated',
  'starsSum',
  'goodRatings',
  'hours',
  'points',
  'cohortBase',
  'cohortResolved',
] as const
export type FlowCounter = (typeof FlowCounters)[number]

/**
 * The counters kept also per kind, category, grid and community (for bars and rankings): all
 * but the volunteers' hours and points, which the dashboards show only as totals.
 */
export const BreakdownCounters: readonly FlowCounter[] = FlowCounters.filter((c) => c !== 'hours' && c !== 'points')

/** The stages judged on time: all but the one the system meets itself (confirmation). */
export const OnTimeStages: readonly SlaStage[] = SlaStages.filter((s) => s !== SELF_ACTING_STAGE)

export const endedField = (stage: SlaStage) => `ended_${stage}`
export const onTimeField = (stage: SlaStage) => `onTime_${stage}`
export const responseBucketField = (i: number) => `rt_${i}`
export const doneBucketField = (i: number) => `dt_${i}`

/** A set of counters: field → sum (absent: 0). */
export type Counters = Record<string, number>

export type MetricUnit = 'count' | 'percent' | 'hours' | 'stars' | 'points'

export interface MetricDefinition {
  name: string
  label: string
  unit: MetricUnit
  /** The written definition (口径), as shown to users. */
  definition: string
  /** How it is computed from the counters (for the record; the code below is the rule). */
  formula: string
}

const def = (name: string, label: string, unit: MetricUnit, definition: string, formula: string): MetricDefinition => ({
  name,
  label,
  unit,
  definition,
  formula,
})

export const MetricDefinitions: readonly MetricDefinition[] = [
  def(
    'received',
    '收到',
    'count',
    '统计期内群众提交的点单数（服务、微心愿、随手拍；含网格员代办），按提交日期计。',
    'Σ received（提交当天 +1）',
  ),
  def('accepted', '受理', 'count', '统计期内被社区受理的点单数，按受理日期计；每件只计一次。', 'Σ accepted（首次受理当天 +1）'),
  def('rejected', '不予受理', 'count', '统计期内被社区不予受理的点单数，按不予受理的日期计。', 'Σ rejected'),
  def(
    'merged',
    '合并',
    'count',
    '统计期内作为重复问题合并到另一件点单的数量，按合并日期计。被合并的点单随主单办理，不再单独计入解决率。',
    'Σ merged',
  ),
  def('cancelled', '取消', 'count', '统计期内群众自行取消的点单数，按取消日期计。', 'Σ cancelled'),
  def('closed', '办结（销号）', 'count', '统计期内销号办结的点单数，按销号当天计（与受理、提交在哪天无关）。', 'Σ closed（销号当天 +1）'),
  def(
    'resolutionRate',
    '解决率',
    'percent',
    '统计期内提交的点单中，截至目前已办结（销号）的比例。分母不含已合并、已取消和不予受理的点单；分母为 0 时不显示。按提交日期归属统计期，因此同一统计期的解决率会随后续办结而上升。',
    'Σ cohortResolved ÷ Σ cohortBase（均计在提交当天）',
  ),
  def(
    'onTimeRate',
    '按时率（分环节）',
    'percent',
    '受理、派单、认领、接单、办理、销号每个环节：统计期内结束的环节中，在时限内结束的比例（无论以受理、退单、取消等何种方式离开该环节）。群众确认环节到期由系统自动确认，不计按时率。时限为点单提交时所在社区的时限设置（紧急和安全隐患用紧急时限）；办理环节以工作人员设定的期限为准，未设定的自接单起按办理时限计；群众退回重办后重新起算，工作人员的期限更晚时以其为准。环节在离开它的那一刻结束，按结束日期计。',
    'Σ onTime_<环节> ÷ Σ ended_<环节>',
  ),
  def(
    'responseHours',
    '响应时长',
    'hours',
    '从提交到受理的时长（小时），计在受理当天；给出中位数和第 90 百分位数。时长按固定区间（1、2、4、8、12、24、48、72、120、168、336、720 小时）计数，结果为所在区间的上限，即真实值不超过该数且大于前一个区间上限；超过 720 小时的显示为"720 以上"。',
    '直方图 rt_0…rt_12 的中位数与 p90（区间上限）',
  ),
  def(
    'doneHours',
    '办结时长',
    'hours',
    '从提交到销号办结的时长（小时），计在销号当天；中位数和第 90 百分位数，区间与精度同响应时长。',
    '直方图 dt_0…dt_12 的中位数与 p90（区间上限）',
  ),
  def(
    'overdueNow',
    '当前逾期',
    'count',
    '查询时此刻处于逾期状态（已过当前环节时限、尚未进入下一环节）的点单数，与统计期无关；数据库按索引计数，不经计数器。',
    'count(demands where overdue 已标记)',
  ),
  def('averageStars', '平均评分', 'stars', '统计期内群众评价的平均星级（1–5 星），按评价日期计；无评价时不显示。', 'Σ starsSum ÷ Σ rated'),
  def('goodShare', '满意率', 'percent', '统计期内评价中 4 星和 5 星所占比例，按评价日期计。', 'Σ goodRatings ÷ Σ rated'),
  def(
    'reopenRate',
    '重办率',
    'percent',
    '统计期内群众以"未解决"退回重新处理的次数，除以同期志愿者（或单位）报告完成的次数。',
    'Σ reopened ÷ Σ completed',
  ),
  def('volunteerHours', '志愿服务时长', 'hours', '统计期内销号办结的点单所记录的服务时长之和，按销号日期计。', 'Σ hours'),
  def(
    'pointsAwarded',
    '发放积分',
    'points',
    '统计期内销号办结的点单给承接志愿者或单位的积分之和，按销号日期计（积分在销号后由系统入账）。',
    'Σ points',
  ),
]

export const MetricLabels: Record<string, string> = Object.fromEntries(MetricDefinitions.map((m) => [m.name, m.label]))

/** a ÷ b, rounded to 4 decimals; null when b is 0. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null)

/** The bucket index of a duration. */
export function bucketOf(ms: number): number {
  const hours = ms / 3_600_000
  const i = DurationBucketsHours.findIndex((bound) => hours <= bound)
  return i === -1 ? DurationBucketsHours.length : i
}

/**
 * The `q` quantile (0 < q ≤ 1) of a bucketed histogram: the upper bound of the bucket holding
 * the ⌈q·n⌉-th smallest duration (the last bucket: 720, meaning "more than"); null when empty.
 */
export function quantileHours(counts: readonly number[], q: number): number | null {
  const n = counts.reduce((a, b) => a + b, 0)
  if (n <= 0) return null
  const rank = Math.max(1, Math.ceil(q * n))
  let seen = 0
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] ?? 0
    if (seen >= rank) return DurationBucketsHours[Math.min(i, DurationBucketsHours.length - 1)]!
  }
  return DurationBucketsHours[DurationBucketsHours.length - 1]!
}

const get = (c: Counters, field: string) => c[field] ?? 0

export function histogram(c: Counters, field: (i: number) => string): number[] {
  return Array.from({ length: DURATION_BUCKETS }, (_, i) => get(c, field(i)))
}

/** Adds `b` into `a` (a fresh object). */
export function addCounters(a: Counters, b: Counters, sign = 1): Counters {
  const out: Counters = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const sum = Math.round(((out[k] ?? 0) + sign * v) * 1000) / 1000
    if (sum === 0) delete out[k]
    else out[k] = sum
  }
  return out
}

export interface DurationFigures {
  /** How many durations were counted. */
  count: number
  median: number | null
  p90: number | null
  /** The median or p90 lies above the last bound (720 h). */
  beyond: boolean
}

function durations(c: Counters, field: (i: number) => string): DurationFigures {
  const h = histogram(c, field)
  const count = h.reduce((a, b) => a + b, 0)
  const median = quantileHours(h, 0.5)
  const p90 = quantileHours(h, 0.9)
  const last = DurationBucketsHours.length
  const beyondAt = (q: number) => count > 0 && h.slice(0, last).reduce((a, b) => a + b, 0) < Math.ceil(q * count)
  return { count, median, p90, beyond: beyondAt(0.9) }
}

export interface StageFigures {
  stage: SlaStage
  label: string
  ended: number
  onTime: number
  rate: number | null
}

export interface Metrics {
  received: number
  accepted: number
  rejected: number
  merged: number
  cancelled: number
  closed: number
  completed: number
  reopened: number
  resolution: { resolved: number; base: number; rate: number | null }
  onTime: StageFigures[]
  responseHours: DurationFigures
  doneHours: DurationFigures
  satisfaction: { rated: number; averageStars: number | null; goodShare: number | null; reopenRate: number | null }
  volunteer: { hours: number; points: number }
}

/** Every metric of one set of counters (summed over the scope and period). */
export function metricsOf(c: Counters): Metrics {
  const rated = get(c, 'rated')
  return {
    received: get(c, 'received'),
    accepted: get(c, 'accepted'),
    rejected: get(c, 'rejected'),
    merged: get(c, 'merged'),
    cancelled: get(c, 'cancelled'),
    closed: get(c, 'closed'),
    completed: get(c, 'completed'),
    reopened: get(c, 'reopened'),
    resolution: {
      resolved: get(c, 'cohortResolved'),
      base: get(c, 'cohortBase'),
      rate: ratio(get(c, 'cohortResolved'), get(c, 'cohortBase')),
    },
    onTime: OnTimeStages.map((stage) => ({
      stage,
      label: SlaStageLabels[stage],
      ended: get(c, endedField(stage)),
      onTime: get(c, onTimeField(stage)),
      rate: ratio(get(c, onTimeField(stage)), get(c, endedField(stage))),
    })),
    responseHours: durations(c, responseBucketField),
    doneHours: durations(c, doneBucketField),
    satisfaction: {
      rated,
      averageStars: rated > 0 ? Math.round((get(c, 'starsSum') / rated) * 100) / 100 : null,
      goodShare: ratio(get(c, 'goodRatings'), rated),
      reopenRate: ratio(get(c, 'reopened'), get(c, 'completed')),
    },
    volunteer: { hours: Math.round(get(c, 'hours') * 10) / 10, points: get(c, 'points') },
  }
}

/** The figures a breakdown row (a kind, a category, a grid, a community) shows. */
export interface BreakdownFigures {
  key: string
  label: string
  received: number
  accepted: number
  closed: number
  resolutionRate: number | null
  averageStars: number | null
  goodShare: number | null
  /** Enough demands behind the resolution rate to rank it (MIN_SAMPLE). */
  sampleOk: boolean
  /** Place among the rows with enough sample, by resolution rate (ties share it); null: not ranked. */
  rank: number | null
}

export function breakdownOf(key: string, label: string, c: Counters): BreakdownFigures {
  const base = get(c, 'cohortBase')
  const rated = get(c, 'rated')
  return {
    key,
    label,
    received: get(c, 'received'),
    accepted: get(c, 'accepted'),
    closed: get(c, 'closed'),
    resolutionRate: ratio(get(c, 'cohortResolved'), base),
    averageStars: rated > 0 ? Math.round((get(c, 'starsSum') / rated) * 100) / 100 : null,
    goodShare: ratio(get(c, 'goodRatings'), rated),
    sampleOk: base >= MIN_SAMPLE,
    rank: null,
  }
}

/**
 * Ranks rows side by side by resolution rate (then satisfaction), only those resting on
 * MIN_SAMPLE demands or more; ties share a place; the unranked follow, by what they received.
 */
export function rankRows(rows: BreakdownFigures[]): BreakdownFigures[] {
  const score = (r: BreakdownFigures) => [r.resolutionRate ?? -1, r.goodShare ?? -1] as const
  const ranked = rows
    .filter((r) => r.sampleOk && r.resolutionRate !== null)
    .sort((a, b) => score(b)[0] - score(a)[0] || score(b)[1] - score(a)[1] || (a.key < b.key ? -1 : 1))
  let place = 0
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1]
    if (!prev || score(prev)[0] !== score(r)[0] || score(prev)[1] !== score(r)[1]) place = i + 1
    r.rank = place
  })
  const rest = rows.filter((r) => !ranked.includes(r)).sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : 1))
  return [...ranked, ...rest.map((r) => ({ ...r, rank: null }))]
}
