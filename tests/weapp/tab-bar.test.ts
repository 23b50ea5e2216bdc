/**
 * The weapp's custom tab bar (`custom-tab-bar/`, `tabBar.custom` in app.config.ts): the same
 * three tabs as before; 消息 carries the unread count notify.inbox answers (WeChat ignores
 * `setTabBarBadge` once the tab bar is custom); a tap switches tabs; in 长辈模式 its labels grow
 * from 12 px to 18 px and every tab stays at least 44 px tall. Styles are the build's wxss,
 * which miniprogram-simulate injects (writing N rpx as N px) and jsdom cascades; a phone W px
 * wide draws N rpx as N × W / 750 px.
 */
import { request } from 'node:http'
import { classesOf, useWeapp, type WeappPage } from './support/harness'

const w = useWeapp()
const HOME = 'pages/index/index'
const TAB_BAR = 'custom-tab-bar/index'
const MIN_TARGET = 44

/** Calls a function on the test's emulator as `openid` (what another person does meanwhile). */
function call(fn: string, data: Record<string, unknown>, openid: string): Promise<any> {
  const body = Buffer.from(JSON.stringify(data))
  return new Promise((resolve, reject) => {
    const req = request(
      `${w.url}/functions/${fn}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length), 'x-wx-openid': openid } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          if (!answer.ok) reject(new Error(`${fn}.${String(data.action)}: ${JSON.stringify(answer.error)}`))
          else resolve(answer.data)
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** A length of the build's wxss in rpx (miniprogram-simulate writes rpx as px). */
const rpx = (el: Element, property: string) => parseFloat(getComputedStyle(el).getPropertyValue(property))
/** CSS px on a phone `width` px wide. */
const onPhone = (rpxValue: number, width: number) => Math.round(((rpxValue * width) / 750) * 10) / 10
const labels = (bar: WeappPage) => bar.byClass('tab-bar__label')
const items = (bar: WeappPage) => bar.byClass('tab-bar__item')

/** The tab bar of the page showing (WeChat attaches one to every tab page); drawn after a moment. */
async function openBar(): Promise<WeappPage> {
  const bar = await w.open(TAB_BAR)
  await bar.waitFor(() => labels(bar).length === 3, 'the three tabs')
  return bar
}

let unread = 0

beforeAll(async () => {
  // A message for the resident: her order was accepted.
  const created = await call(
    'demand',
    {
      action: 'create',
      kind: 'service',
      category: 'errand',
      title: '帮忙取一下快递',
      detail: '腿脚不便，想请人帮忙跑一趟',
      address: '新园社区5号楼1单元302',
      gridId: 'community-xinyuan-grid-1',
      contactName: '张阿姨',
      contactPhone: '13800000001',
      requestId: 'req-tab-bar-badge',
      consent: true,
    },
    'demo-resident',
  )
  await call('dispatch', { action: 'accept', id: created._id }, 'demo-staff')
  unread = (await call('notify', { action: 'inbox', page: { limit: 1 } }, 'demo-resident')).unread
})

beforeEach(() => w.clearLog())

test('draws 首页 消息 我的, marks the page showing, and puts the unread count on 消息', async () => {
  expect(unread).toBeGreaterThan(0)
  const home = await w.open(HOME)
  await home.waitForText('我的点单')
  const bar = await openBar()
  expect(labels(bar).map((l) => l.textContent)).toEqual(['首页', '消息', '我的'])
  const badge = () => bar.byClass('tab-bar__badge')[0]?.textContent ?? ''
  await bar.waitFor(() => badge() === (unread > 99 ? '99+' : String(unread)), `the badge ${unread}`)
  // On the 消息 tab, not another.
  expect(items(bar).map((i) => i.contains(bar.byClass('tab-bar__badge')[0]!))).toEqual([false, true, false])
  expect(items(bar).map((i) => classesOf(i).includes('tab-bar__item--on'))).toEqual([true, false, false])
  bar.close()
  home.close()
})

test('a tap on 消息 switches to the inbox tab and marks it', async () => {
  const bar = await openBar()
  await bar.tapText('消息')
  expect(w.wx.navigations).toEqual([{ api: 'switchTab', url: '/pages/inbox/index' }])
  const marked = () => items(bar).map((i) => classesOf(i).includes('tab-bar__item--on'))
  await bar.waitFor(() => marked()[1] === true, '消息 marked')
  expect(marked()).toEqual([false, true, false])
  await bar.tapText('首页')
  expect(w.wx.navigations.at(-1)).toEqual({ api: 'switchTab', url: '/pages/index/index' })
  bar.close()
})

test('opening 我的 marks its tab; 长辈模式 turned on there enlarges the tab labels to 18 px; tabs stay 44 px and taller', async () => {
  const bar = await openBar()
  expect(labels(bar).map((l) => onPhone(rpx(l, 'font-size'), 375))).toEqual([12, 12, 12])
  // Even on a 320 px wide phone.
  for (const item of items(bar)) expect(onPhone(rpx(item, 'min-height'), 320)).toBeGreaterThanOrEqual(MIN_TARGET)

  const mine = await w.open('pages/mine/index')
  await mine.waitForText('长辈模式')
  // The page that shows marks its own tab.
  const marked = () => items(bar).map((i) => classesOf(i).includes('tab-bar__item--on'))
  await bar.waitFor(() => marked()[2] === true, '我的 marked')
  expect(marked()).toEqual([false, false, true])
  await mine.tapText('长辈模式')
  await bar.waitFor(() => bar.byClass('tab-bar--elder').length === 1, '长辈模式 on the tab bar')
  expect(labels(bar).map((l) => onPhone(rpx(l, 'font-size'), 375))).toEqual([18, 18, 18])
  for (const label of labels(bar)) expect(onPhone(rpx(label, 'font-size'), 360)).toBeGreaterThanOrEqual(17)
  for (const item of items(bar)) expect(onPhone(rpx(item, 'min-height'), 320)).toBeGreaterThanOrEqual(MIN_TARGET)
  // The badge grows with them.
  expect(onPhone(rpx(bar.byClass('tab-bar__badge')[0]!, 'font-size'), 375)).toBe(14)
  mine.close()
  bar.close()
})
