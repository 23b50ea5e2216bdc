import { projectRulesOf, quorumOf, quorumRequired, recusalsOf } from './quorum'

const rule = { percent: 67, minimum: 3 }
const members = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `m${i}`, name: `委员${i}`, unitId: `u${i}` }))

describe('quorum', () => {
  test('two thirds exactly, rounded up, never fewer than 3', () => {
    expect([3, 4, 5, 6, 7, 9, 10, 20].map((n) => quorumRequired(n, rule))).toEqual([3, 3, 4, 4, 5, 6, 7, 14])
    // The floor: with 2 eligible members the review can never reach quorum.
    expect(quorumRequired(2, rule)).toBe(3)
    expect(quorumRequired(0, rule)).toBe(3)
  })

  test('a community may ask for more (a larger share or floor), never less', () => {
    expect(quorumRequired(6, { percent: 100, minimum: 3 })).toBe(6)
    expect(quorumRequired(6, { percent: 75, minimum: 3 })).toBe(5)
    expect(quorumRequired(6, { percent: 67, minimum: 5 })).toBe(5)
    expect(projectRulesOf({ quorumPercent: 10, quorumMinimum: 1 }).quorum).toEqual({ percent: 67, minimum: 3 })
    expect(projectRulesOf({}).publicityDays).toBe(5)
  })

  test('at the boundary: 4 of 6 is quorum, 3 of 6 is not', () => {
    const six = members(6)
    const tally = (k: number) => Object.fromEntries(six.slice(0, k).map((m) => [m.userId, 2]))
    expect(quorumOf(six, [], 2, tally(4), rule)).toMatchObject({ eligible: 6, scored: 4, required: 4, reached: true })
    expect(quorumOf(six, [], 2, tally(3), rule)).toMatchObject({ scored: 3, reached: false })
  })

  test('a member counts only once they have scored every live bid', () => {
    const three = members(3)
    expect(quorumOf(three, [], 2, { m0: 2, m1: 2, m2: 1 }, rule)).toMatchObject({ scored: 2, reached: false })
    expect(quorumOf(three, [], 2, { m0: 2, m1: 2, m2: 2 }, rule)).toMatchObject({ scored: 3, reached: true })
  })

  test('recused members count neither as eligible nor as having scored', () => {
    const seven = members(7)
    const recusals = recusalsOf(seven, ['u0', 'u1'], [], 1)
    expect(recusals.map((r) => [r.userId, r.kind])).toEqual([
      ['m0', 'own_unit'],
      ['m1', 'own_unit'],
    ])
    // 5 eligible: quorum 4. m0 and m1's tallies (should they exist) do not count.
    const tally = { m0: 1, m1: 1, m2: 1, m3: 1, m4: 1 }
    expect(quorumOf(seven, recusals, 1, tally, rule)).toMatchObject({ eligible: 5, scored: 3, required: 4, reached: false })
    expect(quorumOf(seven, recusals, 1, { ...tally, m5: 1 }, rule)).toMatchObject({ scored: 4, reached: true })
  })

  test('a declared conflict is kept; an own-unit recusal takes precedence for the same member', () => {
    const declared = [{ userId: 'm2', name: '委员2', kind: 'declared' as const, reason: '亲属在投标单位', at: 0 }]
    const both = recusalsOf(members(4), ['u2', 'u3'], [...declared, { ...declared[0]!, userId: 'm3' }], 5)
    expect(both.map((r) => [r.userId, r.kind])).toEqual([
      ['m2', 'own_unit'],
      ['m3', 'own_unit'],
    ])
    expect(recusalsOf(members(4), [], declared, 5)).toEqual(declared)
  })
})
