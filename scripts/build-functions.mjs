#!/usr/bin/env node
/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts plus the shared/ code it
 * imports) into dist/cloudfunctions/<name>/index.js, next to its package.json and
 * config.json: the folder WeChat DevTools deploys (project.config.json → cloudfunctionRoot)
 * and the emulator's function host loads. wx-server-sdk stays external: the cloud installs it
 * from the function's package.json.
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import envId from './deploy/env-id.cjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'cloudfunctions')
const out = join(root, 'dist', 'cloudfunctions')

export async function buildFunctions({ quiet = false } = {}) {
  // Folders starting with _ hold code the functions share (bundled into each), not functions.
  const names = readdirSync(source).filter(
    (n) => !n.startsWith('_') && existsSync(join(source, n, 'index.ts')) && statSync(join(source, n)).isDirectory(),
  )
  const started = Date.now()
  for (const name of names) {
    const target = join(out, name)
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target, { recursive: true })
    await build({
      entryPoints: [join(source, name, 'index.ts')],
      outfile: join(target, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      sourcemap: 'inline',
      external: ['wx-server-sdk'],
      alias: { '@honglin/shared': join(root, 'shared', 'src', 'index.ts') },
      logLevel: 'warning',
    })
    for (const file of ['package.json', 'config.json']) {
      if (existsSync(join(source, name, file))) copyFileSync(join(source, name, file), join(target, file))
    }
  }
  // A function bound to a fixed environment id would read and write that environment in the cloud.
  const wrongEnv = envId.checkBundles(out).filter((p) => names.includes(p.fn))
  if (wrongEnv.length) throw new Error(`cloud.init must use cloud.DYNAMIC_CURRENT_ENV:\n${envId.describe(wrongEnv)}`)
  if (!quiet) console.log(`built ${names.length} cloud function(s) into dist/cloudfunctions in ${Date.now() - started} ms`)
  return { names, outDir: out }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildFunctions().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}
