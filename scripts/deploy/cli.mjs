#!/usr/bin/env node
/**
 * `npm run deploy -- --env <envId> [--apply | --check] [--dry-run]`: builds the functions (the
 * build refuses a bundle bound to a fixed environment id), then plans, applies or checks
 * (main.ts).
 */
import { buildFunctions } from '../build-functions.mjs'
import { runTs } from './run-ts.mjs'

try {
  await buildFunctions({ quiet: true })
  process.exitCode = await runTs('main.ts', process.argv.slice(2))
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 2
}
