import { criteriaErrors, scoreErrors, weightedTotal } from './criteria'

const C = [
  { name: '可行性', weight: 50, max: 10 },
  { name: '投入', weight: 30, max: 5 },
  { name: '经验', weight: 20, max: 20 },
]

describe('criteria', () => {
  test('weights must sum to 100, names be unique, maxima and weights whole and in range', () => {
    expect(criteriaErrors(C)).toEqual({})
    expect(criteriaErrors([{ name: 'a', weight: 60, max: 10 }])._).toBe('各项权重之和应为 100（现为 60）')
    expect(criteriaErrors([])._).toBe('至少设置一项评分标准')
    expect(
      criteriaErrors([
        { name: 'a', weight: 50, max: 10 },
        { name: 'a', weight: 50, max: 10 },
      ])['1.name'],
    ).toBe('评分标准名称不能重复')
    expect(criteriaErrors([{ name: 'a', weight: 100, max: 0 }])['0.max']).toBeDefined()
    expect(criteriaErrors([{ name: 'a', weight: 100.5, max: 10 }])['0.weight']).toBeDefined()
  })

  test('a score needs every criterion, within 0..max, no unknown names, one decimal at most', () => {
    expect(scoreErrors(C, { 可行性: 10, 投入: 0, 经验: 20 })).toEqual({})
    expect(scoreErrors(C, { 可行性: 10, 投入: 5 })).toEqual({ 经验: '请为"经验"打分' })
    expect(scoreErrors(C, { 可行性: 11, 投入: 5, 经验: 1 })).toEqual({ 可行性: '"可行性"的分数应在 0–10 之间' })
    expect(scoreErrors(C, { 可行性: 1, 投入: 5, 经验: 1, 其他: 3 })).toEqual({ 其他: '没有这项评分标准' })
    expect(scoreErrors(C, { 可行性: 1.25, 投入: 5, 经验: 1 })).toEqual({ 可行性: '分数最多保留一位小数' })
  })

  test('the weighted total scales each criterion to its maximum: full marks are 100', () => {
    expect(weightedTotal(C, { 可行性: 10, 投入: 5, 经验: 20 })).toBe(100)
    expect(weightedTotal(C, { 可行性: 0, 投入: 0, 经验: 0 })).toBe(0)
    // 50·0.8 + 30·0.6 + 20·0.25 = 40 + 18 + 5
    expect(weightedTotal(C, { 可行性: 8, 投入: 3, 经验: 5 })).toBe(63)
  })
})
