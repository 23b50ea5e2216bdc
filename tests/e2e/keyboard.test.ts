/**
 * The H5 app by keyboard only (as a keyboard or switch-access user meets it): Tab reaches every
 * tile, card, choice and button, Enter opens or presses what has focus, Space toggles a choice.
 * A resident orders, a volunteer claims from the hall and the resident confirms and rates,
 * without a single click or tap.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { open, pageAs, see } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

interface Focused {
  /** The focused element's accessible words: its aria-label, else its text, else its placeholder. */
  name: string
  role: string | null
  checked: string | null
  pressed: string | null
  /** The text of the card the focus is in ('' outside cards). */
  card: string
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement
    const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '')
    return {
      name: squash(e.getAttribute('aria-label')) || squash(e.innerText) || squash(e.getAttribute('placeholder')),
      role: e.getAttribute('role'),
      checked: e.getAttribute('aria-checked'),
      pressed: e.getAttribute('aria-pressed'),
      card: squash(e.closest('.card')?.textContent),
    }
  })
}

/** Presses Tab until the focused element's words match `name` (and its card shows `inCard`). */
async function tabTo(page: Page, name: string | RegExp, inCard?: string, limit = 80): Promise<Focused> {
  const seenNames: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab')
    const f = await focused(page)
    seenNames.push(f.name)
    const named = typeof name === 'string' ? f.name === name : name.test(f.name)
    if (named && (!inCard || f.card.includes(inCard))) return f
  }
  throw new Error(`Tab never reached ${name}${inCard ? ` in the card of ${inCard}` : ''}; focus went to: ${seenNames.join(' | ')}`)
}

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

test('a resident orders by keyboard: Tab to a tile and Enter opens it, Space picks the choices, Enter submits', async () => {
  const title = '帮忙换个灯泡'
  const page = await pageAs(b, 'demo-resident')
  await open(page, t.url, '/pages/index/index')
  await see(page, '我要点单')

  await tabTo(page, /^服务/)
  await page.keyboard.press('Enter')
  await see(page, '助老助残')

  expect((await tabTo(page, '助老助残')).pressed).toBe('false')
  await page.keyboard.press('Space')
  expect((await focused(page)).pressed).toBe('true')
  await tabTo(page, '如：帮忙修理水龙头')
  await page.keyboard.type(title)
  await tabTo(page, '需要什么帮助、什么时候方便、有什么要注意的')
  await page.keyboard.type('客厅的灯泡坏了，够不着')
  await tabTo(page, '新园社区第1网格')
  await page.keyboard.press('Space')
  expect((await focused(page)).pressed).toBe('true')
  await tabTo(page, '小区、楼号、单元、门牌')
  await page.keyboard.type('新园社区3号楼2单元501')
  // Her name and phone come from her profile.
  const name = page.locator('input[placeholder="您的称呼"]').filter({ visible: true }).first()
  await name.waitFor()
  for (let i = 0; i < 50 && (await name.inputValue()) !== '张阿姨'; i++) await page.waitForTimeout(200)
  expect(await name.inputValue()).toBe('张阿姨')
  const consent = await tabTo(page, /^我同意/)
  expect([consent.role, consent.checked]).toEqual(['checkbox', 'false'])
  await page.keyboard.press('Space')
  expect((await focused(page)).checked).toBe('true')
  // Space on a choice toggles it, it does not scroll the page away.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('checkbox')

  await tabTo(page, '提交点单')
  await page.keyboard.press('Enter')
  await see(page, '点单已提交')
  const mine = await t.ok('demand', 'listMine', { page: { limit: 50 } }, 'demo-resident')
  expect(mine.items.filter((d: { title: string }) => d.title === title)).toHaveLength(1)

  // 查看办理进度 by Enter too.
  await tabTo(page, '查看办理进度')
  await page.keyboard.press('Enter')
  await see(page, '办理进度')
})

test('a volunteer claims from the hall by keyboard: Tab to the card’s 认领, Enter, then Enter on 确定', async () => {
  const title = '帮忙把旧报纸搬下楼'
  const created = await t.ok('demand', 'create', order(title, 'req-keyboard-claim'), 'demo-resident')
  await t.ok('dispatch', 'accept', { id: created._id }, 'demo-staff')
  await t.ok('dispatch', 'publish', { id: created._id }, 'demo-staff')

  const page = await pageAs(b, 'demo-volunteer')
  await open(page, t.url, '/packages/volunteer/hall/index')
  await see(page, title)
  await tabTo(page, '认领', title)
  await page.keyboard.press('Enter')
  await see(page, '认领后请尽快联系居民，确定认领吗？')
  await tabTo(page, '确定')
  await page.keyboard.press('Enter')
  await see(page, '认领成功')
  const claimed = await t.ok('demand', 'get', { id: created._id }, 'demo-volunteer')
  expect(claimed.status).toBe('dispatched')
})

test('a resident confirms and rates by keyboard: Enter on 确认完成 and 确定, Enter on the fifth star', async () => {
  const title = '帮忙修一下晾衣架'
  const created = await t.ok('demand', 'create', order(title, 'req-keyboard-confirm'), 'demo-resident')
  await t.ok('dispatch', 'accept', { id: created._id }, 'demo-staff')
  await t.ok('dispatch', 'assign', { id: created._id, assignee: { type: 'volunteer', id: 'user-volunteer' } }, 'demo-staff')
  await t.ok('task', 'accept', { id: created._id }, 'demo-volunteer')
  await t.ok('task', 'start', { id: created._id }, 'demo-volunteer')
  await t.ok('task', 'complete', { id: created._id, note: '晾衣架修好了', hours: 1 }, 'demo-volunteer')

  const page = await pageAs(b, 'demo-resident')
  await open(page, t.url, `/packages/resident/demand/index?id=${created._id}`)
  await see(page, '服务已完成，请您确认')
  await tabTo(page, '确认完成')
  await page.keyboard.press('Enter')
  await tabTo(page, '确定')
  await page.keyboard.press('Enter')
  await see(page, '等待社区办结')

  await tabTo(page, '评价')
  await page.keyboard.press('Enter')
  await tabTo(page, '5星')
  await page.keyboard.press('Enter')
  await see(page, '非常满意')
  await tabTo(page, '提交评价')
  await page.keyboard.press('Enter')
  await see(page, /★★★★★/)
  const rated = await t.ok('demand', 'get', { id: created._id }, 'demo-resident')
  expect(rated.rating?.stars).toBe(5)
})
