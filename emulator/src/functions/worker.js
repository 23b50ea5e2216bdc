// @ts-check
/**
 * One instance of a cloud function: its own Node process, serving one request at a time, as an
 * SCF instance does. Plain CommonJS so that a fresh `node` runs it whether the emulator itself
 * runs from src (under Jest) or from dist.
 *
 *   node worker.js <function folder>/index.js      (cwd = the function folder)
 *
 * Pipes (set up by instance.ts): fd 3 carries requests from the host, one JSON line each; fd 4
 * carries JSON lines back: `ready` / `init-error` once, `log` for console output, `done` per
 * request. Both are used with synchronous reads and writes only, which is what freezes the
 * instance: after answering, the process's only thread blocks reading fd 3, so no timer, I/O
 * callback or promise continuation left behind by `main` runs until the next request arrives
 * (the cloud freezes an instance between requests the same way). If the host dies, the read
 * ends (EOF) and the instance exits: nothing is left running.
 */
'use strict'
const fs = require('node:fs')
const http = require('node:http')
const https = require('node:https')
const util = require('node:util')

const REQUESTS = 3
const ANSWERS = 4
const entry = process.argv[2]
if (!entry) throw new Error('usage: node worker.js <function folder>/index.js')

/** The request being served; console output is filed under it. */
let current = /** @type {string | undefined} */ (undefined)
/** The last request answered: an uncaught exception after the answer must not answer it again. */
let answered = /** @type {string | undefined} */ (undefined)

/** Something to sleep on while the host catches up with reading. */
const pause = new Int32Array(new SharedArrayBuffer(4))

/** @param {string} json one message, serialized */
function write(json) {
  const line = Buffer.from(json + '\n')
  let offset = 0
  while (offset < line.length) {
    try {
      offset += fs.writeSync(ANSWERS, line, offset)
    } catch (error) {
      const code = /** @type {NodeJS.ErrnoException} */ (error).code
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1)
      // The host is gone (EPIPE): so is the reason to exist.
      else process.exit(1)
    }
  }
}

/** @param {Record<string, unknown>} message */
function send(message) {
  write(JSON.stringify(message))
}

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack }
  return { name: 'Error', message: String(error) }
}

// --- Console output goes to the host's log, filed under the request being served -------------
/** @param {'debug' | 'info' | 'warn' | 'error'} level @param {string} message */
function log(level, message) {
  send({ type: 'log', id: current, level, message: message.replace(/\n$/, '') })
}
for (const [method, level] of /** @type {const} */ ([
  ['log', 'info'],
  ['info', 'info'],
  ['debug', 'debug'],
  ['warn', 'warn'],
  ['error', 'error'],
])) {
  console[method] = (...args) => log(level, util.format(...args))
}
// Anything else written to stdout/stderr (console.dir, console.table, direct writes).
for (const [stream, level] of /** @type {const} */ ([
  [process.stdout, 'info'],
  [process.stderr, 'error'],
])) {
  stream.write = /** @type {typeof stream.write} */ (
    (chunk, encoding, callback) => {
      log(level, typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8'))
      const done = typeof encoding === 'function' ? encoding : callback
      if (typeof done === 'function') process.nextTick(done)
      return true
    }
  )
}

// --- Work left behind: what keeps the event loop alive beyond what module loading left ---------
/** @returns {Record<string, number>} */
function activeResources() {
  /** @type {Record<string, number>} */
  const counts = {}
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1
  return counts
}
/** @type {Record<string, number>} */
let baseline = {}
function pendingWork() {
  /** @type {Record<string, number>} */
  const pending = {}
  for (const [type, count] of Object.entries(activeResources())) {
    const extra = count - (baseline[type] ?? 0)
    if (extra > 0) pending[type] = extra
  }
  return pending
}

// --- The per-request environment (getWXContext and the SDK read process.env) ------------------
/** @type {string[]} */
let applied = []
/** @param {Record<string, string | undefined>} env */
function applyEnv(env) {
  for (const key of applied) delete process.env[key]
  applied = []
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === null) continue
    process.env[key] = String(value)
    applied.push(key)
  }
}

// --- Requests ----------------------------------------------------------------------------------
let buffered = ''
const chunk = Buffer.alloc(64 * 1024)
/** Blocks until the host sends the next request; null when the host has gone. */
function readRequest() {
  for (;;) {
    const newline = buffered.indexOf('\n')
    if (newline !== -1) {
      const line = buffered.slice(0, newline)
      buffered = buffered.slice(newline + 1)
      return line
    }
    let n
    try {
      n = fs.readSync(REQUESTS, chunk, 0, chunk.length, null)
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EAGAIN' || /** @type {NodeJS.ErrnoException} */ (error).code === 'EINTR') {
        continue
      }
      throw error
    }
    if (n === 0) return null
    buffered += chunk.toString('utf8', 0, n)
  }
}

/** Waits (frozen) for the next request and starts it. */
function next() {
  const line = readRequest()
  if (line === null) process.exit(0)
  serve(JSON.parse(line))
}

/** @type {(event: unknown, context: unknown) => unknown} */
let main

/**
 * Kept-alive connections that sat idle through a freeze may have been closed by the server
 * meanwhile (the instance could not notice): reusing one fails with "socket hang up". Start
 * each request with fresh ones.
 */
function dropIdleConnections() {
  for (const agent of [http.globalAgent, https.globalAgent]) {
    for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy()
  }
}

/** @param {{ id: string, event: unknown, context: Record<string, unknown>, env: Record<string, string | undefined> }} request */
function serve(request) {
  current = request.id
  dropIdleConnections()
  applyEnv(request.env)
  Promise.resolve()
    .then(() => main(request.event, request.context))
    .then(
      (result) => answer(request.id, { result: result === undefined ? null : result }),
      (error) => answer(request.id, { error: describe(error) }),
    )
}

/** @param {string} id @param {{ result?: unknown, error?: unknown }} outcome */
function answer(id, outcome) {
  if (answered === id || current !== id) return
  answered = id
  // Promise chains main left running go on until they wait for a timer or I/O (a tick runs
  // once the microtask queue is empty), so that what they wait for shows as pending; no timer
  // or I/O callback runs before the freeze.
  process.nextTick(() => {
    const pending = pendingWork()
    let json
    try {
      json = JSON.stringify({ type: 'done', id, ...outcome, pending })
    } catch (error) {
      // A result JSON cannot carry (a BigInt, a cycle) fails the request, as it would in the cloud.
      json = JSON.stringify({ type: 'done', id, error: describe(error), pending })
    }
    write(json)
    next()
  })
}

// An uncaught exception fails the request and ends the instance, whose state can no longer be
// trusted; a rejected promise nobody handles is only reported.
process.on('uncaughtException', (error) => {
  if (current && answered !== current) {
    answered = current
    send({ type: 'done', id: current, error: describe(error), pending: {}, fatal: true })
  } else {
    log('error', `uncaught exception: ${error instanceof Error ? error.stack : error}`)
  }
  process.exit(1)
})
process.on('unhandledRejection', (reason) => {
  log('error', `unhandled promise rejection: ${reason instanceof Error ? reason.stack : util.inspect(reason)}`)
})

// --- Start: load the function (its cold start), then wait for the first request ----------------
const started = Date.now()
try {
  const mod = require(entry)
  if (typeof mod.main !== 'function') throw new Error(`${entry} does not export main`)
  main = mod.main
} catch (error) {
  send({ type: 'init-error', error: describe(error) })
  process.exit(1)
}
baseline = activeResources()
send({ type: 'ready', loadMs: Date.now() - started })
next()
