/**
 * The dashboards in real Chromium (the H5 build with the demo data, counted by the stats
 * timer): community staff open theirs from the home page, change the period and open a
 * figure's 口径; street staff compare their communities side by side at a desk (1280 px); the
 * 高频问题 list opens the demands behind an item. Figures on screen are checked against what
 * the function answers for the same scope and period. Screenshots: docs/screenshots/stats-*.png
 * at 375 px and 1280 px wide.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { dayOf, MetricDefinitions, periodBounds, type Overview } from '@honglin/shared'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { current, open, PERSONA_KEY, see, seen, tap } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const SHOTS = join(root, 'docs', 'screenshots')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

async function pageAs(openid: string, width: 375 | 1280, elder = false): Promise<Page> {
  const phone = width === 375
  const context = await b.browser.newContext({
    viewport: { width, height: phone ? 667 : 2000 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    isMobile: phone,
    hasTouch: phone,
  })
  const page = await context.newPage()
  await page.addInitScript(([key, value]) => window.localStorage.setItem(key!, JSON.stringify({ data: value })), [PERSONA_KEY, openid])
  if (elder) await page.addInitScript(() => window.localStorage.setItem('honglin:elder-mode', JSON.stringify({ data: '1' })))
  return page
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(700)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `stats-${name}.png`), fullPage: true })
}

/** The number shown in a headline figure. */
async function figure(page: Page, label: string): Promise<string> {
  const box = current(page)
    .locator('.figure')
    .filter({ has: page.getByText(label, { exact: true }) })
  return (await box.locator('.figure__value').first().innerText()).trim()
}

beforeAll(async () => {
  // The timer leaves demands changed in the last two minutes for its next run.
  t.emulator.clock.advance(3 * 60_000)
  const { result } = await t.emulator.functions.fireTimer('stats', 'count')
  expect(result).toMatchObject({ ok: true })
  expect((result as { data: { seen: number } }).data.seen).toBeGreaterThan(10)
})

const today = () => dayOf(t.emulator.clock.now())
const bounds = (p: 'month' | 'year') => {
  const { first, last } = periodBounds(p, today())
  return { from: first, to: last }
}

test('community staff: the dashboard from the home page, another period, a figure’s 口径', async () => {
  const staff = await pageAs('demo-staff', 375)
  await open(staff, t.url, '/pages/index/index')
  await tap(staff, '数据看板')
  await see(staff, '趋势（收到与办结）')
  const month = await t.ok('stats', 'overview', { communityId: 'community-xinyuan', ...bounds('month') }, 'demo-staff')
  expect(await figure(staff, '收到')).toBe(String(month.received))
  expect(await figure(staff, '当前逾期')).toBe(String(month.overdueNow))
  await see(staff, '新园社区')
  await current(staff).locator('.trend__image').waitFor()
  await shot(staff, 'dashboard')

  await tap(staff, '本年')
  const year = await t.ok('stats', 'overview', { communityId: 'community-xinyuan', ...bounds('year') }, 'demo-staff')
  const y = today().slice(0, 4)
  await see(staff, `${y}年1月1日–12月31日`)
  await staff.waitForFunction(
    ([want]) =>
      Array.from(document.querySelectorAll('.figure')).some(
        (f) => f.textContent?.startsWith('收到') && f.querySelector('.figure__value')?.textContent === want,
      ),
    [String(year.received)],
  )

  await tap(staff, '解决率')
  const definition = MetricDefinitions.find((m) => m.name === 'resolutionRate')!
  await see(staff, definition.definition)
  // Every metric is explained, and the one tapped is marked.
  for (const m of MetricDefinitions) await see(staff, m.definition)
  expect(await current(staff).locator('.definition--on').innerText()).toContain(definition.label)
  await shot(staff, 'definitions')
})

test('street staff: communities side by side, ranked by resolution rate, small samples marked, at a desk', async () => {
  const street = await pageAs('demo-street', 1280)
  await open(street, t.url, '/packages/stats/dashboard/index')
  await see(street, '各社区对比')
  await current(street).locator('.trend__image').waitFor()
  await current(street).locator('.heat__table').waitFor()
  const o = await t.ok<Overview>('stats', 'overview', { ...bounds('month') }, 'demo-street')
  expect(o.placeType).toBe('community')
  const names = await current(street).locator('.places__row .rank-row__name').allInnerTexts()
  expect(names).toEqual(o.byPlace.map((p) => p.label))
  const small = o.byPlace.filter((p) => !p.sampleOk).length
  expect(await seen(street, /^样本不足/).count()).toBe(small)
  await shot(street, 'street-desktop')

  // A community's row opens that community's figures; the way back is the street's name.
  await street.locator('.places__row').first().click()
  await see(street, `各网格对比`)
  await see(street, o.scope.name)
  await current(street).locator('.trend__image').waitFor()
  await current(street).locator('.heat__table').waitFor()
  await shot(street, 'community-desktop')
})

/** Taps `label` and answers the file the browser downloads. */
async function downloaded(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download', { timeout: 20_000 })
  await tap(page, label)
  const file = await download
  const path = await file.path()
  return { name: file.suggestedFilename(), bytes: readFileSync(path) }
}

