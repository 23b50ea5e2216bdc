/**
 * The dashboard figures as sheet rows: each metric with its value as the dashboard shows it and
 * its written definition (metrics.ts `MetricDefinitions`), and the places one level down side by
 * side with their rank (the minimum-sample rule: a place below MIN_SAMPLE is shown, not ranked).
 */
import type { SheetColumn } from './sheet'
import { MetricDefinitions, type BreakdownFigures, type DurationFigures } from './metrics'
import type { Overview } from './types'

export const OVERVIEW_COLUMNS: readonly SheetColumn[] = [
  { key: 'metric', header: '指标', min: 14, max: 24 },
  { key: 'value', header: '数值', min: 14, max: 40 },
  { key: 'definition', header: '统计口径', min: 40, max: 90 },
]

export const PLACE_COLUMNS: readonly SheetColumn[] = [
  { key: 'rank', header: '排名', min: 6, max: 8 },
  { key: 'place', header: '名称', min: 14, max: 30 },
  { key: 'received', header: '收到', min: 8, max: 10 },
  { key: 'accepted', header: '受理', min: 8, max: 10 },
  { key: 'closed', header: '办结', min: 8, max: 10 },
  { key: 'resolution', header: '解决率', min: 10, max: 12 },
  { key: 'stars', header: '平均评分', min: 10, max: 12 },
  { key: 'good', header: '满意率', min: 10, max: 12 },
  { key: 'note', header: '备注', min: 10, max: 14 },
]

export const percentText = (rate: number | null): string => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`)
const starsText = (stars: number | null): string => (stars === null ? '—' : `${stars.toFixed(2)} 星`)
const hoursText = (h: number | null, beyond = false): string => (h === null ? '—' : beyond ? `${h} 小时以上` : `${h} 小时以内`)
const durationText = (d: DurationFigures): string =>
  d.count === 0 ? '—' : `中位数 ${hoursText(d.median)}；90% ${hoursText(d.p90, d.beyond)}（共 ${d.count} 件）`

const definitionOf = (name: string): string => MetricDefinitions.find((m) => m.name === name)?.definition ?? ''

/** The metric rows: label, value, definition. */
export function overviewRows(o: Overview): string[][] {
  const row = (name: string, label: string, value: string) => [label, value, definitionOf(name)]
  return [
    row('received', '收到', String(o.received)),
    row('accepted', '受理', String(o.accepted)),
    row('rejected', '不予受理', String(o.rejected)),
    row('merged', '合并', String(o.merged)),
    row('cancelled', '取消', String(o.cancelled)),
    row('closed', '办结（销号）', String(o.closed)),
    row('resolutionRate', '解决率', `${percentText(o.resolution.rate)}（${o.resolution.resolved}/${o.resolution.base}）`),
    ...o.onTime.map((s) =>
      row('onTimeRate', `按时率 · ${s.label}`, s.ended === 0 ? '—' : `${percentText(s.rate)}（${s.onTime}/${s.ended}）`),
    ),
    row('responseHours', '响应时长', durationText(o.responseHours)),
    row('doneHours', '办结时长', durationText(o.doneHours)),
    row('overdueNow', '当前逾期', String(o.overdueNow)),
    row('averageStars', '平均评分', starsText(o.satisfaction.averageStars)),
    row('goodShare', '满意率', percentText(o.satisfaction.goodShare)),
    row('reopenRate', '重办率', percentText(o.satisfaction.reopenRate)),
    row('volunteerHours', '志愿服务时长', `${o.volunteer.hours} 小时`),
    row('pointsAwarded', '发放积分', String(o.volunteer.points)),
  ]
}

/** The places side by side (the communities of a street, the grids of a community). */
export function placeRows(rows: readonly BreakdownFigures[], minSample: number): string[][] {
  return rows.map((r) => [
    r.rank === null ? '—' : String(r.rank),
    r.label,
    String(r.received),
    String(r.accepted),
    String(r.closed),
    percentText(r.resolutionRate),
    starsText(r.averageStars),
    percentText(r.goodShare),
    r.sampleOk ? '' : `样本不足 ${minSample} 件`,
  ])
}
