#!/usr/bin/env node
/**
 * `npm run bench:first-screen`: the H5 first screen on a cheap phone on a bad network. Chromium
 * (Debian's, through playwright-core) with the CPU slowed 4× and DevTools' "Slow 3G" profile
 * (400 ms round trip, 400 kbit/s each way), a cold cache, loads the app from the emulator with
 * the demo data and waits for the home page's "我要点单"; the floor is a trivial page carrying
 * the same words, served over the same link. Prints the median of five loads of each and
 * their ratio, plus the bytes the app's first screen transferred. Needs `npm run build:h5`.
 *
 * "我要点单" first shows on the home page drawn as HTML before the app runs
 * (client/config/first-screen-shell.ts); the table also gives when the app's own home page has
 * replaced it (its tiles work from then on), and the run fails if the two draw different tiles.
 *
 * `--dist <dir>` (repeatable) measures other H5 builds in the same run, e.g. a copy of the build
 * before a change next to the current one: each gets its own emulator, and the loads take turns
 * (floor, then each build) so a busy machine slows them alike.
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { buildAllFunctions, buildEmulator, root } from '../scripts/lib/build.mjs'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')

const RUNS = 5
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 }
const CPU_SLOWDOWN = 4
const TRIVIAL = '<!doctype html><meta name="viewport" content="width=device-width"><title>红邻</title><p>我要点单</p>'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** The app's own home page: a Taro page holding the order tiles (the HTML first screen is not one). */
const APP_HOME = '.taro_page .home-tile'

async function load(browser, url, text, app = false) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true, locale: 'zh-CN' })
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  let bytes = 0
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength))
  const started = Date.now()
  await page.goto(url, { waitUntil: 'commit' })
  await page.getByText(text, { exact: true }).first().waitFor({ timeout: 120_000 })
  const ms = Date.now() - started
  let appMs = ms
  if (app) {
    await page.locator(APP_HOME).first().waitFor({ timeout: 120_000 })
    appMs = Date.now() - started
  }
  await context.close()
  return { ms, appMs, bytes }
}

/** The tiles of the HTML first screen must be the ones the app draws (same words, same order). */
async function checkShell(browser, url) {
  const page = await browser.newPage({ viewport: { width: 375, height: 667 } })
  try {
    const html = await (await page.request.get(`${url}/`)).text()
    const shell = [...html.matchAll(/<a class="home-tile[^"]*"[^>]*>(.*?)<\/a>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''))
    if (shell.length === 0) return
    await page.goto(`${url}/`)
    await page.locator(APP_HOME).first().waitFor({ timeout: 60_000 })
    const drawn = await page.locator(APP_HOME).allInnerTexts()
    const squash = (xs) => xs.map((x) => x.replace(/\s+/g, ''))
    if (JSON.stringify(squash(shell)) !== JSON.stringify(squash(drawn)))
      throw new Error(`the HTML first screen shows ${JSON.stringify(shell)}, the app's home page ${JSON.stringify(drawn)}`)
  } finally {
    await page.close()
  }
}

/** The H5 builds named by `--dist <dir>` (default: the current build). */
function distsOf(argv) {
  const dists = []
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--dist' && argv[i + 1]) dists.push(resolve(argv[++i]))
  return dists.length ? dists : [join(root, 'client/dist/h5')]
}

async function serve(dist, schema) {
  const { startEmulator } = require(join(root, 'emulator/dist/index.js'))
  const emulator = await startEmulator({
    quiet: true,
    staticDir: dist,
    functionsDir: join(root, 'dist/cloudfunctions'),
    indexes: schema.indexes,
  })
  for (const name of schema.collections) emulator.database.ensureCollection(name)
  await require(join(root, 'seeds/demo.cjs'))(emulator)
  return emulator
}

export async function run(argv = []) {
  const dists = distsOf(argv)
  for (const dist of dists)
    if (!existsSync(join(dist, 'index.html'))) throw new Error(`no H5 build in ${dist}: run \`npm run build:h5\` first`)
  buildEmulator()
  await buildAllFunctions({ quiet: true })
  const { readSchema } = require(join(root, 'emulator/dist/schema.js'))
  const schema = readSchema(join(root, 'database/schema.json'))
  const emulators = []
  for (const dist of dists) emulators.push(await serve(dist, schema))
  const floor = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(TRIVIAL))
  await new Promise((resolve) => floor.listen(0, '127.0.0.1', resolve))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The same flags as the browser tests: off the network this machine cannot reach.
    args: require(join(root, 'scripts/lib/chromium-args.json')),
  })
  try {
    const apps = dists.map(() => [])
    const trivial = []
    for (let i = 0; i < RUNS; i++) {
      trivial.push(await load(browser, `http://127.0.0.1:${floor.address().port}/`, '我要点单'))
      for (const [k, emulator] of emulators.entries()) apps[k].push(await load(browser, `${emulator.url}/`, '我要点单', true))
    }
    for (const emulator of emulators) await checkShell(browser, emulator.url)
    const floorMs = median(trivial.map((r) => r.ms))
    console.log(`\n## First screen: 4× CPU slowdown, Slow 3G, cold cache (median of ${RUNS})\n`)
    console.log('| page | until "我要点单" shows | ratio to the floor | until the app\'s home page runs | ratio | transferred |')
    console.log('|---|---|---|---|---|---|')
    console.log(`| trivial page (floor) | ${(floorMs / 1000).toFixed(2)} s | 1.0× | | | ${median(trivial.map((r) => r.bytes))} B |`)
    const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`
    const results = dists.map((dist, k) => {
      const appMs = median(apps[k].map((r) => r.ms))
      const runsMs = median(apps[k].map((r) => r.appMs))
      const name = dists.length > 1 ? `H5 home (${relative(root, dist) || dist})` : 'H5 home'
      const kb = Math.round(median(apps[k].map((r) => r.bytes)) / 1024)
      console.log(
        `| ${name} | ${seconds(appMs)} | ${(appMs / floorMs).toFixed(1)}× | ${seconds(runsMs)} | ${(runsMs / floorMs).toFixed(1)}× | ${kb} KB |`,
      )
      return { dist, appMs, runsMs }
    })
    return { appMs: results[0].appMs, floorMs, results }
  } finally {
    await browser.close()
    floor.close()
    for (const emulator of emulators) await emulator.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
