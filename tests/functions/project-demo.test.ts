/**
 * The 揭榜 demo data (seeds/demo-projects.cjs) as the functions see it: a 大党委 of seven in
 * 新园社区, a project in every state, reviews that keep the rules (no recused member scored,
 * closed reviews reached quorum, awards went to the first of the ranking), every unit's
 * 资源清单, scorecards that count what the units took and finished, and a review the demo
 * personas can still finish.
 */
import { ProjectStatuses, quorumRequired, type Project } from '@honglin/shared'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1 } from './support/demands'
import { readAll } from './support/mall'

jest.setTimeout(120_000)

const t = useHonglin()
const budget = useRoundTripBudget(t)

test('a 大党委 of seven, several from units that bid, and a project in every state', async () => {
  const committee = await t.ok('org', 'committee', { communityId: C1 }, 'demo-committee-2')
  expect(committee.items).toHaveLength(7)
  expect(committee.items.filter((m: any) => m.unit).length).toBeGreaterThanOrEqual(5)
  const list = await t.ok('project', 'list', { communityId: C1, page: { limit: 50 } }, 'demo-staff')
  expect(new Set(list.items.map((p: any) => p.status))).toEqual(new Set(ProjectStatuses))
  // Residents see every published project, never the draft.
  const shown = await t.ok('project', 'list', { communityId: C1, page: { limit: 50 } }, 'demo-resident')
  expect(shown.items.map((p: any) => p.status)).not.toContain('draft')
  expect(shown.items).toHaveLength(list.items.length - 1)
})

test('every stored review keeps the rules', async () => {
  const projects = (await readAll(t, 'projects', { communityId: C1 })) as Project[]
  const scores = await readAll(t, 'project_scores', {})
  const bids = await readAll(t, 'project_bids', {})
  for (const p of projects) {
    const own = scores.filter((s) => s.projectId === p._id)
    const live = bids.filter((b) => b.projectId === p._id && b.status === 'live')
    expect(p.bidCount).toBe(live.length)
    // Members whose unit bids are recused, and no recused member scored.
    const bidding = new Set(live.map((b) => b.unitId))
    for (const r of p.reviewers)
      if (r.unitId && bidding.has(r.unitId) && p.status !== 'bidding') expect(p.recusals.map((x) => x.userId)).toContain(r.userId)
    for (const s of own) expect(p.recusals.map((x) => x.userId)).not.toContain(s.userId)
    // The tally is the scores.
    const counted: Record<string, number> = {}
    for (const s of own) counted[s.userId] = (counted[s.userId] ?? 0) + 1
    expect(p.tally).toEqual(counted)
    if (p.reviewClosedAt) {
      const eligible = p.reviewers.length - p.recusals.length
      const done = Object.values(counted).filter((n) => n === live.length).length
      expect(done).toBeGreaterThanOrEqual(quorumRequired(eligible, p.rules.quorum))
    }
  }
})

test('awards went to the first of the ranking; the results open for closed reviews only', async () => {
  for (const id of ['proj-demo-garden', 'proj-demo-fraud', 'proj-demo-clinic', 'proj-demo-wiring']) {
    const res = await t.ok('project', 'results', { projectId: id }, 'demo-staff')
    const p = await t.ok('project', 'get', { id }, 'demo-staff')
    expect(res.ranking[0].bidId).toBe(p.award.bidId)
  }
  expect((await t.call('project', 'results', { projectId: 'proj-demo-lights' }, 'demo-staff')).error?.code).toBe('QUORUM_NOT_REACHED')
})

