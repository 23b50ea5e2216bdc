/**
 * `lookup`: what a code is for, before handing it over (核销 asks to confirm): the reward,
 * the holder's name, the status. Staff of the community or the sponsor's contact.
 * Round trips: 2 (the caller, both code lookups at once).
 */
import { contract, handoverView } from '@honglin/shared'
import { action } from '../_runtime/function'
import { findByCode } from './find-code'

export const lookup = action({
  schema: contract.Schemas.mall.lookup,
  async run(ctx, { code }) {
    return handoverView(await findByCode(ctx.db, ctx.actor, code))
  },
})
