/**
 * Transactions with snapshot isolation, as the real service (MongoDB underneath) has them:
 * the snapshot is taken at the first operation; a write to a document that another open
 * transaction has written, or that was committed after the snapshot, is a write conflict and
 * aborts the transaction; a transaction lives 30 s from its start.
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError, ErrorCode } from '../errors'
import type { Doc } from './codec'
import type { PersistedWrite } from './persistence'
import type { Store } from './store'

export const TRANSACTION_LIFETIME_MS = 30_000

export interface Transaction {
  id: string
  startedAt: number
  /** Set at the first operation. */
  snapshot?: number
  /** Staged writes by `collection\u0000id`; the last write of a document wins. */
  writes: Map<string, PersistedWrite>
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`

export class TransactionManager {
  private readonly open = new Map<string, Transaction>()

  constructor(private readonly store: Store) {}

  start(now: number): Transaction {
    const tx: Transaction = { id: randomBytes(16).toString('hex'), startedAt: now, writes: new Map() }
    this.open.set(tx.id, tx)
    return tx
  }

  /** The open transaction `id`, its snapshot taken if this is its first operation. */
  use(id: string, now: number): Transaction {
    const tx = this.open.get(id)
    if (!tx) throw notExist()
    if (now - tx.startedAt > TRANSACTION_LIFETIME_MS) {
      this.end(tx)
      throw notExist()
    }
    if (tx.snapshot === undefined) tx.snapshot = this.store.openSnapshot(tx.id)
    return tx
  }

  /** A document as this transaction sees it: its own staged write, else the snapshot. */
  read(tx: Transaction, collection: string, id: string): Doc | undefined {
    const staged = tx.writes.get(keyOf(collection, id))
    if (staged) return staged.doc ?? undefined
    return this.store.collection(collection)?.read(id, tx.snapshot)
  }

  /** Every id this transaction may see in a collection. */
  ids(tx: Transaction, collection: string): string[] {
    const coll = this.store.collection(collection)
    const ids = new Set(coll ? coll.idsAt(tx.snapshot) : [])
    for (const w of tx.writes.values()) if (w.collection === collection) ids.add(w.id)
    return [...ids]
  }

  stage(tx: Transaction, write: PersistedWrite): void {
    this.checkConflict(tx, write.collection, write.id)
    // A duplicate key fails the write itself, as in MongoDB, not only the commit.
    const staged = [...tx.writes.values()].filter((w) => w.collection === write.collection && w.id !== write.id)
    this.store.checkUnique([...staged, write])
    tx.writes.set(keyOf(write.collection, write.id), write)
  }

  commit(id: string, now: number): void {
    const tx = this.use(id, now)
    for (const w of tx.writes.values()) {
      if ((this.store.collection(w.collection)?.lastSeq.get(w.id) ?? 0) > tx.snapshot!) {
        this.end(tx)
        throw conflict()
      }
    }
    try {
      this.store.commit([...tx.writes.values()])
    } finally {
      this.end(tx)
    }
  }

  abort(id: string, now: number): void {
    this.end(this.use(id, now))
  }

  private checkConflict(tx: Transaction, collection: string, id: string): void {
    const committedLater = (this.store.collection(collection)?.lastSeq.get(id) ?? 0) > tx.snapshot!
    const key = keyOf(collection, id)
    const stagedElsewhere = [...this.open.values()].some((other) => other !== tx && other.writes.has(key))
    if (committedLater || stagedElsewhere) {
      this.end(tx)
      throw conflict()
    }
  }

  private end(tx: Transaction): void {
    this.open.delete(tx.id)
    this.store.closeSnapshot(tx.id)
  }

  /** Drops expired transactions so their snapshots stop pinning old versions. */
  sweep(now: number): void {
    for (const tx of [...this.open.values()]) if (now - tx.startedAt > TRANSACTION_LIFETIME_MS) this.end(tx)
  }
}

/** The real service's text, word for word (its own SDK test suite asserts it). */
export const TRANSACTION_NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.'
export const TRANSACTION_CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.'

function notExist(): CloudbaseError {
  return new CloudbaseError(ErrorCode.TransactionFail, TRANSACTION_NOT_EXIST_MESSAGE)
}

function conflict(): CloudbaseError {
  return new CloudbaseError(ErrorCode.TransactionConflict, TRANSACTION_CONFLICT_MESSAGE)
}
