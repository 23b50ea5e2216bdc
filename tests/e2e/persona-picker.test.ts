/**
 * The H5 persona picker on the smallest phones people use: every demo account can be reached
 * by scrolling the sheet, the sheet closes with its own button, and picking someone from the
 * other street makes the app that person.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { PERSONAS } from '../../client/src/stores/personas'
import { open, pageAs, see, seen, tap } from './support/h5'

jest.setTimeout(120_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

async function openSheet(page: Page): Promise<void> {
  await open(page, t.url, '/pages/index/index')
  await tap(page, '切换身份')
  await see(page, '选择演示身份')
}

/** The sheet's own element with this text (the page behind it may show the same words). */
const inSheet = (page: Page, text: string) => page.locator('.persona-sheet').getByText(text, { exact: true }).first()

/** The item is inside the visible screen and nothing (the tab bar, say) is drawn over it. */
async function onScreen(page: Page, text: string): Promise<boolean> {
  const item = inSheet(page, text)
  const box = await item.boundingBox()
  const viewport = page.viewportSize()!
  if (!box || box.y < 0 || box.y + box.height > viewport.height) return false
  return item.evaluate(
    (el, point) => {
      const top = document.elementFromPoint(point.x, point.y)
      return !!top && (el === top || el.contains(top) || top.contains(el))
    },
    { x: box.x + box.width / 2, y: box.y + box.height / 2 },
  )
}

for (const size of [
  { width: 375, height: 667 },
  { width: 360, height: 640 },
]) {
  test(`at ${size.width}×${size.height} every persona can be scrolled to, and 关闭 stays in view`, async () => {
    const page = await pageAs(b, 'demo-resident')
    await page.setViewportSize(size)
    await openSheet(page)
    for (const persona of PERSONAS) {
      await inSheet(page, persona.label).scrollIntoViewIfNeeded()
      expect({ persona: persona.label, onScreen: await onScreen(page, persona.label) }).toEqual({ persona: persona.label, onScreen: true })
    }
    expect(await onScreen(page, '关闭')).toBe(true)
    await b.screenshot(page, `persona-picker-${size.width}`)
    await tap(page, '关闭')
    await seen(page, '选择演示身份').first().waitFor({ state: 'hidden' })
  })
}

test('choosing the street official of the other street makes the app that person', async () => {
  const page = await pageAs(b, 'demo-resident')
  await openSheet(page)
  const last = PERSONAS.find((p) => p.openid === 'demo-street-2')!
  await inSheet(page, last.label).scrollIntoViewIfNeeded()
  await inSheet(page, last.label).click()
  await seen(page, '选择演示身份').first().waitFor({ state: 'hidden' })
  await see(page, last.label)
  await see(page, '街道工作人员工作台', 20_000)
})
