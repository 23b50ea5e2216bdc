/**
 * The 大党委 member list follows the `committee_member` role: granting it seats the person on
 * the community's committee (with their unit), revoking it takes them off, in the same
 * transaction as the grant (_runtime/role-change.ts). One row per community and user; rows
 * written here have a predictable id, rows from before keep theirs.
 */
import { Collections } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

/** The id of `userId`'s committee row in `communityId`: the existing row's, or the one a new row takes. */
export async function committeeRowId(ctx: ActionContext, communityId: string, userId: string): Promise<string> {
  const res = await ctx.db.collection(Collections.committee).where({ communityId, userId }).field({ _id: true }).limit(1).get()
  return (res.data[0] as { _id: string } | undefined)?._id ?? `${communityId}~${userId}`
}
