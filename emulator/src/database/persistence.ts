/**
 * Durable storage of collections and documents in SQLite (`<dataDir>/database.sqlite`).
 * WAL journal: a commit is in the log file before the client hears back, so an acknowledged
 * write survives `kill -9` of the emulator (synchronous=NORMAL in WAL mode is crash-safe for
 * the process; set `fsync: true` to survive power loss as well, at some cost per write).
 * Every commit of the store is one SQLite transaction: all of its writes land or none do.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { decode, encode, type Doc } from './codec'

export interface PersistedWrite {
  collection: string
  id: string
  /** `null` removes the document. */
  doc: Doc | null
}

export class Persistence {
  private readonly db: Database.Database
  private readonly insertCollection: Database.Statement
  private readonly upsertDoc: Database.Statement
  private readonly deleteDoc: Database.Statement

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
      INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
    `)
    this.insertCollection = this.db.prepare('INSERT OR IGNORE INTO collections (name, created_at) VALUES (?, ?)')
    // An upsert that keeps the rowid, so documents load back in insertion (natural) order.
    this.upsertDoc = this.db.prepare(
      'INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body',
    )
    this.deleteDoc = this.db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?')
  }

  loadCollections(): string[] {
    return (this.db.prepare('SELECT name FROM collections ORDER BY name').all() as { name: string }[]).map((r) => r.name)
  }

  *loadDocuments(): Iterable<{ collection: string; doc: Doc }> {
    const rows = this.db.prepare('SELECT collection, body FROM documents ORDER BY rowid').iterate() as Iterable<{
      collection: string
      body: string
    }>
    for (const row of rows) yield { collection: row.collection, doc: decode(row.body, Date.now) as Doc }
  }

  createCollection(name: string, now: number): void {
    this.insertCollection.run(name, now)
  }

  dropCollection(name: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM documents WHERE collection = ?').run(name)
      this.db.prepare('DELETE FROM collections WHERE name = ?').run(name)
    })()
  }

  write(writes: PersistedWrite[]): void {
    this.db.transaction(() => {
      for (const w of writes) {
        if (w.doc) this.upsertDoc.run(w.collection, w.id, encode(w.doc))
        else this.deleteDoc.run(w.collection, w.id)
      }
    })()
  }

  close(): void {
    this.db.close()
  }
}
