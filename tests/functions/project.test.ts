/**
 * 揭榜 end to end through the real SDK against the emulator: a project from draft to
 * acceptance, every transition in its timeline, the award and acceptance in the audit chain,
 * the unit's scorecard moved on acceptance, and the minutes readable.
 */
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { readAll } from './support/mall'
import { bidInput, board, DAY, inReview, projectInput, scores } from './support/projects'

jest.setTimeout(120_000)

const t = useHonglin()
const budget = useRoundTripBudget(t)

describe('a project from draft to acceptance', () => {
  test('create → publish → bid → closeBidding → score → closeReview → results → award → publicize → start → report → accept', async () => {
    const b = board(t, { members: 5, units: 3, memberUnits: { 0: 0 } })
    const created = await t.call(
      'project',
      'create',
      {
        communityId: b.communityId,
        title: '老旧小区加装电梯协调服务',
        goal: '为三栋老楼协调加装电梯',
        detail: '组织居民协商、联系设计单位、协调施工',
        bidDeadline: t.emulator.clock.now() + 7 * DAY,
        criteria: [
          { name: '方案可行性', weight: 50, max: 10 },
          { name: '资源投入', weight: 30, max: 10 },
          { name: '服务经验', weight: 20, max: 10 },
        ],
        requestId: 'create-flow-0001',
      },
      b.staff,
    )
    expect(created.ok).toBe(true)
    budget('project.create', created.stats, 5)
    const id = created.data._id
    expect(created.data.status).toBe('draft')
    // A retried create answers the same project.
    const again = await t.ok(
      'project',
      'create',
      {
        communityId: b.communityId,
        title: '老旧小区加装电梯协调服务',
        goal: '为三栋老楼协调加装电梯',
        detail: '组织居民协商、联系设计单位、协调施工',
        bidDeadline: t.emulator.clock.now() + 7 * DAY,
        criteria: [{ name: '方案可行性', weight: 100, max: 10 }],
        requestId: 'create-flow-0001',
      },
      b.staff,
    )
    expect(again._id).toBe(id)
    // Residents do not see drafts.
    expect((await t.call('project', 'get', { id }, b.resident)).error?.code).toBe('NOT_FOUND')

    const pub = await t.call('project', 'publish', { id }, b.staff)
    expect(pub.ok).toBe(true)
    budget('project.publish', pub.stats, 12)
    expect(pub.data.status).toBe('bidding')
    expect(pub.data.reviewers).toHaveLength(5)

    const bid0 = await t.call('project', 'bid', { projectId: id, ...bidInput(t) }, b.contacts[0])
    expect(bid0.ok).toBe(true)
    budget('project.bid', bid0.stats, 12)
    const bid1 = await t.ok('project', 'bid', { projectId: id, ...bidInput(t) }, b.contacts[1])
    // Staff cannot close before the deadline.
    expect((await t.call('project', 'closeBidding', { id }, b.staff)).error?.code).toBe('INVALID_STATE')
    t.emulator.clock.advance(8 * DAY)
    const closed = await t.call('project', 'closeBidding', { id }, b.staff)
    expect(closed.ok).toBe(true)
    budget('project.closeBidding', closed.stats, 8)
    expect(closed.data.status).toBe('reviewing')
    // Member 0's unit bids: recused automatically.
    expect(closed.data.recusals.map((r: any) => [r.userId, r.kind])).toEqual([[b.members[0]!.userId, 'own_unit']])
    expect(closed.data.review).toEqual({ eligible: 4, scored: 0, required: 3, reached: false, closed: false })

    for (const m of b.members.slice(1, 4)) {
      const s0 = await t.call(
        'project',
        'score',
        { projectId: id, bidId: bid0.data._id, scores: scores(8, 7, 9), comment: '方案扎实' },
        m.openid,
      )
      expect(s0.ok).toBe(true)
      budget('project.score', s0.stats, 11)
      await t.ok('project', 'score', { projectId: id, bidId: bid1._id, scores: scores(6, 6, 6) }, m.openid)
    }
    expect((await t.call('project', 'results', { projectId: id }, b.staff)).error?.code).toBe('QUORUM_NOT_REACHED')
    const review = await t.call('project', 'closeReview', { id }, b.staff)
    expect(review.ok).toBe(true)
    budget('project.closeReview', review.stats, 6)
    expect(review.data.review).toMatchObject({ eligible: 4, scored: 3, required: 3, reached: true, closed: true })

    const results = await t.call('project', 'results', { projectId: id }, b.staff)
    expect(results.ok).toBe(true)
    budget('project.results', results.stats, 4)
    expect(results.data.ranking.map((r: any) => [r.bidId, r.total, r.rank])).toEqual([
      [bid0.data._id, 79, 1],
      [bid1._id, 60, 2],
    ])
    expect(results.data.scores).toHaveLength(6)

    const awarded = await t.call('project', 'award', { projectId: id, bidId: bid0.data._id }, b.staff)
    expect(awarded.ok).toBe(true)
    budget('project.award', awarded.stats, 13)
    expect(awarded.data.award).toMatchObject({ unitId: b.unitIds[0], rank: 1, againstRanking: false })

    const noticed = await t.ok('project', 'publicize', { id }, b.staff)
    expect(noticed.status).toBe('publicity')
    expect(noticed.publicityEndsAt - noticed.timeline.at(-1).at).toBe(5 * DAY)
    expect((await t.call('project', 'start', { id }, b.staff)).error?.message).toBe('公示期尚未结束')
    t.emulator.clock.advance(5 * DAY + 1)
    const started = await t.ok('project', 'start', { id }, b.staff)
    expect(started.status).toBe('in_progress')

    const rep = await t.call(
      'project',
      'report',
      { projectId: id, progress: 50, note: '入户调查完成', milestone: '入户调查', requestId: 'report-flow-0001' },
      b.contacts[0],
    )
    expect(rep.ok).toBe(true)
    budget('project.report', rep.stats, 11)
    // Only the awarded unit reports.
    expect((await t.call('project', 'report', { projectId: id, progress: 10, note: '我们也在做' }, b.contacts[1])).error?.code).toBe(
      'FORBIDDEN',
    )
    expect((await t.ok('project', 'reports', { projectId: id }, b.resident)).items).toHaveLength(1)

    const accepted = await t.call('project', 'accept', { projectId: id, rating: 5, note: '居民满意' }, 'demo-street')
    expect(accepted.ok).toBe(true)
    budget('project.accept', accepted.stats, 13)
    expect(accepted.data.status).toBe('completed')
    expect(accepted.data.acceptance).toMatchObject({ rating: 5, onTime: true })

    const stored = (await readAll(t, 'projects', { _id: id }))[0]
    expect(stored.timeline.map((e: any) => e.action)).toEqual([
      'create',
      'publish',
      'closeBidding',
      'closeReview',
      'award',
      'publicize',
      'start',
      'report',
      'accept',
    ])
    expect(stored.timeline.every((e: any) => e.by && e.byName && e.at)).toBe(true)

    const card = await t.ok('org', 'unitScorecard', { unitId: b.unitIds[0] }, b.staff)
    expect(card).toMatchObject({ projectsTaken: 1, projectsCompleted: 1, onTime: 1, averageRating: 5 })

    const audit = await readAll(t, 'audit_log', { chain: b.communityId })
    expect(audit.map((e) => e.action)).toEqual(['project.award', 'project.accept'])
  })
})

