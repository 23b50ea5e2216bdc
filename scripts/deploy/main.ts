/**
 * `npm run deploy -- --env <envId> [--apply | --check] [--dry-run] [--config <file>]`
 *
 * Prints the plan that makes the environment what the project's files ask for; `--apply`
 * carries it out and plans again to show nothing is left; `--check` exits 1 when the
 * environment has drifted from the files; `--dry-run` plans against an empty environment
 * without credentials. Exit codes: 0 done / no drift, 1 drift or steps left, 2 bad input.
 */
import { relative } from 'node:path'
import type { ManagerApi } from './api'
import { applyPlan, readLive } from './live'
import { connect } from './manager'
import { describePlan, makePlan } from './plan'
import { readProject } from './project'
import { createRecorder, fileRecorder } from './recorder'

export interface DeployOptions {
  envId: string
  mode: 'plan' | 'apply' | 'check'
  dryRun: boolean
  config?: string
}

export const USAGE = 'usage: npm run deploy -- --env <envId> [--apply | --check] [--dry-run] [--config deploy/env.<envId>.json]'

/** `--name value` or `--name=value`. */
function option(argv: string[], name: string): string | undefined {
  const inline = argv.find((a) => a.startsWith(`--${name}=`))
  if (inline) return inline.slice(name.length + 3)
  const at = argv.indexOf(`--${name}`)
  return at === -1 ? undefined : argv[at + 1]
}

export function parseArgs(argv: string[]): DeployOptions | { error: string } {
  const known = new Set(['--env', '--apply', '--check', '--dry-run', '--config'])
  const unknown = argv.filter(
    (a, i) => a.startsWith('--') && !known.has(a.split('=')[0]) && !(i > 0 && ['--env', '--config'].includes(argv[i - 1])),
  )
  if (unknown.length) return { error: `未知参数 / unknown option: ${unknown.join(' ')}` }
  const envId = option(argv, 'env')
  // CloudBase environment ids: letters, digits and hyphens (e.g. prod-3g5x8a1b2c).
  if (!envId || !/^[a-z][a-z0-9-]{1,63}$/i.test(envId))
    return { error: `须用 --env 指定环境编号 / --env <envId> is required (got ${envId ?? 'nothing'})` }
  const apply = argv.includes('--apply')
  const check = argv.includes('--check')
  if (apply && check) return { error: '--apply 与 --check 不能同时使用 / --apply and --check are exclusive' }
  const dryRun = argv.includes('--dry-run')
  if (dryRun && apply) return { error: '--dry-run 不会改动任何环境，不能与 --apply 同用 / --dry-run changes nothing; drop --apply' }
  return { envId, mode: apply ? 'apply' : check ? 'check' : 'plan', dryRun, config: option(argv, 'config') }
}

export interface DeployDeps {
  root: string
  /** The management API of an environment; by default the real one (manager.ts). */
  connect?: (envId: string) => ManagerApi | Promise<ManagerApi>
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

async function defaultConnect(envId: string, env: NodeJS.ProcessEnv): Promise<ManagerApi> {
  if (env.HONGLIN_DEPLOY_RECORDER) return fileRecorder(envId, env.HONGLIN_DEPLOY_RECORDER)
  return connect(envId, env)
}

export async function main(argv: string[], deps: DeployDeps): Promise<number> {
  const log = deps.log ?? ((line: string) => console.log(line))
  const env = deps.env ?? process.env
  const parsed = parseArgs(argv)
  if ('error' in parsed) {
    log(`${parsed.error}\n${USAGE}`)
    return 2
  }
  const reading = readProject(deps.root, parsed.envId, parsed.config)
  log(
    `environment ${parsed.envId}${parsed.dryRun ? ' (dry run: planned against an empty environment)' : ''}; settings ${relative(deps.root, reading.settingsFile)}`,
  )
  for (const w of reading.warnings) log(`warning: ${w}`)
  if (reading.errors.length) {
    log(`项目文件有误，未生成计划 / the project's files are not deployable:\n${reading.errors.map((e) => `  ${e}`).join('\n')}`)
    return 2
  }
  let api: ManagerApi
  try {
    api = parsed.dryRun ? createRecorder(parsed.envId) : await (deps.connect ?? ((id: string) => defaultConnect(id, env)))(parsed.envId)
  } catch (error) {
    log((error as Error).message)
    return 2
  }
  const plan = makePlan(reading.desired, await readLive(api, reading.desired))
  log(describePlan(plan))
  if (parsed.mode === 'plan') return 0
  if (parsed.mode === 'check') {
    if (plan.steps.length) log(`drift: ${plan.steps.length} difference(s) between the files and ${parsed.envId}`)
    else log(`no drift: ${parsed.envId} matches the files`)
    return plan.steps.length ? 1 : 0
  }
  log('applying:')
  const manual = await applyPlan(api, plan.steps, reading.desired, log)
  const after = makePlan(reading.desired, await readLive(api, reading.desired))
  const left = after.steps.filter((s) => !manual.some((m) => JSON.stringify(m) === JSON.stringify(s)))
  if (manual.length) log(`须手工处理 / to do by hand:\n${describePlan({ steps: manual, unmanaged: [] })}`)
  if (left.length) {
    log(`应用后仍有差异 / still different after applying:\n${describePlan({ steps: left, unmanaged: [] })}`)
    return 1
  }
  log(manual.length ? 'applied; the steps above remain' : 'applied; the environment matches the files')
  return manual.length ? 1 : 0
}
