/**
 * The resident and the volunteer as they meet the app on a 360×640 phone: an order that is
 * confirmed with what happens next, a draft that survives going back and a reload, a cancel
 * sheet whose buttons say what they do; a volunteer who accepts and completes, a resident who
 * sends it back, then confirms and rates; 长辈模式 on every main screen; the unread badge on
 * 消息. axe-core checks every page visited. Key screens are saved to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { expectAccessible } from './support/axe'
import { card, idInUrl, open, pageAs, see, seen, tap, type } from './support/h5'

jest.setTimeout(240_000)

const root = join(__dirname, '..', '..')
const SCREENSHOTS = join(root, 'docs', 'screenshots')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

/** 长辈模式's smallest type and tap target, in CSS pixels at 360 wide. */
const ELDER_MIN_FONT = 17
const MIN_TARGET = 44

async function phone(openid: string, options: { elder?: boolean } = {}): Promise<Page> {
  const page = await pageAs(b, openid)
  await page.setViewportSize({ width: 360, height: 640 })
  if (options.elder) {
    await page.addInitScript(() => window.localStorage.setItem('honglin:elder-mode', JSON.stringify({ data: '1' })))
  }
  return page
}

async function keep(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(600)
  mkdirSync(SCREENSHOTS, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
}

/** Waits until `read` answers `want`, then asserts it (the last answer shows in the failure). */
async function eventually<T>(read: () => Promise<T>, want: T, timeout = 15000): Promise<void> {
  const until = Date.now() + timeout
  let got = await read()
  while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200))
    got = await read()
  }
  expect(got).toEqual(want)
}

const valueOf = (page: Page, selector: string) => () => page.locator(selector).filter({ visible: true }).first().inputValue()

const ORDER = '/packages/resident/order/index?kind=service'
const TITLE_HINT = '如：帮忙修理水龙头'
const DETAIL_HINT = '需要什么帮助、什么时候方便、有什么要注意的'

function order(title: string, requestId: string) {
  return {
    kind: 'service',
    category: 'errand',
    title,
    detail: '腿脚不便，想请人帮忙跑一趟',
    address: '新园社区5号楼1单元302',
    gridId: 'community-xinyuan-grid-1',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    requestId,
    consent: true,
  }
}

test('a resident orders, sees what happens next, keeps her draft across back and reload, and cancels with a clear sheet', async () => {
  const title = '帮忙修一下门锁'
  const page = await phone('demo-resident')
  await open(page, t.url, ORDER)
  await see(page, '助老助残')
  await expectAccessible(page, 'order form')
  await tap(page, '助老助残')
  await type(page, TITLE_HINT, title)
  await type(page, DETAIL_HINT, '门锁拧不动了')
  await see(page, '6/500')
  // Over the limit: nothing is cut, the counter says by how much.
  await type(page, DETAIL_HINT, '锁'.repeat(503))
  await see(page, '超出 3 字，请删减 · 503/500')
  await type(page, DETAIL_HINT, '门锁拧不动了，钥匙插进去转不动')
  await tap(page, '新园社区第1网格')

  // Back through the title bar, to 首页; the draft waits there when she comes back.
  await see(page, '返回')
  await tap(page, '返回')
  await see(page, '我要点单')
  // Kept on the device once she has left (the page saves as it goes away, or a moment after
  // typing pauses), before she comes back.
  const storedTitle = () =>
    page.evaluate(() => {
      const raw = Object.entries(localStorage).find(([k]) => k.includes('order-draft'))?.[1]
      const data = raw ? (JSON.parse(raw) as { data?: string }).data : ''
      return data ? (JSON.parse(data) as { fields: { title: string } }).fields.title : ''
    })
  await eventually(storedTitle, title)
  await open(page, t.url, ORDER)
  await see(page, '上次还有没提交的点单')
  await see(page, title)
  await expectAccessible(page, 'draft choice')
  await keep(page, 'resident-draft')
  // And after a reload.
  await page.reload()
  await see(page, '上次还有没提交的点单')
  await tap(page, '继续上次填写')
  await eventually(valueOf(page, `input[placeholder="${TITLE_HINT}"]`), title)
  await eventually(valueOf(page, `textarea[placeholder="${DETAIL_HINT}"]`), '门锁拧不动了，钥匙插进去转不动')
  // The contact comes from her profile, loaded after the reload.
  await eventually(valueOf(page, 'input[placeholder="您的称呼"]'), '张阿姨')
  await eventually(valueOf(page, 'input[placeholder="手机号或座机"]'), '13800000001')

  await type(page, '小区、楼号、单元、门牌', '新园社区3号楼2单元501')
  await tap(page, '我同意社区工作人员和接单人在办理期间查看我的联系方式')
  await tap(page, '提交点单')
  await see(page, '点单已提交')
  await see(page, /社区将在 24 小时内受理/)
  await expectAccessible(page, 'order submitted')
  await keep(page, 'resident-submitted')
  // The main button shows the progress; it does not cancel.
  expect((await page.locator('.submitted .nut-button-primary').filter({ visible: true }).first().innerText()).trim()).toBe('查看办理进度')

  await tap(page, '查看办理进度')
  await see(page, '办理进度')
  await see(page, '等待社区受理')
  expect(await seen(page, '待受理').count()).toBe(0)
  const id = idInUrl(page)
  await expectAccessible(page, 'demand detail')
  await tap(page, '取消点单')
  await see(page, '不取消了')
  await see(page, `“${title}”`)
  expect(await seen(page, '确认取消点单').count()).toBe(1)
  expect(await seen(page, '取消').count()).toBe(0)
  await expectAccessible(page, 'cancel sheet')
  await keep(page, 'resident-cancel-sheet')
  await tap(page, '确认取消点单')
  await see(page, /点单已取消，不会再有人上门/)
  expect((await t.ok('demand', 'get', { id }, 'demo-resident')).status).toBe('cancelled')

  // Submitted: the draft is gone.
  await open(page, t.url, ORDER)
  await see(page, '助老助残')
  expect(await seen(page, '上次还有没提交的点单').count()).toBe(0)
})

