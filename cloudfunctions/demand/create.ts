/**
 * `demand.create`: a resident orders (点单) a service, a micro-wish or reports a problem,
 * having agreed to the privacy notice; within the community's daily limits.
 */
import { consentRecord, contract, coversCurrentNotice, type ConsentRecord } from '@honglin/shared'
import { checkImages, checkText } from '../_runtime/content'
import { action } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'
import { announceNew, placeOf, storeDemand } from './new-demand'

export const create = action({
  schema: contract.Schemas.demand.create,
  async run(ctx, input) {
    const [{ grid, community }] = await Promise.all([
      placeOf(ctx.db, input.gridId),
      checkText(ctx, input.title, input.detail, input.address, input.preferredTime, input.contactName),
      checkImages(ctx, input.photos),
    ])
    const consent = consentRecord(ctx.now)
    // The user document keeps the latest notice they accepted; written only when it changes.
    const accepted = (ctx.user as { consent?: ConsentRecord } | undefined)?.consent
    const { demand, created } = await storeDemand(ctx, {
      input,
      grid,
      community,
      bucket: 'own',
      consent,
      owner: async () => ({
        id: ctx.actor.userId,
        name: ctx.actor.name,
        openid: ctx.openid,
        consent: coversCurrentNotice(accepted) ? undefined : consent,
      }),
    })
    if (created) await announceNew(ctx, demand)
    return viewFor(ctx.actor, demand)
  },
})
