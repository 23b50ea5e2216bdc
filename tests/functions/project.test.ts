/**
 * 揭榜 end to end through the real SDK against the emulator: a project from draft to
 * acceptance, every transition in its timeline, the award and acceptance in the audit chain,
 * the unit's scorecard moved on acceptance, and the minutes readable.
 */
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { readAll } from './support/mall'
import { bidInput, board, DAY, scores } from './support/projects'

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
