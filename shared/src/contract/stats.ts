// --- 台账, exports and the 双报到 yearly report (ledger, export, exportStatus, annualReport) ---
import { z } from 'zod'
import { id, page, timestamp } from './common'
import { cursorField } from './cursor'

/** Where the next page of a ledger starts: the `next` of the previous answer (creation time and id). */
export const LEDGER_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/

/** Exactly one of a community, a street or a grid, and a period `[from, to)`. */
const reportScope = {
  communityId: id.optional(),
  streetId: id.optional(),
  gridId: id.optional(),
  from: timestamp,
  to: timestamp,
}

type ScopeInput = { communityId?: string; streetId?: string; gridId?: string; from: number; to: number }

function checkScope(value: ScopeInput, ctx: z.RefinementCtx): void {
  const given = [value.communityId, value.streetId, value.gridId].filter((v) => v !== undefined).length
  if (given !== 1) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['communityId'], message: '请选择一个社区、街道或网格' })
  if (value.to <= value.from) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '结束时间应晚于开始时间' })
}

export const StatsLedger = z
  .object({ ...reportScope, cursor: cursorField(LEDGER_CURSOR).optional(), page })
  .superRefine(checkScope)

export const ExportSheets = ['ledger', 'overview'] as const
export type ExportSheet = (typeof ExportSheets)[number]

export const StatsExport = z
  .object({ ...reportScope, sheet: z.enum(ExportSheets, { errorMap: () => ({ message: '请选择导出台账或统计表' }) }) })
  .superRefine(checkScope)

export const StatsExportStatus = z.object({ jobId: id })

export const StatsAnnualReport = z.object({
  year: z.number({ required_error: '请选择年份', invalid_type_error: '请选择年份' }).int('请选择年份').min(2020, '年份不正确').max(2100, '年份不正确'),
  userId: id.optional(),
})

export const StatsReportSchemas = {
  ledger: StatsLedger,
  export: StatsExport,
  exportStatus: StatsExportStatus,
  annualReport: StatsAnnualReport,
}
// --- end of 台账 and reports ---
