#!/usr/bin/env node
// Runs the compiled emulator (npm run build -w emulator). See src/cli.ts for options.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const { main } = require('../dist/cli.js')
main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
