/**
 * The dashboards in real Chromium (the H5 build with the demo data, counted by the stats
 * timer): community staff open theirs from the home page, change the period and open a
 * figure's 口径; street staff compare their communities side by side at a desk (1280 px); the
 * 高频问题 list opens the demands behind an item, and community staff turn one into a need on
 * the 需求清单 (street staff cannot). Figures on screen are checked against what
 * the function answers for the same scope and period. Screenshots: docs/screenshots/stats-*.png
 * at 375 px and 1280 px wide.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Page } from 'playwright-core'
import { dayOf, MetricDefinitions, periodBounds, type Heat, type Hotspots, type Overview } from '@honglin/shared'
import { needDraft } from '../../client/src/logic/stats'
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

test('community staff: the 台账 lists the month’s demands, and its Excel export is made (at once or in the background) and downloads', async () => {
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
  await see(staff, /排队中|正在生成|^下载 Excel$/)
  if ((await seen(staff, '下载 Excel').count()) === 0) {
    // The stats timer (every minute) makes a file not made within the call; the page is polling meanwhile.
    const { result } = await t.emulator.functions.fireTimer('stats', 'count')
    expect(result).toMatchObject({ ok: true })
  }
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

test('长辈模式: the dashboard and its charts, 高频问题 and its 转为需求, in large type, every tap target 44 px or more', async () => {
  const staff = await pageAs('demo-staff', 375, true)
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await see(staff, '各网格对比')
  await current(staff).locator('.trend__image').waitFor()
  await current(staff).locator('.heat__table').waitFor()
  expect(await elderProblems(staff, 17)).toEqual({ small: [], targets: [] })
  await shot(staff, 'elder')

  // 高频问题 with its 转为需求 buttons and their sheet, as large.
  await tap(staff, '高频问题 ›')
  await current(staff).locator('.hotspot').first().getByText('转为需求', { exact: true }).waitFor()
  expect(await elderProblems(staff, 17)).toEqual({ small: [], targets: [] })
  await current(staff).locator('.hotspot').first().getByText('转为需求', { exact: true }).click()
  await current(staff).locator('.sheet__panel').waitFor()
  expect(await elderProblems(staff, 17)).toEqual({ small: [], targets: [] })
})

/** The actions the page sends to the function `fn`, in order, from now on. */
function actionsSent(page: Page, fn: string): string[] {
  const actions: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === `/functions/${fn}`)
      actions.push((r.postDataJSON() as { action: string }).action)
  })
  return actions
}

test('community staff: the grid × category table comes from one stats.heat call and shows its numbers', async () => {
  const staff = await pageAs('demo-staff', 375)
  const sent = actionsSent(staff, 'stats')
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await see(staff, '网格 × 类别（收到）')
  const table = current(staff).locator('.heat__table')
  await table.waitFor()
  const heat = await t.ok<Heat>('stats', 'heat', { communityId: 'community-xinyuan', ...bounds('month') }, 'demo-staff')
  expect(heat.placeType).toBe('grid')
  expect(heat.places.length).toBeGreaterThan(1)
  expect(heat.categories.length).toBeGreaterThan(0)

  const head = await table.locator('.heat__row--head .heat__cell').allInnerTexts()
  expect(head).toEqual(['网格', ...heat.categories.map((c) => c.label)])
  const rows = table.locator('.heat__row:not(.heat__row--head)')
  expect(await rows.count()).toBe(Math.min(heat.places.length, 30))
  for (const [i, place] of heat.places.slice(0, 30).entries()) {
    const cells = await rows.nth(i).locator('.heat__cell').allInnerTexts()
    const want = heat.categories.map((c) => heat.cells[place.key]?.[c.key] ?? 0)
    expect(cells).toEqual([place.name, ...want.map((v) => (v ? String(v) : ''))])
  }
  // One overview for the figures and one heat for the whole table: no overview per grid.
  expect(sent.filter((a) => a === 'heat')).toHaveLength(1)
  expect(sent.filter((a) => a === 'overview')).toHaveLength(1)
})

test('community staff: an export answered done within the call downloads at once, without polling', async () => {
  const staff = await pageAs('demo-staff', 375)
  const sent = actionsSent(staff, 'stats')
  // The figures are a small export: the function makes the file within the call and answers it done, with its link.
  await open(
    staff,
    t.url,
    `/packages/stats/ledger/index?communityId=community-xinyuan&from=${bounds('month').from}&to=${bounds('month').to}`,
  )
  await see(staff, '导出 Excel')
  await tap(staff, '导出统计表')
  await see(staff, '下载 Excel', 30_000)
  const file = await downloaded(staff, '下载 Excel')
  expect(file.name).toMatch(/\.xlsx$/)
  expect(sent.filter((a) => a === 'export')).toHaveLength(1)
  expect(sent.filter((a) => a === 'exportStatus')).toHaveLength(0)
})

