/** Inputs of the `mall` function (积分超市) and of `points.correct`. */
import { z } from 'zod'
import { CODE_PATTERN, MAX_PICKUP_DAYS } from '../mall/rules'
import { RedemptionStatuses } from '../mall/types'
import { fileId, id, longText, optionalLongText, optionalText, page, requestId, text, timestamp } from './common'

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能超过 ${max}`)

export const pickupCode = z
  .string({ required_error: '请输入兑换码', invalid_type_error: '兑换码格式不正确' })
  .trim()
  .regex(CODE_PATTERN, '兑换码是 8 位数字')

export const MallRewards = z.object({ communityId: id.optional(), page })

export const MallUpsertReward = z.object({
  rewardId: id.optional(),
  communityId: id,
  name: text('礼品名称', 40),
  cost: wholeNumber('所需积分', 1, 100000),
  stock: wholeNumber('库存', 0, 100000),
  perPersonLimit: z
    .object({ count: wholeNumber('每人限兑数量', 1, 100), per: z.enum(['month', 'total']) })
    .strict()
    .optional(),
  description: optionalLongText('礼品介绍', 500),
  photo: fileId.optional(),
  pickupPlace: optionalText('领取地点', 60),
  pickupHours: optionalText('领取时间', 60),
  pickupDays: wholeNumber('领取期限天数', 1, MAX_PICKUP_DAYS).optional(),
  validUntil: timestamp.optional(),
  sponsorUnitId: id.optional(),
  /** Staff take a reward off the shelf (true) or put it back (false). */
  withdrawn: z.boolean().optional(),
})

export const MallApproveReward = z.object({ rewardId: id })
export const MallRedeem = z.object({ rewardId: id, requestId })
export const MallMine = z.object({ status: z.enum(RedemptionStatuses).optional(), page })
export const MallCancel = z.object({ id })
export const MallLookup = z.object({ code: pickupCode })
export const MallVerify = z.object({ code: pickupCode })
export const MallReissue = z.object({ id })
export const MallPickupQr = z.object({ id })
export const MallRedemptions = z.object({ rewardId: id, status: z.enum(RedemptionStatuses).optional(), page })

/** A staff correction of someone's points: a new entry with its reason, never an edit. */
export const PointsCorrect = z.object({
  ownerType: z.enum(['user', 'unit']),
  ownerId: id,
  delta: wholeNumber('调整积分', -100000, 100000).refine((n) => n !== 0, '调整积分不能为 0'),
  reason: longText('调整原因', 200, 2),
  requestId,
})
