/**
 * `stats` (统计与台账):
 * - `ledger` ({ communityId? | streetId? | gridId?, from, to, cursor?, page }) → 台账 rows, newest first, by key;
 * - `export` ({ scope…, from, to, sheet: 'ledger' | 'overview' }) → `{ jobId, state }`: the .xlsx is made by the
 *   timer (trigger `exports`, every minute; export-run.ts);
 * - `exportStatus` ({ jobId }) → `{ state, rows, fileID?, tempFileURL? }`;
 * - `annualReport` ({ year, userId? }) → 双报到 yearly figures and evaluation, with the letters (.docx).
 */
import { AppError, contract } from '@honglin/shared'
import { action, defineFunction } from '../_runtime/function'
import { annualReport } from './annual-report'
import { exportSheet } from './export'
import { withExportTimer } from './export-run'
import { exportStatus } from './export-status'
import { ledger } from './ledger'

// The dashboards' actions arrive with their own code; until then they are not offered.
const notYet = (schema: import('zod').ZodTypeAny) => action({ schema, run: async () => Promise.reject(new AppError('UNKNOWN_ACTION')) })

export const main = withExportTimer(
  defineFunction('stats', {
    ledger,
    export: exportSheet,
    exportStatus,
    annualReport,
    overview: notYet(contract.Schemas.stats.overview),
    trend: notYet(contract.Schemas.stats.trend),
    hotspots: notYet(contract.Schemas.stats.hotspots),
  }),
)
