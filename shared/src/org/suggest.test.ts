import { bestSuggestions, fitsCategory, rankSuggestions, SUGGEST_SHOWN, unitScore, volunteerScore } from './suggest'

const candidate = (id: string, score: number, declined = false, name = id) => ({ id, name, score, declined })

test('a skill fits a category when they share a two-character word', () => {
  expect(fitsCategory('助老', '助老助残')).toBe(true)
  expect(fitsCategory('课业辅导', '助老助残')).toBe(false)
  expect(fitsCategory('', '助老助残')).toBe(false)
})

test('same grid and a fitting skill count for, each task in hand against', () => {
  expect(volunteerScore(true, 1, 0)).toBe(5)
  expect(volunteerScore(false, 0, 2)).toBe(-2)
  expect(volunteerScore(true, 2, 1)).toBe(4)
  expect(unitScore(0)).toBe(3)
  expect(unitScore(4)).toBe(-1)
})

test('declined last, then by score, then by name and id', () => {
  const list = [
    candidate('a', 1, true),
    candidate('b', 1),
    candidate('c', 5),
    candidate('e', 0, false, '同名'),
    candidate('d', 0, false, '同名'),
  ]
  expect(rankSuggestions(list).map((c) => c.id)).toEqual(['c', 'b', 'd', 'e', 'a'])
})

test('the best few are answered with how many there were', () => {
  const many = Array.from({ length: SUGGEST_SHOWN + 30 }, (_, i) => candidate(`v${String(i).padStart(3, '0')}`, i % 7))
  const { items, total } = bestSuggestions(many)
  expect(total).toBe(SUGGEST_SHOWN + 30)
  expect(items).toHaveLength(SUGGEST_SHOWN)
  expect(items[0]!.score).toBe(6)
  expect(Math.min(...items.map((c) => c.score))).toBeGreaterThanOrEqual(
    Math.max(...many.filter((c) => !items.includes(c)).map((c) => c.score)),
  )
})
