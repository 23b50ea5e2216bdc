/**
 * Build steps shared by `npm start`, `npm run emulator`, the test runner and the benchmarks.
 * Each step is skipped when its output is newer than every one of its inputs.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildFunctions } from '../build-functions.mjs'

export const root = fileURLToPath(new URL('../..', import.meta.url))

function newestMtime(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue
    newest = Math.max(newest, newestMtime(join(path, entry)))
  }
  return newest
}

function stale(output, inputs) {
  const built = existsSync(output) ? statSync(output).mtimeMs : 0
  return inputs.some((input) => newestMtime(join(root, input)) > built)
}

function run(command, args) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit' })
}

export function buildEmulator() {
  if (!stale(join(root, 'emulator/dist/index.js'), ['emulator/src', 'emulator/tsconfig.build.json'])) return
  console.log('› building the emulator (tsc)')
  run('npx', ['tsc', '-p', 'emulator/tsconfig.build.json'])
}

export async function buildAllFunctions() {
  await buildFunctions()
}

export function buildH5({ force = false } = {}) {
  const output = join(root, 'client/dist/h5/index.html')
  if (!force && !stale(output, ['client/src', 'client/config', 'client/babel.config.js', 'shared/src'])) return
  console.log('› building the H5 client (taro build --type h5)')
  run('npm', ['run', 'build:h5', '-w', 'client'])
}

export function buildWeapp({ force = false } = {}) {
  const output = join(root, 'client/dist/weapp/app.js')
  if (!force && !stale(output, ['client/src', 'client/config', 'client/babel.config.js', 'shared/src'])) return
  console.log('› building the weapp client (taro build --type weapp)')
  run('npm', ['run', 'build:weapp', '-w', 'client'])
}
