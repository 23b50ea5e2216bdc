/**
 * `HONGLIN_BUNDLE_STATS=<file> npm run build:h5`: writes webpack's stats as JSON (every chunk,
 * its files, its modules with their sizes and who imports them), to see what the first screen
 * carries and why, with no source-map tool installed.
 */
import { writeFileSync } from 'node:fs'
import type { Compiler } from 'webpack'

export class BundleStats {
  constructor(private readonly file: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('BundleStats', (stats) => {
      const json = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkRelations: true,
        chunkModules: true,
        chunkModulesSpace: Infinity,
        nestedModules: true,
        nestedModulesSpace: Infinity,
        dependentModules: true,
        reasons: true,
        ids: true,
      })
      writeFileSync(this.file, JSON.stringify(json))
    })
  }
}
