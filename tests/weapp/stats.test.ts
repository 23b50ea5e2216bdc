/**
 * The dashboard and the 台账 (`packages/stats/…`) of the weapp build as the demo community
 * staff: the figures the function answers, the trend drawn as an SVG picture (the mini-program
 * has no inline SVG), the grid × category table from one call, 高频问题 turned into a need, and
 * every node rendered has a template in the build.
 */
import { dayOf, periodBounds, type Hotspot } from '@honglin/shared'
import { promoteRequestId } from '../../client/src/logic/stats'
import { useWeapp } from './support/harness'

const w = useWeapp({ persona: 'demo-staff' })

beforeAll(async () => {
  // The counting timer leaves demands changed in the last two minutes for its next run.
  w.emulator.clock.advance(3 * 60_000)
  const { result } = await w.emulator.functions.fireTimer('stats', 'count')
  expect(result).toMatchObject({ ok: true })
})

beforeEach(() => w.clearLog())

test('the dashboard shows the month’s figures, the trend picture and the places; every node has a template', async () => {
  const page = await w.open('packages/stats/dashboard/index')
  await page.waitForText('各网格对比', 30_000)
  const call = w.wx.cloudCalls.find((c) => c.name === 'stats' && c.data.action === 'overview')
  const { first, last } = periodBounds('month', dayOf(w.emulator.clock.now()))
  expect(call).toMatchObject({ data: { communityId: 'community-xinyuan', from: first, to: last }, result: { ok: true } })
  const o = (call!.result as { data: { received: number; byPlace: unknown[] } }).data
  expect(page.findNear('收到', String(o.received))).toBeDefined()
  expect(page.byClass('places__row')).toHaveLength(o.byPlace.length)
  await page.waitFor(() => page.byClass('trend__image').length > 0, 'the trend')
  // The simulator keeps no properties of a built-in <image> (its src is checked in tests/client/stats-charts.test.ts).
  expect(page.byClass('trend__image')).toHaveLength(1)
  // The grid × category table: one heat call, and no overview per grid.
  await page.waitFor(() => page.byClass('heat__row').length > 1, 'the heat table')
  const heat = w.wx.cloudCalls.filter((c) => c.name === 'stats' && c.data.action === 'heat')
  expect(heat).toHaveLength(1)
  expect(heat[0]).toMatchObject({ data: { communityId: 'community-xinyuan', from: first, to: last }, result: { ok: true } })
  const places = (heat[0]!.result as { data: { places: unknown[] } }).data.places
  expect(page.byClass('heat__row')).toHaveLength(1 + Math.min(places.length, 30))
  expect(w.wx.cloudCalls.filter((c) => c.name === 'stats' && c.data.action === 'overview')).toHaveLength(1)
  await page.tapText('本年')
  await page.waitFor(
    () => w.wx.cloudCalls.some((c) => c.name === 'stats' && c.data.action === 'overview' && String(c.data.from).endsWith('-01-01')),
    'the year’s overview',
  )
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})

test('the 台账 lists the period’s demands and offers the export', async () => {
  const { first, last } = periodBounds('month', dayOf(w.emulator.clock.now()))
  const page = await w.open('packages/stats/ledger/index', { communityId: 'community-xinyuan', from: first, to: last })
  await page.waitForText('导出台账', 30_000)
  await page.waitFor(() => page.byClass('ledger-row').length > 0, 'the ledger rows')
  const call = w.wx.cloudCalls.find((c) => c.name === 'stats' && c.data.action === 'ledger')
  const items = (call!.result as { data: { items: unknown[] } }).data.items
  expect(page.byClass('ledger-row')).toHaveLength(items.length)
  expect(page.text()).toContain(`已加载 ${items.length} 件`)
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})

test('高频问题: community staff turn the first into a need on the 需求清单', async () => {
  const { first, last } = periodBounds('month', dayOf(w.emulator.clock.now()))
  const page = await w.open('packages/stats/hotspots/index', { communityId: 'community-xinyuan', from: first, to: last })
  await page.waitForText('转为需求', 30_000)
  const call = w.wx.cloudCalls.find((c) => c.name === 'stats' && c.data.action === 'hotspots')
  const items = (call!.result as { data: { items: { title: string; demandIds: string[] }[] } }).data.items
  expect(page.byClass('hotspot__promote')).toHaveLength(items.length)
  await page.tap(page.byClass('hotspot__promote')[0]!)
  await page.waitFor(() => page.byClass('sheet__panel').length === 1, 'the need sheet')
  await page.tapText('加入需求清单')
  await page.waitForText('已加入需求清单')
  expect(page.text()).toContain('已转为需求')
  const promoted = w.wx.cloudCalls.filter((c) => c.name === 'project' && c.data.action === 'promoteNeed')
  expect(promoted).toHaveLength(1)
  expect(promoted[0]).toMatchObject({
    data: { communityId: 'community-xinyuan', title: items[0]!.title.slice(0, 40).trim(), demandIds: items[0]!.demandIds.slice(0, 50) },
    result: { ok: true, data: { created: true } },
  })
  // The request id is the hotspot's own, so promoting it again (another visit) is the same need.
  expect(promoted[0]!.data.requestId).toBe(promoteRequestId(items[0] as Hotspot))
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})
