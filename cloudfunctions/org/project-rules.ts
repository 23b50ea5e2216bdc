/**
 * `projectRules` / `setProjectRules`: a community's rules for reviewing projects (quorum share
 * and floor, 公示 days), within bounds the schema checks. Who may change them: as for the
 * community's deadlines (its staff, street staff of its street, admins). Projects keep the
 * rules they were published under.
 */
import { contract, DEFAULT_PROJECT_RULES, projectRulesOf, type ProjectRulesAnswer } from '@honglin/shared'
import { appendAudit } from '../_runtime/audit'
import { Collections, docById, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { allowed, type PolicyCommunity } from './sla-policy'

type Stored = { quorumPercent?: number; quorumMinimum?: number; publicityDays?: number }
type RulesCommunity = PolicyCommunity & { projectRules?: Stored }

const answerOf = (communityId: string, stored?: Stored): ProjectRulesAnswer => ({
  communityId,
  rules: projectRulesOf(stored),
  defaults: DEFAULT_PROJECT_RULES,
})

export const projectRules = action({
  schema: contract.Schemas.org.projectRules,
  async run(ctx, input) {
    const community = allowed(ctx, await getDoc<RulesCommunity>(ctx.db, Collections.communities, input.communityId))
    return answerOf(community._id, (community as RulesCommunity).projectRules)
  },
})

export const setProjectRules = action({
  schema: contract.Schemas.org.setProjectRules,
  async run(ctx, { communityId, ...change }) {
    return withTransaction(ctx.db, async (tx) => {
      const community = allowed(ctx, await docById<RulesCommunity>(tx, Collections.communities, communityId)) as RulesCommunity
      const before = community.projectRules ?? {}
      const after: Stored = { ...before }
      for (const [k, v] of Object.entries(change)) if (v !== undefined) after[k as keyof Stored] = v
      const changed = JSON.stringify(before) !== JSON.stringify(after)
      if (changed) {
        await tx
          .collection(Collections.communities)
          .doc(communityId)
          .update({ data: { projectRules: ctx.db.command.set(after), updatedAt: ctx.now } })
        await appendAudit(tx, ctx, {
          action: 'sla.policy',
          communityId,
          target: { type: 'community', id: communityId },
          detail: { projectRules: after },
        })
      }
      return { ...answerOf(communityId, after), changed }
    })
  },
})
