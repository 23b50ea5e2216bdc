/**
 * `redeem` (兑换): one transaction reads the reward, the caller's balance and their counter
 * for the reward's limit period, asks the shared rule, then takes one unit of stock, spends
 * the points (a negative ledger entry and the balance), counts the redemption under the limit
 * and stores it with a fresh pickup code. Any two redemptions that touch the same reward,
 * balance or counter conflict on it and one runs again on the newer snapshot, so under any
 * concurrency the stock, the balance and the limit hold. The redemption's id comes from the
 * caller and the requestId: a retry answers the redemption the first call made.
 * Round trips: 12 (the caller, the earlier redemption, the transaction's reads and writes, the
 * notice), a retry 2.
 */
import {
  AppError,
  assertMayRedeem,
  contract,
  expiryOf,
  limitCounterId,
  limitPeriod,
  redemptionActions,
  redemptionView,
  remindAtOf,
  type Redemption,
  type Reward,
} from '@honglin/shared'
import { publish } from '../_runtime/announce'
import { Collections, docById, getDoc } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action, type ActionContext } from '../_runtime/function'
import { drawCode, MallCollections, redemptionIdOf, reserveInTransaction, type StoredRedemption } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

/** A new code is drawn if the first collides with a stored one (one in tens of millions). */
const CODE_DRAWS = 3

export const redeem = action({
  schema: contract.Schemas.mall.redeem,
  async run(ctx, { rewardId, requestId }) {
    const id = redemptionIdOf(ctx.actor.userId, requestId)
    const earlier = await getDoc<Redemption>(ctx.db, MallCollections.redemptions, id)
    if (earlier) return answer(ctx, sameRequest(earlier, rewardId))
    for (let draw = 1; ; draw++) {
      try {
        const made = await withTransaction(ctx.db, (tx) => reserve(ctx, tx, id, rewardId, requestId))
        if (made.fresh) await announceReserved(ctx, made.redemption)
        return answer(ctx, made.redemption)
      } catch (error) {
        if (!isDuplicateKey(error)) throw error
        // Either the same request committed meanwhile (a double tap) or the code was taken.
        const raced = await getDoc<Redemption>(ctx.db, MallCollections.redemptions, id)
        if (raced) return answer(ctx, sameRequest(raced, rewardId))
        if (draw >= CODE_DRAWS) throw new AppError('CONFLICT')
      }
    }
  },
})

async function reserve(ctx: ActionContext, tx: unknown, id: string, rewardId: string, requestId: string) {
  const [existing, reward, user] = await Promise.all([
    docById<Redemption>(tx, MallCollections.redemptions, id),
    docById<Reward>(tx, MallCollections.rewards, rewardId),
    docById<{ pointsBalance?: number }>(tx, Collections.users, ctx.actor.userId),
  ])
  if (existing) return { redemption: sameRequest(existing, rewardId), fresh: false }
  if (!reward) throw new AppError('NOT_FOUND', '找不到该礼品')
  const period = limitPeriod(reward.perPersonLimit, ctx.now)
  const counterId = limitCounterId(ctx.actor.userId, rewardId, period)
  const counter = await docById<{ count: number }>(tx, MallCollections.counters, counterId)
  const taken = counter?.count ?? 0
  assertMayRedeem({ actor: ctx.actor, reward, balance: user?.pointsBalance ?? 0, taken, now: ctx.now })
  const expiresAt = expiryOf(reward, ctx.now)
  const remindAt = remindAtOf(expiresAt, ctx.now)
  const redemption: StoredRedemption = {
    _id: id,
    rewardId,
    rewardName: reward.name,
    communityId: reward.communityId,
    ...(reward.sponsorUnitId ? { sponsorUnitId: reward.sponsorUnitId } : {}),
    userId: ctx.actor.userId,
    userName: ctx.actor.name,
    cost: reward.cost,
    code: drawCode(),
    revokedCodes: [],
    status: 'reserved',
    requestId,
    period,
    counterId,
    ...(reward.pickupPlace ? { pickupPlace: reward.pickupPlace } : {}),
    ...(reward.pickupHours ? { pickupHours: reward.pickupHours } : {}),
    createdAt: ctx.now,
    expiresAt,
    ...(remindAt ? { remindAt } : {}),
    updatedAt: ctx.now,
  }
  await reserveInTransaction(tx, ctx.db, redemption, taken)
  return { redemption: redemption as Redemption, fresh: true }
}

/** A requestId is one redemption: reused for another reward it is a client's mistake, not a retry. */
function sameRequest(r: Redemption, rewardId: string): Redemption {
  if (r.rewardId !== rewardId) throw new AppError('INVALID_INPUT', '请求编号已用于另一次兑换', { requestId: '请求编号已用于另一次兑换' })
  return r
}

function answer(ctx: ActionContext, r: Redemption) {
  return { ...redemptionView(r), actions: redemptionActions(ctx.actor, r) }
}

function announceReserved(ctx: ActionContext, r: Redemption): Promise<void> {
  // Sent as the system, not as the caller: the holder's own confirmation, with the code's
  // whereabouts, is the point of this message.
  return publish({ db: ctx.db, now: ctx.now }, [
    {
      audience: [`user:${r.userId}`],
      type: 'mall.reserved',
      title: '兑换成功，请按时领取',
      body: `${r.rewardName}${r.pickupPlace ? `，领取地点：${r.pickupPlace}` : ''}`,
      page: 'packages/mall/mine/index',
    },
  ])
}
