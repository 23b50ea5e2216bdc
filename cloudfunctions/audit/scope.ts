/** The chain the caller may read, reading the community's street only when that decides it. */
import { auditScopeOf, needsCommunityStreet, type AuditScope } from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

export async function scopeOf(ctx: ActionContext, purpose: 'list' | 'verify', communityId: string | undefined): Promise<AuditScope> {
  const streetId = needsCommunityStreet(ctx.actor, communityId)
    ? (await getDoc<{ streetId: string }>(ctx.db, Collections.communities, communityId!))?.streetId
    : undefined
  return auditScopeOf(ctx.actor, purpose, communityId, streetId)
}
