/**
 * The domain rules of `shared/src` (TypeScript) for seeds, which run in plain Node (the
 * emulator's `--seed` imports them) as well as under Jest. Bundled in memory with the same
 * esbuild the function build uses, so a seed asks the very rules the functions ask (categories
 * and their points, the state machine, the SLA deadlines, retention) instead of keeping copies of them.
 */
const { buildSync } = require('esbuild')
const { join } = require('node:path')

const ENTRY = `
export { Categories, findCategory } from './demand/categories'
export { DemandStatuses, FinalStatuses } from './demand/types'
export { Transitions } from './demand/machine'
export { SlaRules, currentDeadline, evaluateSla, DefaultSlaPolicy, slaTermsFor, slaFields, slaDue, wakeAtOf } from './demand/sla'
export { DefaultPointsPolicy, pointsFor, awardEntryId } from './points/rules'
export { DEFAULT_RETENTION_DAYS, isDueForErasure, erasedContact } from './privacy/retention'
`

let loaded

function sharedRules() {
  if (loaded) return loaded
  const out = buildSync({
    stdin: { contents: ENTRY, resolveDir: join(__dirname, '..', 'shared', 'src'), loader: 'ts', sourcefile: 'seed-rules.ts' },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    write: false,
    logLevel: 'warning',
  })
  const module = { exports: {} }
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, require)
  loaded = module.exports
  return loaded
}

module.exports = { sharedRules }
