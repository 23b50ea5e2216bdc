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

/** The item is inside the visible screen, not cut off below it. */
async function onScreen(page: Page, text: string): Promise<boolean> {
  const box = await seen(page, text).first().boundingBox()
  const viewport = page.viewportSize()!
  return !!box && box.y >= 0 && box.y + box.height <= viewport.height
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
      const item = seen(page, persona.label).first()
      await item.scrollIntoViewIfNeeded()
      expect(await onScreen(page, persona.label)).toBe(true)
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
  await seen(page, last.label).first().scrollIntoViewIfNeeded()
  await tap(page, last.label)
  await seen(page, '选择演示身份').first().waitFor({ state: 'hidden' })
  await see(page, last.label)
  await see(page, '街道工作人员工作台', 20_000)
})
