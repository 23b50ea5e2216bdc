/**
 * The 大党委's review through the real functions: recusal, scores hidden on every path until
 * the review closes, locked scores, quorum at its boundaries, the tie-break, award against the
 * ranking, objections blocking the start, one live bid per unit, twenty members scoring at
 * once, and the minutes as a readable Word document.
 */
import JSZip from 'jszip'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { readAll } from './support/mall'
import { bidInput, board, DAY, inReview, published, scores } from './support/projects'

jest.setTimeout(180_000)

const t = useHonglin()
useRoundTripBudget(t)

describe('recusal', () => {
  test('a member whose unit bids is recused automatically, cannot score, and is not counted for quorum', async () => {
    // Members 0 and 1 belong to units 0 and 1, which bid; 2..5 are independent.
    const b = board(t, { members: 6, units: 3, memberUnits: { 0: 0, 1: 1, 5: 2 } })
    const { project, bids } = await inReview(t, b, [0, 1])
    expect(project.recusals.map((r: any) => r.userId).sort()).toEqual([b.members[0]!.userId, b.members[1]!.userId].sort())
    // Member 5's unit did not bid: not recused.
    expect(project.review).toMatchObject({ eligible: 4, required: 3 })
    const refused = await t.call(
      'project',
      'score',
      { projectId: project._id, bidId: bids[1]._id, scores: scores(9, 9, 9) },
      b.members[0]!.openid,
    )
    expect(refused.error).toMatchObject({ code: 'FORBIDDEN', message: '您已回避该项目，不能评分' })
    expect(await readAll(t, 'project_scores', { projectId: project._id })).toHaveLength(0)
    const mine = await t.ok('project', 'get', { id: project._id }, b.members[0]!.openid)
    expect(mine.myReview.recused.kind).toBe('own_unit')
    expect(mine.availableActions).not.toContain('score')
  })

  test('a declared conflict recuses the member; one who has scored must withdraw first', async () => {
    const b = board(t, { members: 5, units: 2 })
    const { project, bids } = await inReview(t, b, [0])
    const m = b.members
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(5, 5, 5) }, m[1]!.openid)
    const early = await t.call('project', 'declareConflict', { projectId: project._id, reason: '配偶在该单位工作' }, m[1]!.openid)
    expect(early.error?.message).toBe('您已评分，请先撤回评分再申报回避')
    const declared = await t.ok('project', 'declareConflict', { projectId: project._id, reason: '曾在该单位任职' }, m[0]!.openid)
    expect(declared.recusals).toEqual([expect.objectContaining({ userId: m[0]!.userId, kind: 'declared', reason: '曾在该单位任职' })])
    expect(declared.review).toMatchObject({ eligible: 4, scored: 1, required: 3 })
    expect(
      (await t.call('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(5, 5, 5) }, m[0]!.openid)).error?.code,
    ).toBe('FORBIDDEN')
  })
})

