/**
 * The H5 build as a CDN would serve it: compressed text (brotli, else gzip, as the browser
 * accepts), a year's cache for content-hashed files, ETag revalidation for the rest, the app's
 * index for unknown paths, and nothing outside the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { startEmulator, type Emulator } from '../../emulator/src'
import { chooseEncoding } from '../../emulator/src/http/static'

let emulator: Emulator
let site: string
const APP = `${'console.log("红邻 app");\n'.repeat(400)}`
const INDEX = `<!doctype html><html><head><title>红邻</title></head><body>${'<div></div>'.repeat(200)}</body></html>`

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

function get(path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'static-'))
  mkdirSync(join(site, 'js'))
  writeFileSync(join(site, 'index.html'), INDEX)
  writeFileSync(join(site, 'js', 'app.1a2b3c4d.js'), APP)
  writeFileSync(join(site, 'tiny.txt'), 'ok')
  emulator = await startEmulator({ quiet: true, staticDir: site })
})

afterAll(async () => {
  await emulator?.stop()
  rmSync(site, { recursive: true, force: true })
})

test('JavaScript is sent with brotli when the browser accepts it, and decompresses to the file', async () => {
  const res = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
  expect(res.status).toBe(200)
  expect(res.headers['content-encoding']).toBe('br')
  expect(res.headers.vary).toBe('accept-encoding')
  expect(Number(res.headers['content-length'])).toBe(res.body.length)
  expect(res.body.length).toBeLessThan(Buffer.byteLength(APP) / 5)
  expect(brotliDecompressSync(res.body).toString()).toBe(APP)
})

test('gzip when only gzip is accepted, the plain file when nothing is', async () => {
  const gz = await get('/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
  expect(gz.headers['content-encoding']).toBe('gzip')
  expect(gunzipSync(gz.body).toString()).toBe(APP)
  const plain = await get('/js/app.1a2b3c4d.js')
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString()).toBe(APP)
})

test('content-hashed files are cached for a year; the index is revalidated and an unchanged one costs a 304', async () => {
  const app = await get('/js/app.1a2b3c4d.js')
  expect(app.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  const first = await get('/', { 'accept-encoding': 'br' })
  expect(first.headers['cache-control']).toBe('no-cache')
  expect(brotliDecompressSync(first.body).toString()).toBe(INDEX)
  const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) })
  expect(again.status).toBe(304)
  expect(again.body.length).toBe(0)
})

test('a changed file gets a new ETag, so nobody keeps the old one', async () => {
  const before = await get('/tiny.txt')
  writeFileSync(join(site, 'tiny.txt'), 'changed, and longer')
  const after = await get('/tiny.txt', { 'if-none-match': String(before.headers.etag) })
  expect(after.status).toBe(200)
  expect(after.body.toString()).toBe('changed, and longer')
})

test('small files are not compressed; unknown paths get the app; nothing outside the folder is served', async () => {
  const tiny = await get('/tiny.txt', { 'accept-encoding': 'br' })
  expect(tiny.headers['content-encoding']).toBeUndefined()
  const route = await get('/pages/order/index', { 'accept-encoding': 'identity' })
  expect(route.body.toString()).toBe(INDEX)
  const escape = await get('/../../etc/passwd')
  expect(escape.body.toString()).not.toContain('root:')
})

test('q=0 refuses an encoding', () => {
  expect(chooseEncoding('br;q=0, gzip', true)).toBe('gzip')
  expect(chooseEncoding('*;q=0', true)).toBe('identity')
  expect(chooseEncoding('*', true)).toBe('br')
  expect(chooseEncoding('br', false)).toBe('identity')
})
