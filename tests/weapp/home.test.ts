/**
 * The home page of the weapp build (`pages/index/index`) in miniprogram-simulate, as the demo
 * resident: what it renders, the login it sends through `wx.cloud.callFunction` to the real
 * functions, and what a tap on each order tile and on 我的点单 does.
 */
import { useWeapp } from './support/harness'

const w = useWeapp()
const HOME = 'pages/index/index'
const ORDER_FORM = 'packages/resident/order/index'

const TILES = [
  { key: 'service', title: '服务', hint: '上门帮忙、代办、陪伴' },
  { key: 'wish', title: '微心愿', hint: '说出您的小心愿' },
  { key: 'report', title: '随手拍', hint: '拍下身边的问题' },
] as const

beforeEach(() => w.clearLog())

test('renders 红邻 and the three ways to order', async () => {
  const page = await w.open(HOME)
  await page.waitForText('红邻')
  expect(page.findText('红邻')).toBeDefined()
  expect(page.text()).toContain('党建引领 · 社区服务')
  expect(page.findText('我要点单')).toBeDefined()
  const tiles = page.byClass('home-tile')
  expect(tiles.map((tile) => tile.textContent)).toEqual(TILES.map((t) => `${t.title}${t.hint}`))
  for (const t of TILES) expect(page.byClass(`home-tile--${t.key}`)).toHaveLength(1)
  // H5-only parts (persona picker, connection card) are not in the mini-program.
  expect(page.text()).not.toMatch(/演示身份|服务连接/)
  page.close()
})

test('logs in once as the WeChat user, after wx.cloud.init', async () => {
  const page = await w.open(HOME)
  // A resident sees their own entry once the login answered.
  await page.waitForText('我的点单')
  expect(w.wx.cloudInit).toEqual([{ traceUser: true }])
  const logins = w.emulator.functions.invocations().filter((s) => s.functionName === 'user')
  expect(logins).toHaveLength(1)
  expect(logins[0]!.openid).toBe('demo-resident')
  // No resident 工作台 for a resident.
  expect(page.text()).not.toContain('工作台')
  page.close()
})

describe.each(TILES)('a tap on the $title tile', (tile) => {
  test(`opens the order form for ${tile.key}`, async () => {
    const page = await w.open(HOME)
    await page.waitForText('我的点单')
    const before = page.text()
    await page.tapText(tile.title)
    expect(w.wx.navigations).toEqual([{ api: 'navigateTo', url: `/${ORDER_FORM}?kind=${tile.key}` }])
    expect(w.wx.toasts).toEqual([])
    // The home page itself stays as it was.
    expect(page.text()).toBe(before)
    page.close()
  })
})

test('a tap on the tile hint also opens the form (the whole tile is the target)', async () => {
  const page = await w.open(HOME)
  await page.waitForText('我的点单')
  await page.tapText('说出您的小心愿')
  expect(w.wx.navigations).toEqual([{ api: 'navigateTo', url: `/${ORDER_FORM}?kind=wish` }])
  page.close()
})

test('我的点单 opens the list of my demands', async () => {
  const page = await w.open(HOME)
  await page.waitForText('我的点单')
  await page.tapText('我的点单')
  expect(w.wx.navigations).toEqual([{ api: 'navigateTo', url: '/packages/resident/demands/index' }])
  page.close()
})
