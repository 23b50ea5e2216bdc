/** Daily limits: defaults, a community's own numbers, the verdict, and the day in China. */
import { DefaultDailyLimits, dailyLimitsOf, dayKey, decideQuota, DEMANDS_LIMITED, PHOTOS_LIMITED } from './limits'

test('defaults: 10 demands and 30 photos a day for one’s own orders, more for 代办', () => {
  expect(dailyLimitsOf(undefined, 'own')).toEqual({ demands: 10, photos: 30 })
  expect(dailyLimitsOf({}, 'onBehalf')).toEqual(DefaultDailyLimits.onBehalf)
})

test('a community’s own numbers win; malformed ones fall back to the default', () => {
  const community = { limits: { demandsPerDay: 3, photosPerDay: -1, onBehalfDemandsPerDay: 2.5, onBehalfPhotosPerDay: 0 } }
  expect(dailyLimitsOf(community, 'own')).toEqual({ demands: 3, photos: 30 })
  expect(dailyLimitsOf(community, 'onBehalf')).toEqual({ demands: 50, photos: 0 })
})

test('the verdict counts up to the limit and refuses past it, demands before photos', () => {
  const limits = { demands: 2, photos: 3 }
  expect(decideQuota(undefined, { demands: 1, photos: 3 }, limits)).toEqual({ allowed: true, next: { demands: 1, photos: 3 } })
  expect(decideQuota({ demands: 1, photos: 0 }, { demands: 1, photos: 0 }, limits)).toEqual({
    allowed: true,
    next: { demands: 2, photos: 0 },
  })
  expect(decideQuota({ demands: 2, photos: 0 }, { demands: 1, photos: 0 }, limits)).toEqual({ allowed: false, message: DEMANDS_LIMITED })
  expect(decideQuota({ demands: 0, photos: 2 }, { demands: 1, photos: 2 }, limits)).toEqual({ allowed: false, message: PHOTOS_LIMITED })
})

test('the day changes at midnight in China, not at midnight UTC', () => {
  expect(dayKey(Date.UTC(2025, 0, 31, 15, 59, 59))).toBe('20250131')
  expect(dayKey(Date.UTC(2025, 0, 31, 16, 0, 0))).toBe('20250201')
  expect(dayKey(Date.UTC(2024, 11, 31, 20))).toBe('20250101')
})
