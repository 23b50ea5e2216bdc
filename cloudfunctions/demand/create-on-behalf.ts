/**
 * `demand.createOnBehalf` (代办): a grid worker orders for a resident of their grid's
 * community who is not online, attesting that the resident agreed to the privacy notice:
 * either a registered resident (`ownerId`: someone holding the `resident` grant in that
 * community, not the grid worker) or an offline resident by name and phone. An offline
 * resident is found again by phone within the community (unique `users.offline_key`), so
 * ordering twice for them makes one account; a new account is stored in the same transaction
 * as the demand, so a refused create leaves none.
 */
import { randomBytes } from 'node:crypto'
import { AppError, consentRecord, contract, coversCurrentNotice, isGridWorkerOf, type ConsentRecord } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { announceEach } from '../_runtime/announce'
import { checkImages, checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { viewFor } from '../_runtime/transition'
import { NEW_FOR_STAFF, placeOf, storeDemand, type GridDoc, type Owner } from './new-demand'

type ResidentDoc = UserDoc & { consent?: ConsentRecord; offlineKey?: string; deletedAt?: number }

/** One answer for every unacceptable `ownerId`, so the answer does not tell whether an id exists. */
const NOT_A_RESIDENT = '只能为本社区登记的居民代办'

export const createOnBehalf = action({
  schema: contract.Schemas.demand.createOnBehalf,
  async run(ctx, input) {
    if (!isGridWorkerOf(ctx.actor, input.gridId)) throw new AppError('FORBIDDEN', '只能为本人负责网格的居民代办')
    const [{ grid, community }] = await Promise.all([
      placeOf(ctx.db, input.gridId),
      checkText(ctx, input.title, input.detail, input.address, input.preferredTime, input.contactName, input.ownerName),
      checkImages(ctx, input.photos),
    ])
    const consent = consentRecord(ctx.now, ctx.actor.userId)
    const { ownerId } = input
    const { demand, created } = await storeDemand(ctx, {
      input,
      grid,
      community,
      bucket: 'onBehalf',
      consent,
      owner: ownerId ? () => registeredResident(ctx, ownerId, grid, consent) : () => offlineResident(ctx, input, grid, consent),
      note: (o) => `网格员代办，居民：${o.name}`,
    })
    if (created) {
      await announceEach(ctx, demand, [
        { parties: ['staff'], message: NEW_FOR_STAFF },
        { parties: ['owner'], message: { type: 'demand.submitted', title: '网格员已为您代办点单' } },
      ])
    }
    return viewFor(ctx.actor, demand)
  },
})

async function registeredResident(ctx: ActionContext, ownerId: string, grid: GridDoc, consent: ConsentRecord): Promise<Owner> {
  const user = ownerId === ctx.actor.userId ? undefined : await getDoc<ResidentDoc>(ctx.db, Collections.users, ownerId)
  const resident = user?.grants?.some((g) => g.role === 'resident' && g.communityId === grid.communityId) && !user.deletedAt
  if (!user || !resident) throw new AppError('INVALID_INPUT', NOT_A_RESIDENT, { ownerId: NOT_A_RESIDENT })
  return { id: user._id, name: user.name, openid: user.openid, consent: coversCurrentNotice(user.consent) ? undefined : consent }
}

/** The same resident whatever way the phone was typed ("138 0000 0001", "022-12345678"). */
export function offlineKeyOf(communityId: string, phone: string): string {
  return `${communityId}:${phone.replace(/[\s-]/g, '')}`
}

async function offlineResident(
  ctx: ActionContext,
  input: contract.DemandCreateOnBehalfInput,
  grid: GridDoc,
  consent: ConsentRecord,
): Promise<Owner> {
  const offlineKey = offlineKeyOf(grid.communityId, input.ownerPhone!)
  const res = await ctx.db.collection(Collections.users).where({ offlineKey }).limit(1).get()
  const known = res.data[0] as ResidentDoc | undefined
  if (known) return { id: known._id, name: known.name, consent: coversCurrentNotice(known.consent) ? undefined : consent }
  const account: ResidentDoc & { createdBy: string } = {
    _id: `offline-${randomBytes(16).toString('hex')}`,
    name: input.ownerName!,
    phone: input.ownerPhone!,
    grants: [{ role: 'resident', communityId: grid.communityId, streetId: grid.streetId }],
    pointsBalance: 0,
    offline: true,
    offlineKey,
    consent,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  return { id: account._id, name: account.name, account }
}
