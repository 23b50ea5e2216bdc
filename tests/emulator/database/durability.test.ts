/**
 * Durability: every acknowledged write survives `kill -9` of the emulator process.
 *
 * The emulator runs as a separate process through its CLI
 * (`node emulator/bin/cloudbase-emulator.mjs --port <p> --data <dir>`, which prints
 * `CloudBase emulator ready at http://127.0.0.1:<port>` once it listens). The CLI runs the built
 * emulator (emulator/dist/cli.js); when that file is missing or older than any file under
 * emulator/src, this test first builds it with the emulator's own tsconfig.build.json (what
 * `npm run build -w emulator` runs), so it never exercises stale code.
 *
 * Source for the expectation: a write the service acknowledged is durable (the SDK resolves only
 * after the service answered); the wire-protocol notes for the actions used.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { applySdkEnv } from '../../helpers/sdk-env'
import { type Any } from './support'

const ROOT = resolve(__dirname, '../../..')
const CLI = join(ROOT, 'emulator/bin/cloudbase-emulator.mjs')
const READY = /CloudBase emulator ready at (http:\/\/127\.0\.0\.1:(\d+))/

jest.setTimeout(180_000)

let child: ChildProcess | undefined
let dataDir = ''

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Builds emulator/dist (what the CLI runs) when it is missing or older than emulator/src. */
function ensureBuilt(): void {
  const built = join(ROOT, 'emulator/dist/cli.js')
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(join(ROOT, 'emulator/src'))) return
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'emulator/tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'pipe',
    timeout: 120_000,
  })
}

/** Starts the CLI and resolves with its URL once it printed the ready line. */
function startCli(port: number): Promise<{ proc: ChildProcess; url: string; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [CLI, '--port', String(port), '--data', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env },
    })
    let out = ''
    let err = ''
    const timer = setTimeout(() => {
      proc.kill('SIGKILL')
      reject(new Error(`emulator did not print its ready line within 30 s\nstdout: ${out}\nstderr: ${err}`))
    }, 30_000)
    proc.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = READY.exec(out)
      if (match) {
        clearTimeout(timer)
        resolvePromise({ proc, url: match[1], port: Number(match[2]) })
      }
    })
    proc.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    proc.on('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`emulator exited early (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${err}`))
    })
  })
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolvePromise()
    proc.once('exit', () => resolvePromise())
    proc.kill('SIGKILL')
  })
}

function makeDoc(i: number): Record<string, unknown> {
  return {
    _id: `doc-${String(i).padStart(3, '0')}`,
    i,
    name: `名字-${i}`,
    tags: [`t${i % 3}`, `t${i % 5}`],
    nested: { even: i % 2 === 0, deep: { sq: i * i } },
    at: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
    ratio: i / 8,
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'emulator-durability-'))
})

afterAll(async () => {
  if (child) await killHard(child)
  rmSync(dataDir, { recursive: true, force: true })
})

test('200 acknowledged writes survive kill -9 and a restart on the same data dir and port', async () => {
  expect(existsSync(CLI)).toBe(true)
  ensureBuilt()

  const first = await startCli(0)
  child = first.proc
  applySdkEnv(`${first.url}/admin`)
  // eslint-disable-next-line @typescript-eslint/no-var-requires, @typescript-eslint/no-require-imports
  const cloud: Any = require('wx-server-sdk')
  cloud.init({ env: 'local', serviceUrl: `${first.url}/admin`, secretId: 'x', secretKey: 'y' })
  const db = cloud.database()
  const _ = db.command

  await db.createCollection('durable')
  const expected = new Map<string, Record<string, unknown>>()
  for (let i = 0; i < 200; i++) {
    const doc = makeDoc(i)
    const res = await db.collection('durable').add({ data: doc })
    expect(res._id).toBe(doc._id)
    expected.set(doc._id as string, doc)
  }
  // Acknowledged updates and removes must survive too.
  for (let i = 0; i < 10; i++) {
    const id = `doc-${String(i).padStart(3, '0')}`
    const res = await db
      .collection('durable')
      .doc(id)
      .update({ data: { i: _.inc(1000), 'nested.touched': true } })
    expect(res.stats).toEqual({ updated: 1 })
    const doc = expected.get(id) as Any
    expected.set(id, { ...doc, i: doc.i + 1000, nested: { ...doc.nested, touched: true } })
  }
  const removed = await db
    .collection('durable')
    .where({ i: _.gte(195).and(_.lt(200)) })
    .remove()
  expect(removed.stats).toEqual({ removed: 5 })
  for (let i = 195; i < 200; i++) expected.delete(`doc-${i}`)
  expect((await db.collection('durable').count()).total).toBe(195)

  await killHard(first.proc)

  const second = await startCli(first.port)
  child = second.proc
  expect(second.url).toBe(first.url)

  expect((await db.collection('durable').count()).total).toBe(195)
  const back: Any[] = []
  for (let skip = 0; skip < 195; skip += 100) {
    const page = await db.collection('durable').orderBy('_id', 'asc').skip(skip).limit(100).get()
    back.push(...page.data)
  }
  expect(back).toHaveLength(195)
  expect(back).toEqual([...expected.values()].sort((a, b) => String(a._id).localeCompare(String(b._id))))
  expect(back[0].at).toBeInstanceOf(Date)
  // The collection is still there (no implicit re-creation needed): creating it again fails.
  await expect(db.createCollection('durable')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' })
})
