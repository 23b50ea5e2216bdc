/**
 * Appending to the audit log inside the caller's transaction, so the entry and the change it
 * records commit together or not at all. (Minimal form: the chained form — sequence numbers,
 * prevHash/hash and the chain head — replaces this body without changing the signature.)
 */
import type { AuditSpec } from '@honglin/shared'
import type { Db } from './db'
import type { ActionContext } from './function'

export async function appendAudit(tx: Db, ctx: Pick<ActionContext, 'actor' | 'now'>, spec: AuditSpec): Promise<void> {
  await tx.collection('audit_log').add({
    data: { ...spec, chain: spec.communityId ?? 'global', at: ctx.now, actorId: ctx.actor.userId, actorName: ctx.actor.name },
  })
}
