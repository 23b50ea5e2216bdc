/** Points rules: the amount a closed demand earns (category default, staff's choice, policy bounds) and the ledger's sums. */
import { Categories } from '../demand/categories'
import { awardEntryId, balanceOf, DefaultPointsPolicy, pointsFor, type PointsPolicy } from './rules'

describe('pointsFor', () => {
  test.each(Categories.map((c) => [c.kind, c.id, c.defaultPoints] as const))('%s/%s defaults to %d points', (kind, category, points) => {
    expect(pointsFor(kind, category, undefined, DefaultPointsPolicy)).toBe(points)
  })

  test('every category default lies within the default policy', () => {
    for (const c of Categories) {
      expect(c.defaultPoints).toBeGreaterThanOrEqual(DefaultPointsPolicy.minPerDemand)
      expect(c.defaultPoints).toBeLessThanOrEqual(DefaultPointsPolicy.maxPerDemand)
    }
  })

  test('staff’s choice replaces the default, rounded to whole points', () => {
    expect(pointsFor('service', 'repair', 30, DefaultPointsPolicy)).toBe(30)
    expect(pointsFor('service', 'repair', 12.4, DefaultPointsPolicy)).toBe(12)
    expect(pointsFor('service', 'repair', 12.5, DefaultPointsPolicy)).toBe(13)
  })

  test('bounded by the policy at both ends', () => {
    expect(pointsFor('service', 'repair', 500, DefaultPointsPolicy)).toBe(50)
    expect(pointsFor('service', 'repair', 50, DefaultPointsPolicy)).toBe(50)
    expect(pointsFor('service', 'repair', 51, DefaultPointsPolicy)).toBe(50)
    expect(pointsFor('service', 'repair', 1, DefaultPointsPolicy)).toBe(1)
    expect(pointsFor('service', 'repair', 0, DefaultPointsPolicy)).toBe(1)
    expect(pointsFor('service', 'repair', -5, DefaultPointsPolicy)).toBe(1)
  })

  test('a community’s own policy bounds the category defaults too', () => {
    const strict: PointsPolicy = { minPerDemand: 5, maxPerDemand: 12 }
    expect(pointsFor('service', 'elderly_care', undefined, strict)).toBe(12)
    expect(pointsFor('report', 'street_light', undefined, strict)).toBe(5)
    expect(pointsFor('wish', 'visit', 3, strict)).toBe(5)
  })

  test('an unknown category, or one of another kind, earns the policy minimum', () => {
    expect(pointsFor('service', 'no_such_category', undefined, DefaultPointsPolicy)).toBe(1)
    expect(pointsFor('report', 'elderly_care', undefined, DefaultPointsPolicy)).toBe(1)
  })
})

describe('the ledger', () => {
  test('a balance is the sum of the entries, corrections and redemptions included', () => {
    expect(balanceOf([])).toBe(0)
    expect(balanceOf([{ delta: 20 }, { delta: 15 }, { delta: -5 }, { delta: -30 }])).toBe(0)
    expect(balanceOf([{ delta: 10 }, { delta: 20 }, { delta: 15 }])).toBe(45)
  })

  test('the award id is one per demand, so a demand can be paid only once', () => {
    expect(awardEntryId('d1')).toBe(awardEntryId('d1'))
    expect(awardEntryId('d1')).not.toBe(awardEntryId('d2'))
    expect(awardEntryId('d1')).toBe('award-d1')
  })
})
