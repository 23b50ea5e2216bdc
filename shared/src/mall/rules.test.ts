import type { Actor } from '../roles'
import {
  alreadyHandedOver,
  expiryOf,
  limitPeriod,
  mayHandOver,
  mayManageRewards,
  mayReissue,
  redeemRefusal,
  redemptionActions,
  redemptionNext,
  redemptionView,
  remindAtOf,
} from './rules'
import type { Redemption, Reward } from './types'

const C1 = 'c1'
const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 27, 12)

const volunteer: Actor = {
  userId: 'v',
  openid: 'o-v',
  name: '王小红',
  grants: [{ role: 'volunteer', communityId: C1 }],
  volunteer: { status: 'verified', communityId: C1 },
}
const staff: Actor = { userId: 's', openid: 'o-s', name: '刘书记', grants: [{ role: 'community_staff', communityId: C1 }] }
const unit: Actor = { userId: 'u', openid: 'o-u', name: '孙工', grants: [{ role: 'unit_contact', unitId: 'unit-power' }] }
const other: Actor = { userId: 'x', openid: 'o-x', name: '路人', grants: [{ role: 'resident', communityId: C1 }] }

const reward: Reward = {
  _id: 'r',
  communityId: C1,
  name: '环保袋',
  cost: 10,
  stock: 3,
  pickupDays: 7,
  status: 'active',
  createdAt: 0,
  createdBy: 's',
  updatedAt: 0,
}

const redemption: Redemption = {
  _id: 'rd',
  rewardId: 'r',
  rewardName: '环保袋',
  communityId: C1,
  sponsorUnitId: 'unit-power',
  userId: 'v',
  userName: '王小红',
  cost: 10,
  code: '12345678',
  revokedCodes: ['87654321'],
  status: 'reserved',
  requestId: 'req-123456',
  period: 'all',
  counterId: 'v.r.all',
  createdAt: NOW,
  expiresAt: NOW + 7 * DAY,
  remindAt: NOW + 6 * DAY,
  updatedAt: NOW,
}

describe('redeeming', () => {
  const facts = { actor: volunteer, reward, balance: 10, taken: 0, now: NOW }
  test('a verified volunteer with enough points may redeem what is offered and in stock', () => {
    expect(redeemRefusal(facts)).toBeUndefined()
  })
  test('each refusal, in the order a person would want to hear it', () => {
    expect(redeemRefusal({ ...facts, actor: other })).toBe('not_volunteer_here')
    expect(redeemRefusal({ ...facts, actor: { ...volunteer, volunteer: { status: 'revoked', communityId: C1 } } })).toBe(
      'not_volunteer_here',
    )
    expect(redeemRefusal({ ...facts, reward: { ...reward, communityId: 'c2' } })).toBe('not_volunteer_here')
    expect(redeemRefusal({ ...facts, reward: { ...reward, status: 'pending' } })).toBe('not_offered')
    expect(redeemRefusal({ ...facts, reward: { ...reward, validUntil: NOW } })).toBe('past_validity')
    expect(redeemRefusal({ ...facts, reward: { ...reward, stock: 0 } })).toBe('sold_out')
    expect(redeemRefusal({ ...facts, balance: 9 })).toBe('not_enough_points')
    const limited = { ...reward, perPersonLimit: { count: 2, per: 'month' as const } }
    expect(redeemRefusal({ ...facts, reward: limited, taken: 1 })).toBeUndefined()
    expect(redeemRefusal({ ...facts, reward: limited, taken: 2 })).toBe('limit_reached')
  })
})

describe('limit periods and windows', () => {
  test('a monthly limit counts in the Beijing month; a total one in one period', () => {
    expect(limitPeriod({ count: 1, per: 'month' }, Date.UTC(2026, 10, 30, 15, 59))).toBe('2026-11')
    // 16:00 UTC on the last day of November is already December in Beijing.
    expect(limitPeriod({ count: 1, per: 'month' }, Date.UTC(2026, 10, 30, 16, 0))).toBe('2026-12')
    expect(limitPeriod({ count: 1, per: 'total' }, NOW)).toBe('all')
    expect(limitPeriod(undefined, NOW)).toBe('all')
  })
  test('a reservation waits its pickup days, never past the reward’s validity; the reminder a day before', () => {
    expect(expiryOf({ pickupDays: 7 }, NOW)).toBe(NOW + 7 * DAY)
    expect(expiryOf({ pickupDays: 7, validUntil: NOW + 2 * DAY }, NOW)).toBe(NOW + 2 * DAY)
    expect(expiryOf({ pickupDays: 500 }, NOW)).toBe(NOW + 60 * DAY)
    expect(remindAtOf(NOW + 7 * DAY, NOW)).toBe(NOW + 6 * DAY)
    expect(remindAtOf(NOW + DAY / 2, NOW)).toBeUndefined()
  })
})

describe('who may do what', () => {
  test('staff manage and hand over; the sponsor hands over its own; the holder cancels and re-issues', () => {
    expect(mayManageRewards(staff, C1)).toBe(true)
    expect(mayManageRewards(unit, C1)).toBe(false)
    expect([staff, unit, volunteer, other].map((a) => mayHandOver(a, redemption))).toEqual([true, true, false, false])
    expect(mayHandOver(unit, { ...redemption, sponsorUnitId: undefined })).toBe(false)
    expect([staff, unit, volunteer, other].map((a) => mayReissue(a, redemption))).toEqual([true, true, true, false])
    expect(redemptionActions(volunteer, redemption)).toEqual(['cancel', 'reissue'])
    expect(redemptionActions(staff, redemption)).toEqual(['reissue'])
    expect(redemptionActions(volunteer, { ...redemption, status: 'fulfilled' })).toEqual([])
  })
  test('every act applies to a reservation only', () => {
    expect(redemptionNext('reserved', 'fulfil')).toBe('fulfilled')
    expect(redemptionNext('reserved', 'cancel')).toBe('cancelled')
    expect(redemptionNext('reserved', 'expire')).toBe('expired')
    for (const status of ['fulfilled', 'cancelled', 'expired'] as const)
      for (const act of ['fulfil', 'cancel', 'expire', 'reissue'] as const) expect(redemptionNext(status, act)).toBeUndefined()
  })
  test('views keep the revoked codes, the retry key and the counter inside; a second scan says when and by whom', () => {
    expect(Object.keys(redemptionView(redemption))).not.toEqual(expect.arrayContaining(['revokedCodes']))
    expect(redemptionView(redemption)).not.toHaveProperty('requestId')
    expect(redemptionView(redemption)).not.toHaveProperty('counterId')
    expect(alreadyHandedOver({ fulfilledAt: Date.UTC(2026, 10, 27, 11, 43), fulfilledByName: '刘书记' })).toBe(
      '该兑换码已于 11月27日 19:43 由 刘书记 核销，请勿重复发放',
    )
  })
})
