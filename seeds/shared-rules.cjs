/**
 * The domain rules of `shared/src` (TypeScript) for seeds, which run in plain Node (the
 * emulator's `--seed` imports them) as well as under Jest. Bundled in memory with the same
 * esbuild the function build uses, so a seed asks the very rules the functions ask (categories
 * and their points, the state machine, the SLA deadlines, retention) instead of keeping copies of them.
 */
const { execFileSync } = require('node:child_process')
const { join } = require('node:path')

const ENTRY = `
export { Categories, findCategory } from './demand/categories'
export { DemandStatuses, FinalStatuses } from './demand/types'
export { Transitions } from './demand/machine'
export { SlaRules, currentDeadline, evaluateSla, DefaultSlaPolicy, slaTermsFor, slaFields, slaDue, wakeAtOf } from './demand/sla'
export { DefaultPointsPolicy, pointsFor, awardEntryId } from './points/rules'
export { loadHolderOf } from './org/load'
export { rollupDeltas, applyDelta } from './points/ranking'
export { DEFAULT_RETENTION_DAYS, isDueForErasure, erasedContact } from './privacy/retention'
export { contributionOf, addToCells, packCell, addressMoves, applyAddressMove } from './stats/contribution'
`

const BUILD = {
  stdin: { contents: ENTRY, resolveDir: join(__dirname, '..', 'shared', 'src'), loader: 'ts', sourcefile: 'seed-rules.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  write: false,
  logLevel: 'warning',
}

/**
 * The bundle's text. esbuild needs Node's own Buffer and Uint8Array to be one family; in a
 * jsdom test environment (the weapp tests seed their emulator there) they come from two
 * realms, so there the bundle is made by a plain Node child process instead.
 */
function bundle() {
  if (Buffer.from('') instanceof Uint8Array) return require('esbuild').buildSync(BUILD).outputFiles[0].text
  const script = `process.stdout.write(require('esbuild').buildSync(${JSON.stringify(BUILD)}).outputFiles[0].text)`
  return execFileSync(process.execPath, ['-e', script], { cwd: __dirname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
}

let loaded

function sharedRules() {
  if (loaded) return loaded
  const module = { exports: {} }
  new Function('module', 'exports', 'require', bundle())(module, module.exports, require)
  loaded = module.exports
  return loaded
}

module.exports = { sharedRules }
