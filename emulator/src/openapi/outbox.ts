/**
 * The outbox: every open API call, in order. Kept in memory and appended, one JSON object per
 * line, to `<dataDir>/openapi/outbox.jsonl` so a person can read what would have been sent
 * after the emulator stopped. Clearing truncates the file.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Logger } from '../logger'

export interface OutboxEntry {
  id: string
  time: number
  /** e.g. `subscribeMessage.send` */
  api: string
  /** The decoded request parameters (snake_case keys, as they went over the wire). */
  data: Record<string, unknown>
  /** OPENID of the invoking function's caller, when known. */
  caller?: string
  /** What the emulated WeChat answered: 0, or the errcode that made the SDK throw. */
  errcode?: number
}

export class Outbox {
  readonly file: string
  private entries: OutboxEntry[] = []

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.file = join(dataDir, 'openapi', 'outbox.jsonl')
  }

  /** Loads earlier entries; a torn last line (a crash mid-append) is skipped with a warning. */
  load(): void {
    this.ensureDir()
    this.entries = []
    if (!existsSync(this.file)) return
    const text = readFileSync(this.file, 'utf8')
    // Start the next entry on its own line even after a torn append.
    if (text && !text.endsWith('\n')) appendFileSync(this.file, '\n')
    const lines = text.split('\n')
    lines.forEach((line, i) => {
      if (!line.trim()) return
      try {
        this.entries.push(JSON.parse(line) as OutboxEntry)
      } catch {
        this.logger.warn(`${this.file}:${i + 1} is not valid JSON; skipped`)
      }
    })
  }

  append(entry: OutboxEntry): void {
    this.ensureDir()
    this.entries.push(entry)
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`)
  }

  list(): OutboxEntry[] {
    return this.entries.map((entry) => structuredClone(entry))
  }

  clear(): void {
    this.ensureDir()
    this.entries = []
    writeFileSync(this.file, '')
  }

  private dirReady = false
  private ensureDir(): void {
    if (this.dirReady) return
    mkdirSync(dirname(this.file), { recursive: true })
    this.dirReady = true
  }
}
