/**
 * Finds cloud functions: every folder of `functionsDir` with an `index.js` (exporting `main`,
 * which the function's instance checks when it loads it), and its `config.json` (timeout in
 * seconds, timer triggers) as deployment reads it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

export interface TimerTrigger {
  name: string
  type: 'timer'
  /** CloudBase's 7-field cron: second minute hour day month weekday year. */
  config: string
}

export interface FunctionConfig {
  /** Seconds; the real default is 3. */
  timeout?: number
  triggers?: TimerTrigger[]
  permissions?: { openapi?: string[] }
}

export interface FunctionDefinition {
  name: string
  dir: string
  config: FunctionConfig
}

export function discoverFunctions(functionsDir: string | undefined): Map<string, FunctionDefinition> {
  const found = new Map<string, FunctionDefinition>()
  if (!functionsDir || !existsSync(functionsDir)) return found
  for (const name of readdirSync(functionsDir).sort()) {
    const dir = join(functionsDir, name)
    if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'index.js'))) continue
    const configPath = join(dir, 'config.json')
    const config = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, 'utf8')) as FunctionConfig) : {}
    found.set(name, { name, dir, config })
  }
  return found
}