describe('scores are hidden until the review closes', () => {
  test('no path shows another member a score, a total or the ranking before the close: get, list, myReviews, bids, results, minutes', async () => {
    const b = board(t, { members: 4, units: 2 })
    const { project, bids } = await inReview(t, b, [0, 1])
    const id = project._id
    const SECRET = '只有我知道的评语'
    await t.ok('project', 'score', { projectId: id, bidId: bids[0]._id, scores: scores(9, 9, 9), comment: SECRET }, b.members[0]!.openid)
    await t.ok('project', 'score', { projectId: id, bidId: bids[1]._id, scores: scores(3, 3, 3), comment: SECRET }, b.members[0]!.openid)
    const others = [b.staff, b.members[1]!.openid, b.contacts[0]!, b.resident, 'demo-street', 'demo-admin']
    for (const who of others) {
      const answers = [
        await t.call('project', 'get', { id }, who),
        await t.call('project', 'list', { communityId: b.communityId }, who),
        await t.call('project', 'myReviews', {}, who),
        await t.call('project', 'bids', { projectId: id }, who),
        await t.call('project', 'results', { projectId: id }, who),
        await t.call('project', 'minutes', { projectId: id }, who),
      ]
      for (const a of answers) {
        const text = JSON.stringify(a.data ?? a.error)
        expect(text).not.toContain(SECRET)
        expect(text).not.toContain('"tally"')
        expect(text).not.toMatch(/"(total|rank|ranking|scores)":/)
      }
      // Results and minutes: refused as not yet closed, to staff as to anyone who may see them later.
      const results = answers[4]!
      expect(['QUORUM_NOT_REACHED', 'FORBIDDEN']).toContain(results.error?.code)
      if ([b.staff, b.members[1]!.openid, 'demo-street', 'demo-admin'].includes(who)) {
        expect(results.error?.code).toBe('QUORUM_NOT_REACHED')
        expect(answers[5]!.error?.code).toBe('QUORUM_NOT_REACHED')
      }
    }
    // The member sees their own scores, nobody else's.
    const own = await t.ok('project', 'bids', { projectId: id }, b.members[0]!.openid)
    expect(own.items.map((x: any) => x.myScore?.comment)).toEqual([SECRET, SECRET])
    expect(own.items.every((x: any) => x.total === undefined && x.rank === undefined)).toBe(true)
    // Quorum reached but not closed: still hidden.
    for (const m of b.members.slice(1, 3))
      for (const bid of bids) await t.ok('project', 'score', { projectId: id, bidId: bid._id, scores: scores(5, 5, 5) }, m.openid)
    const ready = await t.ok('project', 'get', { id }, b.staff)
    expect(ready.review).toMatchObject({ reached: true, closed: false })
    expect((await t.call('project', 'results', { projectId: id }, b.staff)).error?.code).toBe('QUORUM_NOT_REACHED')
    await t.ok('project', 'closeReview', { id }, b.staff)
    const open = await t.ok('project', 'results', { projectId: id }, b.members[1]!.openid)
    expect(open.scores).toHaveLength(6)
    // Units and residents never see the scores.
    expect((await t.call('project', 'results', { projectId: id }, b.contacts[0]!)).error?.code).toBe('FORBIDDEN')
    expect((await t.call('project', 'results', { projectId: id }, b.resident)).error?.code).toBe('FORBIDDEN')
  })
})

describe('a score is locked once submitted', () => {
  test('the same score again answers the stored one; a changed one is refused; a withdrawal is recorded and allows a new score', async () => {
    const b = board(t, { members: 3, units: 1 })
    const { project, bids } = await inReview(t, b, [0])
    const me = b.members[0]!.openid
    const input = { projectId: project._id, bidId: bids[0]._id, scores: scores(8, 6, 4), comment: '可行' }
    const first = await t.ok('project', 'score', input, me)
    expect(first.created).toBe(true)
    const retry = await t.ok('project', 'score', input, me)
    expect(retry).toEqual({ ...first, created: false })
    const changed = await t.call('project', 'score', { ...input, scores: scores(10, 10, 10) }, me)
    expect(changed.error?.code).toBe('CONFLICT')
    expect(changed.stats.docsWritten).toBe(0)
    const stored = await readAll(t, 'project_scores', { projectId: project._id })
    expect(stored.map((s) => s.scores)).toEqual([scores(8, 6, 4)])

    const withdrawn = await t.ok('project', 'withdrawScore', { projectId: project._id, bidId: bids[0]._id, reason: '误将两项分数填反' }, me)
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '误将两项分数填反', scores: scores(8, 6, 4) })
    const again = await t.ok('project', 'score', { ...input, scores: scores(6, 8, 4) }, me)
    expect(again.created).toBe(true)
    const all = await readAll(t, 'project_scores', { projectId: project._id })
    expect(all.map((s) => [s.status, s.scores]).sort()).toEqual(
      [
        ['submitted', scores(6, 8, 4)],
        ['withdrawn', scores(8, 6, 4)],
      ].sort(),
    )
    const [p] = await readAll(t, 'projects', { _id: project._id })
    expect(p.tally).toEqual({ [b.members[0]!.userId]: 1 })
    const audit = await readAll(t, 'audit_log', { chain: b.communityId })
    expect(audit.map((e) => [e.action, e.detail.reason])).toEqual([['project.score_withdraw', '误将两项分数填反']])
  })
})