test('community staff: 高频问题 turned into a need on the 需求清单, once though the first answer is lost and the page is opened again', async () => {
  const staff = await pageAs('demo-staff', 375)
  await open(staff, t.url, '/packages/stats/dashboard/index')
  await tap(staff, '高频问题 ›')
  const answer = await t.ok<Hotspots>('stats', 'hotspots', { communityId: 'community-xinyuan', ...bounds('month') }, 'demo-staff')
  const first = answer.items[0]!
  expect(first.communityId).toBe('community-xinyuan')
  await see(staff, first.title)
  // Every hotspot of the staff's own community offers it.
  expect(await seen(staff, '转为需求').count()).toBe(answer.items.length)
  const draft = needDraft(first)
  const needsNow = async () =>
    (await t.ok('project', 'needs', { communityId: 'community-xinyuan', page: { limit: 50 } }, 'demo-staff')).items.filter(
      (n: { title: string }) => n.title === draft.title,
    )
  expect(await needsNow()).toHaveLength(0)

  const hotspot = current(staff).locator('.hotspot').first()
  await hotspot.getByText('转为需求', { exact: true }).click()
  const sheet = current(staff).locator('.sheet__panel')
  await sheet.waitFor()
  expect(await sheet.locator('input').inputValue()).toBe(draft.title)
  expect(await sheet.locator('textarea').inputValue()).toBe(`由高频问题生成：${first.title}，共 ${first.count} 条点单`)
  await shot(staff, 'promote-need')

  // The first promoteNeed reaches the server, but its answer never comes back.
  let lost = 0
  await staff.route('**/functions/project', async (route) => {
    const body = route.request().postDataJSON() as { action: string }
    if (body.action !== 'promoteNeed' || lost > 0) return route.continue()
    lost += 1
    await route.fetch()
    await route.abort('failed')
  })
  await sheet.getByText('加入需求清单', { exact: true }).click()
  await sheet.locator('.form-failure').waitFor()
  expect(lost).toBe(1)
  expect(await needsNow()).toHaveLength(1)
  // Trying again with the same request makes no second need.
  await sheet.getByText('加入需求清单', { exact: true }).click()
  await see(staff, '已加入需求清单')
  await hotspot.getByText('已转为需求', { exact: true }).waitFor()
  await shot(staff, 'promoted')
  const needs = await needsNow()
  expect(needs).toHaveLength(1)
  expect(needs[0]).toMatchObject({ communityId: 'community-xinyuan', status: 'open', demandIds: first.demandIds.slice(0, 50) })
  expect(needs[0].detail).toBe(`由高频问题生成：${first.title}，共 ${first.count} 条点单`)

  await tap(staff, '查看需求清单 ›')
  await see(staff, draft.title)
  expect(staff.url()).toContain('tab=needs')

  // Opened afresh (another day, another tab), the same hotspot promoted again is the same need.
  const again = await pageAs('demo-staff', 375)
  await open(again, t.url, '/packages/stats/dashboard/index')
  await tap(again, '高频问题 ›')
  await see(again, first.title)
  const same = current(again).locator('.hotspot').first()
  await same.getByText('转为需求', { exact: true }).click()
  await current(again).locator('.sheet__panel').getByText('加入需求清单', { exact: true }).click()
  await same.getByText('已转为需求', { exact: true }).waitFor()
  expect(await needsNow()).toHaveLength(1)
})

test('street staff: 高频问题 without 转为需求 (a need is its community staff’s to add)', async () => {
  const street = await pageAs('demo-street', 375)
  await open(street, t.url, '/packages/stats/dashboard/index')
  await tap(street, '高频问题 ›')
  const answer = await t.ok<Hotspots>('stats', 'hotspots', { ...bounds('month') }, 'demo-street')
  expect(answer.items.length).toBeGreaterThan(0)
  // Hotspots of one community are there, so the button is withheld for who is asking, not for what.
  expect(answer.items.some((h) => h.communityId)).toBe(true)
  await see(street, answer.items[0]!.title)
  expect(await current(street).locator('.hotspot').count()).toBe(answer.items.length)
  expect(await seen(street, '转为需求').count()).toBe(0)
})
