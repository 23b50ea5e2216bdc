#!/usr/bin/env node
/**
 * `npm run bench [-- --only floor|actions|scale|startup] [-- --scale]`: runs the benchmarks and
 * prints their tables (markdown). By default all four: the database floor (db-floor.mjs), every
 * action of every function (actions.mjs, its ratios against the floor's `doc().get()`) and
 * the list calls at 2,000 and 200,000 demands (scale.mjs, which spends most of its time
 * seeding the large data set), and the emulator's start-up at 200,000 documents (db-scale.mjs).
 * `--scale` is `--only scale`. Not part of `npm test`.
 */
import { run as dbFloor } from './db-floor.mjs'
import { run as dbScale } from './db-scale.mjs'
import { run as actions } from './actions.mjs'
import { run as scale } from './scale.mjs'

const PARTS = ['floor', 'actions', 'scale', 'startup']

function partsFrom(argv) {
  const at = argv.indexOf('--only')
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? (at !== -1 ? argv[at + 1] : undefined)
  if (argv.includes('--scale')) return ['scale']
  if (!only) return PARTS
  const parts = only.split(',')
  const unknown = parts.filter((p) => !PARTS.includes(p))
  if (unknown.length) throw new Error(`--only takes ${PARTS.join(', ')}; not ${unknown.join(', ')}`)
  return parts
}

const parts = partsFrom(process.argv.slice(2))
const started = Date.now()
let floorP95
// The actions' ratios are against the floor measured in the same run.
if (parts.includes('floor') || parts.includes('actions')) {
  const rows = await dbFloor()
  floorP95 = rows.find((r) => r.name === 'doc().get()').p95
}
if (parts.includes('actions')) await actions({ floorP95 })
if (parts.includes('scale')) await scale()
// The emulator's own start-up and memory with 200,000 documents on disk.
if (parts.includes('startup')) await dbScale()
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s on ${process.version}`)
process.exit(0)