describe('quorum', () => {
  test('exactly two thirds of the non-recused members: 4 of 6 closes, 3 of 6 does not', async () => {
    const b = board(t, { members: 7, units: 2, memberUnits: { 6: 0 } })
    const { project, bids } = await inReview(t, b, [0, 1])
    expect(project.review).toMatchObject({ eligible: 6, required: 4 })
    const scoreAll = async (m: { openid: string }) => {
      for (const bid of bids) await t.ok('project', 'score', { projectId: project._id, bidId: bid._id, scores: scores(5, 5, 5) }, m.openid)
    }
    for (const m of b.members.slice(0, 3)) await scoreAll(m)
    // A member who scored one bid of two does not count.
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(5, 5, 5) }, b.members[3]!.openid)
    const short = await t.call('project', 'closeReview', { id: project._id }, b.staff)
    expect(short.error).toMatchObject({ code: 'QUORUM_NOT_REACHED', message: '已完成评分 3 人，至少需要 4 人（不计回避委员）' })
    await t.ok('project', 'score', { projectId: project._id, bidId: bids[1]._id, scores: scores(5, 5, 5) }, b.members[3]!.openid)
    const closed = await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    expect(closed.review).toMatchObject({ eligible: 6, scored: 4, required: 4, reached: true, closed: true })
  })

  test('never fewer than 3: with 2 non-recused members the review cannot close even when both scored', async () => {
    const b = board(t, { members: 4, units: 2, memberUnits: { 0: 0, 1: 1 } })
    const { project, bids } = await inReview(t, b, [0, 1])
    expect(project.review).toMatchObject({ eligible: 2, required: 3 })
    for (const m of b.members.slice(2))
      for (const bid of bids) await t.ok('project', 'score', { projectId: project._id, bidId: bid._id, scores: scores(5, 5, 5) }, m.openid)
    const res = await t.call('project', 'closeReview', { id: project._id }, b.staff)
    expect(res.error?.code).toBe('QUORUM_NOT_REACHED')
    expect((await t.ok('project', 'get', { id: project._id }, b.staff)).review).toMatchObject({ scored: 2, required: 3, reached: false })
  })

  test('twenty members scoring at once all land, and quorum is computed right', async () => {
    const b = board(t, { members: 20, units: 1 })
    const { project, bids } = await inReview(t, b, [0])
    const results = await Promise.all(
      b.members.map((m, i) =>
        t.call('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(i % 11, 5, 5) }, m.openid),
      ),
    )
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual([])
    expect(await readAll(t, 'project_scores', { projectId: project._id })).toHaveLength(20)
    const [p] = await readAll(t, 'projects', { _id: project._id })
    expect(Object.values(p.tally)).toEqual(Array(20).fill(1))
    const closed = await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    expect(closed.review).toMatchObject({ eligible: 20, scored: 20, required: 14, reached: true })
  })
})

