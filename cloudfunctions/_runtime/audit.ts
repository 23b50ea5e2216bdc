/**
 * Appending to the audit log inside a transaction, so the entry and the change it records
 * commit together or not at all.
 *
 * Each chain has a head document (its newest seq and hash), read and rewritten in the same
 * transaction. Two transactions appending to one chain both write that head, so one of them
 * gets a write conflict and `withTransaction` runs it again on a snapshot that includes the
 * winner's entry: the chain never forks. The head is written before the entries so that the
 * conflict, not a duplicate (chain, seq) key, is what the loser meets.
 *
 * Who appends: the acts that are rare and change trust at once (role changes, volunteer
 * verification, SLA policy, account deletion) in their own transaction; closes and their
 * awards, the frequent ones, are left on the demand as an outbox mark and appended by the
 * settle timer (cloudfunctions/settle), one writer per run, so request paths never contend
 * for a community's head.
 */
import { createHash } from 'node:crypto'
import {
  auditStreetOf,
  chainEntries,
  cleanDetail,
  GLOBAL_CHAIN,
  type AuditDraft,
  type AuditEntry,
  type AuditHead,
  type AuditSpec,
  type HashFn,
} from '@honglin/shared'
import { docById, type Db } from './db'
import type { ActionContext } from './function'
import { errorText, isDuplicateKey } from './errors'

export const AuditCollections = { log: 'audit_log', heads: 'audit_heads' } as const

export const sha256: HashFn = (text) => createHash('sha256').update(text, 'utf8').digest('hex')

export async function appendAudit(tx: Db, ctx: Pick<ActionContext, 'actor' | 'now'>, spec: AuditSpec): Promise<void> {
  await appendAudits(tx, ctx, [spec])
}

/**
 * Several entries of one act (a close and its award) in order: one head read and one head
 * write per chain however many entries. Answers the entries as stored.
 */
export async function appendAudits(tx: Db, ctx: Pick<ActionContext, 'actor' | 'now'>, specs: AuditSpec[]): Promise<AuditEntry[]> {
  const byChain = new Map<string, AuditDraft[]>()
  for (const spec of specs) {
    const chain = spec.communityId ?? GLOBAL_CHAIN
    const streetId = chain === GLOBAL_CHAIN ? auditStreetOf(spec) : undefined
    const detail = cleanDetail(spec.detail) ?? {}
    const draft: AuditDraft = {
      action: spec.action,
      ...(spec.communityId ? { communityId: spec.communityId } : {}),
      ...(streetId ? { streetId } : {}),
      target: { type: spec.target.type, id: spec.target.id },
      detail,
      at: ctx.now,
      actorId: ctx.actor.userId,
      actorName: ctx.actor.name,
    }
    byChain.set(chain, [...(byChain.get(chain) ?? []), draft])
  }
  const stored: AuditEntry[] = []
  for (const [chain, drafts] of byChain) {
    const head = await readHead(tx, chain)
    const next = chainEntries(chain, head, drafts, sha256)
    try {
      await tx.collection(AuditCollections.heads).doc(chain).set({ data: next.head })
      for (const entry of next.entries) await tx.collection(AuditCollections.log).add({ data: entry })
    } catch (error) {
      // A concurrent appender took these seqs first. Usually that is a write conflict on the
      // head; on a chain's first entries (no head yet) the service may report a duplicate key
      // instead. Either way the cure is the same: run again on a fresh snapshot.
      if (isDuplicateKey(error)) throw chainTaken(chain, error)
      throw error
    }
    stored.push(...next.entries)
  }
  return stored
}

/** The chain's head as the transaction sees it; undefined before the first entry. */
export function readHead(db: Db, chain: string): Promise<AuditHead | undefined> {
  return docById<AuditHead>(db, AuditCollections.heads, chain)
}

/** Shaped as the service's write conflict, so `withTransaction` retries it. */
function chainTaken(chain: string, cause: unknown): Error & { errMsg: string } {
  const errMsg = `[ResourceUnavailable.TransactionConflict] audit chain ${chain}: seq taken by a concurrent append (${errorText(cause)})`
  return Object.assign(new Error(errMsg), { errMsg })
}
