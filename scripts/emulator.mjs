#!/usr/bin/env node
/**
 * `npm run emulator -- --port <P> --data <DIR> [--seed demo] [--auto-create-collections] …`
 * Runs the CloudBase emulator with this project's defaults: the functions in
 * dist/cloudfunctions (rebuilt first), the schema in database/schema.json, and named seeds
 * from seeds/ (`--seed demo` → seeds/demo.cjs; `--seed scale:200000` → seeds/scale.cjs with
 * its argument in HONGLIN_SEED_ARG). Every option of the emulator's own CLI
 * (emulator/src/cli.ts) passes through.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { buildAllFunctions, buildEmulator, root } from './lib/build.mjs'

/** A named seed, `name` or `name:argument`: its file in seeds/ and the argument, if any. */
export function namedSeed(spec) {
  const [name, arg] = spec.split(/:(.*)/s, 2)
  return { file: join(root, 'seeds', `${name}.cjs`), arg: arg || undefined }
}

export function projectArgs(argv) {
  const args = [...argv]
  const has = (flag) => args.some((a) => a === flag || a.startsWith(`${flag}=`))
  const seedAt = args.indexOf('--seed')
  if (seedAt !== -1 && args[seedAt + 1] && !args[seedAt + 1].includes('/')) {
    const { file, arg } = namedSeed(args[seedAt + 1])
    args[seedAt + 1] = file
    // The emulator's CLI calls a seed with the emulator only; the argument travels in the environment.
    if (arg !== undefined) process.env.HONGLIN_SEED_ARG = arg
  }
  if (!has('--functions')) args.push('--functions', join(root, 'dist/cloudfunctions'))
  if (!has('--schema')) args.push('--schema', join(root, 'database/schema.json'))
  // The templates the example deployment has, so local sends meet the checks real ones do.
  if (!has('--subscribe-templates')) args.push('--subscribe-templates', join(root, 'deploy/env.example.json'))
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
