/**
 * Accessibility check of the page as it stands: axe-core injected into the page and run on
 * it, failing on every serious or critical violation with the elements it found. Taro keeps
 * earlier pages of the stack in the DOM, hidden; axe skips hidden elements itself.
 */
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/** Serious and critical violations on the current page (empty: none). */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  if (!loaded) await page.addScriptTag({ content: AXE_SOURCE })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/** Fails the test with a readable list when the current page has serious or critical violations. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const found = await axeViolations(page)
  const report = found.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${JSON.stringify(n.target)}`).join('\n')}`)
  expect({ where, violations: report }).toEqual({ where, violations: [] })
}
