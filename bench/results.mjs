/**
 * Where the tables go: `bench/results/<name>.md` (the latest run of that part, with when and on
 * what it ran), and, with `--readme`, the README's block between `<!-- bench:<name> -->` and
 * `<!-- /bench:<name> -->` (also `node bench/results.mjs <name>…` from the files as they are), so
 * the README shows the numbers of a run rather than hand-made copies of them.
 */
import { cpus, loadavg } from 'node:os'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { root } from '../scripts/lib/build.mjs'

const dir = join(root, 'bench/results')

export function machine() {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')
  return `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC，${cpus().length} 核，Node ${process.version}，负载均值 ${load}`
}

/** Writes the part's results file, and the README block when asked; answers the file's path. */
export function record(name, markdown, { readme = false } = {}) {
  const file = join(dir, `${name}.md`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(file, `<!-- npm run bench -- --only ${name}（${machine()}） -->\n\n${markdown.trim()}\n`)
  if (readme) toReadme(name)
  console.log(`› ${name}: ${file}${readme ? ' and README.md' : ''}`)
  return file
}

/** Copies bench/results/<name>.md into README.md's block for it. */
export function toReadme(name) {
  const path = join(root, 'README.md')
  const text = readFileSync(path, 'utf8')
  const open = `<!-- bench:${name} -->`
  const close = `<!-- /bench:${name} -->`
  const [start, end] = [text.indexOf(open), text.indexOf(close)]
  if (start === -1 || end < start) throw new Error(`README.md has no ${open} … ${close} block`)
  const table = readFileSync(join(dir, `${name}.md`), 'utf8').trim()
  writeFileSync(path, `${text.slice(0, start + open.length)}\n\n${table}\n\n${text.slice(end)}`)
}

// `node bench/results.mjs actions scale`: the README blocks from the results files as they are.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) for (const name of process.argv.slice(2)) toReadme(name)
