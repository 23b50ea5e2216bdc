/**
 * The dashboard figures as a workbook (`export` with `sheet: 'overview'`): the overview of the
 * scope and days as `stats.overview` answers it, one row per metric with its written
 * definition, and the places one level down side by side, each sheet in the official layout.
 */
import {
  OVERVIEW_COLUMNS,
  overviewRows,
  PLACE_COLUMNS,
  placeRows,
  sheetTitle,
  signatureLines,
  widerOf,
  type Overview,
} from '@honglin/shared'
import type cloudModule from 'wx-server-sdk'
import type { Db } from '../_runtime/db'
import type { ExportJob } from './export-jobs'
import { officialWorkbook } from './export-xlsx'
import { overviewFor } from './export-overview-source'

interface Env {
  db: Db
  cloud: typeof cloudModule
  now: number
}

export async function exportOverviewSheet(env: Env, job: ExportJob, path: string): Promise<void> {
  const overview: Overview = await overviewFor(env, job)
  const workbook = officialWorkbook(path)
  const rows = overviewRows(overview)
  const figures = workbook.sheet({
    sheetName: '统计表',
    title: sheetTitle(job.scope.name, '服务工作统计表', job.from, job.to),
    columns: OVERVIEW_COLUMNS,
    widths: widerOf([], rows),
    signature: signatureLines(job.scope.name, env.now),
  })
  for (const row of rows) figures.row(row)
  figures.done()
  if (overview.byPlace.length > 0) {
    const places = placeRows(overview.byPlace, overview.minSample)
    const what = overview.placeType === 'community' ? '各社区' : '各网格'
    const side = workbook.sheet({
      sheetName: what,
      title: sheetTitle(job.scope.name, `${what}情况对比`, job.from, job.to),
      columns: PLACE_COLUMNS,
      widths: widerOf([], places),
      signature: signatureLines(job.scope.name, env.now),
    })
    for (const row of places) side.row(row)
    side.done()
  }
  await workbook.finish()
}
