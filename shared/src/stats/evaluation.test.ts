import { EVALUATION_RULE, evaluate } from './evaluation'

const year = (hours: number, items: number, stars: number[] = []) => evaluate({ hours, items, stars })

describe('the yearly evaluation of an in-service party member', () => {
  test('优秀: 24 hours, 6 items, 3 ratings averaging 4.5, none of 2 stars or less', () => {
    expect(year(24, 6, [5, 4, 5, 4])).toEqual({ level: 'outstanding', label: '优秀', short: [] })
    expect(EVALUATION_RULE.outstanding).toMatchObject({ hours: 24, items: 6, rated: 3, averageStars: 4.5 })
  })

  test('each condition of 优秀 missed alone gives 合格, saying which', () => {
    expect(year(23.5, 6, [5, 5, 5])).toMatchObject({ level: 'qualified', short: ['服务时长不足 24 小时'] })
    expect(year(24, 5, [5, 5, 5])).toMatchObject({ level: 'qualified', short: ['办结服务不足 6 项'] })
    expect(year(24, 6, [5, 5])).toMatchObject({ level: 'qualified', short: ['获得评价不足 3 次'] })
    expect(year(24, 6, [5, 4, 4])).toMatchObject({ level: 'qualified', short: ['平均评价低于 4.5 星'] })
    // A low rating among high ones: the average still passes, the lowest does not.
    expect(year(40, 10, [5, 5, 5, 5, 5, 5, 5, 5, 5, 2])).toMatchObject({ level: 'qualified', short: ['有 2 星及以下的评价'] })
  })

  test('合格: 8 hours and 2 items, and an average of 3.5 when rated; less is 待提升', () => {
    expect(year(8, 2).level).toBe('qualified')
    expect(year(8, 2, [3, 4]).level).toBe('qualified')
    expect(year(8, 2, [3, 3])).toEqual({ level: 'improve', label: '待提升', short: ['平均评价低于 3.5 星'] })
    expect(year(7.5, 2).short).toEqual(['服务时长不足 8 小时'])
    expect(year(100, 1).short).toEqual(['办结服务不足 2 项'])
    expect(year(0, 0).short).toEqual(['服务时长不足 8 小时', '办结服务不足 2 项'])
  })
})