test('the volunteer accepts and completes; the resident sends it back, then confirms and rates; staff see the rating', async () => {
  const title = '帮忙搬一下花盆'
  const created = await t.ok('demand', 'create', order(title, 'req-journey-rate'), 'demo-resident')
  await t.ok('dispatch', 'accept', { id: created._id }, 'demo-staff')
  await t.ok('dispatch', 'assign', { id: created._id, assignee: { type: 'volunteer', id: 'user-volunteer' } }, 'demo-staff')

  const volunteer = await phone('demo-volunteer')
  await open(volunteer, t.url, '/packages/volunteer/tasks/index')
  await card(volunteer, title).waitFor({ timeout: 15000 })
  await card(volunteer, title).getByText('待您接单', { exact: true }).waitFor()
  await expectAccessible(volunteer, 'volunteer tasks')
  await card(volunteer, title).getByText('接单', { exact: true }).click()
  await card(volunteer, title).getByText('已接单，待开始服务', { exact: true }).waitFor({ timeout: 15000 })
  await card(volunteer, title).getByText('开始服务', { exact: true }).click()
  await card(volunteer, title).getByText('完成', { exact: true }).waitFor({ timeout: 15000 })
  await card(volunteer, title).getByText('完成', { exact: true }).click()
  await see(volunteer, `“${title}”`)
  await type(volunteer, '做了什么、现在怎么样', '花盆搬到了阳台')
  await type(volunteer, '如 1.5', '-1')
  await tap(volunteer, '确认已完成服务')
  await see(volunteer, /服务时长至少/)
  await type(volunteer, '如 1.5', '1')
  await expectAccessible(volunteer, 'complete sheet')
  await keep(volunteer, 'volunteer-complete')
  await tap(volunteer, '确认已完成服务')
  await card(volunteer, title).getByText('待居民确认', { exact: true }).waitFor({ timeout: 15000 })

  const resident = await phone('demo-resident')
  await open(resident, t.url, `/packages/resident/demand/index?id=${created._id}`)
  await see(resident, '服务已完成，请您确认')
  await tap(resident, '没有解决')
  await type(resident, '请填写原因', '花盆还有两盆没搬')
  await tap(resident, '退回重新处理')
  await see(resident, /已退回给服务人员重新处理/)
  await see(resident, '正在为您服务')
  await t.ok('task', 'complete', { id: created._id, note: '剩下两盆也搬好了', hours: 1 }, 'demo-volunteer')

  await resident.reload()
  await tap(resident, '确认完成')
  await tap(resident, '确定')
  await see(resident, '等待社区办结')
  await tap(resident, '评价')
  await tap(resident, '提交评价')
  await see(resident, '请选择星级')
  await resident.locator('.stars__star').filter({ visible: true }).nth(4).click()
  await see(resident, '非常满意')
  expect(await seen(resident, '请选择星级').count()).toBe(0)
  await expectAccessible(resident, 'rate sheet')
  await tap(resident, '提交评价')
  await see(resident, /★★★★★/)
  await see(resident, /社区将在 3 天内办结销号/)
  await keep(resident, 'resident-rated')

  const staff = await phone('demo-staff')
  await open(staff, t.url, '/packages/staff/inbox/index')
  await tap(staff, '待销号')
  await card(staff, title).waitFor({ timeout: 15000 })
  await card(staff, title).getByText('居民评价：★★★★★', { exact: true }).waitFor()
  await card(staff, title).getByText('待销号', { exact: true }).waitFor()
})

