/**
 * Cloud storage through the real wx-server-sdk: upload, temporary URLs, download, delete, and
 * files that outlive the emulator process.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../../emulator/src'
import { sdkFor, useEmulator } from '../helpers/emulator'

const t = useEmulator()

/** Every byte value, twice, so encoding mistakes (UTF-8, latin1, CRLF) cannot hide. */
const BINARY = Buffer.concat([
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from(Array.from({ length: 256 }, (_, i) => 255 - i)),
])

async function upload(cloudPath: string, fileContent: Buffer): Promise<string> {
  const { fileID } = await t.cloud.uploadFile({ cloudPath, fileContent })
  return fileID
}

interface SdkError {
  code?: string
  errCode?: number
  errMsg?: string
}

async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise
  } catch (error) {
    return error as SdkError
  }
  throw new Error('expected the call to fail')
}

describe('uploadFile', () => {
  test('answers a cloud:// file ID and stores the exact bytes under <dataDir>/storage', async () => {
    const fileID = await upload('avatars/u1/raw.bin', BINARY)
    expect(fileID).toBe('cloud://local.local-local/avatars/u1/raw.bin')
    expect(readFileSync(join(t.emulator.dataDir, 'storage', 'avatars/u1/raw.bin')).equals(BINARY)).toBe(true)
  })

  test('replaces an existing object', async () => {
    await upload('notes/replace.txt', Buffer.from('first'))
    await upload('notes/replace.txt', Buffer.from('second'))
    const { fileContent } = await t.cloud.downloadFile({ fileID: 'cloud://local.local-local/notes/replace.txt' })
    expect(fileContent.toString()).toBe('second')
  })

  test('leaves no temporary files behind', async () => {
    await upload('notes/tmp-check.txt', Buffer.from('x'))
    expect(readdirSync(join(t.emulator.dataDir, 'tmp', 'storage'))).toEqual([])
  })

  test.each(['../escape.txt', 'a/../../escape.txt', '/etc/escape.txt', 'a//b.txt', 'dir/', 'a\\b.txt'])(
    'rejects the path %j and writes nothing',
    async (cloudPath) => {
      const error = await rejection(upload(cloudPath, Buffer.from('nope')))
      expect(error.code).toBe('INVALID_PARAM')
      expect(error.errMsg).toMatch(/^uploadFile:fail cloudPath/)
      expect(existsSync(join(t.emulator.dataDir, 'escape.txt'))).toBe(false)
      expect(existsSync(join(t.emulator.dataDir, '..', 'escape.txt'))).toBe(false)
    },
  )

  test('the upload URL refuses a PUT without the authorization it was issued with', async () => {
    const res = await fetch(`${t.url}/storage/upload/forged.txt`, { method: 'PUT', body: 'forged' })
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('<Code>AccessDenied</Code>')
    expect(existsSync(join(t.emulator.dataDir, 'storage', 'forged.txt'))).toBe(false)
  })

  test('an upload authorization is bound to its path and expires', async () => {
    const metadata = async (path: string) => {
      const res = await fetch(`${t.url}/admin?env=local`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'storage.getUploadMetadata', path, method: 'put' }),
      })
      return ((await res.json()) as { data: { url: string; authorization: string } }).data
    }
    const put = (url: string, authorization: string) => fetch(url, { method: 'PUT', headers: { authorization }, body: 'content' })

    const granted = await metadata('signed/a.txt')
    const other = await put(`${t.url}/storage/upload/signed/b.txt`, granted.authorization)
    expect(other.status).toBe(403)
    expect(await other.text()).toContain('<Code>SignatureDoesNotMatch</Code>')

    t.emulator.clock.advance(16 * 60 * 1000)
    try {
      const late = await put(granted.url, granted.authorization)
      expect(late.status).toBe(403)
      expect(await late.text()).toContain('Request has expired')
      const fresh = await metadata('signed/a.txt')
      expect((await put(fresh.url, fresh.authorization)).status).toBe(200)
    } finally {
      t.emulator.clock.reset()
    }
    expect(readFileSync(join(t.emulator.dataDir, 'storage', 'signed/a.txt'), 'utf8')).toBe('content')
    expect(existsSync(join(t.emulator.dataDir, 'storage', 'signed/b.txt'))).toBe(false)
  })
})

