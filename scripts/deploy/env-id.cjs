/**
 * The usual first-deployment mistake: a function still initialised with an environment id
 * copied from somewhere else. Such a function runs, but reads and writes that other
 * environment. Every bundle that loads wx-server-sdk must call `init` with
 * `cloud.DYNAMIC_CURRENT_ENV` (the environment the function is deployed in), and nothing else.
 *
 * CommonJS so that the function build (ESM) and the tests (Jest, CommonJS) load the same file.
 */
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs')
const { join } = require('node:path')

/** The inline source map repeats the TypeScript source; only the code that runs counts. */
function codeOf(text) {
  return text.replace(/\/\/# sourceMappingURL=.*$/gm, '')
}

/** The text between the parenthesis at `open` and its partner. */
function argumentsAt(code, open) {
  let depth = 0
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++
    else if (code[i] === ')' && --depth === 0) return code.slice(open + 1, i)
  }
  return code.slice(open + 1)
}

function escape(name) {
  return name.replace(/[$]/g, '\\$')
}

/**
 * Problems in one bundle's code, each `{ call, problem }` (problem in Chinese and English).
 * @param {string} text
 */
function checkBundleText(text) {
  const code = codeOf(text)
  const bindings = new Set()
  for (const m of code.matchAll(/([\w$]+)\s*=\s*(?:__toESM\()?require\(\s*["']wx-server-sdk["']\s*\)/g)) bindings.add(m[1])
  for (const m of code.matchAll(/import\s+([\w$]+)\s+from\s+["']wx-server-sdk["']/g)) bindings.add(m[1])
  if (bindings.size === 0) return []
  const problems = []
  let calls = 0
  for (const name of bindings) {
    const pattern = new RegExp(`(?<![\\w$.])${escape(name)}(?:\\.default)?\\.init\\s*\\(`, 'g')
    for (const m of code.matchAll(pattern)) {
      calls++
      const args = argumentsAt(code, m.index + m[0].length - 1).trim()
      const call = `${m[0]}${args})`.replace(/\s+/g, ' ')
      const env = /(?:^|[{,\s])["']?env["']?\s*:\s*([^,}]+)/.exec(args)
      if (!env) {
        problems.push({
          call,
          problem:
            '未指定 env：会连到默认环境而不是函数所在的环境 / no env: it would use the default environment, not the one the function runs in',
        })
        continue
      }
      const value = env[1].trim()
      if (/^[\w$.]*\.DYNAMIC_CURRENT_ENV$/.test(value)) continue
      const literal = /^["'`](.*)["'`]$/.exec(value)
      problems.push({
        call,
        problem: literal
          ? `写死了环境 "${literal[1]}"，应为 cloud.DYNAMIC_CURRENT_ENV / hard-coded environment "${literal[1]}"; use cloud.DYNAMIC_CURRENT_ENV`
          : `env 不是 cloud.DYNAMIC_CURRENT_ENV（${value}）/ env is not cloud.DYNAMIC_CURRENT_ENV (${value})`,
      })
    }
  }
  if (calls === 0)
    problems.push({
      call: '(none)',
      problem: '加载了 wx-server-sdk 却没有调用 cloud.init / loads wx-server-sdk but never calls cloud.init',
    })
  return problems
}

/**
 * Every built function under `dir` (dist/cloudfunctions): `{ fn, call, problem }` per problem.
 * @param {string} dir
 */
function checkBundles(dir) {
  if (!existsSync(dir)) return []
  const found = []
  for (const fn of readdirSync(dir).sort()) {
    const file = join(dir, fn, 'index.js')
    if (!statSync(join(dir, fn)).isDirectory() || !existsSync(file)) continue
    for (const p of checkBundleText(readFileSync(file, 'utf8'))) found.push({ fn, ...p })
  }
  return found
}

/** One line per problem, for the build and the deploy to print. */
function describe(problems) {
  return problems.map((p) => `  ${p.fn}: ${p.problem}\n    ${p.call}`).join('\n')
}

module.exports = { checkBundleText, checkBundles, describe }
