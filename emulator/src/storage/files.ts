/**
 * The disk side of storage: objects live as plain files under `<dataDir>/storage/<cloud path>`
 * so a person can look at them. Uploads are streamed into `<dataDir>/tmp/storage/` first and
 * renamed into place, so a crash never leaves a partial object behind.
 */
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import { validateCloudPath } from './paths'

export class FileStore {
  readonly root: string
  private readonly tmpDir: string

  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'storage')
    this.tmpDir = resolve(dataDir, 'tmp', 'storage')
  }

  async open(): Promise<void> {
    await mkdir(this.root, { recursive: true })
    // Leftovers of uploads interrupted by a crash or a stop.
    await rm(this.tmpDir, { recursive: true, force: true })
    await mkdir(this.tmpDir, { recursive: true })
  }

  /** The absolute file for a cloud path; throws on paths that could leave the storage folder. */
  fileOf(cloudPath: string): string {
    const file = resolve(this.root, validateCloudPath(cloudPath))
    const rel = relative(this.root, file)
    if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..'))
      throw new Error(`cloud path escapes the storage folder: ${cloudPath}`)
    return file
  }

  /** Size in bytes, or undefined when there is no such object. */
  async size(cloudPath: string): Promise<number | undefined> {
    try {
      const info = await stat(this.fileOf(cloudPath))
      return info.isFile() ? info.size : undefined
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
  }

  async write(cloudPath: string, content: Readable): Promise<number> {
    const file = this.fileOf(cloudPath)
    const tmp = join(this.tmpDir, `${randomBytes(8).toString('hex')}.part`)
    try {
      const out = createWriteStream(tmp)
      await pipeline(content, out)
      await mkdir(dirname(file), { recursive: true })
      await rename(tmp, file)
      return out.bytesWritten
    } catch (error) {
      await rm(tmp, { force: true })
      throw error
    }
  }

  read(cloudPath: string): ReadStream {
    return createReadStream(this.fileOf(cloudPath))
  }

  /** Removes an object and the folders it leaves empty; false when there was none. */
  async remove(cloudPath: string): Promise<boolean> {
    if ((await this.size(cloudPath)) === undefined) return false
    const file = this.fileOf(cloudPath)
    await rm(file, { force: true })
    for (let dir = dirname(file); dir !== this.root && dir.startsWith(this.root + sep); dir = dirname(dir)) {
      try {
        await rmdir(dir)
      } catch {
        break // not empty
      }
    }
    return true
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
