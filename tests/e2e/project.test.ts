/**
 * 揭榜 and the 大党委 in real Chromium, through the H5 build served by the emulator with the
 * demo data, one journey per role in the order a project lives: staff draft and publish a
 * 红色任务书 (the weights must sum to 100); a unit contact writes a bid, keeps a draft across a
 * reload and submits it; a 大党委 member declares a conflict on one project and scores another,
 * and sees nobody else's score before quorum; staff close the review and award against the
 * ranking only with a reason; a resident objects during 公示 and staff answer; the unit reports
 * progress and the street accepts. Projects other than the one a journey is about are made
 * through the function. Key screens are saved as docs/screenshots/project-*.png at 375 px.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { addPhoto, card, current, idInUrl, open, pageAs, PHOTO, see, seen, tap, type } from './support/h5'
import { bidAs, C1, CRITERIA, DAY, newProject, scores } from './support/projects'

jest.setTimeout(240_000)

const root = join(__dirname, '..', '..')
const SHOTS = join(root, 'docs', 'screenshots')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

/** A 375×667 page at one device pixel per CSS pixel, so screenshots are 375 px wide. */
const phoneAs = (openid: string): Promise<Page> => pageAs(b, openid, { deviceScaleFactor: 1 })

async function shot(page: Page, name: string): Promise<void> {
  // Past a toast's 1.5 s, so the picture shows the page as it stays.
  await page.waitForTimeout(1600)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `project-${name}.png`), fullPage: true })
}

/** A field's input or textarea on the page on top, by its label. */
const field = (page: Page, label: string) =>
  current(page).locator('.field').filter({ visible: true }).filter({ hasText: label }).locator('input, textarea').first()

/** Taps the confirm button of the modal Taro.showModal draws on H5. */
async function confirmModal(page: Page): Promise<void> {
  const button = page.locator('.taro-model__confirm').filter({ visible: true })
  await button.waitFor({ timeout: 15000 })
  await button.click()
}

/** The first criterion's weight on the project form. */
const weight = (page: Page) => current(page).locator('input[placeholder="权重"]').filter({ visible: true }).first()

/** The members of the community's 大党委 with their openids (the demo data). */
function committee(): { userId: string; openid: string; unitId?: string }[] {
  const members = t.emulator.database.listDocuments('committee_members', { skip: 0, limit: 1000 }).docs
  const users = t.emulator.database.listDocuments('users', { skip: 0, limit: 100000 }).docs
  return members
    .filter((m) => m.communityId === C1)
    .map((m) => {
      const u = users.find((x) => x._id === m.userId)
      return { userId: String(m.userId), openid: String(u?.openid ?? ''), ...(m.unitId ? { unitId: String(m.unitId) } : {}) }
    })
    .filter((m) => m.openid)
}

/** The bidding units of the demo data, by their contacts (demo personas). */
const UNITS = [
  { unitId: 'unit-power', name: '国网供电所', openid: 'demo-unit' },
  { unitId: 'unit-hospital', name: '区中医医院', openid: 'demo-unit-hospital' },
]

afterAll(() => t.emulator.clock.reset())

test('staff draft a 红色任务书 from the list, are told the weights must sum to 100, and publish it', async () => {
  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, '/pages/index/index')
  await tap(staff, '三项清单 · 揭榜')
  await see(staff, '项目清单')
  await tap(staff, '新建任务书')
  await type(staff, '如：老旧小区楼道照明改造', '7号楼楼道照明与扶手改造')
  await type(staff, '做成后居民能得到什么', '7号楼的老人晚上上下楼看得清、扶得稳')
  await type(staff, '地点、范围、要求、需要的人员和物资', '7号楼1至3单元楼道更换感应灯，维修松动扶手，施工期间保障通行')
  await type(staff, '如 20000', '18000')
  await tap(staff, '两周后')
  // The first weight lowered: the sum is shown and the shared rule refuses it before sending.
  await weight(staff).fill('30')
  await see(staff, '权重合计 90%，应为 100%')
  await tap(staff, '保存并发布')
  await see(staff, '各项权重之和应为 100（现为 90）')
  expect(
    (await t.ok('project', 'list', { communityId: C1 }, 'demo-staff')).items.some(
      (p: { title: string }) => p.title === '7号楼楼道照明与扶手改造',
    ),
  ).toBe(false)
  await weight(staff).fill('40')
  await see(staff, '权重合计 100%')
  await shot(staff, 'staff-edit')
  await tap(staff, '保存并发布')
  await see(staff, '发布任务书')
  await tap(staff, '发布')
  await see(staff, '7号楼楼道照明与扶手改造')
  await see(staff, /接下来：共建单位在截止前提交揭榜方案/)
  await shot(staff, 'detail-bidding')
  const id = idInUrl(staff)
  const p = await t.ok('project', 'get', { id }, 'demo-staff')
  expect(p).toMatchObject({ status: 'bidding', budget: 18000, communityId: C1 })
  expect(p.criteria).toEqual(CRITERIA)
})

