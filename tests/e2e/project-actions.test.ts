/**
 * 揭榜 steps taken back, and a demand turned into a project, in real Chromium through the H5
 * build with the demo data: a unit contact withdraws its bid from the project's page and finds
 * the withdrawal in the project's history; a 大党委 member withdraws a locked score, is told it
 * stays on record, and scores the bid again; community staff turn a demand into a project from
 * the demand's page and find the editor filled from it, the demand linked.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { current, open, pageAs, see, seen, tap, type } from './support/h5'
import { bidAs, C1, DAY, newProject, scores } from './support/projects'

jest.setTimeout(240_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

const phoneAs = (openid: string): Promise<Page> => pageAs(b, openid)

async function confirmModal(page: Page): Promise<void> {
  const button = page.locator('.taro-model__confirm').filter({ visible: true })
  await button.waitFor({ timeout: 15000 })
  await button.click()
}

afterAll(() => t.emulator.clock.reset())

test('a unit contact changes, then withdraws its bid from the project page; the withdrawal is in the history under the unit', async () => {
  const id = await newProject(t, '3号楼楼道扶手维修')
  const bidId = await bidAs(t, 'demo-unit', id, '先排查松动扶手，再分两批维修加固，最后请居民验收')
  const unit = await phoneAs('demo-unit')
  await open(unit, t.url, `/packages/project/detail/index?id=${id}`)
  await see(unit, '本单位的揭榜方案')
  await see(unit, '撤回投标')

  // 修改方案 opens the bid editor on the live bid.
  await tap(unit, '修改方案')
  await see(unit, '保存修改')
  expect(await current(unit).locator('textarea').first().inputValue()).toContain('先排查松动扶手')
  await unit.goBack()

  await tap(unit, '撤回投标')
  await see(unit, /进程记录里会留下“国网供电所撤回揭榜方案”/)
  await type(unit, '可不填', '本月人手不足')
  await tap(unit, '确认撤回')
  // Withdrawn: the unit may write a new bid, and is offered nothing on the old one.
  await see(unit, '写揭榜方案')
  expect(await seen(unit, '撤回投标').count()).toBe(0)
  expect(await seen(unit, '修改方案').count()).toBe(0)
  await see(unit, '撤回揭榜方案')
  const step = current(unit).locator('.timeline__item').filter({ hasText: '撤回揭榜方案' })
  expect(await step.count()).toBe(1)
  expect(await step.innerText()).toContain('国网供电所')
  // The reason went to the bid, not into the public history.
  expect(await step.innerText()).not.toContain('本月人手不足')

  const [bid] = (await t.ok('project', 'bids', { projectId: id }, 'demo-unit')).items as { _id: string; status: string }[]
  expect(bid).toMatchObject({ _id: bidId, status: 'withdrawn', withdrawReason: '本月人手不足' })
  const project = await t.ok('project', 'get', { id }, 'demo-resident')
  expect(project.bidCount).toBe(0)
  expect(project.timeline.filter((e: { action: string }) => e.action === 'withdrawBid')).toHaveLength(1)
})

test('a committee member withdraws a locked score, is told it stays on record, and scores the bid again', async () => {
  const id = await newProject(t, '小区路灯夜间巡查')
  const bidId = await bidAs(t, 'demo-unit-hospital', id, '每周夜间巡查一次路灯，损坏当天报修，配合物业更换灯具')
  t.emulator.clock.advance(4 * DAY)
  await t.ok('project', 'closeBidding', { id }, 'demo-staff')
  await t.ok('project', 'score', { projectId: id, bidId, scores: scores(8, 8, 8, 8) }, 'demo-committee')

  const member = await phoneAs('demo-committee')
  await open(member, t.url, `/packages/project/score/index?projectId=${id}`)
  await see(member, '您的评分已提交并锁定。')
  await tap(member, '撤回评分')
  await see(member, /撤回会被记录：原分数、撤回时间和原因都保留在评审记录中/)
  // The reason is required: the contract refuses an empty one.
  await tap(member, '确认撤回')
  expect(await seen(member, '您的评分已提交并锁定。').count()).toBe(1)
  await type(member, '如：两项分数填反了', '服务能力与预算两项填反了')
  await tap(member, '确认撤回')

  // The form is back for that bid: score again.
  const form = current(member).locator('.card').filter({ hasText: '提交评分' })
  await form.waitFor({ timeout: 15000 })
  const inputs = form.locator('input')
  for (const [j, v] of [9, 7, 8, 8].entries()) await inputs.nth(j).fill(String(v))
  await form.getByText('提交评分', { exact: true }).click()
  await confirmModal(member)
  await see(member, '您的评分已提交并锁定。')

  const stored = t.emulator.database
    .listDocuments('project_scores', { skip: 0, limit: 1000 })
    .docs.filter((s) => s.projectId === id && s.userId === 'user-committee')
  expect(stored.map((s) => [s.status, (s.scores as Record<string, number>)['服务能力']]).sort()).toEqual([
    ['submitted', 7],
    ['withdrawn', 8],
  ])
  expect(stored.find((s) => s.status === 'withdrawn')!.withdrawReason).toBe('服务能力与预算两项填反了')
})

test('community staff turn a demand into a project: the editor is filled from the demand and the project links it', async () => {
  const demand = t.emulator.database
    .listDocuments('demands', { skip: 0, limit: 100000 })
    .docs.find((d) => d.communityId === C1 && d.ownerId === 'user-resident' && String(d.title).length <= 40)!
  expect(demand).toBeDefined()

  // The resident reading her own demand is not offered it.
  const resident = await phoneAs('demo-resident')
  await open(resident, t.url, `/packages/resident/demand/index?id=${demand._id}`)
  await see(resident, String(demand.title))
  expect(await seen(resident, '转为项目').count()).toBe(0)

  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, `/packages/resident/demand/index?id=${demand._id}`)
  await see(staff, String(demand.title))
  await tap(staff, '转为项目')
  await see(staff, `由群众点单「${demand.title}」立项，已按点单内容预填，请补充后保存。`)
  expect(await current(staff).locator('input').first().inputValue()).toBe(String(demand.title))

  await type(staff, '做成后居民能得到什么', '点单反映的问题得到解决，居民满意')
  await type(staff, '如 20000', '5000')
  await tap(staff, '两周后')
  await tap(staff, '保存草稿')
  await see(staff, '修改任务书')
  const drafts = (await t.ok('project', 'list', { communityId: C1 }, 'demo-staff')).items as {
    title: string
    demandIds: string[]
    status: string
  }[]
  const made = drafts.filter((p) => p.demandIds.includes(String(demand._id)))
  expect(made).toHaveLength(1)
  expect(made[0]).toMatchObject({ title: demand.title, status: 'draft' })
})
