/**
 * `stats` (统计与台账): the dashboards' figures, read from counters the timer keeps (count.ts), never
 * from the demands per view, and the 台账 with its exports and the 双报到 yearly report.
 * - `overview` ({ communityId? | streetId? | gridId?, from, to }) → every metric, by kind,
 *   category and the places below, and the demands overdue now;
 * - `trend` ({ scope…, period, from, to }) → one point per day, week or month;
 * - `hotspots` ({ scope…, from, to }) → 高频问题 with the demands behind each;
 * - `heat` ({ scope…, from, to }) → received by place below × category (the heat table);
 * - `ledger` ({ scope…, from, to, cursor?, page }) → 台账 rows, newest first, by key;
 * - `export` ({ scope…, from, to, sheet: 'ledger' | 'overview' }) → the .xlsx `{ fileID, tempFileURL }` when small, made
 *   within the call; a larger one `{ jobId, state }`, made by the timer in the background;
 * - `exportStatus` ({ jobId }) → `{ state, rows, fileID?, tempFileURL? }`;
 * - `annualReport` ({ year, userId?, communityId? }) → yearly figures and evaluation, with the letters (.docx).
 * The timer trigger (one per function) counts the demands changed since the last run into the
 * counters, then moves queued exports on (export-run.ts).
 */
import { defineFunction } from '../_runtime/function'
import { annualReport } from './annual-report'
import { exportSheet } from './export'
import { withExportTimer } from './export-run'
import { exportStatus } from './export-status'
import { heat } from './heat'
import { hotspots } from './hotspots'
import { ledger } from './ledger'
import { overview } from './overview'
import { withCountTimer } from './timer'
import { trend } from './trend'

export const main = withExportTimer(
  withCountTimer(defineFunction('stats', { overview, trend, hotspots, heat, ledger, export: exportSheet, exportStatus, annualReport })),
)
