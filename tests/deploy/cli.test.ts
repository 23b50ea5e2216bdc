/**
 * `npm run deploy`: arguments, `--dry-run` without credentials, `--check` exit codes on drift,
 * refusal of undeployable files (a timeout over 60 s, an unjustified rule exception, a bad
 * template mapping, a function bound to a fixed environment id), and the command itself run
 * as a process against a recorder kept in a file.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { checkBundles, checkBundleText } from '../../scripts/deploy/env-id.cjs'
import { main, parseArgs } from '../../scripts/deploy/main'
import { MISSING_CREDENTIALS } from '../../scripts/deploy/manager'
import { readProject } from '../../scripts/deploy/project'
import { createRecorder, type RecorderState } from '../../scripts/deploy/recorder'
import { ROOT, ensureBuiltFunctions, projectCopy } from './support'

beforeAll(ensureBuiltFunctions)

async function run(argv: string[], options: { root?: string; recorder?: ReturnType<typeof createRecorder>; env?: NodeJS.ProcessEnv } = {}) {
  const lines: string[] = []
  let connected = 0
  const code = await main(argv, {
    root: options.root ?? ROOT,
    env: options.env ?? {},
    log: (l) => lines.push(l),
    ...(options.recorder ? { connect: () => (connected++, options.recorder!) } : {}),
  })
  return { code, out: lines.join('\n'), connected }
}

describe('arguments', () => {
  it('needs an environment id and refuses contradicting modes', () => {
    expect(parseArgs([])).toEqual({ error: expect.stringContaining('--env') })
    expect(parseArgs(['--env', 'prod-1', '--apply', '--check'])).toEqual({ error: expect.stringContaining('exclusive') })
    expect(parseArgs(['--env', 'prod-1', '--dry-run', '--apply'])).toEqual({ error: expect.stringContaining('--dry-run') })
    expect(parseArgs(['--env', 'prod-1', '--aply'])).toEqual({ error: expect.stringContaining('--aply') })
    expect(parseArgs(['--env=prod-1', '--check'])).toEqual({ envId: 'prod-1', mode: 'check', dryRun: false, config: undefined })
  })

  it('answers 2 with the usage for bad arguments', async () => {
    const { code, out } = await run(['--apply'])
    expect(code).toBe(2)
    expect(out).toContain('usage: npm run deploy')
  })
})

describe('credentials', () => {
  it('--dry-run plans against an empty environment with no credentials and no connection', async () => {
    const recorder = createRecorder('test')
    const { code, out, connected } = await run(['--env', 'test', '--dry-run'], { recorder })
    expect(code).toBe(0)
    expect(connected).toBe(0)
    expect(out).toContain('+ collection demands')
  })

  it('without --dry-run the real adapter asks for TCB_SECRET_ID and TCB_SECRET_KEY', async () => {
    const { code, out } = await run(['--env', 'test'], { env: {} })
    expect(code).toBe(2)
    expect(out).toContain(MISSING_CREDENTIALS)
  })
})

describe('--check', () => {
  it('exits 0 when the environment matches the files and 1 on drift (an index dropped by hand, a timeout changed)', async () => {
    const recorder = createRecorder('test')
    expect((await run(['--env', 'test', '--check'], { recorder })).code).toBe(1)
    expect((await run(['--env', 'test', '--apply'], { recorder })).code).toBe(0)
    expect((await run(['--env', 'test', '--check'], { recorder })).code).toBe(0)
    await recorder.database.updateCollection('notifications', { DropIndexes: [{ IndexName: 'send' }] })
    await recorder.functions.updateFunctionConfig({ name: 'audit', timeout: 30 })
    const { code, out } = await run(['--env', 'test', '--check'], { recorder })
    expect(code).toBe(1)
    expect(out).toContain('+ index notifications.send')
    expect(out).toContain('~ function audit: timeout 30 → 60')
    expect(out).toContain('drift: 2 difference(s)')
    // --check never writes.
    expect(recorder.state.functions.audit.Timeout).toBe(30)
  })
})

describe('undeployable files are refused before anything is read from the environment', () => {
  let fixture: ReturnType<typeof projectCopy>
  beforeEach(() => (fixture = projectCopy()))
  afterEach(() => fixture.remove())

  it('a timeout over 60 s', async () => {
    fixture.edit('cloudfunctions/audit/config.json', (c) => (c.timeout = 61))
    const recorder = createRecorder('test')
    const { code, out, connected } = await run(['--env', 'test', '--apply'], { root: fixture.root, recorder })
    expect(code).toBe(2)
    expect(out).toContain('cloudfunctions/audit/config.json: timeout 61')
    expect(connected).toBe(0)
    expect(recorder.calls).toEqual([])
  })

  it('two timers, a non-timer trigger, a six-field cron, an unknown memory size', () => {
    fixture.edit('cloudfunctions/sla/config.json', (c) => {
      c.triggers = [c.triggers[0], { name: 'b', type: 'cos', config: '0 0 * * * *' }]
      c.memorySize = 300
    })
    const { errors } = readProject(fixture.root, 'test')
    expect(errors).toEqual([
      expect.stringContaining('memorySize 300'),
      expect.stringContaining('至多一个定时触发器'),
      expect.stringContaining('类型 cos 不受支持'),
      expect.stringContaining('7 段 cron'),
    ])
  })

  it('a rule exception without its reason, and one for a collection that does not exist', () => {
    fixture.edit(
      'database/rules.json',
      (r) => (r.database.collections = { streets: { acl: 'READONLY' }, nowhere: { acl: 'ADMINONLY', reason: 'x' } }),
    )
    const { errors } = readProject(fixture.root, 'test')
    expect(errors.sort()).toEqual([
      expect.stringContaining('streets 的例外须写明理由'),
      expect.stringContaining('nowhere 不在 schema.json'),
    ])
  })

  it('a template keyword whose type does not match its slot, an unknown keyword, slot or purpose', () => {
    fixture.edit('deploy/env.example.json', (e) => {
      e.subscribeMessages.demandStatus.keywords = { item: 'phrase1', status: 'phrase2', note: 'title', extra: 'thing9' }
      e.subscribeMessages.nowhere = { templateId: 'x', keywords: {} }
    })
    const { errors } = readProject(fixture.root, 'test')
    expect(errors).toEqual([
      expect.stringContaining('demandStatus.keywords.item: phrase1 的类型应为 thing'),
      expect.stringContaining('demandStatus.keywords.note: title 不是模板关键词'),
      expect.stringContaining('demandStatus.keywords.time: 缺少关键词'),
      expect.stringContaining('demandStatus.keywords.extra: 模板没有这一项'),
      expect.stringContaining('subscribeMessages.nowhere: 不是模板用途'),
    ])
  })

  it('a function whose bundle initialises wx-server-sdk with a hard-coded environment id', async () => {
    // Built the way the function build builds, from a planted source.
    const source = join(fixture.root, 'planted.ts')
    writeFileSync(
      source,
      "import cloud from 'wx-server-sdk'\ncloud.init({ env: 'prod-123' })\nexport const main = async () => cloud.getWXContext()\n",
    )
    await build({
      entryPoints: [source],
      outfile: join(fixture.root, 'dist/cloudfunctions/org/index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['wx-server-sdk'],
      sourcemap: 'inline',
      logLevel: 'silent',
    })
    const recorder = createRecorder('test')
    const { code, out } = await run(['--env', 'test', '--check'], { root: fixture.root, recorder })
    expect(code).toBe(2)
    expect(out).toContain('org: 写死了环境 "prod-123"')
    expect(recorder.calls).toEqual([])
  })
})

describe('the environment-id check', () => {
  it('passes every function the build produced', () => {
    expect(checkBundles(join(ROOT, 'dist', 'cloudfunctions'))).toEqual([])
  })

  it('accepts DYNAMIC_CURRENT_ENV and names a literal id, a missing env, another variable and a bundle that never initialises', () => {
    const head = 'var import_wx_server_sdk = __toESM(require("wx-server-sdk"));\n'
    expect(checkBundleText(`${head}import_wx_server_sdk.default.init({ env: import_wx_server_sdk.default.DYNAMIC_CURRENT_ENV });`)).toEqual(
      [],
    )
    expect(checkBundleText(`${head}import_wx_server_sdk.default.init({ env: "prod-123", traceUser: true });`)).toEqual([
      {
        call: 'import_wx_server_sdk.default.init({ env: "prod-123", traceUser: true })',
        problem: expect.stringContaining('hard-coded environment "prod-123"'),
      },
    ])
    expect(checkBundleText(`${head}import_wx_server_sdk.default.init();`)).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('no env') }),
    ])
    expect(checkBundleText(`${head}const E = "x"; import_wx_server_sdk.default.init({ env: E });`)).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('(E)') }),
    ])
    expect(checkBundleText(`${head}module.exports = {}`)).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('never calls cloud.init') }),
    ])
    // The inline source map repeats the source; it is not code.
    expect(checkBundleText('module.exports = {}\n//# sourceMappingURL=data:application/json;base64,cloud.init({env:"x"})')).toEqual([])
  })

  it('stops the function build, naming the function and the id', () => {
    // A copy of the build script inside the checkout (so esbuild resolves), with one planted function.
    mkdirSync(join(ROOT, '.cache'), { recursive: true })
    const dir = mkdtempSync(join(ROOT, '.cache', 'build-'))
    try {
      mkdirSync(join(dir, 'scripts', 'deploy'), { recursive: true })
      cpSync(join(ROOT, 'scripts', 'build-functions.mjs'), join(dir, 'scripts', 'build-functions.mjs'))
      cpSync(join(ROOT, 'scripts', 'deploy', 'env-id.cjs'), join(dir, 'scripts', 'deploy', 'env-id.cjs'))
      mkdirSync(join(dir, 'cloudfunctions', 'planted'), { recursive: true })
      writeFileSync(
        join(dir, 'cloudfunctions', 'planted', 'index.ts'),
        "import cloud from 'wx-server-sdk'\ncloud.init({ env: 'prod-123' })\nexport const main = async () => ({})\n",
      )
      const result = spawnSync('node', [join(dir, 'scripts', 'build-functions.mjs')], { encoding: 'utf8' })
      expect(result.status).not.toBe(0)
      expect(result.stderr).toContain('planted: 写死了环境 "prod-123"')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('npm run deploy, as a process', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync('node', ['scripts/deploy/cli.mjs', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    })

  it('--dry-run works offline', () => {
    const result = cli(['--env', 'test', '--dry-run'])
    expect(result.stdout).toContain('+ trigger sla.sla (timer "0 */10 * * * * *")')
    expect(result.status).toBe(0)
  })

  it('--apply then --check against a recorder kept in a file; a hand-made change makes --check exit 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'honglin-recorder-')), 'state.json')
    expect(cli(['--env', 'test', '--apply'], { HONGLIN_DEPLOY_RECORDER: file }).status).toBe(0)
    const state = JSON.parse(readFileSync(file, 'utf8')) as RecorderState
    state.functions.sla.Timeout = 59
    writeFileSync(file, JSON.stringify(state))
    const check = cli(['--env', 'test', '--check'], { HONGLIN_DEPLOY_RECORDER: file })
    expect(check.stdout).toContain('~ function sla: timeout 59 → 20')
    expect(check.status).toBe(1)
    execFileSync('node', ['scripts/deploy/cli.mjs', '--env', 'test', '--apply'], {
      cwd: ROOT,
      env: { ...process.env, HONGLIN_DEPLOY_RECORDER: file },
    })
    expect(cli(['--env', 'test', '--check'], { HONGLIN_DEPLOY_RECORDER: file }).status).toBe(0)
  })
})
