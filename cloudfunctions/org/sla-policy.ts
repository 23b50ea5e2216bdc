/**
 * `slaPolicy`: a community's deadlines as a settings screen shows them: the policy new demands
 * get, which stages the community set itself, the defaults and the bounds. For those who may
 * change them (community staff, street staff of its street, admins): caller + one read.
 */
import {
  AppError,
  contract,
  mayTuneSlaPolicy,
  SLA_POLICY_APPLIES,
  SlaPolicyKeys,
  slaPolicyOf,
  slaPolicyReference,
  type SlaPolicy,
  type SlaPolicyAnswer,
} from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { action } from '../_runtime/function'

export interface PolicyCommunity {
  _id: string
  streetId?: string
  slaPolicy?: Partial<SlaPolicy>
}

export const slaPolicy = action({
  schema: contract.Schemas.org.slaPolicy,
  async run(ctx, input) {
    const community = await getDoc<PolicyCommunity>(ctx.db, Collections.communities, input.communityId)
    return answerOf(allowed(ctx, community), community!.slaPolicy)
  },
})

/** The community, if the caller may see and change its deadlines. */
export function allowed(ctx: ActionContext, community: PolicyCommunity | undefined): PolicyCommunity {
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  if (!mayTuneSlaPolicy(ctx.actor, community)) throw new AppError('FORBIDDEN')
  return community
}

export function answerOf(community: PolicyCommunity, stored: Partial<SlaPolicy> | undefined): SlaPolicyAnswer {
  return {
    communityId: community._id,
    policy: slaPolicyOf({ slaPolicy: stored }),
    tuned: SlaPolicyKeys.filter((key) => stored?.[key] !== undefined),
    ...slaPolicyReference(),
    appliesTo: SLA_POLICY_APPLIES,
  }
}