describe('downloadFile', () => {
  test('round-trips binary content exactly', async () => {
    const fileID = await upload('binary/all-bytes.bin', BINARY)
    const { fileContent } = await t.cloud.downloadFile({ fileID })
    expect(Buffer.isBuffer(fileContent)).toBe(true)
    expect(fileContent.equals(BINARY)).toBe(true)
  })

  test('round-trips a Chinese file name and content', async () => {
    const content = Buffer.from('红邻：邻里互助，一起变好。\n', 'utf8')
    const fileID = await upload('证明/居住证明 2024.txt', content)
    expect(fileID).toBe('cloud://local.local-local/证明/居住证明 2024.txt')
    const { fileContent } = await t.cloud.downloadFile({ fileID })
    expect(fileContent.equals(content)).toBe(true)
  })

  // node-sdk throws here (it does not return the code to wx-server-sdk), so the error keeps
  // the wire code as `code` and wx-server-sdk reports errCode -1.
  test('fails with STORAGE_FILE_NONEXIST for a file that was never uploaded', async () => {
    const fileID = 'cloud://local.local-local/nothing/here.png'
    const error = await rejection(t.cloud.downloadFile({ fileID }))
    expect(error.code).toBe('STORAGE_FILE_NONEXIST')
    expect(error.errMsg).toBe(`downloadFile:fail storage file not exist: ${fileID}`)
  })
})

describe('getTempFileURL', () => {
  test('answers a URL that serves the file with its content type', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const fileID = await upload('图片/头像.png', png)
    const { fileList } = await t.cloud.getTempFileURL({ fileList: [fileID] })
    expect(fileList).toHaveLength(1)
    expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok' })
    expect(fileList[0].tempFileURL).toBe(`${t.url}/storage/files/图片/头像.png`)

    const res = await fetch(encodeURI(fileList[0].tempFileURL))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true)
  })

  test('reports a missing file per entry, next to a present one', async () => {
    const present = await upload('docs/present.txt', Buffer.from('here'))
    const missing = 'cloud://local.local-local/docs/missing.txt'
    const { fileList } = await t.cloud.getTempFileURL({ fileList: [present, { fileID: missing, maxAge: 60 }] })
    expect(fileList[0]).toMatchObject({ fileID: present, status: 0 })
    expect(fileList[1]).toMatchObject({ fileID: missing, status: -503003, tempFileURL: '', maxAge: 60 })
  })

  test('a file ID that is not cloud:// is an invalid parameter, not a crash', async () => {
    const { fileList } = await t.cloud.getTempFileURL({ fileList: ['https://example.com/a.png'] })
    expect(fileList[0]).toMatchObject({ status: -501007, tempFileURL: '' })
  })
})

describe('deleteFile', () => {
  test('deletes a file; afterwards download fails and the folder is gone', async () => {
    const fileID = await upload('trash/soon-gone.txt', Buffer.from('bye'))
    const { fileList } = await t.cloud.deleteFile({ fileList: [fileID] })
    expect(fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
    expect(existsSync(join(t.emulator.dataDir, 'storage', 'trash'))).toBe(false)

    const error = await rejection(t.cloud.downloadFile({ fileID }))
    expect(error.code).toBe('STORAGE_FILE_NONEXIST')
    const res = await fetch(`${t.url}/storage/files/trash/soon-gone.txt`)
    expect(res.status).toBe(404)
  })

  test('reports a file that does not exist per entry', async () => {
    const fileID = 'cloud://local.local-local/trash/never-was.txt'
    const { fileList } = await t.cloud.deleteFile({ fileList: [fileID] })
    expect(fileList[0]).toMatchObject({ fileID, status: -503003 })
  })
})

describe('persistence', () => {
  test('files survive a restart on the same data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'storage-restart-'))
    try {
      const first = await startEmulator({ dataDir, quiet: true })
      const { fileID } = await sdkFor(first.url).uploadFile({ cloudPath: 'keep/数据.bin', fileContent: BINARY })
      await first.stop()
      expect(readFileSync(join(dataDir, 'storage', 'keep/数据.bin')).equals(BINARY)).toBe(true)

      const second = await startEmulator({ dataDir, quiet: true })
      try {
        const { fileContent } = await sdkFor(second.url).downloadFile({ fileID })
        expect(fileContent.equals(BINARY)).toBe(true)
      } finally {
        await second.stop()
      }
      // The emulator of this file never saw the upload.
      expect((await rejection(t.cloud.downloadFile({ fileID }))).code).toBe('STORAGE_FILE_NONEXIST')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
