/**
 * Who is told about each step of a project (the in-app inbox, as each person reads it), and
 * the SLA timer telling staff, once, of a review or an objection left past its due time.
 */
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { bidInput, board, DAY, inReview, published, scores } from './support/projects'

jest.setTimeout(120_000)

const t = useHonglin()
useRoundTripBudget(t)

const titles = async (openid: string): Promise<string[]> => (await t.ok('notify', 'inbox', {}, openid)).items.map((n: any) => n.title)
const fireSla = async () => (await t.emulator.functions.fireTimer('sla', 'sla')).result as any

describe('notifications', () => {
  test('reviewers and units on publication, staff on a bid, reviewers when review opens, each unit on the award', async () => {
    const b = board(t, { members: 3, units: 2 })
    const project = await published(t, b)
    expect(await titles(b.members[0]!.openid)).toContain('有新项目需要大党委评审')
    expect(await titles(b.contacts[1]!)).toContain('新的红色任务书可以揭榜')
    // Residents are not told of every publication.
    expect(await titles(b.resident)).toEqual([])
    await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    expect(await titles(b.staff)).toContain('共建单位1揭榜')
    const second = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[1])
    t.emulator.clock.advance(8 * DAY)
    await t.ok('project', 'closeBidding', { id: project._id }, b.staff)
    expect(await titles(b.members[1]!.openid)).toContain('项目进入评审，请评分')
    const bids = (await t.ok('project', 'bids', { projectId: project._id }, b.staff)).items
    for (const m of b.members)
      for (const bid of bids) await t.ok('project', 'score', { projectId: project._id, bidId: bid._id, scores: scores(7, 7, 7) }, m.openid)
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    const first = (await t.ok('project', 'results', { projectId: project._id }, b.staff)).ranking[0]
    await t.ok('project', 'award', { projectId: project._id, bidId: first.bidId }, b.staff)
    const winner = first.bidId === second._id ? 1 : 0
    expect(await titles(b.contacts[winner]!)).toContain('您单位的揭榜方案中标')
    expect(await titles(b.contacts[1 - winner]!)).toContain('项目已定标')
    expect(await titles(b.contacts[1 - winner]!)).not.toContain('您单位的揭榜方案中标')
  })
})

describe('SLA on the timer', () => {
  test('a review past its due time is told to staff once; a closed one never', async () => {
    const b = board(t, { members: 3, units: 1 })
    const { project } = await inReview(t, b, [0])
    const other = board(t, { members: 3, units: 1 })
    const done = await inReview(t, other, [0])
    for (const m of other.members)
      await t.ok('project', 'score', { projectId: done.project._id, bidId: done.bids[0]._id, scores: scores(6, 6, 6) }, m.openid)
    await t.ok('project', 'closeReview', { id: done.project._id }, other.staff)
    t.emulator.clock.advance(7 * DAY + 60_000)
    const run = await fireSla()
    expect(run.data.projects.reviewsOverdue).toBeGreaterThanOrEqual(1)
    expect((await fireSla()).data.projects.reviewsOverdue).toBe(0)
    expect((await titles(b.staff)).filter((x) => x === '项目评审已超过时限')).toHaveLength(1)
    expect(await titles(other.staff)).not.toContain('项目评审已超过时限')
    expect((await t.ok('project', 'get', { id: project._id }, b.staff)).reviewOverdueAt).toBeDefined()
  })

  test('an objection unanswered past its due time is told to staff once; an answered one never', async () => {
    const b = board(t, { members: 3, units: 1 })
    const { project, bids } = await inReview(t, b, [0])
    for (const m of b.members)
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(6, 6, 6) }, m.openid)
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    await t.ok('project', 'award', { projectId: project._id, bidId: bids[0]._id }, b.staff)
    await t.ok('project', 'publicize', { id: project._id }, b.staff)
    const open = await t.ok('project', 'object', { projectId: project._id, reason: '施工时间安排在午休时段' }, b.resident)
    const answered = await t.ok('project', 'object', { projectId: project._id, reason: '希望公开预算明细' }, b.contacts[0])
    await t.ok('project', 'answerObjection', { objectionId: answered._id, answer: '预算明细已在公告栏公示' }, b.staff)
    await fireSla()
    t.emulator.clock.advance(3 * DAY + 60_000)
    const run = await fireSla()
    expect(run.data.projects.objectionsOverdue).toBe(1)
    await fireSla()
    const told = (await t.ok('notify', 'inbox', {}, b.staff)).items.filter((n: any) => n.title === '公示异议超过答复时限')
    expect(told.map((n: any) => n.body)).toEqual([open.reason])
  })
})
