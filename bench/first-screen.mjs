#!/usr/bin/env node
/**
 * `npm run bench:first-screen`: the H5 first screen on a cheap phone on a bad network. Chromium
 * (Debian's, through playwright-core) with the CPU slowed 4× and DevTools' "Slow 3G" profile
 * (400 ms round trip, 400 kbit/s each way), a cold cache, loads the app from the emulator with
 * the demo data and waits for the home page's "我要点单"; the floor is a trivial page carrying
 * the same words, served over the same link. Prints the median of five loads of each and
 * their ratio, plus the bytes the app's first screen transferred. Needs `npm run build:h5`.
 */
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { buildAllFunctions, buildEmulator, root } from '../scripts/lib/build.mjs'

const require = createRequire(import.meta.url)
const { chromium } = require('playwright-core')

const RUNS = 5
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 }
const CPU_SLOWDOWN = 4
const TRIVIAL = '<!doctype html><meta name="viewport" content="width=device-width"><title>红邻</title><p>我要点单</p>'

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function load(browser, url, text) {
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
  await context.close()
  return { ms, bytes }
}

export async function run() {
  const dist = join(root, 'client/dist/h5')
  if (!existsSync(join(dist, 'index.html'))) throw new Error('no H5 build: run `npm run build:h5` first')
  buildEmulator()
  await buildAllFunctions({ quiet: true })
  const { startEmulator } = require(join(root, 'emulator/dist/index.js'))
  const { readSchema } = require(join(root, 'emulator/dist/schema.js'))
  const schema = readSchema(join(root, 'database/schema.json'))
  const emulator = await startEmulator({
    quiet: true,
    staticDir: dist,
    functionsDir: join(root, 'dist/cloudfunctions'),
    indexes: schema.indexes,
  })
  for (const name of schema.collections) emulator.database.ensureCollection(name)
  await require(join(root, 'seeds/demo.cjs'))(emulator)
  const floor = createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(TRIVIAL))
  await new Promise((resolve) => floor.listen(0, '127.0.0.1', resolve))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The same flags as the browser tests: off the network this machine cannot reach.
    args: require(join(root, 'scripts/lib/chromium-args.json')),
  })
  try {
    const app = []
    const trivial = []
    for (let i = 0; i < RUNS; i++) {
      trivial.push(await load(browser, `http://127.0.0.1:${floor.address().port}/`, '我要点单'))
      app.push(await load(browser, `${emulator.url}/`, '我要点单'))
    }
    const appMs = median(app.map((r) => r.ms))
    const floorMs = median(trivial.map((r) => r.ms))
    console.log(`\n## First screen: 4× CPU slowdown, Slow 3G, cold cache (median of ${RUNS})\n`)
    console.log('| page | until "我要点单" shows | transferred | ratio to the floor |')
    console.log('|---|---|---|---|')
    console.log(`| trivial page (floor) | ${(floorMs / 1000).toFixed(2)} s | ${median(trivial.map((r) => r.bytes))} B | 1.0× |`)
    console.log(
      `| H5 home | ${(appMs / 1000).toFixed(2)} s | ${Math.round(median(app.map((r) => r.bytes)) / 1024)} KB | ${(appMs / floorMs).toFixed(1)}× |`,
    )
    return { appMs, floorMs }
  } finally {
    await browser.close()
    floor.close()
    await emulator.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
