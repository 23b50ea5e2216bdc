/** The `stats` function: dashboards (overview, trend, hotspots) and the 台账 reports. */
import { z } from 'zod'
import { dayNumber } from '../stats/calendar'
import { id, page } from './common'
import { cursorField } from './cursor'

// ---------------------------------------------------------------------------------------------
// overview / trend / hotspots
// ---------------------------------------------------------------------------------------------

/** A China date, `2026-11-27`. */
export const statsDay = (label: string) =>
  z
    .string({ required_error: `请选择${label}`, invalid_type_error: `${label}格式不正确` })
    .refine((d) => !Number.isNaN(dayNumber(d)), `${label}格式不正确，应为 2026-01-31`)

/** At most one of the three; none: the caller's own place (community, street or grid). */
export const StatsScope = z.object({ communityId: id.optional(), streetId: id.optional(), gridId: id.optional() })

/** The longest period a view covers, in days. */
export const STATS_MAX_DAYS = { overview: 3 * 366, day: 93, week: 371, month: 3 * 366, hotspots: 93 } as const

/** A place and a period; `rangeIssues` adds the checks of both (one place at most, to ≥ from, the longest period). */
export const StatsRange = StatsScope.extend({ from: statsDay('开始日期'), to: statsDay('结束日期') })
export type StatsRangeInput = z.infer<typeof StatsRange>

export function rangeIssues(v: StatsRangeInput, max: number, ctx: z.RefinementCtx): void {
  const scopes = [v.communityId, v.streetId, v.gridId].filter(Boolean).length
  if (scopes > 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['communityId'], message: '只能选择一个范围：社区、街道或网格' })
  const days = dayNumber(v.to) - dayNumber(v.from) + 1
  if (days < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '结束日期不能早于开始日期' })
  else if (days > max) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: `统计期最长 ${max} 天` })
}

export const StatsOverview = StatsRange.superRefine((v, ctx) => rangeIssues(v, STATS_MAX_DAYS.overview, ctx))

export const StatsTrend = StatsRange.extend({
  period: z.enum(['day', 'week', 'month'], { errorMap: () => ({ message: '请选择按日、按周或按月' }) }).default('day'),
}).superRefine((v, ctx) => rangeIssues(v, STATS_MAX_DAYS[v.period], ctx))

export const StatsHotspots = StatsRange.superRefine((v, ctx) => rangeIssues(v, STATS_MAX_DAYS.hotspots, ctx))

/** The place × category table of a street (its communities) or a community (its grids). */
export const StatsHeat = StatsRange.superRefine((v, ctx) => rangeIssues(v, STATS_MAX_DAYS.overview, ctx))

export const StatsDashboardSchemas = { overview: StatsOverview, trend: StatsTrend, hotspots: StatsHotspots, heat: StatsHeat }

// ---------------------------------------------------------------------------------------------
// 台账, exports and the 双报到 yearly report (ledger, export, exportStatus, annualReport)
// ---------------------------------------------------------------------------------------------

/** Where the next page of a ledger starts: the `next` of the previous answer (creation time and id). */
export const STATS_LEDGER_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/

/** The longest period a ledger or an export covers, in days (as the overview). */
export const LEDGER_MAX_DAYS = STATS_MAX_DAYS.overview

/** The ledger's scope and days: as the overview's, so both count the same demands. */
const LedgerRange = StatsScope.extend({ from: statsDay('开始日期'), to: statsDay('结束日期') })

function ledgerRangeIssues(v: z.infer<typeof LedgerRange>, ctx: z.RefinementCtx): void {
  if ([v.communityId, v.streetId, v.gridId].filter(Boolean).length > 1)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['communityId'], message: '只能选择一个范围：社区、街道或网格' })
  const days = dayNumber(v.to) - dayNumber(v.from) + 1
  if (days < 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '结束日期不能早于开始日期' })
  else if (days > LEDGER_MAX_DAYS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: `统计期最长 ${LEDGER_MAX_DAYS} 天` })
}

export const StatsLedger = LedgerRange.extend({ cursor: cursorField(STATS_LEDGER_CURSOR).optional(), page }).superRefine(ledgerRangeIssues)

export const ExportSheets = ['ledger', 'overview'] as const
export type ExportSheet = (typeof ExportSheets)[number]

export const StatsExport = LedgerRange.extend({
  sheet: z.enum(ExportSheets, { errorMap: () => ({ message: '请选择导出台账或统计表' }) }),
}).superRefine(ledgerRangeIssues)

export const StatsExportStatus = z.object({ jobId: id })

/** A ledger export of at most this many rows (and every figures sheet) is made within the call. */
export const EXPORT_INLINE_ROWS = 2_000

export const StatsAnnualReport = z.object({
  year: z
    .number({ required_error: '请选择年份', invalid_type_error: '请选择年份' })
    .int('请选择年份')
    .min(2020, '年份不正确')
    .max(2100, '年份不正确'),
  /** One member's letter; absent: every in-service member of the community. */
  userId: id.optional(),
  /** Street staff and admins name the community of a bulk report; community staff need not. */
  communityId: id.optional(),
})

export const StatsReportSchemas = {
  ledger: StatsLedger,
  export: StatsExport,
  exportStatus: StatsExportStatus,
  annualReport: StatsAnnualReport,
}

/** What the 台账 and report actions answer (Results.stats). */
export interface StatsReportResults {
  /** `next`: pass as `cursor` for the following page (absent on the last page). */
  ledger: {
    scope: { kind: 'community' | 'street' | 'grid'; id: string; name: string }
    from: string
    to: string
    items: import('../stats/ledger').LedgerRow[]
    hasMore: boolean
    next?: string
  }
  /**
   * A small export (the figures, or a ledger of at most EXPORT_INLINE_ROWS rows) is usually made within
   * the call and answered `done` with its file and link; a larger one is made by the timer
   * within a minute or a few: poll `exportStatus` with `jobId`.
   */
  export: StatsReportResults['exportStatus']
  exportStatus: {
    jobId: string
    sheet: ExportSheet
    state: ExportJobState
    scope: { kind: 'community' | 'street' | 'grid'; id: string; name: string }
    from: string
    to: string
    /** Ledger rows read so far (the whole ledger once done). */
    rows: number
    error?: string
    /** Once `done`: the file and a link valid until `expiresAt` (an hour). */
    fileID?: string
    fileName?: string
    tempFileURL?: string
    expiresAt?: number
  }
  annualReport: {
    year: number
    community: { id: string; name: string }
    members: import('../stats/annual').MemberYear[]
    outstanding: number
    fileID: string
    fileName: string
    tempFileURL: string
    expiresAt: number
  }
}

export type ExportJobState = 'queued' | 'running' | 'done' | 'failed'
