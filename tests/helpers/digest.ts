/**
 * The whole database as one comparable value: a digest of every collection (all documents,
 * canonical JSON), to prove that a batch of calls changed nothing; and a snapshot that can be
 * put back, so a batch that did change something can be replayed in halves to find the input
 * responsible.
 */
import { createHash } from 'node:crypto'
import type { Emulator } from '../../emulator/src'

type Doc = Record<string, unknown>

/**
 * JSON with object keys sorted at every level, so equal documents always print the same.
 * Dates, negative zero and non-finite numbers are tagged: JSON would print them as a string,
 * `0` and `null`, and a change between those must not go unseen.
 */
export function canonicalJson(value: unknown): string {
  if (value instanceof Date) return `{"$date":${JSON.stringify(Number.isNaN(value.getTime()) ? null : value.toISOString())}}`
  if (value instanceof RegExp) return `{"$regex":${JSON.stringify(value.source)},"$options":${JSON.stringify(value.flags)}}`
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return '{"$number":"-0"}'
    if (!Number.isFinite(value)) return `{"$number":"${value}"}`
    return JSON.stringify(value)
  }
  if (typeof value === 'bigint') return `{"$bigint":"${value}"}`
  if (value === undefined) return '{"$undefined":true}'
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const keys = Object.keys(value).sort()
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Doc)[k])}`).join(',')}}`
}

export interface DatabaseSnapshot {
  /** Every collection by name (including empty ones), documents sorted by id. */
  collections: Map<string, Doc[]>
}

const PAGE = 1000

export function snapshotDatabase(emulator: Emulator): DatabaseSnapshot {
  const db = emulator.database
  const collections = new Map<string, Doc[]>()
  for (const { name } of db.listCollections()) {
    const docs: Doc[] = []
    for (let skip = 0; ; skip += PAGE) {
      const page = db.listDocuments(name, { skip, limit: PAGE })
      docs.push(...page.docs)
      if (skip + PAGE >= page.total) break
    }
    docs.sort((a, b) => (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0))
    collections.set(name, docs)
  }
  return { collections }
}

/** sha256 per collection of its documents' canonical JSON. */
export function digestOf(snapshot: DatabaseSnapshot): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, docs] of [...snapshot.collections].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const hash = createHash('sha256')
    for (const doc of docs) hash.update(canonicalJson(doc)).update('\n')
    out[name] = `${docs.length}:${hash.digest('hex').slice(0, 16)}`
  }
  return out
}

export function digestDatabase(emulator: Emulator): Record<string, string> {
  return digestOf(snapshotDatabase(emulator))
}

/** The collections whose digest differs, e.g. `demands 51:ab… → 52:cd…`. */
export function digestChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
  return names.filter((n) => before[n] !== after[n]).map((n) => `${n} ${before[n] ?? '∅'} → ${after[n] ?? '∅'}`)
}

/** Puts the database back exactly as `snapshot` holds it (collections, documents, ids). */
export function restoreDatabase(emulator: Emulator, snapshot: DatabaseSnapshot): void {
  const db = emulator.database
  db.clear()
  for (const [name, docs] of snapshot.collections) {
    db.ensureCollection(name)
    if (docs.length > 0) db.insertMany(name, docs)
  }
}