describe('ranking and award', () => {
  test('equal totals are ordered by the top-weighted criterion; award against the ranking needs a reason and is audited', async () => {
    const b = board(t, { members: 3, units: 3 })
    const { project, bids } = await inReview(t, b, [0, 1, 2])
    // Bid 0 (6, 8, 7) = 30 + 24 + 14 = 68; bid 1 (8, 4, 8) = 40 + 12 + 16 = 68: a tie that
    // 方案可行性 (50 %) decides for bid 1, although bid 0 was submitted first. Bid 2: 50.
    for (const m of b.members) {
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(6, 8, 7) }, m.openid)
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[1]._id, scores: scores(8, 4, 8) }, m.openid)
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[2]._id, scores: scores(5, 5, 5) }, m.openid)
    }
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    const results = await t.ok('project', 'results', { projectId: project._id }, b.staff)
    expect(results.ranking.map((r: any) => [r.bidId, r.total, r.rank, r.tieBreak ?? null])).toEqual([
      [bids[1]._id, 68, 1, null],
      [bids[0]._id, 68, 2, 'top_criterion'],
      [bids[2]._id, 50, 3, null],
    ])
    const bare = await t.call('project', 'award', { projectId: project._id, bidId: bids[0]._id }, b.staff)
    expect(bare.error).toMatchObject({ code: 'INVALID_INPUT', fields: { reason: '未按排名第一定标，须写明理由' } })
    expect(bare.stats.docsWritten).toBe(0)
    const awarded = await t.ok(
      'project',
      'award',
      { projectId: project._id, bidId: bids[0]._id, reason: '该单位就在小区内，响应更快' },
      b.staff,
    )
    expect(awarded.award).toMatchObject({ unitId: b.unitIds[0], rank: 2, againstRanking: true, reason: '该单位就在小区内，响应更快' })
    const audit = await readAll(t, 'audit_log', { chain: b.communityId })
    expect(audit.map((e) => [e.action, e.detail.againstRanking, e.detail.reason])).toEqual([
      ['project.award', true, '该单位就在小区内，响应更快'],
    ])
    expect(awarded.timeline.at(-1)).toMatchObject({ action: 'award', reason: expect.stringContaining('该单位就在小区内') })
  })
})

describe('public notice', () => {
  test('an objection blocks the start until staff answer it', async () => {
    const b = board(t, { members: 3, units: 1 })
    const { project, bids } = await inReview(t, b, [0])
    for (const m of b.members)
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[0]._id, scores: scores(7, 7, 7) }, m.openid)
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    await t.ok('project', 'award', { projectId: project._id, bidId: bids[0]._id }, b.staff)
    await t.ok('project', 'publicize', { id: project._id, days: 3 }, b.staff)
    const input = { projectId: project._id, reason: '该单位去年的项目没有按时完成', requestId: 'objection-0001' }
    const objection = await t.ok('project', 'object', input, b.resident)
    expect(objection).toMatchObject({ status: 'open', created: true })
    expect(await t.ok('project', 'object', input, b.resident)).toMatchObject({ _id: objection._id, created: false })
    // Staff may not object to their own decision.
    expect((await t.call('project', 'object', { projectId: project._id, reason: '我自己也有意见' }, b.staff)).error?.code).toBe('FORBIDDEN')
    t.emulator.clock.advance(3 * DAY + 1)
    expect((await t.call('project', 'object', { projectId: project._id, reason: '公示结束后的异议' }, b.resident)).error?.message).toBe(
      '公示期已结束',
    )
    const blocked = await t.call('project', 'start', { id: project._id }, b.staff)
    expect(blocked.error).toMatchObject({ code: 'INVALID_STATE', message: '还有 1 条异议未答复，答复后才能开始实施' })
    const answered = await t.ok(
      'project',
      'answerObjection',
      { objectionId: objection._id, answer: '经核实，延期系施工许可原因，已说明' },
      b.staff,
    )
    expect(answered.status).toBe('answered')
    expect((await t.ok('project', 'objections', { projectId: project._id }, b.resident)).items).toHaveLength(1)
    const started = await t.ok('project', 'start', { id: project._id }, b.staff)
    expect(started.status).toBe('in_progress')
  })
})

