/**
 * Runs a TypeScript entry of scripts/deploy (its `main(argv, { root })`) from plain Node:
 * bundles it with esbuild into node_modules/.cache/honglin, leaving the SDKs external, and sets
 * the exit code it answers.
 */
import { build } from 'esbuild'
import { mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))

export async function runTs(entry, argv, extra = {}) {
  const outdir = join(root, 'node_modules', '.cache', 'honglin')
  mkdirSync(outdir, { recursive: true })
  const outfile = join(outdir, `${basename(entry, '.ts')}.cjs`)
  await build({
    entryPoints: [join(root, 'scripts', 'deploy', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['@cloudbase/manager-node', 'miniprogram-ci'],
    logLevel: 'warning',
  })
  const { main } = await import(pathToFileURL(outfile).href)
  return main(argv, { root, ...extra })
}
