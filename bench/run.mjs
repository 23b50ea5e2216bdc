#!/usr/bin/env node
/** `npm run bench`: runs every benchmark in this folder and prints its table. */
import { run as dbFloor } from './db-floor.mjs'
import { run as dbScale } from './db-scale.mjs'

const started = Date.now()
await dbFloor()
await dbScale()
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s on ${process.version}`)
