/**
 * Durable storage of collections, documents and index keys in SQLite
 * (`<dataDir>/database.sqlite`). Documents are read from here on demand (store.ts keeps a
 * bounded cache); declared indexes live in `index_keys`, one row per key tuple of a document,
 * kept in the same SQLite transaction as the document, so lookups never need the documents in
 * memory and a restart needs no rebuild.
 *
 * WAL journal: a commit is in the log file before the client hears back, so an acknowledged
 * write survives `kill -9` of the emulator (synchronous=NORMAL in WAL mode is crash-safe for
 * the process; set `fsync: true` to survive power loss as well, at some cost per write).
 * Every commit of the store is one SQLite transaction: all of its writes land or none do.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { decodeStored, type Doc } from './codec'
import { AFTER, SEP } from './keyorder'

export interface PersistedWrite {
  collection: string
  id: string
  /** `null` removes the document. */
  doc: Doc | null
}

/** A write as stored: the encoded body and the index keys of the new version. */
export interface StoredWrite {
  collection: string
  id: string
  body: string | null
  /** [index name, key] pairs. */
  keys: [string, string][]
}

/** Bumped when the way index keys are written changes: older rows are then rebuilt. */
const INDEX_FORMAT = '3'

export class Persistence {
  private readonly db: Database.Database
  private readonly insertCollection: Database.Statement
  private readonly upsertDoc: Database.Statement
  private readonly deleteDoc: Database.Statement
  private readonly selectDoc: Database.Statement
  private readonly deleteKeys: Database.Statement
  private readonly insertKey: Database.Statement
  private readonly selectKey: Database.Statement
  private readonly selectKeyOrPrefix: Database.Statement
  /** Count statements by their text (one per number of keys asked at once). */
  private readonly countStatements = new Map<string, Database.Statement>()
  private readonly scanForward: string
  private readonly scanBackward: string
  /** Page queries by needle shape (see `page`). */
  private readonly pageStatements = new Map<string, Database.Statement>()

