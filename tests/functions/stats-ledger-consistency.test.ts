/**
 * The 台账 and the dashboard agree: for random places (a community, a grid, the street) and
 * random days, `stats.overview`'s "收到" equals the number of rows `stats.ledger` lists, both
 * after the counters were kept by the `stats` timer. Then the figures exported as a sheet
 * (`export` with `sheet: 'overview'`) say what `overview` says, with each metric's definition.
 */
import ExcelJS from 'exceljs'
import { dayOfNumber, dayNumber, MetricDefinitions, OVERVIEW_COLUMNS, PAGE_FOOTER, type Demand } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import {
  chinaTime,
  insertDemands,
  insertPlace,
  insertStaff,
  pageThrough,
  placedDemand,
  RL,
  RL_GRIDS,
  RL_STAFF,
  RL_STREET,
} from './support/reports'

const t = useHonglin()
useRoundTripBudget(t)

const RL2 = 'community-rl-2'
const RL2_GRIDS = [1, 2].map((n) => ({ _id: `${RL2}-grid-${n}`, name: `红邻二社区第${n}网格`, communityId: RL2 }))

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
const rand = random(20261127)
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
const FIRST = dayNumber('2026-09-01')
const LAST = dayNumber('2026-11-20')

beforeAll(() => {
  insertPlace(t)
  insertStaff(t)
  insertPlace(t, RL2, '红邻二社区', RL2_GRIDS)
  const demands: Demand[] = []
  for (let i = 0; i < 90; i += 1) {
    const grid = pick([...RL_GRIDS, ...RL2_GRIDS])
    const day = dayOfNumber(FIRST + Math.floor(rand() * (LAST - FIRST + 1)))
    // Minutes from 10:00 China time, some before 08:00 or after 16:00 UTC: the day is China's.
    const minutes = Math.floor(rand() * 24 * 60) - 10 * 60
    demands.push(placedDemand({ communityId: grid.communityId, gridId: grid._id, createdAt: chinaTime(day, minutes) }))
  }
  insertDemands(t, demands)
})

async function countAll(): Promise<void> {
  // Demands changed within the counting lag wait for a later run: move past it.
  t.emulator.clock.advance(5 * 60_000)
  for (let i = 0; i < 60; i += 1) {
    const { result, error } = await t.emulator.functions.fireTimer('stats', 'count')
    if (error || !(result as any).ok) throw new Error(`stats timer: ${error ?? JSON.stringify(result)}`)
    if (!(result as any).data.more) return
  }
  throw new Error('counting did not finish')
}

test('for random places and days, the overview’s 收到 equals the ledger’s rows', async () => {
  await countAll()
  const places: Record<string, unknown>[] = [
    { communityId: RL },
    { communityId: RL2 },
    { gridId: RL_GRIDS[0]!._id },
    { gridId: RL2_GRIDS[1]!._id },
    { streetId: RL_STREET },
  ]
  const checked: string[] = []
  for (let i = 0; i < 12; i += 1) {
    const place = i < places.length ? places[i]! : pick(places)
    const a = FIRST - 5 + Math.floor(rand() * (LAST - FIRST + 10))
    const b = a + Math.floor(rand() * 40)
    const days = { from: dayOfNumber(a), to: dayOfNumber(b) }
    const who =
      'streetId' in place
        ? 'demo-street'
        : RL2 === place.communityId || String(place.gridId).startsWith(RL2)
          ? 'demo-street'
          : RL_STAFF.openid
    const figures = await t.ok('stats', 'overview', { ...place, ...days }, who)
    const listed = await pageThrough(t, { ...place, ...days }, who, 50)
    checked.push(`${JSON.stringify(place)} ${days.from}..${days.to}: ${figures.received} / ${listed.ids.length}`)
    expect(`${JSON.stringify(place)} ${days.from}..${days.to}: ${figures.received}`).toBe(
      `${JSON.stringify(place)} ${days.from}..${days.to}: ${listed.ids.length}`,
    )
  }
  // Not all empty: the comparison compared something.
  expect(checked.filter((c) => !c.endsWith(': 0 / 0')).length).toBeGreaterThan(6)
}, 240_000)

