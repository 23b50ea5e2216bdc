/**
 * Real Chromium for end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core
 * (installed by scripts/setup-ci.sh; playwright cannot download browsers here). The flags
 * keep Chromium off the network it cannot reach anyway.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import CHROMIUM_ARGS from '../../scripts/lib/chromium-args.json'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts')

export interface BrowserHandle {
  browser: Browser
  /** A phone-sized page (375×667, the small screens many residents use); 2 device pixels per CSS pixel unless told. */
  newPage(options?: { openid?: string; deviceScaleFactor?: number }): Promise<Page>
  screenshot(page: Page, name: string): Promise<string>
}

export function useBrowser(): BrowserHandle {
  const handle = {} as BrowserHandle
  const contexts: BrowserContext[] = []
  beforeAll(async () => {
    handle.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    })
    handle.newPage = async (options) => {
      const context = await handle.browser.newContext({
        viewport: { width: 375, height: 667 },
        deviceScaleFactor: options?.deviceScaleFactor ?? 2,
        locale: 'zh-CN',
        isMobile: true,
        hasTouch: true,
      })
      contexts.push(context)
      return context.newPage()
    }
    handle.screenshot = async (page, name) => {
      mkdirSync(ARTIFACTS, { recursive: true })
      const path = join(ARTIFACTS, `${name}.png`)
      await page.screenshot({ path, fullPage: true })
      return path
    }
  })
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await handle.browser?.close()
  })
  return handle
}
