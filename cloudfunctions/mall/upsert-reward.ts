/**
 * `upsertReward`: community staff add or edit a reward (name, cost, stock, limit, pickup,
 * validity, sponsor); a co-building unit's contact may offer one in the unit's name, which
 * waits (`pending`) until staff approve it (`approveReward`). An edit is a transaction on the
 * reward, so a stock set by staff never overwrites units taken by a redemption meanwhile
 * (the redemption's write conflicts with it and the loser runs again). Every change is in the
 * audit log. A new active reward is announced to the community's staff and, in their inboxes,
 * to its volunteers (one audience key for all of them: one insert, however many they are).
 * Round trips: new 8, edit 9 (with the audit head and entry).
 */
import { randomBytes } from 'node:crypto'
import {
  AppError,
  communityVolunteersKey,
  contract,
  mayManageRewards,
  mayOfferFor,
  DEFAULT_PICKUP_DAYS,
  type Reward,
  type RewardStatus,
} from '@honglin/shared'
import type { z } from 'zod'
import { publish } from '../_runtime/announce'
import { appendAudits } from '../_runtime/audit'
import { Collections, docById, getDoc, type Db } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { allWrites, MallCollections } from '../_runtime/mall'
import { withTransaction } from '../_runtime/transaction'

type Input = z.infer<typeof contract.Schemas.mall.upsertReward>

export const upsertReward = action({
  schema: contract.Schemas.mall.upsertReward,
  async run(ctx, input) {
    const staff = mayManageRewards(ctx.actor, input.communityId)
    if (!staff && !(input.sponsorUnitId && mayOfferFor(ctx.actor, input.sponsorUnitId)))
      throw new AppError('FORBIDDEN', '只有社区工作人员或赞助单位联系人可以设置礼品')
    if (!staff && input.withdrawn !== undefined) throw new AppError('FORBIDDEN', '只有社区工作人员可以上架或下架礼品')
    const [community, unit] = await Promise.all([
      getDoc<{ _id: string; streetId?: string }>(ctx.db, Collections.communities, input.communityId),
      input.sponsorUnitId ? getDoc<{ name: string; communityIds?: string[] }>(ctx.db, Collections.units, input.sponsorUnitId) : undefined,
    ])
    if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
    if (input.sponsorUnitId && !unit?.communityIds?.includes(input.communityId))
      throw new AppError('INVALID_INPUT', '该单位不是本社区的共建单位', { sponsorUnitId: '该单位不是本社区的共建单位' })
    const reward = await withTransaction(ctx.db, (tx) =>
      writeIn(ctx, tx, input, staff, { streetId: community.streetId, sponsorName: unit?.name }),
    )
    if (!input.rewardId && reward.status !== 'withdrawn') {
      const pending = reward.status === 'pending'
      await publish(ctx, [
        {
          audience: [`staff:${reward.communityId}`, pending ? '' : communityVolunteersKey(reward.communityId)],
          type: pending ? 'mall.offered' : 'mall.reward',
          title: pending ? `${reward.sponsorName ?? '共建单位'}提供了新礼品，待审核` : '积分超市上新了',
          body: reward.name,
          page: 'packages/mall/rewards/index',
        },
      ])
    }
    return reward
  },
})

async function writeIn(
  ctx: ActionContext,
  tx: Db,
  input: Input,
  staff: boolean,
  found: { streetId?: string; sponsorName?: string },
): Promise<Reward> {
  const before = input.rewardId ? await docById<Reward>(tx, MallCollections.rewards, input.rewardId) : undefined
  if (input.rewardId && !before) throw new AppError('NOT_FOUND', '找不到该礼品')
  if (before && before.communityId !== input.communityId) throw new AppError('INVALID_INPUT', '礼品不能改到其他社区')
  // A unit's contact may rework their offer until it is approved, not afterwards.
  if (before && !staff && (before.status !== 'pending' || before.sponsorUnitId !== input.sponsorUnitId))
    throw new AppError('FORBIDDEN', '礼品审核通过后只能由社区工作人员修改')
  // Staff shelve or unshelve with `withdrawn`; otherwise an edit keeps the status, and what a
  // unit offers waits for approval.
  const status: RewardStatus =
    input.withdrawn === true ? 'withdrawn' : input.withdrawn === false ? 'active' : (before?.status ?? (staff ? 'active' : 'pending'))
  const fields = {
    communityId: input.communityId,
    ...(found.streetId ? { streetId: found.streetId } : {}),
    name: input.name,
    cost: input.cost,
    stock: input.stock,
    pickupDays: input.pickupDays ?? before?.pickupDays ?? DEFAULT_PICKUP_DAYS,
    status,
    updatedAt: ctx.now,
  }
  const optional = {
    perPersonLimit: input.perPersonLimit,
    description: input.description || undefined,
    photo: input.photo,
    pickupPlace: input.pickupPlace || undefined,
    pickupHours: input.pickupHours || undefined,
    validUntil: input.validUntil,
    sponsorUnitId: input.sponsorUnitId,
    sponsorName: input.sponsorUnitId ? found.sponsorName : undefined,
  }
  const _ = ctx.db.command
  const id = before?._id ?? `rw-${randomBytes(8).toString('hex')}`
  const audit = appendAudits(tx, ctx, [
    {
      action: 'mall.reward',
      communityId: input.communityId,
      target: { type: 'reward', id },
      detail: {
        change: before ? 'update' : 'create',
        status,
        cost: input.cost,
        stock: input.stock,
        ...(before ? { before: { cost: before.cost, stock: before.stock, status: before.status } } : {}),
        ...(input.sponsorUnitId ? { unitId: input.sponsorUnitId } : {}),
      },
    },
  ])
  if (before) {
    // Fields left out of an edit are removed, so the stored reward is what the form showed.
    const patch: Record<string, unknown> = { ...fields }
    for (const [key, value] of Object.entries(optional)) patch[key] = value === undefined ? _.remove() : value
    await allWrites([tx.collection(MallCollections.rewards).doc(id).update({ data: patch }), audit])
    return compact({ ...before, ...fields, ...optional, _id: id })
  }
  const reward = compact({ _id: id, ...fields, ...optional, createdAt: ctx.now, createdBy: ctx.actor.userId }) as Reward
  await allWrites([tx.collection(MallCollections.rewards).add({ data: reward }), audit])
  return reward
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
