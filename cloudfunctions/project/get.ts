/**
 * `get`: one project as the caller may see it, with their part in it (their unit's live bid,
 * their own scores as a reviewer) and the actions open to them. Round trips: caller, project,
 * and one read each for a unit contact's bid or a reviewer's scores.
 */
import { contract } from '@honglin/shared'
import { action } from '../_runtime/function'
import { fullView, loadProject } from './store'

export const get = action({
  schema: contract.Schemas.project.get,
  async run(ctx, { id }) {
    return fullView(ctx, await loadProject(ctx.db, ctx.actor, id))
  },
})