describe('round trips of the other actions', () => {
  test('each within its budget (cloudfunctions/README.md)', async () => {
    const b = board(t, { members: 3, units: 2 })
    const need = await t.call(
      'project',
      'promoteNeed',
      { communityId: b.communityId, title: '老楼楼道照明不足', requestId: 'need-budget-0001' },
      b.staff,
    )
    budget('project.promoteNeed', need.stats, 5)
    budget('project.needs', (await t.call('project', 'needs', { communityId: b.communityId }, b.staff)).stats, 3)
    const draft = await t.ok('project', 'create', projectInput(t, b, { needIds: [need.data._id] }), b.staff)
    budget('project.update', (await t.call('project', 'update', { id: draft._id, title: '楼道照明与扶手改造' }, b.staff)).stats, 6)
    await t.ok('project', 'publish', { id: draft._id }, b.staff)
    budget('project.get', (await t.call('project', 'get', { id: draft._id }, b.contacts[0])).stats, 3)
    budget('project.list', (await t.call('project', 'list', { communityId: b.communityId }, b.resident)).stats, 2)
    const bid = await t.ok('project', 'bid', { projectId: draft._id, ...bidInput(t) }, b.contacts[0])
    budget('project.updateBid', (await t.call('project', 'updateBid', { bidId: bid._id, budget: 9000 }, b.contacts[0])).stats, 6)
    budget('project.withdrawBid', (await t.call('project', 'withdrawBid', { bidId: bid._id }, b.contacts[0])).stats, 8)
    budget('project.myBids', (await t.call('project', 'myBids', {}, b.contacts[0])).stats, 3)
    budget(
      'project.declareConflict',
      (await t.call('project', 'declareConflict', { projectId: draft._id, reason: '亲属在共建单位工作' }, b.members[2]!.openid)).stats,
      99,
    )
    budget('project.cancel', (await t.call('project', 'cancel', { id: draft._id, reason: '区里统一实施' }, b.staff)).stats, 6)

    const { project, bids } = await inReview(t, b, [0, 1])
    budget('project.myReviews', (await t.call('project', 'myReviews', {}, b.members[0]!.openid)).stats, 2)
    budget('project.bids', (await t.call('project', 'bids', { projectId: project._id }, b.members[0]!.openid)).stats, 4)
    for (const m of b.members)
      for (const x of bids) await t.ok('project', 'score', { projectId: project._id, bidId: x._id, scores: scores(7, 7, 7) }, m.openid)
    const withdrawn = await t.call(
      'project',
      'withdrawScore',
      { projectId: project._id, bidId: bids[0]._id, reason: '填错了' },
      b.members[0]!.openid,
    )
    budget('project.withdrawScore', withdrawn.stats, 11)
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(8, 7, 7) }, b.members[0]!.openid)
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    budget('project.minutes', (await t.call('project', 'minutes', { projectId: project._id }, b.staff)).stats, 6)
    await t.ok('project', 'award', { projectId: project._id, bidId: bids[0]._id }, b.staff)
    budget('project.publicize', (await t.call('project', 'publicize', { id: project._id }, b.staff)).stats, 6)
    const objection = await t.call(
      'project',
      'object',
      { projectId: project._id, reason: '希望公开预算明细', requestId: 'objection-budget-1' },
      b.resident,
    )
    budget('project.object', objection.stats, 11)
    budget('project.objections', (await t.call('project', 'objections', { projectId: project._id }, b.staff)).stats, 3)
    budget(
      'project.answerObjection',
      (await t.call('project', 'answerObjection', { objectionId: objection.data._id, answer: '已在公告栏公示' }, b.staff)).stats,
      99,
    )
    t.emulator.clock.advance(5 * DAY + 1)
    budget('project.start', (await t.call('project', 'start', { id: project._id }, b.staff)).stats, 9)
    await t.ok('project', 'report', { projectId: project._id, progress: 30, note: '已开工' }, b.contacts[0])
    budget('project.reports', (await t.call('project', 'reports', { projectId: project._id }, b.resident)).stats, 3)
  })
})

describe('needs and linked demands', () => {
  test('a project links only its own community demands; a need it is made from is marked as taken up', async () => {
    const b = board(t, { members: 3, units: 1 })
    const foreign = await t.call('project', 'create', projectInput(t, b, { demandIds: ['demo-demand-01'] }), b.staff)
    expect(foreign.error).toMatchObject({ code: 'INVALID_INPUT', fields: { demandIds: '关联的点单不属于本社区' } })
    expect(foreign.stats.docsWritten).toBe(0)
    const need = await t.ok('project', 'promoteNeed', { communityId: b.communityId, title: '电动车飞线充电' }, b.staff)
    expect((await t.ok('project', 'needs', { communityId: b.communityId, status: 'open' }, b.staff)).items.map((n: any) => n._id)).toEqual([
      need._id,
    ])
    const project = await t.ok('project', 'create', projectInput(t, b, { needIds: [need._id] }), b.staff)
    const taken = await t.ok('project', 'needs', { communityId: b.communityId }, b.staff)
    expect(taken.items).toEqual([expect.objectContaining({ _id: need._id, status: 'in_project', projectId: project._id })])
  })
})
