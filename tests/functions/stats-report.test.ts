/**
 * `stats.annualReport`: the 双报到 yearly figures of each in-service party member of a community
 * from the demands they closed that year, the community's evaluation (shared rule), and the
 * letters to their work units with a 喜报 for the outstanding, read back from the .docx
 * (`word/document.xml`). Who may ask: the member for themself, the community's staff, its
 * street's staff, admins.
 */
import JSZip from 'jszip'
import type { Demand } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { insertUsers } from './support/demands'
import { chinaTime, insertDemands, insertPlace, insertStaff, placedDemand, RL, RL_STAFF, RL_STREET } from './support/reports'

const t = useHonglin()
const budget = useRoundTripBudget(t)

const member = (id: string, name: string, registration: Record<string, unknown>) => ({
  _id: id,
  openid: id,
  name,
  grants: registration.status === 'verified' ? [{ role: 'volunteer', communityId: RL, streetId: RL_STREET }] : [],
  volunteer: { status: 'verified', skills: ['助老'], isPartyMember: true, communityId: RL, appliedAt: 0, ...registration },
})

const GOOD = member('rl-m-good', '王优秀', { workUnit: '区税务局' })
const OK = member('rl-m-ok', '李合格', { workUnit: '区卫健委' })
const LOW = member('rl-m-low', '赵待提', { workUnit: '区司法局', status: 'revoked' })
const PLAIN = member('rl-v-plain', '钱群众', { isPartyMember: false, workUnit: '某公司' })
const NO_UNIT = member('rl-p-nounit', '孙退休', {})
const PENDING = member('rl-m-pending', '周报到', { workUnit: '区教育局', status: 'pending' })

let n = 0
function closedBy(who: { _id: string; name: string }, day: string, hours: number, rating?: { stars: number; comment?: string }): Demand {
  const created = chinaTime(day, -24 * 60)
  const closedAt = chinaTime(day)
  return placedDemand({
    id: `rl-y-${n++}`,
    createdAt: created,
    status: 'closed',
    extra: {
      updatedAt: closedAt + 60_000,
      contactName: '张阿姨',
      assignee: { type: 'volunteer', id: who._id, name: who.name, assignedAt: created, assignedBy: RL_STAFF._id, points: 20 },
      completion: { note: '已完成', photos: [], hours, at: closedAt - 3_600_000 },
      ...(rating ? { rating: { ...rating, at: closedAt - 1_800_000 } } : {}),
      timeline: [
        { at: created, action: 'create', to: 'submitted', actorId: 'user-resident', actorName: '张阿姨' },
        { at: closedAt, action: 'close', from: 'reviewed', to: 'closed', actorId: RL_STAFF._id, actorName: '测试书记' },
      ],
    },
  })
}

beforeAll(() => {
  insertPlace(t)
  insertStaff(t)
  insertUsers(t, [GOOD, OK, LOW, PLAIN, NO_UNIT, PENDING])
  const ratings = [5, 5, 4, 5]
  insertDemands(t, [
    ...Array.from({ length: 7 }, (_, i) =>
      closedBy(
        GOOD,
        `2026-0${i + 2}-10`,
        4,
        ratings[i] ? { stars: ratings[i]!, ...(i === 0 ? { comment: '王同志很耐心，张阿姨的电话13912345678' } : {}) } : undefined,
      ),
    ),
    closedBy(OK, '2026-03-01', 3, { stars: 4, comment: '准时上门' }),
    closedBy(OK, '2026-05-01', 3, { stars: 3 }),
    closedBy(OK, '2026-07-01', 3),
    closedBy(LOW, '2026-04-01', 2),
    // Another year, and someone who is not an in-service member: not counted, not reported.
    closedBy(LOW, '2025-12-31', 10, { stars: 1 }),
    closedBy(PLAIN, '2026-04-01', 5),
  ])
})

async function documentText(url: string): Promise<{ text: string; sections: number }> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
  const xml = await zip.file('word/document.xml')!.async('string')
  return { text: xml.replace(/<[^>]+>/g, ''), sections: (xml.match(/<w:sectPr/g) ?? []).length }
}

