/**
 * `setSlaPolicy`: changes some of a community's deadlines (the schema has checked them against
 * the bounds). One transaction reads the community, writes its policy and appends the audit
 * entry with the windows before and after; two changes at once serialize on the community.
 * Windows set to what they already are write nothing, so a retry answers `changed: false`.
 * Demands already created keep the terms they were created under.
 */
import { contract, slaPolicyChange, type SlaPolicy } from '@honglin/shared'
import { appendAudit } from '../_runtime/audit'
import { Collections, docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { allowed, answerOf, type PolicyCommunity } from './sla-policy'

export const setSlaPolicy = action({
  schema: contract.Schemas.org.setSlaPolicy,
  async run(ctx, input) {
    return withTransaction(ctx.db, async (tx) => {
      const community = allowed(ctx, await docById<PolicyCommunity>(tx, Collections.communities, input.communityId))
      const change = slaPolicyChange(community.slaPolicy, input.policy as Partial<SlaPolicy>)
      const changed = Object.keys(change.after).length > 0
      if (!changed) return { ...answerOf(community, community.slaPolicy), changed }
      await tx
        .collection(Collections.communities)
        .doc(community._id)
        .update({ data: { slaPolicy: ctx.db.command.set(change.stored), updatedAt: ctx.now } })
      await appendAudit(tx, ctx, {
        action: 'sla.policy',
        communityId: community._id,
        target: { type: 'community', id: community._id },
        detail: { before: change.before, after: change.after },
      })
      return { ...answerOf(community, change.stored), changed }
    })
  },
})