test('a unit contact writes a bid, keeps the draft across a reload, submits it and sees it on the project', async () => {
  const id = await newProject(t, '老年活动室适老化改造')
  const unit = await phoneAs(UNITS[0]!.openid)
  await open(unit, t.url, '/pages/index/index')
  await tap(unit, '揭榜项目')
  await card(unit, '老年活动室适老化改造').waitFor({ timeout: 15000 })
  await card(unit, '老年活动室适老化改造').getByText('老年活动室适老化改造', { exact: true }).click()
  await tap(unit, '写揭榜方案')
  await type(unit, '怎么做、分几步、达到什么效果', '先入户摸排需求，再分两批改造：地面防滑、扶手、照明，最后请居民代表验收')
  await type(unit, '如：党员电工 4 名、检修车 1 辆', '党员电工 4 名，检修车 1 辆')
  await type(unit, '里程碑，如：完成入户摸排', '完成入户摸排')
  await type(unit, '完成日期 年-月-日', '2099-01-15')
  await type(unit, '本单位需要的经费', '12000')

  // A reload (or a dropped connection) loses nothing: the draft is offered back.
  await unit.reload()
  await see(unit, '上次还有没提交的方案')
  await shot(unit, 'unit-bid-draft')
  await tap(unit, '继续上次填写')
  expect(await field(unit, '实施方案').inputValue()).toContain('先入户摸排需求')
  expect(await field(unit, '预算').inputValue()).toBe('12000')
  await tap(unit, '提交揭榜方案')
  await see(unit, '本单位的揭榜方案')
  await see(unit, '先入户摸排需求，再分两批改造：地面防滑、扶手、照明，最后请居民代表验收')
  await shot(unit, 'unit-bid')
  const bids = await t.ok('project', 'bids', { projectId: id }, UNITS[0]!.openid)
  expect(bids.items).toHaveLength(1)
  expect(bids.items[0]).toMatchObject({ unitId: UNITS[0]!.unitId, status: 'live', budget: 12000, timeline: [{ title: '完成入户摸排' }] })
  // Submitted, the draft is gone: opening the form again offers none.
  await open(unit, t.url, `/packages/project/bid/index?projectId=${id}`)
  await see(unit, '保存修改')
  expect(await seen(unit, '上次还有没提交的方案').count()).toBe(0)
})

