/**
 * The emulator as a separate process, the way `npm run emulator` runs it: its CLI
 * (`emulator/bin/cloudbase-emulator.mjs`, which runs emulator/dist/cli.js) with this project's
 * functions, schema and, on a new data directory, the demo seed. For tests that `kill -9` it
 * and start it again on the same data.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'emulator/bin/cloudbase-emulator.mjs')
const READY = /CloudBase emulator ready at (http:\/\/127\.0\.0\.1:(\d+))/

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds emulator/dist when it is missing or older than emulator/src; the functions must be built already. */
export function ensureBuilt(): void {
  const built = join(ROOT, 'emulator/dist/cli.js')
  if (!existsSync(built) || statSync(built).mtimeMs < newestMtime(join(ROOT, 'emulator/src'))) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'emulator/tsconfig.build.json')], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 120_000,
    })
  }
  if (!existsSync(join(ROOT, 'dist/cloudfunctions/demand/index.js'))) throw new Error('run `npm run build:functions` first')
}

export interface EmulatorProcess {
  proc: ChildProcess
  url: string
  port: number
  /** What the process printed so far (for failure messages). */
  output(): string
}

/** Starts the CLI on `port` (0: any) with `dataDir`; resolves once it printed its ready line. */
export function startEmulatorProcess(dataDir: string, port = 0): Promise<EmulatorProcess> {
  const args = [
    CLI,
    '--port',
    String(port),
    '--data',
    dataDir,
    '--functions',
    join(ROOT, 'dist/cloudfunctions'),
    '--schema',
    join(ROOT, 'database/schema.json'),
    '--seed',
    join(ROOT, 'seeds/demo.cjs'),
  ]
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } })
    let out = ''
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`emulator did not print its ready line within 60 s\n${out}`))
    }, 60_000)
    const onData = (chunk: Buffer) => {
      out += chunk.toString()
      const match = READY.exec(out)
      if (match) {
        clearTimeout(timer)
        resolvePromise({ proc, url: match[1]!, port: Number(match[2]), output: () => out })
      }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited early (code ${code}, signal ${signal})\n${out}`))
    })
  })
}

/** `kill -9`, resolved once the process is gone. */
export function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolvePromise()
    proc.once('exit', () => resolvePromise())
    proc.kill('SIGKILL')
  })
}

/** Every document of a collection, through the console's read-only JSON API. */
export async function readCollection(url: string, name: string): Promise<Record<string, unknown>[]> {
  const docs: Record<string, unknown>[] = []
  for (let skip = 0; ; skip += 100) {
    const res = await fetch(`${url}/_console/api/collections/${name}/documents?skip=${skip}&limit=100`)
    if (res.status === 404) return docs
    const page = (await res.json()) as { total: number; docs: Record<string, unknown>[] }
    docs.push(...page.docs)
    if (skip + 100 >= page.total) return docs
  }
}
