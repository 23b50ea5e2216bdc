/**
 * `cloudbase-emulator [options]`: runs the emulator on 127.0.0.1 until Ctrl-C.
 *   --port <n>                 port (default 8787; 0 = any free port)
 *   --host <addr>              bind address (default 127.0.0.1)
 *   --data <dir>               data directory (default .data)
 *   --schema <file>            collections and indexes, e.g. database/schema.json
 *   --strict-indexes           report queries that no declared index serves
 *   --auto-create-collections  add()/set() create a missing collection (reads still fail as in the cloud)
 *   --functions <dir>          cloud functions to host (folders with index.js)
 *   --static <dir>             files to serve at / (an H5 build)
 *   --seed <file>              a module whose default export `seed(emulator)` runs once on a new data dir
 *   --timers                   run timer triggers on schedule
 *   --max-instances <n>        instances of one function at once (default 4)
 *   --instance-idle <seconds>  stop a function instance idle this long (default 60)
 *   --env <id>                 env id reported to functions (default local)
 *   --subscribe-templates <file>  a deployment settings file whose subscribeMessages name the
 *                              templates subscribeMessage.send accepts (any other: 40037)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Emulator } from './index'
import { readSchema } from './schema'
import { templatesFromSettings } from './openapi/templates'

interface Args {
  [key: string]: string | boolean | undefined
}

export function parseArgs(argv: string[]): Args {
  const args: Args = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`)
    const [key, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    const next = argv[i + 1]
    if (inline !== undefined) args[key] = inline
    else if (next !== undefined && !next.startsWith('--')) args[key] = argv[++i]!
    else args[key] = true
  }
  return args
}

export async function main(argv: string[]): Promise<Emulator> {
  const args = parseArgs(argv)
  const dataDir = resolve(String(args.data ?? '.data'))
  const schema = args.schema ? readSchema(String(args.schema)) : undefined
  const emulator = new Emulator({
    host: String(args.host ?? '127.0.0.1'),
    port: Number(args.port ?? 8787),
    dataDir,
    indexes: schema?.indexes,
    strictIndexes: args['strict-indexes'] === true,
    autoCreateCollections: args['auto-create-collections'] === true,
    functionsDir: args.functions ? resolve(String(args.functions)) : undefined,
    staticDir: args.static ? resolve(String(args.static)) : undefined,
    timers: args.timers === true,
    maxInstances: args['max-instances'] ? Number(args['max-instances']) : undefined,
    instanceIdleMs: args['instance-idle'] ? Number(args['instance-idle']) * 1000 : undefined,
    envId: args.env ? String(args.env) : undefined,
    subscribeTemplates: args['subscribe-templates']
      ? templatesFromSettings(JSON.parse(readFileSync(resolve(String(args['subscribe-templates'])), 'utf8')))
      : undefined,
  })
  await emulator.start()
  for (const name of schema?.collections ?? []) emulator.database.ensureCollection(name)
  const marker = join(dataDir, 'seeded.json')
  if (args.seed && !existsSync(marker)) {
    const file = resolve(String(args.seed))
    const mod = (await import(pathToFileURL(file).href)) as { default?: (e: Emulator) => Promise<unknown> }
    if (typeof mod.default !== 'function') throw new Error(`${file} has no default export seed(emulator)`)
    const summary = await mod.default(emulator)
    writeFileSync(marker, JSON.stringify({ seed: file, at: new Date().toISOString(), summary }, null, 2))
    emulator.logger.info(`seeded from ${file}`)
  } else if (args.seed) {
    const seeded = JSON.parse(readFileSync(marker, 'utf8')) as { at: string }
    emulator.logger.info(`data directory was seeded at ${seeded.at}; delete ${dataDir} to start over`)
  }
  const stop = async (signal: string) => {
    emulator.logger.info(`${signal}: stopping`)
    await emulator.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop('SIGINT'))
  process.once('SIGTERM', () => void stop('SIGTERM'))
  // Tools wait for this exact line.
  process.stdout.write(`CloudBase emulator ready at ${emulator.url}\n`)
  return emulator
}
