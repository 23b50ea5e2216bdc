/**
 * The 大党委 member list follows the `committee_member` role: granting it lists the person in
 * the community's committee (with their unit), revoking it takes them off.
 */
import type { RoleGrant } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

export async function joinCommittee(ctx: ActionContext, userId: string, grant: RoleGrant): Promise<void> {
  const rows = ctx.db.collection(Collections.committee)
  const unit = grant.unitId ? { unitId: grant.unitId } : {}
  try {
    await rows.add({ data: { communityId: grant.communityId, userId, ...unit, title: '委员', createdAt: ctx.now } })
  } catch (error) {
    // Already listed (one row per community and user): keep the row and its title, update the unit.
    const res = await rows.where({ communityId: grant.communityId, userId }).update({ data: { ...unit, updatedAt: ctx.now } })
    if (res.stats.updated === 0) throw error
  }
}

export async function leaveCommittee(ctx: ActionContext, userId: string, communityId: string): Promise<void> {
  await ctx.db.collection(Collections.committee).where({ communityId, userId }).remove()
}
