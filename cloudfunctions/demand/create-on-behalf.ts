/**
 * `demand.createOnBehalf` (代办): a grid worker orders for a resident of their grid who is not
 * online: an existing user (`ownerId`), or a new offline resident from name and phone.
 */
import { createHash } from 'node:crypto'
import { AppError, contract, isGridWorkerOf } from '@honglin/shared'
import type { UserDoc } from '../_runtime/actor'
import { announceEach } from '../_runtime/announce'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { isDuplicateKey } from '../_runtime/transaction'
import { viewFor } from '../_runtime/transition'
import { NEW_FOR_STAFF, gridOf, insertDemand, type GridDoc } from './new-demand'

export const createOnBehalf = action({
  schema: contract.Schemas.demand.createOnBehalf,
  async run(ctx, input) {
    if (!isGridWorkerOf(ctx.actor, input.gridId)) throw new AppError('FORBIDDEN', '只能为本人负责网格的居民代办')
    const [grid] = await Promise.all([
      gridOf(ctx.db, input.gridId),
      checkText(ctx, input.title, input.detail, input.address, input.preferredTime, input.contactName, input.ownerName),
    ])
    const owner = input.ownerId ? await existingOwner(ctx, input.ownerId) : await offlineOwner(ctx, input, grid)
    const { demand, created } = await insertDemand(ctx, { input, grid, ownerId: owner._id, note: `网格员代办，居民：${owner.name}` })
    if (created) {
      await announceEach(
        ctx,
        demand,
        [
          { parties: ['staff'], message: NEW_FOR_STAFF },
          { parties: ['owner'], message: { type: 'demand.submitted', title: '网格员已为您代办点单' } },
        ],
        [{ userId: owner._id, openid: owner.openid }],
      )
    }
    return viewFor(ctx.actor, demand)
  },
})

async function existingOwner(ctx: ActionContext, ownerId: string): Promise<Pick<UserDoc, '_id' | 'name' | 'openid'>> {
  const user = await getDoc<UserDoc>(ctx.db, Collections.users, ownerId)
  if (!user) throw new AppError('INVALID_INPUT', '找不到该居民', { ownerId: '找不到该居民' })
  return user
}

/**
 * A resident account without an OPENID. Its id follows from the request, so a retried call
 * finds the account its first attempt created instead of adding a second one.
 */
async function offlineOwner(
  ctx: ActionContext,
  input: contract.DemandCreateOnBehalfInput,
  grid: GridDoc,
): Promise<Pick<UserDoc, '_id' | 'name' | 'openid'>> {
  const _id = `offline-${createHash('sha256').update(`${ctx.actor.userId}\n${input.requestId}`).digest('hex').slice(0, 32)}`
  const user: UserDoc & { createdBy: string } = {
    _id,
    name: input.ownerName!,
    phone: input.ownerPhone!,
    grants: [{ role: 'resident', communityId: grid.communityId, streetId: grid.streetId }],
    pointsBalance: 0,
    offline: true,
    createdBy: ctx.actor.userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  try {
    await ctx.db.collection(Collections.users).add({ data: user })
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
  }
  return user
}
