import {
  bestSuggestions,
  fitsCategory,
  fittingOffers,
  matchesQuery,
  rankSuggestions,
  SUGGEST_SHOWN,
  unitScore,
  volunteerScore,
} from './suggest'

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
  expect(unitScore(1, 0)).toBe(3)
  expect(unitScore(1, 4)).toBe(-1)
})

test('a unit without a fitting resource is ranked, not left out: it scores below one that fits', () => {
  expect(unitScore(0, 0)).toBe(0)
  expect(unitScore(0, 0)).toBeLessThan(unitScore(2, 0))
  const ranked = rankSuggestions([
    { id: 'bank', name: '银行', score: unitScore(0, 0), declined: false },
    { id: 'power', name: '供电所', score: unitScore(1, 0), declined: false },
  ])
  expect(ranked.map((u) => u.id)).toEqual(['power', 'bank'])
})

test("a resource fits by the category's related words: the power-supply unit for a broken street light", () => {
  const power = ['电路检修', '用电安全宣传']
  expect(fittingOffers(power, 'street_light', '路灯损坏')).toEqual(['电路检修', '用电安全宣传'])
  expect(fittingOffers(power, 'repair', '家电维修')).toEqual(['电路检修', '用电安全宣传'])
  expect(fittingOffers(['课业辅导', '场地开放'], 'street_light', '路灯损坏')).toEqual([])
  // By the label alone, as before.
  expect(fittingOffers(['助老'], 'elderly_care', '助老助残')).toEqual(['助老'])
  expect(fittingOffers(['助老'], 'unknown', '')).toEqual([])
})

test('the search box finds a candidate by name, skill or resource, every word', () => {
  const v = { name: '王小红', skills: ['助老', '家电维修'] }
  expect(matchesQuery(v, undefined)).toBe(true)
  expect(matchesQuery(v, '  ')).toBe(true)
  expect(matchesQuery(v, '小红')).toBe(true)
  expect(matchesQuery(v, '维修')).toBe(true)
  expect(matchesQuery(v, '小红 维修')).toBe(true)
  expect(matchesQuery(v, '小红 法律')).toBe(false)
  expect(matchesQuery({ name: '国网供电所', resources: ['电路检修'] }, '检修')).toBe(true)
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
