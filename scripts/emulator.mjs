#!/usr/bin/env node
/**
 * `npm run emulator -- --port <P> --data <DIR> [--seed demo] [--auto-create-collections] …`
 * Runs the CloudBase emulator with this project's defaults: the functions in
 * dist/cloudfunctions (rebuilt first), the schema in database/schema.json, and named seeds
 * from seeds/ (`--seed demo` → seeds/demo.cjs). Every option of the emulator's own CLI
 * (emulator/src/cli.ts) passes through.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildAllFunctions, buildEmulator, root } from './lib/build.mjs'

export function projectArgs(argv) {
  const args = [...argv]
  const has = (flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`))
  const seedAt = args.indexOf('--seed')
  if (seedAt !== -1 && args[seedAt + 1] && !args[seedAt + 1].includes('/')) {
    args[seedAt + 1] = join(root, 'seeds', `${args[seedAt + 1]}.cjs`)
  }
  if (!has('--functions')) args.push('--functions', join(root, 'dist/cloudfunctions'))
  if (!has('--schema')) args.push('--schema', join(root, 'database/schema.json'))
  return args
}

export async function runEmulator(argv) {
  buildEmulator()
  await buildAllFunctions()
  const require = createRequire(import.meta.url)
  const { main } = require(join(root, 'emulator/dist/cli.js'))
  return main(projectArgs(argv))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEmulator(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
