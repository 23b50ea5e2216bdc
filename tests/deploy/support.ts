/** A copy of the project's deployable files in a temporary folder, to change without touching the repository. */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const ROOT = join(__dirname, '..', '..')

/** The plan reads the built functions; build them once if this checkout has none yet. */
export function ensureBuiltFunctions() {
  if (!existsSync(join(ROOT, 'dist', 'cloudfunctions', 'sla', 'index.js')))
    execFileSync('node', ['scripts/build-functions.mjs'], { cwd: ROOT, stdio: 'ignore' })
}

export function readJson<T = any>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

export interface Fixture {
  root: string
  edit<T = any>(path: string, change: (json: T) => void): void
  write(path: string, text: string): void
  remove(): void
}

export function projectCopy(): Fixture {
  ensureBuiltFunctions()
  const root = mkdtempSync(join(tmpdir(), 'honglin-deploy-'))
  for (const dir of ['database', 'cloudfunctions', 'deploy', join('dist', 'cloudfunctions')])
    cpSync(join(ROOT, dir), join(root, dir), { recursive: true })
  return {
    root,
    edit(path, change) {
      const json = readJson(join(root, path))
      change(json)
      writeFileSync(join(root, path), JSON.stringify(json, null, 2))
    },
    write(path, text) {
      writeFileSync(join(root, path), text)
    },
    remove() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}