describe('bids', () => {
  test('one live bid per unit, even submitted twice at once; a withdrawn bid frees the unit to bid again; none after the deadline', async () => {
    const b = board(t, { members: 3, units: 2 })
    const project = await published(t, b)
    const twice = await Promise.all([0, 1].map(() => t.call('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])))
    expect(twice.filter((r) => r.ok)).toHaveLength(1)
    expect(twice.find((r) => !r.ok)!.error?.code).toBe('CONFLICT')
    const live = twice.find((r) => r.ok)!.data
    const retry = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t, { requestId: live.requestId }) }, b.contacts[0])
    expect(retry).toMatchObject({ _id: live._id, created: false })
    await t.ok('project', 'updateBid', { bidId: live._id, budget: 12000 }, b.contacts[0])
    await t.ok('project', 'withdrawBid', { bidId: live._id, reason: '人手不够' }, b.contacts[0])
    const again = await t.ok('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[0])
    expect(again._id).not.toBe(live._id)
    const [p] = await readAll(t, 'projects', { _id: project._id })
    expect(p.bidCount).toBe(1)
    // Others do not see a unit's bid while bidding; its own contact does.
    expect((await t.ok('project', 'bids', { projectId: project._id }, b.contacts[1])).items).toEqual([])
    expect((await t.ok('project', 'bids', { projectId: project._id }, b.members[0]!.openid)).items).toEqual([])
    expect((await t.ok('project', 'bids', { projectId: project._id }, b.contacts[0])).items.map((x: any) => x._id).sort()).toEqual(
      [live._id, again._id].sort(),
    )
    t.emulator.clock.advance(8 * DAY)
    expect((await t.call('project', 'bid', { projectId: project._id, ...bidInput(t) }, b.contacts[1])).error?.message).toBe('揭榜已截止')
    expect((await t.call('project', 'updateBid', { bidId: again._id, budget: 1 }, b.contacts[0])).error?.message).toBe('揭榜已截止')
  })
})

describe('minutes', () => {
  test('a Word document with attendance, recusals and their reasons, every score, the ranking and the decision', async () => {
    const b = board(t, { members: 4, units: 2, memberUnits: { 3: 1 } })
    const { project, bids } = await inReview(t, b, [0, 1])
    for (const m of b.members.slice(0, 3)) {
      await t.ok(
        'project',
        'score',
        { projectId: project._id, bidId: bids[0]._id, scores: scores(9, 8, 7), comment: `${m.userId}：方案细致` },
        m.openid,
      )
      await t.ok('project', 'score', { projectId: project._id, bidId: bids[1]._id, scores: scores(5, 5, 5) }, m.openid)
    }
    await t.ok('project', 'closeReview', { id: project._id }, b.staff)
    await t.ok('project', 'award', { projectId: project._id, bidId: bids[0]._id }, b.staff)
    const res = await t.call('project', 'minutes', { projectId: project._id }, b.members[0]!.openid)
    expect(res.ok).toBe(true)
    expect(res.data.tempFileURL).toMatch(/^https?:\/\//)
    const { fileContent } = await t.cloud.downloadFile({ fileID: res.data.fileID })
    const zip = await JSZip.loadAsync(fileContent as Buffer)
    const xml = await zip.file('word/document.xml')!.async('string')
    const text = xml.replace(/<[^>]+>/g, '')
    expect(text).toContain('大党委联席会议纪要')
    expect(text).toContain(project.title)
    for (const name of ['委员1', '委员2', '委员3', '委员4']) expect(text).toContain(name)
    expect(text).toContain('本单位参与揭榜，自动回避')
    expect(text).toContain('本单位（共建单位2）参与揭榜')
    expect(text).toContain(`${b.members[0]!.userId}：方案细致`)
    // Bid 0: 45 + 24 + 14 = 83; bid 1: 50.
    expect(text).toContain('83.00')
    expect(text).toContain('50.00')
    expect(text).toContain('定标单位：共建单位1（排名第 1）')
  })
})
