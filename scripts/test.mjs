#!/usr/bin/env node
/**
 * `npm test`: builds what the suites load (the emulator CLI, the cloud functions, the H5 and
 * weapp clients), then runs every Jest project (node, e2e, weapp) once and ends with one
 * summary line.
 * Extra arguments go to Jest, e.g. `npm test -- --selectProjects node`.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildAllFunctions, buildEmulator, buildH5, buildWeapp, root } from './lib/build.mjs'

const artifacts = join(root, 'test-artifacts')
mkdirSync(artifacts, { recursive: true })
// The browser suites need Debian's Chromium; install it (and CJK fonts) on first use.
if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
  execFileSync('bash', [join(root, 'scripts/setup-ci.sh')], { stdio: 'inherit' })
}
buildEmulator()
await buildAllFunctions()
buildH5()
buildWeapp()

const results = join(artifacts, 'jest-results.json')
const jest = spawnSync('npx', ['jest', '--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
})

let summary = ''
try {
  const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(results, 'utf8'))
  summary = `tests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`
} catch {
  summary = 'tests: 0 passed, 1 failed'
}
console.log(`\n${summary}`)
process.exit(jest.status ?? 1)
