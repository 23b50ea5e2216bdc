/**
 * `stats.export` → the .xlsx, made within the call when small (`{ fileID, tempFileURL }` at
 * once), else a job the `stats` timer makes, `exportStatus` → the link. The workbook is opened
 * with exceljs and read cell by cell against the ledger listing of the same scope and days
 * (title merge, header, widths by display width, print setup, frozen pane, footer, rows,
 * signature). A large export (3,000 demands) is made across several timer runs, one part of at
 * most 999 rows at a time, and nothing of it is left behind in storage; finished jobs go with
 * their file.
 */
import ExcelJS from 'exceljs'
import { columnWidth, displayWidth, LEDGER_COLUMNS, PAGE_FOOTER, type Demand } from '@honglin/shared'
import type { Honglin } from '../helpers/honglin'
import { EXPORT_KEEP_MS } from '../../cloudfunctions/_runtime/data-exports'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { insertUsers } from './support/demands'
import { chinaTime, insertDemands, insertPlace, insertStaff, pageThrough, placedDemand, RL, RL_GRIDS, RL_STAFF } from './support/reports'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const FROM = '2026-11-01'
const TO = '2026-11-30'
const BIG = 'community-rl-big'
const BIG_STAFF = { _id: 'rl-big-staff', openid: 'rl-big-staff', name: '大社区书记' }

beforeAll(() => {
  insertPlace(t)
  insertStaff(t)
  insertPlace(
    t,
    BIG,
    '红邻大社区',
    [1, 2].map((n) => ({ _id: `${BIG}-grid-${n}`, name: `红邻大社区第${n}网格`, communityId: BIG })),
  )
  insertStaff(t, BIG, BIG_STAFF)
  insertUsers(t, [{ _id: 'rl-other', openid: 'rl-other', name: '旁人', grants: [{ role: 'community_staff', communityId: RL }] }])
  const demands: Demand[] = []
  for (let i = 0; i < 57; i += 1) {
    const long = i === 3 ? '，'.concat('需要有人每周上门陪老人说说话，顺便帮忙打扫卫生、买菜做饭'.repeat(3)) : ''
    demands.push(
      placedDemand({
        createdAt: chinaTime('2026-11-02', i * 600),
        gridId: RL_GRIDS[i % 3]!._id,
        extra: long ? { detail: `老人独居${long}` } : {},
      }),
    )
  }
  insertDemands(t, demands)
  // Inserted before any call: a long synchronous insert between calls can outlast the server's keep-alive.
  insertDemands(t, BIG_DEMANDS)
})

const BIG_DEMANDS: Demand[] = Array.from({ length: 3000 }, (_, i) =>
  placedDemand({
    id: `big-${String(i).padStart(5, '0')}`,
    communityId: BIG,
    createdAt: chinaTime('2026-11-03', i),
    gridId: `${BIG}-grid-${(i % 2) + 1}`,
  }),
)

interface ExportRun {
  jobs: number
  pages: number
  rows: number
  done: number
  failed: number
  more: boolean
  removed: number
}

async function fireExports(h: Honglin): Promise<ExportRun> {
  const { result, error } = await h.emulator.functions.fireTimer('stats', 'count')
  if (error || !(result as { ok: boolean }).ok) throw new Error(`stats timer failed: ${error ?? JSON.stringify(result)}`)
  return (result as { data: { exports: ExportRun } }).data.exports
}

async function job(id: string): Promise<any> {
  return (await t.db.collection('export_jobs').where({ _id: id }).get()).data[0]
}

async function workbookAt(url: string): Promise<ExcelJS.Workbook> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()))
  return workbook
}

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : String(v))

