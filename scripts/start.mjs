#!/usr/bin/env node
/**
 * `npm start`: builds what changed (emulator, cloud functions, H5 client), starts the emulator
 * on .data/ (seeded with the demo data on first run), serves the H5 client from the same
 * origin and prints the URL. PORT picks the port (default 8787). SEED picks another seed,
 * e.g. `SEED=scale:200000`, on a data directory of its own (.data-scale-200000/), so the
 * demo data stays as it is. Ctrl-C stops cleanly.
 */
import { join } from 'node:path'
import { buildH5, root } from './lib/build.mjs'
import { runEmulator } from './emulator.mjs'

const port = process.env.PORT ?? '8787'
const seed = process.env.SEED || 'demo'
const dataDir = seed === 'demo' ? '.data' : `.data-${seed.replace(/[^A-Za-z0-9_-]+/g, '-')}`
buildH5()
const emulator = await runEmulator([
  '--port',
  port,
  '--data',
  join(root, dataDir),
  '--seed',
  seed,
  '--static',
  join(root, 'client/dist/h5'),
  '--timers',
])
console.log(`\n红邻已启动：${emulator.url}/   （控制台：${emulator.url}/_console，Ctrl-C 退出）\n`)
