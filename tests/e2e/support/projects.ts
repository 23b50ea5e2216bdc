/**
 * 揭榜 fixtures the browser journeys share: a published project of 新园社区 with the usual
 * criteria, a unit's bid on it, and a member's scores by criterion; each made through the
 * functions as staff and units would, each with a request id of its own.
 */
import type { Honglin } from '../../helpers/honglin'

export const C1 = 'community-xinyuan'
export const DAY = 86_400_000
export const CRITERIA = [
  { name: '方案可行性', weight: 40, max: 10 },
  { name: '服务能力', weight: 30, max: 10 },
  { name: '预算合理性', weight: 20, max: 10 },
  { name: '履约记录', weight: 10, max: 10 },
]

/** Scores by criterion, in the order of CRITERIA. */
export const scores = (a: number, b: number, c: number, d: number) => ({ 方案可行性: a, 服务能力: b, 预算合理性: c, 履约记录: d })

let seq = 0

/** A project drafted by demo-staff and published, bidding open for three days. */
export async function newProject(t: Honglin, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const p = await t.ok(
    'project',
    'create',
    {
      communityId: C1,
      title,
      goal: '让楼里的老人上下楼更方便、更安全',
      detail: '排查楼道照明和扶手，安装感应灯，维修松动扶手，完工后请居民验收',
      budget: 30000,
      bidDeadline: t.emulator.clock.now() + 3 * DAY,
      criteria: CRITERIA,
      requestId: `e2e-project-${++seq}`,
      ...extra,
    },
    'demo-staff',
  )
  await t.ok('project', 'publish', { id: p._id }, 'demo-staff')
  return p._id as string
}

/** A bid by the unit whose contact is `openid`; answers its id. */
export async function bidAs(t: Honglin, openid: string, projectId: string, plan: string, budget = 9000): Promise<string> {
  const bid = await t.ok(
    'project',
    'bid',
    {
      projectId,
      plan,
      resources: '党员志愿者 6 名，工具车 1 辆',
      timeline: [
        { title: '入户摸排', due: t.emulator.clock.now() + 10 * DAY },
        { title: '完工验收', due: t.emulator.clock.now() + 30 * DAY },
      ],
      budget,
      requestId: `e2e-bid-${++seq}`,
    },
    openid,
  )
  return bid._id as string
}