test('the community’s report: each in-service member’s year, evaluated, one letter each and a 喜报 for the outstanding', async () => {
  const res = await t.call('stats', 'annualReport', { year: 2026 }, RL_STAFF.openid)
  expect(res.error).toBeUndefined()
  const report = res.data
  expect(report).toMatchObject({ year: 2026, community: { id: RL, name: '红邻测试社区' }, outstanding: 1 })
  const byId = Object.fromEntries(report.members.map((m: any) => [m.userId, m]))
  expect(Object.keys(byId).sort()).toEqual([GOOD._id, LOW._id, OK._id].sort())
  expect(byId[GOOD._id]).toMatchObject({
    workUnit: '区税务局',
    items: 7,
    hours: 28,
    points: 140,
    rated: 4,
    averageStars: 4.8,
    goodShare: 1,
  })
  expect(byId[GOOD._id].evaluation).toEqual({ level: 'outstanding', label: '优秀', short: [] })
  expect(byId[OK._id]).toMatchObject({ items: 3, hours: 9, rated: 2, averageStars: 3.5, goodShare: 0.5, comments: ['准时上门'] })
  expect(byId[OK._id].evaluation.level).toBe('qualified')
  // The 2025 item is another year's.
  expect(byId[LOW._id]).toMatchObject({ items: 1, hours: 2, rated: 0, averageStars: null })
  expect(byId[LOW._id].evaluation).toMatchObject({ level: 'improve', label: '待提升' })
  expect(byId[GOOD._id].comments).toEqual(['王同志很耐心，张**的电话***********'])
  // The caller, the community, the members, one item query each, the upload record, the link.
  budget('stats.annualReport (bulk, 3 members)', res.stats, 5 + 3 + 2)

  const { text, sections } = await documentText(report.tempFileURL)
  expect(report.fileName).toBe('红邻测试社区2026年度在职党员双报到情况.docx')
  // Three letters and one 喜报, each on a page of its own.
  expect(sections).toBe(4)
  expect(text.split('喜  报')).toHaveLength(2)
  expect(text).toContain('关于王优秀同志2026年度在职党员“双报到”情况的函')
  expect(text).toContain('区税务局党组织：')
  expect(text).toContain('一、服务情况：全年办结志愿服务 7 项，累计服务时长 28 小时，获得志愿服务积分 140 分。')
  expect(text).toContain('二、群众评价：共获得群众评价 4 次，平均 4.8 星，满意（4 星及以上）占 100%。')
  expect(text).toContain('四、社区评价：经红邻测试社区党组织评定，王优秀同志2026年度双报到表现为“优秀”。')
  expect(text).toContain('区卫健委党组织：')
  expect(text).toContain('李合格同志2026年度双报到表现为“合格”')
  expect(text).toContain('区司法局党组织：')
  expect(text).toContain('二、群众评价：本年度暂无群众评价。')
  expect(text).toContain('赵待提同志2026年度双报到表现为“待提升”。（服务时长不足 8 小时；办结服务不足 2 项）')
  expect(text).toContain('贵单位在职党员王优秀同志积极参加“双报到”社区志愿服务')
  expect(text).toContain('红邻测试社区党组织（盖章）')
  expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/)
  expect(text).not.toMatch(/13912345678|钱群众|孙退休|周报到/)
})

test('one member’s letter: the member themself, their community’s and street’s staff, admins; nobody else', async () => {
  const mine = await t.call('stats', 'annualReport', { year: 2026, userId: GOOD._id }, GOOD.openid)
  expect(mine.ok).toBe(true)
  expect(mine.data.members).toHaveLength(1)
  expect(mine.data.fileName).toBe('王优秀2026年度在职党员双报到情况.docx')
  // The caller (who is the member), the community ‖ the items, the upload record, the link.
  budget('stats.annualReport (one member)', mine.stats, 6)
  const { text, sections } = await documentText(mine.data.tempFileURL)
  expect(sections).toBe(2)
  expect(text).toContain('区税务局党组织：')
  expect(text).not.toContain('李合格')

  const cases: [string, Record<string, unknown>, string][] = [
    [RL_STAFF.openid, { userId: OK._id }, 'ok'],
    ['demo-street', { userId: OK._id }, 'ok'],
    ['demo-admin', { userId: OK._id }, 'ok'],
    [GOOD.openid, { userId: OK._id }, 'FORBIDDEN'],
    ['demo-staff', { userId: OK._id }, 'FORBIDDEN'],
    ['demo-street-2', { userId: OK._id }, 'FORBIDDEN'],
    ['demo-resident', { userId: OK._id }, 'FORBIDDEN'],
    // Not in-service party members: nothing to send to a work unit.
    [PLAIN.openid, { userId: PLAIN._id }, 'FORBIDDEN'],
    [RL_STAFF.openid, { userId: NO_UNIT._id }, 'NOT_FOUND'],
    [RL_STAFF.openid, { userId: PENDING._id }, 'NOT_FOUND'],
    // Bulk: community staff for theirs; street staff and admins name it.
    ['demo-street', {}, 'INVALID_INPUT'],
    ['demo-street', { communityId: RL }, 'ok'],
    ['demo-staff', { communityId: RL }, 'FORBIDDEN'],
    ['demo-street-2', { communityId: RL }, 'FORBIDDEN'],
    [GOOD.openid, {}, 'FORBIDDEN'],
  ]
  const got = await Promise.all(cases.map(([who, params]) => t.call('stats', 'annualReport', { year: 2026, ...params }, who)))
  expect(got.map((r, i) => `${cases[i]![0]} ${JSON.stringify(cases[i]![1])}: ${r.ok ? 'ok' : r.error!.code}`)).toEqual(
    cases.map(([who, params, want]) => `${who} ${JSON.stringify(params)}: ${want}`),
  )
  expect(got.filter((r) => !r.ok).map((r) => r.stats.docsWritten)).toEqual(got.filter((r) => !r.ok).map(() => 0))
})

test('a year without service: the letter says so, evaluated 待提升', async () => {
  const res = await t.ok('stats', 'annualReport', { year: 2024, userId: OK._id }, RL_STAFF.openid)
  expect(res.members[0]).toMatchObject({ items: 0, hours: 0, points: 0, rated: 0, evaluation: { level: 'improve' } })
  const { text } = await documentText(res.tempFileURL)
  expect(text).toContain('全年办结志愿服务 0 项，累计服务时长 0 小时')
})
