/**
 * Driving the H5 build like a person: open a page as a demo persona (the stored persona the
 * picker would have saved), find what is visible on the current page (Taro keeps earlier
 * pages of the stack in the DOM, hidden), tap, type and choose photos.
 */
import type { Locator, Page } from 'playwright-core'
import type { BrowserHandle } from '../../helpers/browser'

export const PERSONA_KEY = 'honglin:persona-openid'

/** A phone-sized page that is `openid` from its first load on (as after using the persona picker). */
export async function pageAs(b: BrowserHandle, openid: string, options?: { deviceScaleFactor?: number }): Promise<Page> {
  const page = await b.newPage(options)
  await page.addInitScript(
    ([key, value]) => {
      // Taro H5 keeps storage values wrapped as { data }.
      window.localStorage.setItem(key!, JSON.stringify({ data: value }))
    },
    [PERSONA_KEY, openid],
  )
  return page
}

export async function open(page: Page, base: string, path: string): Promise<void> {
  await page.goto(`${base}/#${path}`)
}

/** Visible elements with exactly this text (or matching the pattern). */
export function seen(page: Page, text: string | RegExp): Locator {
  return page.getByText(text, { exact: typeof text === 'string' }).filter({ visible: true })
}

export async function see(page: Page, text: string | RegExp, timeout = 15000): Promise<void> {
  await seen(page, text).first().waitFor({ state: 'visible', timeout })
}

export async function tap(page: Page, text: string | RegExp, nth = 0): Promise<void> {
  const target = seen(page, text).nth(nth)
  await target.waitFor({ state: 'visible', timeout: 15000 })
  await target.click()
}

/**
 * The page on top. While Taro H5 animates a navigation both pages are visible for a moment;
 * the newer one comes later in the document, and a hidden page never counts.
 */
export function current(page: Page): Locator {
  return page.locator('.taro_page').filter({ visible: true }).last()
}

/** The visible demand card whose title is `title`, on the page on top. */
export function card(page: Page, title: string): Locator {
  return current(page)
    .locator('.card')
    .filter({ visible: true })
    .filter({ has: page.getByText(title, { exact: true }) })
}

/** Types into the visible input or textarea with this placeholder. */
export async function type(page: Page, placeholder: string, value: string): Promise<void> {
  // Taro H5 wraps the native field in a custom element that repeats the placeholder.
  const field = page
    .locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
    .filter({ visible: true })
    .first()
  await field.waitFor({ state: 'visible', timeout: 15000 })
  await field.fill(value)
}

/** Taps “添加照片” and answers the file chooser with `file`. */
export async function addPhoto(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser', { timeout: 15000 })
  await tap(page, '添加照片')
  await (await chooser).setFiles(file)
}

/** The id in the current URL's `?id=`. */
export function idInUrl(page: Page): string {
  const match = /[?&]id=([^&]+)/.exec(page.url())
  if (!match) throw new Error(`no id in ${page.url()}`)
  return decodeURIComponent(match[1]!)
}

/** A tiny valid PNG (a red 2×2 square). */
export const PHOTO = {
  name: 'photo.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
    'base64',
  ),
}
