import { isInServiceMember, letterText, memberYear, yearBounds } from './annual'

const who = { userId: 'u1', name: '王优秀', workUnit: '区税务局', communityId: 'c1' }
const at = (iso: string) => Date.parse(iso)

describe('the 双报到 yearly report', () => {
  test('an in-service party member: a party member with a work unit, verified (or revoked after serving)', () => {
    const base = { skills: [], communityId: 'c1', appliedAt: 0 }
    expect(isInServiceMember({ ...base, status: 'verified', isPartyMember: true, workUnit: '区税务局' })).toBe(true)
    expect(isInServiceMember({ ...base, status: 'revoked', isPartyMember: true, workUnit: '区税务局' })).toBe(true)
    expect(isInServiceMember({ ...base, status: 'pending', isPartyMember: true, workUnit: '区税务局' })).toBe(false)
    expect(isInServiceMember({ ...base, status: 'verified', isPartyMember: false, workUnit: '区税务局' })).toBe(false)
    expect(isInServiceMember({ ...base, status: 'verified', isPartyMember: true, workUnit: '  ' })).toBe(false)
    expect(isInServiceMember(null)).toBe(false)
  })

  test('the year is the China calendar year: items closed on its first and last instants count, others not', () => {
    const { start, end } = yearBounds(2026)
    expect(start).toBe(at('2026-01-01T00:00:00+08:00'))
    expect(end).toBe(at('2027-01-01T00:00:00+08:00'))
    const year = memberYear(who, 2026, [
      { closedAt: start, hours: 2, points: 10, stars: 5 },
      { closedAt: end - 1, hours: 1.5, points: 5, stars: 3, comment: ' 电话 13912345678 ', contactName: '张阿姨' },
      { closedAt: start - 1, hours: 9, points: 50, stars: 1 },
      { closedAt: end, hours: 9, points: 50, stars: 1 },
    ])
    expect(year).toMatchObject({ items: 2, hours: 3.5, points: 15, rated: 2, averageStars: 4, goodShare: 0.5 })
    expect(year.comments).toEqual(['电话 ***********'])
  })

  test('the letter names the unit, the figures, the evaluation and the community', () => {
    const year = memberYear(who, 2026, [{ closedAt: at('2026-05-01T10:00:00+08:00'), hours: 3, points: 20 }])
    const letter = letterText(year, '新园社区', '2026-12-20')
    expect(letter.title).toBe('关于王优秀同志2026年度在职党员“双报到”情况的函')
    expect(letter.salutation).toBe('区税务局党组织：')
    expect(letter.body).toContain('一、服务情况：全年办结志愿服务 1 项，累计服务时长 3 小时，获得志愿服务积分 20 分。')
    expect(letter.body.at(-1)).toBe(
      '三、社区评价：经新园社区党组织评定，王优秀同志2026年度双报到表现为“待提升”。（服务时长不足 8 小时；办结服务不足 2 项）',
    )
    expect(letter.signer).toBe('新园社区党组织（盖章）')
    expect(letter.date).toBe('2026年12月20日')
  })
})
