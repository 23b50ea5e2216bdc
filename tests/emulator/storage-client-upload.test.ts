/**
 * `POST /storage/client-upload/<cloud path>`: the local stand-in for the mini-program's
 * `wx.cloud.uploadFile`, used by the H5 client. The raw body is the file; the answer is the
 * file ID, which the real wx-server-sdk then downloads like any other.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { useEmulator } from '../helpers/emulator'

const t = useEmulator()

const MAX_BYTES = 10 * 1024 * 1024

/** Every byte value, twice, so encoding mistakes (UTF-8, latin1, CRLF) cannot hide. */
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
])

/** `path` is put in the URL as given: callers percent-encode what must survive URL parsing. */
function clientUpload(path: string, body: Buffer | ReadableStream<Uint8Array>): Promise<Response> {
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }
  if (!Buffer.isBuffer(body)) init.duplex = 'half'
  return fetch(`${t.url}/storage/client-upload/${path}`, init)
}

function storedFiles(): string[] {
  const root = join(t.emulator.dataDir, 'storage')
  return existsSync(root) ? (readdirSync(root, { recursive: true }) as string[]) : []
}

function tmpFiles(): string[] {
  return readdirSync(join(t.emulator.dataDir, 'tmp', 'storage'))
}

test('stores the raw body and answers the file ID uploadFile would', async () => {
  const res = await clientUpload('demands/d1/photo.bin', BINARY)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  expect(await res.json()).toEqual({ fileID: 'cloud://local.local-local/demands/d1/photo.bin' })
  expect(readFileSync(join(t.emulator.dataDir, 'storage', 'demands/d1/photo.bin')).equals(BINARY)).toBe(true)
  expect(tmpFiles()).toEqual([])
})

test('GET /storage/files/<path> serves the uploaded bytes', async () => {
  await clientUpload('demands/d2/a.jpg', BINARY)
  const res = await fetch(`${t.url}/storage/files/demands/d2/a.jpg`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await res.arrayBuffer()).equals(BINARY)).toBe(true)
})

test('the file ID downloads through the real SDK and has a temporary URL', async () => {
  const { fileID } = (await (await clientUpload('demands/d3/notes.txt', Buffer.from('上门时间：周六上午'))).json()) as { fileID: string }
  const { fileContent } = await t.cloud.downloadFile({ fileID })
  expect(fileContent.toString('utf8')).toBe('上门时间：周六上午')
  const { fileList } = await t.cloud.getTempFileURL({ fileList: [fileID] })
  expect(fileList[0]).toMatchObject({ fileID, status: 0, tempFileURL: `${t.url}/storage/files/demands/d3/notes.txt` })
})

test('Chinese and spaces in the cloud path round-trip through percent-encoding', async () => {
  const cloudPath = '随手拍/路灯 坏了.png'
  const encoded = cloudPath.split('/').map(encodeURIComponent).join('/')
  const { fileID } = (await (await clientUpload(encoded, BINARY)).json()) as { fileID: string }
  expect(fileID).toBe(`cloud://local.local-local/${cloudPath}`)
  const { fileContent } = await t.cloud.downloadFile({ fileID })
  expect(fileContent.equals(BINARY)).toBe(true)
})

test('replaces an existing object', async () => {
  await clientUpload('notes/replace.txt', Buffer.from('first'))
  await clientUpload('notes/replace.txt', Buffer.from('second'))
  const { fileContent } = await t.cloud.downloadFile({ fileID: 'cloud://local.local-local/notes/replace.txt' })
  expect(fileContent.toString()).toBe('second')
})

test('an empty body is an empty file', async () => {
  const res = await clientUpload('notes/empty.txt', Buffer.alloc(0))
  expect(res.status).toBe(200)
  expect(readFileSync(join(t.emulator.dataDir, 'storage', 'notes/empty.txt')).length).toBe(0)
})

describe('bad paths answer 400 with a JSON error and write nothing', () => {
  test.each([
    ['..%2Fescape.txt', '../escape.txt'],
    ['a%2F..%2F..%2Fescape.txt', 'a/../../escape.txt'],
    ['%2Fetc%2Fescape.txt', '/etc/escape.txt'],
    ['a//escape.txt', 'a//escape.txt'],
    ['dir/', 'dir/'],
    ['a%5Cescape.txt', 'a\\escape.txt'],
    ['a%3Fescape.txt', 'a?escape.txt'],
    ['', '(empty)'],
  ])('%s (%s)', async (urlPath) => {
    const before = storedFiles()
    const res = await clientUpload(urlPath, Buffer.from('nope'))
    expect(res.status).toBe(400)
    const body = (await res.json()) as { code: string; message: string }
    expect(body.code).toBe('INVALID_PARAM')
    expect(body.message).toMatch(/^cloudPath /)
    // Errors are for developers and logs: plain ASCII, no Chinese.
    expect(body.message).not.toMatch(/[\u4e00-\u9fff]/)
    expect(storedFiles()).toEqual(before)
    expect(tmpFiles()).toEqual([])
    expect(existsSync(join(t.emulator.dataDir, 'escape.txt'))).toBe(false)
    expect(existsSync(join(t.emulator.dataDir, '..', 'escape.txt'))).toBe(false)
  })
})

describe('size limit', () => {
  test('exactly 10 MB is accepted', async () => {
    const res = await clientUpload('big/limit.bin', Buffer.alloc(MAX_BYTES, 7))
    expect(res.status).toBe(200)
    expect(readFileSync(join(t.emulator.storage.root, 'big/limit.bin')).length).toBe(MAX_BYTES)
  })

  test('one byte more answers 413 and writes nothing', async () => {
    const res = await clientUpload('big/too-large.bin', Buffer.alloc(MAX_BYTES + 1, 7))
    expect(res.status).toBe(413)
    expect(await res.json()).toMatchObject({ code: 'FILE_TOO_LARGE' })
    expect(existsSync(join(t.emulator.storage.root, 'big/too-large.bin'))).toBe(false)
    expect(tmpFiles()).toEqual([])
  })

  test('a chunked body without content-length is counted as it streams', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(1)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BYTES) return controller.close()
        sent += chunk.length
        controller.enqueue(chunk)
      },
    })
    const res = await clientUpload('big/chunked.bin', stream)
    expect(res.status).toBe(413)
    expect(existsSync(join(t.emulator.storage.root, 'big/chunked.bin'))).toBe(false)
    expect(tmpFiles()).toEqual([])
  })

  test('a client that goes away mid-upload leaves neither the object nor a temporary file', async () => {
    const req = request(`${t.url}/storage/client-upload/big/aborted.bin`, { method: 'POST', headers: { 'content-length': 1000 } })
    req.on('error', () => undefined)
    req.write(Buffer.alloc(100, 1))
    await new Promise((resolve) => setTimeout(resolve, 100))
    req.destroy()
    for (let i = 0; i < 50 && tmpFiles().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(tmpFiles()).toEqual([])
    expect(existsSync(join(t.emulator.storage.root, 'big/aborted.bin'))).toBe(false)
  })

  test('the emulator still answers afterwards', async () => {
    const res = await clientUpload('big/after.txt', Buffer.from('ok'))
    expect(await res.json()).toEqual({ fileID: 'cloud://local.local-local/big/after.txt' })
  })
})

test('a malformed percent-encoding in the path answers 400', async () => {
  const res = await fetch(`${t.url}/storage/client-upload/a%E0.txt`, { method: 'POST', body: 'x' })
  expect(res.status).toBe(400)
})