test('a small ledger export is made within the call: the file and its link, the workbook in the official layout cell by cell', async () => {
  const params = { communityId: RL, from: FROM, to: TO, sheet: 'ledger' }
  const asked = await t.call('stats', 'export', params, RL_STAFF.openid)
  expect(asked.ok).toBe(true)
  const status = asked.data
  expect(status).toMatchObject({ state: 'done', rows: 57, fileName: '红邻测试社区台账_2026-11-01_2026-11-30.xlsx' })
  expect(status.fileID).toMatch(/^cloud:\/\//)
  expect(status.tempFileURL).toMatch(/^https?:\/\//)
  // The caller, the community, the count, the insert, the claim, the grid names, one page, its
  // progress, the retention record, the finish; storage: the part up and down, the workbook up,
  // the part deleted, the link.
  budget('stats.export (made within the call)', asked.stats, 15)
  // Asked again (a second tap): the same job and file, nothing made twice.
  const again = await t.call('stats', 'export', params, RL_STAFF.openid)
  expect(again.data).toMatchObject({ jobId: status.jobId, state: 'done', fileID: status.fileID })
  expect(again.stats.docsWritten).toBe(0)
  const done = await t.call('stats', 'exportStatus', { jobId: status.jobId }, RL_STAFF.openid)
  budget('stats.exportStatus', done.stats, 3)
  expect(done.data).toMatchObject({ state: 'done', fileID: status.fileID })
  // Nothing was left for the timer.
  expect((await fireExports(t)).jobs).toBe(0)

  const listing = await pageThrough(t, { communityId: RL, from: FROM, to: TO }, RL_STAFF.openid, 50)
  const workbook = await workbookAt(status.tempFileURL)
  const sheet = workbook.getWorksheet('台账')!
  expect(sheet).toBeDefined()

  // Title: merged across every column, the community and the days.
  expect(sheet.getCell('A1').value).toBe('红邻测试社区群众点单服务台账（2026年11月1日至2026年11月30日）')
  expect((sheet.model as any).merges).toContain('A1:N1')
  expect(sheet.getCell('A1').font?.bold).toBe(true)
  // Header row.
  expect((sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header))
  // Rows: the listing's, in its order, numbered.
  const dataRows = Array.from({ length: listing.ids.length }, (_, i) => sheet.getRow(3 + i))
  expect(listing.ids).toHaveLength(57)
  expect(dataRows.map((r) => text(r.getCell(2).value))).toEqual(listing.ids)
  expect(dataRows.map((r) => text(r.getCell(1).value))).toEqual(listing.ids.map((_, i) => String(i + 1)))
  const first = listing.rows[0]
  expect((dataRows[0]!.values as ExcelJS.CellValue[]).slice(1, 11).map(text)).toEqual([
    '1',
    first.id,
    first.date,
    first.kindLabel,
    first.categoryLabel,
    first.gridName,
    first.address,
    first.content,
    first.contact,
    first.statusLabel,
  ])
  expect(JSON.stringify(dataRows.map((r) => r.values))).not.toMatch(/13912345678|13800000001/)
  // Column widths: the widest text of each column in display width (a Chinese character counts 2), within bounds.
  LEDGER_COLUMNS.forEach((column, i) => {
    const widest = Math.max(...dataRows.map((r) => displayWidth(text(r.getCell(i + 1).value))))
    expect([column.header, sheet.getColumn(i + 1).width]).toEqual([column.header, columnWidth(column, widest)])
  })
  // 内容 holds the long text: wider than its Latin character count would give, capped, wrapping.
  expect(sheet.getColumn(8).width).toBe(50)
  expect(sheet.getCell('H3').alignment?.wrapText).toBe(true)
  expect(sheet.getColumn(3).width).toBe(12)
  // Print: A4 landscape, fitted to the width, the header row repeated on every page; frozen below it; page numbers.
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '2:2' })
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
  expect(sheet.headerFooter.oddFooter).toBe(PAGE_FOOTER)
  expect(PAGE_FOOTER).toMatch(/&P.*&N/)
  // After the last row: a blank line, the signature line (merged), the date line.
  const last = 2 + listing.ids.length
  expect(text(sheet.getCell(`A${last + 1}`).value)).toBe('')
  expect(text(sheet.getCell(`A${last + 2}`).value)).toMatch(/^制表单位：红邻测试社区（盖章）\s+制表人：_+\s+审核人：_+$/)
  expect(text(sheet.getCell(`A${last + 3}`).value)).toMatch(/^制表日期：\d{4}年\d{1,2}月\d{1,2}日$/)
  expect((sheet.model as any).merges).toEqual(expect.arrayContaining([`A${last + 2}:N${last + 2}`, `A${last + 3}:N${last + 3}`]))
  expect(sheet.rowCount).toBe(last + 3)

  // The file is kept with the data exports, which the daily retention run deletes after a day.
  const kept = (await t.db.collection('data_exports').where({ _id: status.jobId }).get()).data[0]
  expect(kept).toMatchObject({ userId: RL_STAFF._id, fileID: status.fileID })
})

