#!/usr/bin/env node
/**
 * `npm run release -- --version x.y.z --desc "…" [--preview]`: builds the weapp client and
 * uploads it with miniprogram-ci (scripts/deploy/release.ts).
 */
import { runTs } from './deploy/run-ts.mjs'

try {
  process.exitCode = await runTs('release.ts', process.argv.slice(2))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
}