test('the review in progress can be finished by the demo personas: 周委员 and 刘书记 score, quorum is reached', async () => {
  const p = await t.ok('project', 'get', { id: 'proj-demo-lights' }, 'demo-committee')
  expect(p.availableActions).toContain('score')
  expect(p.review).toMatchObject({ eligible: 5, required: 4, reached: false })
  // 赵委员's unit (供电所) bid: recused, told so.
  const recused = await t.ok('project', 'get', { id: 'proj-demo-lights' }, 'demo-committee-2')
  expect(recused.myReview.recused.kind).toBe('own_unit')
  const bids = (await t.ok('project', 'bids', { projectId: 'proj-demo-lights' }, 'demo-committee')).items
  for (const who of ['demo-committee', 'demo-staff'])
    for (const b of bids)
      await t.ok(
        'project',
        'score',
        { projectId: 'proj-demo-lights', bidId: b._id, scores: { 方案可行性: 8, 资源投入: 7, 服务经验: 7 } },
        who,
      )
  const after = await t.ok('project', 'get', { id: 'proj-demo-lights' }, 'demo-staff')
  expect(after.review).toMatchObject({ scored: 4, reached: true })
  expect(after.availableActions).toContain('closeReview')
})

test('the demo unit may bid on the open project; the objection waits for staff', async () => {
  const open = await t.ok('project', 'get', { id: 'proj-demo-meals' }, 'demo-unit')
  expect(open.availableActions).toContain('bid')
  const fraud = await t.ok('project', 'get', { id: 'proj-demo-fraud' }, 'demo-staff')
  expect(fraud.availableActions).toContain('answerObjection')
  expect(fraud.openObjections).toBe(1)
})

test('every unit has a 资源清单; scorecards count what the units took and finished', async () => {
  const res = await t.call('org', 'resources', { communityId: C1 }, 'demo-resident')
  budget('org.resources', res.stats, 3)
  expect(res.data.items).toHaveLength(5)
  expect(res.data.items.every((u: any) => u.items.length >= 2 && u.updatedAt)).toBe(true)
  const power = await t.call('org', 'unitScorecard', { unitId: 'unit-power' }, 'demo-resident')
  budget('org.unitScorecard', power.stats, 2)
  expect(power.data).toMatchObject({ projectsTaken: 1, projectsCompleted: 1, onTime: 1, averageRating: 5 })
  expect(await t.ok('org', 'unitScorecard', { unitId: 'unit-hospital' }, 'demo-resident')).toMatchObject({
    projectsTaken: 1,
    projectsCompleted: 0,
    averageRating: null,
  })
  // The unit's contact edits its list; the names reach the unit, where dispatch suggestions look.
  const edited = await t.call(
    'org',
    'updateResources',
    { unitId: 'unit-power', resources: [{ name: '电路检修', capacity: '每月 3 次' }, { name: '充电桩安装' }] },
    'demo-unit',
  )
  expect(edited.ok).toBe(true)
  budget('org.updateResources', edited.stats, 6)
  const [unit] = await readAll(t, 'units', { _id: 'unit-power' })
  expect(unit.resources).toEqual(['电路检修', '充电桩安装'])
  expect((await t.call('org', 'updateResources', { unitId: 'unit-bank', resources: [] }, 'demo-unit')).error?.code).toBe('FORBIDDEN')
})

test('a community sets its review rules within bounds; a project keeps the rules it was published under', async () => {
  const read = await t.call('org', 'projectRules', { communityId: C1 }, 'demo-staff')
  budget('org.projectRules', read.stats, 2)
  expect(read.data.rules).toMatchObject({ quorum: { percent: 67, minimum: 3 }, publicityDays: 5 })
  const low = await t.call('org', 'setProjectRules', { communityId: C1, quorumMinimum: 2 }, 'demo-staff')
  expect(low.error?.fields).toEqual({ quorumMinimum: '法定人数不能少于 3 人' })
  const set = await t.call('org', 'setProjectRules', { communityId: C1, quorumPercent: 80, publicityDays: 7 }, 'demo-staff')
  budget('org.setProjectRules', set.stats, 8)
  expect(set.data).toMatchObject({ changed: true, rules: { quorum: { percent: 80, minimum: 3 }, publicityDays: 7 } })
  expect((await t.ok('org', 'setProjectRules', { communityId: C1, quorumPercent: 80 }, 'demo-staff')).changed).toBe(false)
  expect((await t.ok('project', 'get', { id: 'proj-demo-meals' }, 'demo-staff')).rules.quorum.percent).toBe(67)
})