test('a large export (3,000 demands) is answered at once as a job, made across timer runs one part at a time, and leaves no parts behind', async () => {
  const call = await t.call('stats', 'export', { communityId: BIG, from: FROM, to: TO, sheet: 'ledger' }, BIG_STAFF.openid)
  const asked = call.data
  expect(asked).toMatchObject({ state: 'queued', rows: 0 })
  expect(asked.tempFileURL).toBeUndefined()
  // The caller, the community, the count, the insert: nothing read of the ledger itself.
  budget('stats.export (for the timer)', call.stats, 4)
  const pending = await t.ok('stats', 'exportStatus', { jobId: asked.jobId }, BIG_STAFF.openid)
  expect(pending).toMatchObject({ state: 'queued', rows: 0 })
  // Stands for a run stopped by its time budget: each run reads one page, then leaves the rest to the next.
  await t.db
    .collection('export_jobs')
    .where({ _id: asked.jobId })
    .update({ data: { pagesPerRun: 1 } })

  const parts: number[] = []
  const runs: ExportRun[] = []
  for (let i = 0; i < 10; i += 1) {
    runs.push(await fireExports(t))
    const now = await job(asked.jobId)
    parts.push(now.partFiles.length)
    if (now.state === 'done') break
  }
  const made = await job(asked.jobId)
  expect(made.state).toBe('done')
  // Four pages of at most 999, one per run: the runs went on from where the last one stopped.
  expect(runs.filter((r) => r.pages > 0).map((r) => r.pages)).toEqual([1, 1, 1, 1])
  expect(parts.slice(0, 4)).toEqual([1, 2, 3, 4])
  expect(made.rows).toBe(3000)
  expect(made.maxRowsHeld).toBe(999)
  expect(made.runs).toBeGreaterThanOrEqual(4)

  const status = await t.ok('stats', 'exportStatus', { jobId: asked.jobId }, BIG_STAFF.openid)
  const sheet = (await workbookAt(status.tempFileURL)).getWorksheet('台账')!
  const ids: string[] = []
  for (let r = 3; r < 3 + 3000; r += 1) ids.push(text(sheet.getCell(r, 2).value))
  expect(ids).toEqual(BIG_DEMANDS.map((d) => d._id).reverse())
  expect(sheet.getCell(3 + 3000, 1).value ?? '').toBe('')
  expect(text(sheet.getCell(3 + 3001, 1).value)).toContain('制表人')
  // The part files are gone from storage.
  const gone = await Promise.all(
    made.partFiles.map((fileID: string) =>
      t.cloud.downloadFile({ fileID }).then(
        () => 'kept',
        () => 'gone',
      ),
    ),
  )
  expect(gone).toEqual(['gone', 'gone', 'gone', 'gone'])
}, 180_000)

test('an export is the asker’s own; only staff of the place ask for one; only the timer runs the queue', async () => {
  const asked = await t.ok('stats', 'export', { gridId: RL_GRIDS[0]!._id, from: FROM, to: TO, sheet: 'ledger' }, RL_STAFF.openid)
  const seen = await Promise.all(
    ['rl-other', 'demo-resident', 'demo-street', 'demo-admin'].map((who) => t.call('stats', 'exportStatus', { jobId: asked.jobId }, who)),
  )
  expect(seen.map((r) => (r.ok ? 'ok' : r.error!.code))).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'ok'])
  const refused = await Promise.all(
    ['demo-resident', 'demo-staff', 'demo-street-2'].map((who) =>
      t.call('stats', 'export', { communityId: RL, from: FROM, to: TO, sheet: 'ledger' }, who),
    ),
  )
  expect(refused.map((r) => r.error?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'])
  expect(refused.map((r) => r.stats.docsWritten)).toEqual([0, 0, 0])
  // A timer event sent by a user is refused and moves no job on.
  const waiting = await t.ok(
    'stats',
    'export',
    { communityId: BIG, from: '2026-11-02', to: '2026-11-29', sheet: 'ledger' },
    BIG_STAFF.openid,
  )
  expect(waiting).toMatchObject({ state: 'queued', rows: 0 })
  const res = await fetch(`${t.url}/functions/stats`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': RL_STAFF.openid },
    body: JSON.stringify({ Type: 'Timer', TriggerName: 'count', Time: new Date().toISOString() }),
  })
  expect(((await res.json()) as any).error.code).toBe('FORBIDDEN')
  expect(await job(waiting.jobId)).toMatchObject({ state: 'queued', runs: 0, partFiles: [] })
})

test('a finished job goes a day after its file, and its status says the file is gone', async () => {
  const asked = await t.ok('stats', 'export', { communityId: RL, from: FROM, to: '2026-11-15', sheet: 'overview' }, RL_STAFF.openid)
  expect(asked).toMatchObject({ state: 'done', sheet: 'overview' })
  t.emulator.clock.advance(EXPORT_KEEP_MS + 60_000)
  const gone = await t.call('stats', 'exportStatus', { jobId: asked.jobId }, RL_STAFF.openid)
  expect(gone.error).toMatchObject({ code: 'NOT_FOUND', message: '该导出文件已过期，请重新导出' })
  const run = await fireExports(t)
  expect(run.removed).toBeGreaterThanOrEqual(1)
  expect(await job(asked.jobId)).toBeUndefined()
})
