/**
 * Every action of every function, as `shared/src/contract` registers them in `Schemas`
 * (bundled in memory with the build's esbuild, as seeds/shared-rules.cjs does), so the action
 * table cannot leave one out unnoticed.
 */
import { buildSync } from 'esbuild'
import { join } from 'node:path'
import { root } from '../scripts/lib/build.mjs'

export async function contractActions() {
  const out = buildSync({
    stdin: {
      contents: "export { Schemas } from './contract'",
      resolveDir: join(root, 'shared/src'),
      loader: 'ts',
      sourcefile: 'bench-contract.ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  })
  const { Schemas } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`)
  return Object.entries(Schemas).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))
}