test('community staff: the 台账 lists the month’s demands, and its Excel export is made in the background and downloads', async () => {
  const staff = await pageAs('demo-staff', 375)
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await tap(staff, '台账与导出 ›')
  await see(staff, '导出 Excel')
  const range = bounds('month')
  const first = await t.ok('stats', 'ledger', { communityId: 'community-xinyuan', ...range }, 'demo-staff')
  expect(first.items.length).toBeGreaterThan(0)
  await see(staff, `按提交时间从新到旧，已加载 ${first.items.length} 件`)
  expect(await current(staff).locator('.ledger-row').count()).toBe(first.items.length)
  await shot(staff, 'ledger')

  await tap(staff, '导出台账')
  await see(staff, /排队中|正在生成/)
  await shot(staff, 'export-waiting')
  // The stats timer (every minute) makes the file; the page is polling meanwhile.
  const { result } = await t.emulator.functions.fireTimer('stats', 'count')
  expect(result).toMatchObject({ ok: true })
  await see(staff, '下载 Excel', 30_000)
  await shot(staff, 'export-ready')
  const file = await downloaded(staff, '下载 Excel')
  expect(file.name).toMatch(/\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(file.bytes)
  const sheet = book.worksheets[0]!
  expect(String(sheet.getCell('A1').value)).toContain('新园社区')
  // Title, heading, then one row per demand of the period: the same demands the listing shows.
  const ids = new Set<string>()
  sheet.eachRow((row, n) => {
    const id = String(row.getCell(2).value ?? '')
    if (n > 2 && /^demo-|^e2e-/.test(id)) ids.add(id)
  })
  for (const item of first.items) expect(ids.has(item.id)).toBe(true)
})

test('community staff: the 双报到 yearly report, one member’s letter generated and downloaded', async () => {
  const staff = await pageAs('demo-staff', 375)
  await open(staff, t.url, '/pages/index/index')
  await tap(staff, '双报到年度报告')
  const year = Number(today().slice(0, 4))
  await tap(staff, `${year}年`)
  const report = await t.ok('stats', 'annualReport', { year }, 'demo-staff')
  expect(report.members.length).toBeGreaterThan(0)
  await see(staff, `${report.community.name} ${year}年 · 在职党员 ${report.members.length} 人`)
  const member = report.members[0]!
  const card = current(staff).locator('.member-row').filter({ hasText: member.name })
  await card.getByText(member.evaluation.label, { exact: true }).waitFor()
  await card.getByText(`服务 ${member.hours} 小时`, { exact: true }).waitFor()
  await card.getByText(/^生成反馈函/).click()
  await card.getByText(/^下载反馈函/).waitFor({ timeout: 20_000 })
  await shot(staff, 'annual')
  const download = staff.waitForEvent('download', { timeout: 20_000 })
  await card.getByText(/^下载反馈函/).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/\.docx$/)
  const zip = await JSZip.loadAsync(readFileSync(await file.path()))
  const text = (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')
  expect(text).toContain(member.name)
  expect(text).toContain(member.workUnit)
  expect(text).toContain(report.community.name)
})

test('community staff: 高频问题 with the demands behind each, opening the demand', async () => {
  const staff = await pageAs('demo-staff', 375)
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await tap(staff, '高频问题 ›')
  const answer = await t.ok('stats', 'hotspots', { communityId: 'community-xinyuan', ...bounds('month') }, 'demo-staff')
  // The demo data reports the broken lamp at 3号楼 again and again.
  expect(answer.items.length).toBeGreaterThan(0)
  const first = answer.items[0]!
  await see(staff, first.title)
  expect(await current(staff).locator('.hotspot').count()).toBe(answer.items.length)
  await tap(staff, `查看这 ${first.demandIds.length} 件点单 ›`)
  await current(staff).locator('.hotspot__demands .demand-card').first().waitFor()
  expect(await current(staff).locator('.hotspot__demands .demand-card').count()).toBe(first.demandIds.length)
  await shot(staff, 'hotspots')
  await current(staff).locator('.hotspot__demands .demand-card__title').first().click()
  await see(staff, '办理进度')
  expect(staff.url()).toContain(encodeURIComponent(first.demandIds[0]!))
})

/** Visible text smaller than `min` px, and tap targets lower than 44 px, on the page on top. */
async function elderProblems(page: Page, min: number): Promise<{ small: string[]; targets: string[] }> {
  return page.evaluate(
    ([minFont, minTarget]) => {
      const top = Array.from(document.querySelectorAll('.taro_page'))
        .filter((p) => (p as HTMLElement).offsetParent !== null)
        .pop()!
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'
      }
      const small: string[] = []
      for (const el of Array.from(top.querySelectorAll('*'))) {
        if (!visible(el)) continue
        if (!Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())) continue
        const size = parseFloat(getComputedStyle(el).fontSize)
        if (size < minFont) small.push(`${size}px ${el.className} "${(el.textContent ?? '').trim().slice(0, 12)}"`)
      }
      const targets: string[] = []
      for (const el of Array.from(top.querySelectorAll('.nut-button, .chip, [role="button"]'))) {
        if (!visible(el)) continue
        const r = el.getBoundingClientRect()
        if (r.height < minTarget) targets.push(`${Math.round(r.height)}px ${el.className} "${(el.textContent ?? '').trim().slice(0, 12)}"`)
      }
      return { small, targets }
    },
    [min, 44] as const,
  )
}

test('长辈模式: the dashboard and its charts in large type, every tap target 44 px or more', async () => {
  const staff = await pageAs('demo-staff', 375, true)
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await see(staff, '各网格对比')
  await current(staff).locator('.trend__image').waitFor()
  await current(staff).locator('.heat__table').waitFor()
  expect(await elderProblems(staff, 17)).toEqual({ small: [], targets: [] })
  await shot(staff, 'elder')
})