test('the figures as a sheet: every metric as overview says it, with its definition, and the grids side by side', async () => {
  const days = { from: '2026-09-01', to: '2026-11-20' }
  const figures = await t.ok('stats', 'overview', { communityId: RL, ...days }, RL_STAFF.openid)
  const asked = await t.ok('stats', 'export', { communityId: RL, ...days, sheet: 'overview' }, RL_STAFF.openid)
  let status: any
  for (let i = 0; i < 5; i += 1) {
    await t.emulator.functions.fireTimer('stats', 'count')
    status = await t.ok('stats', 'exportStatus', { jobId: asked.jobId }, RL_STAFF.openid)
    if (status.state === 'done') break
  }
  expect(status).toMatchObject({ state: 'done', fileName: '红邻测试社区统计表_2026-09-01_2026-11-20.xlsx' })
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await (await fetch(status.tempFileURL)).arrayBuffer()))
  const sheet = workbook.getWorksheet('统计表')!
  expect(sheet.getCell('A1').value).toBe('红邻测试社区服务工作统计表（2026年9月1日至2026年11月20日）')
  expect((sheet.model as any).merges).toContain('A1:C1')
  expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(OVERVIEW_COLUMNS.map((c) => c.header))
  const rows = new Map<string, [string, string]>()
  for (let r = 3; r <= sheet.rowCount; r += 1) {
    const label = String(sheet.getCell(r, 1).value ?? '')
    if (label) rows.set(label, [String(sheet.getCell(r, 2).value ?? ''), String(sheet.getCell(r, 3).value ?? '')])
  }
  expect(rows.get('收到')).toEqual([String(figures.received), MetricDefinitions.find((m) => m.name === 'received')!.definition])
  expect(rows.get('受理')?.[0]).toBe(String(figures.accepted))
  expect(rows.get('当前逾期')?.[0]).toBe(String(figures.overdueNow))
  expect(figures.received).toBeGreaterThan(0)
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '2:2' })
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 })
  expect(sheet.headerFooter.oddFooter).toBe(PAGE_FOOTER)
  expect([...rows.keys()].some((k) => k.startsWith('制表单位：红邻测试社区'))).toBe(true)
  // The grids of the community, side by side, with what each received.
  const side = workbook.getWorksheet('各网格')!
  const received = new Map<string, string>()
  for (let r = 3; r <= side.rowCount; r += 1) received.set(String(side.getCell(r, 2).value ?? ''), String(side.getCell(r, 3).value ?? ''))
  for (const place of figures.byPlace) expect(received.get(place.label)).toBe(String(place.received))
  expect(figures.byPlace.map((p: any) => p.label).sort()).toEqual(RL_GRIDS.map((g) => g.name).sort())
}, 120_000)

test('an export whose asker lost the right before the timer ran it fails at once, saying why, with no file', async () => {
  const asked = await t.ok(
    'stats',
    'export',
    { communityId: 'community-xinyuan', from: '2026-11-01', to: '2026-11-20', sheet: 'overview' },
    'demo-committee',
  )
  // The figures are made within the call; put back in the queue, the job stands for one left to the timer.
  expect(asked.state).toBe('done')
  await t.db
    .collection('export_jobs')
    .where({ _id: asked.jobId })
    .update({
      data: { state: 'queued', fileID: t.db.command.remove(), fileName: t.db.command.remove(), finishedAt: t.db.command.remove() },
    })
  // The 大党委 seat is taken away before the timer gets to the job.
  await t.db
    .collection('users')
    .where({ _id: 'user-committee' })
    .update({ data: { grants: [] } })
  await t.emulator.functions.fireTimer('stats', 'count')
  const status = await t.ok('stats', 'exportStatus', { jobId: asked.jobId }, 'demo-committee')
  expect(status).toMatchObject({ state: 'failed', error: '只能查看本人负责范围的统计' })
  expect(status.tempFileURL).toBeUndefined()
  const job = (await t.db.collection('export_jobs').where({ _id: asked.jobId }).get()).data[0]
  expect(job).toMatchObject({ failures: 1, leaseUntil: 0 })
  expect(job.fileID).toBeUndefined()
})