  constructor(dataDir: string, options: { fsync?: boolean } = {}) {
    this.db = new Database(join(dataDir, 'database.sqlite'))
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`synchronous = ${options.fsync ? 'FULL' : 'NORMAL'}`)
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS collections (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (
        collection TEXT NOT NULL,
        id TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (collection, id)
      );
      CREATE TABLE IF NOT EXISTS index_defs (collection TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, PRIMARY KEY (collection, name));
      CREATE TABLE IF NOT EXISTS index_keys (collection TEXT NOT NULL, name TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS index_keys_by_key ON index_keys (collection, name, key);
      CREATE INDEX IF NOT EXISTS index_keys_by_doc ON index_keys (collection, id);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
    `)
    const format = this.db.prepare("SELECT value FROM meta WHERE key = 'index_format'").get() as { value: string } | undefined
    if (format?.value !== INDEX_FORMAT) {
      // Rows written some other way cannot be trusted: drop them, open() rebuilds what is declared.
      this.db.exec('DELETE FROM index_keys; DELETE FROM index_defs;')
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('index_format', ?)").run(INDEX_FORMAT)
    }
    this.insertCollection = this.db.prepare('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)')
    // An upsert that keeps the rowid, so natural order stays insertion order.
    this.upsertDoc = this.db.prepare(
      'INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body',
    )
    this.deleteDoc = this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?')
    this.selectDoc = this.db.prepare('SELECT body FROM documents WHERE collection = ? AND id = ?').pluck()
    this.deleteKeys = this.db.prepare('DELETE FROM index_keys WHERE collection = ? AND id = ?')
    this.insertKey = this.db.prepare('INSERT INTO index_keys (collection, name, key, id) VALUES (?, ?, ?, ?)')
    this.selectKey = this.db.prepare('SELECT id FROM index_keys WHERE collection = ? AND name = ? AND key = ?').pluck()
    // Keys are SEP-joined components that sort above SEP (keyorder.ts): a key with prefix P is P
    // itself or sorts between `P SEP` and `P AFTER`. Two branches, not one `OR`: with the `OR`
    // SQLite walks every key of the index instead of the two ranges (30 ms against 0.3 ms for a
    // few hundred holders among 170,000 keys).
    this.selectKeyOrPrefix = this.db
      .prepare(
        'SELECT id FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? AND key = ? ' +
          'UNION SELECT id FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? AND key > ? AND key < ?',
      )
      .pluck()
    const range = 'SELECT key, id FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? AND key >= ? AND key < ?'
    this.scanForward = `${range} ORDER BY key, rowid`
    this.scanBackward = `${range} ORDER BY key DESC, rowid DESC`
  }

  loadCollections(): string[] {
    return (this.db.prepare('SELECT name FROM collections ORDER BY name').all() as { name: string }[]).map((r) => r.name)
  }

  /** Every document id, in natural (insertion) order. */
  loadIds(): { collection: string; id: string }[] {
    // The primary-key index holds every (collection, id) with its rowid: reading it and sorting
    // here avoids walking the whole table, bodies and all.
    const rows = this.db.prepare('SELECT collection, id, rowid AS rowid FROM documents INDEXED BY sqlite_autoindex_documents_1').all() as {
      collection: string
      id: string
      rowid: number
    }[]
    return rows.sort((a, b) => a.rowid - b.rowid)
  }

  readBody(collection: string, id: string): string | undefined {
    return this.selectDoc.get(collection, id) as string | undefined
  }

  /**
   * A page of a collection in natural order, after `afterRowid`. `needles` narrows it in SQLite
   * (no text reaches JavaScript otherwise): each group lists strings of which the stored text
   * must contain at least one.
   */
  page(collection: string, afterRowid: number, limit: number, needles: string[][] = []): { rowid: number; id: string; body: string }[] {
    const shape = needles.map((group) => group.length).join(',')
    let statement = this.pageStatements.get(shape)
    if (!statement) {
      const filters = needles.map((group) => ` AND (${group.map(() => 'instr(body, ?) > 0').join(' OR ')})`).join('')
      // NOT INDEXED: walk the table in rowid order; the (collection, id) index would sort every page.
      statement = this.db.prepare(
        `SELECT rowid AS rowid, id, body FROM documents NOT INDEXED WHERE collection = ? AND rowid > ?${filters} ORDER BY rowid LIMIT ?`,
      )
      this.pageStatements.set(shape, statement)
    }
    return statement.all(collection, afterRowid, ...needles.flat(), limit) as { rowid: number; id: string; body: string }[]
  }

  createCollection(name: string, now: number): void {
    this.insertCollection.run(name, now)
  }

  dropCollection(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE collection = ?').run(name)
      this.db.prepare('DELETE FROM index_keys WHERE collection = ?').run(name)
      this.db.prepare('DELETE FROM collections WHERE name = ?').run(name)
    })()
  }

  write(writes: StoredWrite[]): void {
    this.db.transaction(() => {
      for (const w of writes) {
        this.deleteKeys.run(w.collection, w.id)
        if (w.body === null) {
          this.deleteDoc.run(w.collection, w.id)
          continue
        }
        this.upsertDoc.run(w.collection, w.id, w.body)
        for (const [name, key] of w.keys) this.insertKey.run(w.collection, name, key, w.id)
      }
    })()
  }

  /** Ids holding exactly `key` in an index. */
  holders(collection: string, name: string, key: string): string[] {
    return this.selectKey.all(collection, name, key) as string[]
  }

  /**
   * How many documents hold one of `keys` (with `prefixes`, a key starting with one), counted
   * by SQLite from the index rows alone, as MongoDB counts from an index: no id reaches
   * JavaScript. In a multikey index a document may hold several of the keys and must count
   * once (`distinct`, twenty times slower: SQLite sorts the ids); elsewhere a row is a document.
   */
  countHolders(collection: string, name: string, keys: string[], prefixes: boolean, distinct: boolean): number {
    const exact = 'SELECT id FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? AND key = ?'
    const longer = 'SELECT id FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? AND key > ? AND key < ?'
    const branch = prefixes ? `${exact} UNION ALL ${longer}` : exact
    const sql = `SELECT COUNT(${distinct ? 'DISTINCT id' : '*'}) FROM (${keys.map(() => branch).join(' UNION ALL ')})`
    let statement = this.countStatements.get(sql)
    if (!statement) this.countStatements.set(sql, (statement = this.db.prepare(sql).pluck()))
    const params = keys.flatMap((k) =>
      prefixes ? [collection, name, k, collection, name, `${k}${SEP}`, `${k}${AFTER}`] : [collection, name, k],
    )
    return statement.get(...params) as number
  }

  /** Whether some document holds more than one row of an index (an array field gave it several keys). */
  hasMultikeyRows(collection: string, name: string): boolean {
    const sql =
      'SELECT 1 FROM index_keys INDEXED BY index_keys_by_key WHERE collection = ? AND name = ? GROUP BY id HAVING COUNT(*) > 1 LIMIT 1'
    return this.db.prepare(sql).get(collection, name) !== undefined
  }

  /** Ids holding `prefix` or a longer key that starts with it. */
  holdersOfPrefix(collection: string, name: string, prefix: string): string[] {
    return this.selectKeyOrPrefix.all(collection, name, prefix, collection, name, `${prefix}${SEP}`, `${prefix}${AFTER}`) as string[]
  }

  /**
   * Index rows with `lo <= key < hi` in key order (backwards when `reverse`), read lazily from
   * SQLite's index on the keys: a caller that stops early reads no further.
   */
  scan(collection: string, name: string, lo: string, hi: string, reverse: boolean): Iterable<{ key: string; id: string }> {
    // A statement iterates one walk at a time; merged walks run side by side, each needs its own.
    const statement = this.db.prepare(reverse ? this.scanBackward : this.scanForward)
    return statement.iterate(collection, name, lo, hi) as Iterable<{ key: string; id: string }>
  }

  /** The spec an index's rows were built for, if they were. */
  indexSpec(collection: string, name: string): string | undefined {
    const row = this.db.prepare('SELECT spec FROM index_defs WHERE collection = ? AND name = ?').get(collection, name) as
      { spec: string } | undefined
    return row?.spec
  }

  /** Rebuilds an index's rows from every document of its collection, in one transaction. */
  rebuildIndex(collection: string, name: string, spec: string, keysOf: (doc: Doc) => string[]): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM index_keys WHERE collection = ? AND name = ?').run(collection, name)
      for (let after = 0; ;) {
        const rows = this.page(collection, after, 1000)
        if (rows.length === 0) break
        for (const row of rows) for (const key of keysOf(decodeStored(row.body))) this.insertKey.run(collection, name, key, row.id)
        after = rows.at(-1)!.rowid
      }
      this.db.prepare('INSERT OR REPLACE INTO index_defs (collection, name, spec) VALUES (?, ?, ?)').run(collection, name, spec)
    })()
  }

  /** Drops the rows of indexes no longer declared. */
  dropIndexesExcept(collection: string, names: string[]): void {
    const stale = (this.db.prepare('SELECT name FROM index_defs WHERE collection = ?').all(collection) as { name: string }[])
      .map((r) => r.name)
      .filter((n) => !names.includes(n))
    for (const name of stale) {
      this.db.prepare('DELETE FROM index_keys WHERE collection = ? AND name = ?').run(collection, name)
      this.db.prepare('DELETE FROM index_defs WHERE collection = ? AND name = ?').run(collection, name)
    }
  }

  close(): void {
    this.db.close()
  }
}