/** Visible text smaller than `min` px and tap targets lower than 44 px on the current page. */
async function elderProblems(page: Page, min: number): Promise<{ small: string[]; targets: string[] }> {
  return page.evaluate(
    ([minFont, minTarget]) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return (
          r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && el.closest('[aria-hidden="true"]') === null
        )
      }
      const small: string[] = []
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        if (!visible(el) || el.closest('.persona-picker, .weui-badge, .taro_page:not(.taro_page_show)')) continue
        const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim())
        const field = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA'
        if (!own && !field) continue
        const size = parseFloat(getComputedStyle(el).fontSize)
        if (size < minFont)
          small.push(`${size}px ${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 12)}"`)
      }
      const targets: string[] = []
      const selector =
        '.nut-button, .chip, .tabs__tab, .entry, .check, [role="button"], .stars__star, .weui-tabbar__item, .input, .textarea, input, textarea'
      for (const el of Array.from(document.querySelectorAll(selector))) {
        if (!visible(el) || el.closest('.persona-picker, .taro_page:not(.taro_page_show)')) continue
        const r = el.getBoundingClientRect()
        if (r.height < minTarget) targets.push(`${Math.round(r.height)}px ${el.className} "${(el.textContent ?? '').trim().slice(0, 12)}"`)
      }
      return { small, targets }
    },
    [min, MIN_TARGET] as const,
  )
}

test('长辈模式 on each main screen: large type everywhere, tap targets of 44 px and more', async () => {
  const created = await t.ok('demand', 'create', order('帮忙取药', 'req-journey-elder'), 'demo-resident')
  const resident = await phone('demo-resident', { elder: true })
  const screens: [string, string, string][] = [
    ['/pages/index/index', '我的点单', 'elder-home'],
    [ORDER, '助老助残', 'elder-order'],
    ['/packages/resident/demands/index', '帮忙取药', 'elder-demands'],
    [`/packages/resident/demand/index?id=${created._id}`, '办理进度', 'elder-demand'],
    ['/pages/inbox/index', '消息', 'elder-inbox'],
    ['/pages/mine/index', '长辈模式', 'elder-mine'],
  ]
  for (const [path, marker, name] of screens) {
    await open(resident, t.url, path)
    await see(resident, marker)
    await resident.locator('.screen--elder').filter({ visible: true }).first().waitFor({ timeout: 15000 })
    await resident.waitForTimeout(300)
    expect({ path, ...(await elderProblems(resident, ELDER_MIN_FONT)) }).toEqual({ path, small: [], targets: [] })
    await expectAccessible(resident, path)
    if (name === 'elder-order' || name === 'elder-home' || name === 'elder-demand') await keep(resident, name)
  }

  const volunteer = await phone('demo-volunteer', { elder: true })
  await open(volunteer, t.url, '/packages/volunteer/hall/index')
  await volunteer.locator('.screen--elder').filter({ visible: true }).first().waitFor({ timeout: 15000 })
  await volunteer.waitForTimeout(300)
  expect(await elderProblems(volunteer, ELDER_MIN_FONT)).toEqual({ small: [], targets: [] })
})

test('消息 carries a badge with the unread count notify.inbox answers', async () => {
  const created = await t.ok('demand', 'create', order('楼道灯不亮', 'req-journey-badge'), 'demo-resident-2')
  await t.ok('dispatch', 'accept', { id: created._id }, 'demo-staff')
  const inbox = await t.ok('notify', 'inbox', { page: { limit: 1 } }, 'demo-resident-2')
  expect(inbox.unread).toBeGreaterThan(0)

  const page = await phone('demo-resident-2')
  await open(page, t.url, '/pages/index/index')
  await see(page, '我要点单')
  const badge = page.locator('.weui-tabbar__item .weui-badge').filter({ visible: true })
  await eventually(
    async () => ((await badge.count()) ? (await badge.first().innerText()).trim() : ''),
    inbox.unread > 99 ? '99+' : String(inbox.unread),
  )
  await keep(page, 'resident-badge')

  // Reading everything clears it.
  await page.locator('.weui-tabbar__item').nth(1).click()
  await tap(page, '全部已读')
  await eventually(() => badge.count(), 0)
})