describe('one project from review to acceptance', () => {
  let reviewed = ''
  let recusing = ''
  const units = UNITS

  beforeAll(async () => {
    recusing = await newProject(t, '楼道消防通道清理')
    reviewed = await newProject(t, '小区充电桩安全巡查')
    await bidAs(t, units[0]!.openid, recusing, '每周巡查一次楼道消防通道，清理堆放杂物并登记', 8000)
    await bidAs(t, units[0]!.openid, reviewed, '每月两次巡查充电桩线路与接地，发现隐患当天处置，入户宣传安全用电', 9000)
    await bidAs(t, units[1]!.openid, reviewed, '季度巡查一次，配合物业更换老化插座，组织一次消防演练', 6000)
    t.emulator.clock.advance(4 * DAY)
    await t.ok('project', 'closeBidding', { id: recusing }, 'demo-staff')
    await t.ok('project', 'closeBidding', { id: reviewed }, 'demo-staff')
  })

  test('a committee member declares a conflict on one project and scores another, seeing no one else’s score before quorum', async () => {
    // Another member scores first: the page must not show it.
    const others = committee().filter((m) => m.openid !== 'demo-committee' && !units.slice(0, 2).some((u) => u.unitId === m.unitId))
    const first = others[0]!
    const bids = (await t.ok('project', 'bids', { projectId: reviewed }, 'demo-staff')).items as { _id: string }[]
    for (const bid of bids)
      await t.ok(
        'project',
        'score',
        { projectId: reviewed, bidId: bid._id, scores: scores(7, 7, 7, 7), comment: '另一位委员的评语' },
        first.openid,
      )

    const member = await phoneAs('demo-committee')
    await open(member, t.url, '/pages/index/index')
    await tap(member, '我的评审')
    await card(member, '楼道消防通道清理').waitFor({ timeout: 15000 })
    await card(member, '小区充电桩安全巡查').getByText('待评分', { exact: true }).waitFor({ timeout: 15000 })
    await shot(member, 'committee-reviews')

    // 1. A conflict, with a reason: recused, not counted.
    await card(member, '楼道消防通道清理').getByText('评分', { exact: true }).click()
    await tap(member, '申报回避')
    await type(member, '如：本人在揭榜单位兼职', '本人配偶在揭榜单位任职')
    await tap(member, '确认回避')
    await see(member, '已回避')
    const recused = await t.ok('project', 'get', { id: recusing }, 'demo-committee')
    expect(recused.myReview.recused).toMatchObject({ kind: 'declared', reason: '本人配偶在揭榜单位任职' })
    expect(recused.availableActions).not.toContain('score')

    // 2. The other project: each bid per criterion, confirmed, then locked.
    await open(member, t.url, `/packages/project/score/index?projectId=${reviewed}`)
    const bidCards = current(member).locator('.card').filter({ hasText: '提交评分' })
    await bidCards.first().waitFor({ timeout: 15000 })
    expect(await bidCards.count()).toBe(2)
    await shot(member, 'committee-score')
    // The other unit's plan scores higher than the 供电所's, so the 供电所 ranks second.
    for (const [unitName, values, comment] of [
      ['区中医医院', [9, 8, 8, 9], '方案细致，巡查频次合适'],
      ['国网供电所', [6, 6, 7, 5], '频次偏低'],
    ] as const) {
      const c = current(member).locator('.card').filter({ hasText: '提交评分' }).filter({ hasText: unitName })
      const inputs = c.locator('input')
      for (const [j, v] of values.entries()) await inputs.nth(j).fill(String(v))
      await c.locator('textarea').fill(comment)
      await c.getByText('提交评分', { exact: true }).click()
      await see(member, /提交后分数锁定，不能修改/)
      if (unitName === '区中医医院') await shot(member, 'committee-score-confirm')
      await confirmModal(member)
      await c.waitFor({ state: 'detached', timeout: 15000 })
    }
    // The answer that says the member is done carries both locked scores.
    await see(member, '等待其他委员（法定人数）')
    expect(await seen(member, '您的评分已提交并锁定。').count()).toBe(2)
    await shot(member, 'committee-scored')

    // Nothing of the other member's score, and no ranking, before quorum and close.
    expect(await seen(member, /另一位委员的评语/).count()).toBe(0)
    expect(await seen(member, '评审结果').count()).toBe(0)
    const early = await t.call('project', 'results', { projectId: reviewed }, 'demo-committee')
    expect(early.error?.code).toBe('QUORUM_NOT_REACHED')
    const mine = (await t.ok('project', 'bids', { projectId: reviewed }, 'demo-committee')).items as {
      total?: number
      myScore?: { userId: string }
    }[]
    expect(mine.every((x) => x.total === undefined)).toBe(true)
    // A locked score cannot be given again.
    const again = await t.call(
      'project',
      'score',
      { projectId: reviewed, bidId: bids[0]!._id, scores: scores(1, 1, 1, 1) },
      'demo-committee',
    )
    expect(again.ok).toBe(false)
  })

  test('staff close the review once quorum is reached and award against the ranking only with a reason', async () => {
    // The rest of the 大党委 score until quorum is reached (the demo data decides how many that is).
    const bids = (await t.ok('project', 'bids', { projectId: reviewed }, 'demo-staff')).items as { _id: string; unitName: string }[]
    for (const m of committee()) {
      const view = await t.ok('project', 'get', { id: reviewed }, m.openid)
      if (view.review?.reached) break
      if (!view.availableActions.includes('score')) continue
      for (const bid of bids)
        if (!view.myReview?.scoredBids.includes(bid._id))
          await t.ok('project', 'score', { projectId: reviewed, bidId: bid._id, scores: scores(8, 7, 6, 8) }, m.openid)
    }
    expect((await t.ok('project', 'get', { id: reviewed }, 'demo-staff')).review.reached).toBe(true)

    const staff = await phoneAs('demo-staff')
    await open(staff, t.url, `/packages/project/detail/index?id=${reviewed}`)
    await tap(staff, '结束评审')
    await confirmModal(staff)
    await see(staff, '评审结果')
    const results = await t.ok('project', 'results', { projectId: reviewed }, 'demo-staff')
    const second = results.ranking.find((r: { rank: number }) => r.rank === 2)
    expect(second).toBeDefined()
    await shot(staff, 'staff-ranking')

    // 联席会议纪要: the button opens the Word document the function stored.
    const asked = staff.context().waitForEvent('request', { predicate: (r) => r.url().includes('/storage/files/'), timeout: 30000 })
    await tap(staff, '下载联席会议纪要')
    const doc = await fetch((await asked).url())
    expect(doc.ok).toBe(true)
    expect(
      Buffer.from(await doc.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')

    // The second-ranked bid: the sheet says it is against the ranking and a reason is required.
    await current(staff).locator('.ranking__item').filter({ hasText: second.unitName }).getByText('定为揭榜单位').click()
    await see(staff, /不按评审排名定标/)
    await shot(staff, 'staff-award-against')
    await tap(staff, '不按排名定标')
    await see(staff, /理由/)
    expect((await t.ok('project', 'get', { id: reviewed }, 'demo-staff')).status).toBe('reviewing')
    await type(staff, '为什么选这份方案', '该单位驻点在本小区，响应更快')
    await tap(staff, '不按排名定标')
    await see(staff, '揭榜单位')
    await see(staff, /未按排名定标）/, 15000)
    const awarded = await t.ok('project', 'get', { id: reviewed }, 'demo-staff')
    expect(awarded.award).toMatchObject({ bidId: second.bidId, againstRanking: true, reason: '该单位驻点在本小区，响应更快' })

    await tap(staff, '开始公示')
    await confirmModal(staff)
    await see(staff, '公示中')
    expect((await t.ok('project', 'get', { id: reviewed }, 'demo-staff')).status).toBe('publicity')
  })

  test('a resident objects during 公示 and staff answer it', async () => {
    const resident = await phoneAs('demo-resident')
    await open(resident, t.url, '/pages/index/index')
    await tap(resident, '社区项目公示')
    await card(resident, '小区充电桩安全巡查').getByText('小区充电桩安全巡查', { exact: true }).click()
    await tap(resident, '对公示结果提出异议')
    await type(resident, '您认为哪里不妥、依据是什么', '排名第一的单位为什么没有选上，希望说明')
    await tap(resident, '提交异议')
    await see(resident, '待答复')
    await shot(resident, 'resident-objection')
    const [objection] = (await t.ok('project', 'objections', { projectId: reviewed }, 'demo-staff')).items
    expect(objection).toMatchObject({ status: 'open', reason: '排名第一的单位为什么没有选上，希望说明' })
    // While it is open, work cannot start.
    expect((await t.call('project', 'start', { id: reviewed }, 'demo-staff')).ok).toBe(false)

    const staff = await phoneAs('demo-staff')
    await open(staff, t.url, `/packages/project/detail/index?id=${reviewed}`)
    await tap(staff, '答复')
    await type(staff, '核实情况和处理结果', '经大党委联席会议讨论，该单位驻点本小区，夜间响应更快，定标理由已公示')
    await tap(staff, '提交答复')
    await see(staff, '已答复')
    await see(staff, /社区答复：经大党委联席会议讨论/)
    await shot(staff, 'staff-objection-answered')
    expect((await t.ok('project', 'objections', { projectId: reviewed }, 'demo-resident')).items[0]).toMatchObject({ status: 'answered' })
  })

  test('the unit reports progress with a photo and the street accepts with a rating', async () => {
    t.emulator.clock.advance(6 * DAY)
    await t.ok('project', 'start', { id: reviewed }, 'demo-staff')
    const awarded = (await t.ok('project', 'get', { id: reviewed }, 'demo-staff')).award
    const contact = units.find((u) => u.unitId === awarded.unitId)!

    const unit = await phoneAs(contact.openid)
    await open(unit, t.url, `/packages/project/detail/index?id=${reviewed}`)
    await tap(unit, '报告进度')
    await type(unit, '0–100', '100')
    await type(unit, '做了什么、下一步做什么', '全部充电桩巡查完毕，更换老化插座 3 个')
    await addPhoto(unit, PHOTO)
    await current(unit).locator('.sheet .photos__img').first().waitFor({ timeout: 15000 })
    await tap(unit, '提交进度')
    await see(unit, '全部充电桩巡查完毕，更换老化插座 3 个')
    const reports = (await t.ok('project', 'reports', { projectId: reviewed }, 'demo-staff')).items
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ progress: 100 })
    expect(reports[0].photos).toHaveLength(1)

    const street = await phoneAs('demo-street')
    await open(street, t.url, '/pages/index/index')
    await tap(street, '街道项目与验收')
    await card(street, '小区充电桩安全巡查').getByText('小区充电桩安全巡查', { exact: true }).click()
    await tap(street, '验收')
    await tap(street, '通过验收')
    await see(street, /请/)
    expect((await t.ok('project', 'get', { id: reviewed }, 'demo-staff')).status).toBe('in_progress')
    await street.getByLabel('5 星').filter({ visible: true }).click()
    await type(street, '完成情况、居民反映', '巡查到位，居民满意')
    await shot(street, 'street-accept')
    await tap(street, '通过验收')
    await see(street, '已验收')
    await see(street, '巡查到位，居民满意')
    await shot(street, 'street-accepted')
    const done = await t.ok('project', 'get', { id: reviewed }, 'demo-street')
    expect(done).toMatchObject({ status: 'completed', acceptance: { rating: 5, note: '巡查到位，居民满意' } })
  })
})
