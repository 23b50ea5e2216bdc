#!/usr/bin/env node
/**
 * `npm run bench [-- --only floor|actions|scale|startup] [-- --sizes 2000,20000] [-- --timeout 30]
 * [-- --readme]`: runs the benchmarks and prints their tables (markdown). By default all four:
 * the database floor (db-floor.mjs), every action of every function (actions.mjs, its ratios
 * against the floor's `doc().get()` measured in the same run), the list calls and the SLA timer
 * at two sizes of the scale data set (scale.mjs; `--sizes`, default 2,000 and 200,000; `--timeout`
 * seconds per call, default 30), and the emulator's start-up at 200,000 documents (db-scale.mjs).
 * The actions and scale tables are written to bench/results/<part>.md, and with `--readme` into
 * README.md's matching block. `--scale` is `--only scale`. Not part of `npm test`.
 */
import { run as dbFloor } from './db-floor.mjs'
import { run as dbScale } from './db-scale.mjs'
import { run as actions } from './actions.mjs'
import { run as scale, SIZES, TIMEOUT_S } from './scale.mjs'
import { record } from './results.mjs'

const PARTS = ['floor', 'actions', 'scale', 'startup']

/** `--name value` or `--name=value`. */
function option(argv, name) {
  const at = argv.indexOf(`--${name}`)
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? (at !== -1 ? argv[at + 1] : undefined)
}

function partsFrom(argv) {
  const only = option(argv, 'only')
  if (argv.includes('--scale')) return ['scale']
  if (!only) return PARTS
  const parts = only.split(',')
  const unknown = parts.filter((p) => !PARTS.includes(p))
  if (unknown.length) throw new Error(`--only takes ${PARTS.join(', ')}; not ${unknown.join(', ')}`)
  return parts
}

function sizesFrom(argv) {
  const given = option(argv, 'sizes')
  if (!given) return SIZES
  const sizes = given.split(',').map((s) => Number(s.replace(/_/g, '')))
  if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error(`--sizes takes two or more whole numbers, e.g. 2000,20000; not ${given}`)
  return sizes
}

const argv = process.argv.slice(2)
const parts = partsFrom(argv)
const sizes = sizesFrom(argv)
const timeoutS = Number(option(argv, 'timeout') ?? TIMEOUT_S)
const readme = argv.includes('--readme')
const started = Date.now()
let floor
// The actions' ratios are against the floor measured in the same run.
if (parts.includes('floor') || parts.includes('actions')) floor = await dbFloor()
if (parts.includes('actions')) {
  const floorP95 = floor.rows.find((r) => r.name === 'doc().get()').p95
  const result = await actions({ floorP95 })
  record('actions', `${floor.markdown}\n${result.markdown}`, { readme })
}
if (parts.includes('scale')) {
  const result = await scale({ sizes, timeoutS })
  record('scale', result.markdown, { readme })
}
// The emulator's own start-up and memory with 200,000 documents on disk.
if (parts.includes('startup')) await dbScale()
console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)} s on ${process.version}`)
process.exit(0)
