/**
 * `demand.get`: one demand as the caller may see it (contact details masked unless they are
 * entitled to them) with the actions they may take. Someone with no view of it gets
 * NOT_FOUND, as if it did not exist.
 */
import { contract } from '@honglin/shared'
import { getDemand } from '../_runtime/db'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'

export const get = action({
  schema: contract.Schemas.demand.get,
  async run(ctx, { id }) {
    return viewFor(ctx.actor, await getDemand(ctx.db, id))
  },
})
