/**
 * The 大党委 scoring page (`packages/project/score/index`) of the weapp build as the demo
 * member 周委员, on the demo project in review (楼道照明改造): three other members have
 * scored it, and nothing of their scores or comments reaches his page; he scores one bid per
 * criterion, the confirmation says the score is locked, and the page then shows it locked
 * with the review still waiting for quorum. Every node it renders has a template.
 */
import { useWeapp, type WeappPage } from './support/harness'

const w = useWeapp({ persona: 'demo-committee' })
const SCORE = 'packages/project/score/index'
const REVIEWS = 'packages/project/reviews/index'
const PROJECT = 'proj-demo-lights'

beforeEach(() => w.clearLog())

/** The text boxes of the bid card showing `unitName`, in order. */
function boxes(page: WeappPage, unitName: string): Element[] {
  const card = page.byClass('card').find((c) => c.textContent?.includes(unitName) && c.textContent.includes('提交评分'))
  if (!card) throw new Error(`no bid card of ${unitName} to score`)
  return Array.from(card.querySelectorAll('wx-input, wx-textarea'))
}

test('我的评审 lists the project in review as waiting for his score', async () => {
  const page = await w.open(REVIEWS)
  await page.waitForText('楼道照明改造', 30_000)
  expect(page.findNear('楼道照明改造', '待评分')).toBeDefined()
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})

test('no other member’s score or comment is on the page before quorum; his own score is confirmed, then locked', async () => {
  const page = await w.open(SCORE, { projectId: PROJECT })
  await page.waitForText('国网供电所')
  await page.waitForText('区人民法院')
  expect(page.text()).toContain('待评分')
  for (const other of ['方案细致，维保承诺好', '居民最关心的线路问题也考虑到了', '专业力量不足', '钱委员', '冯委员', '郑委员'])
    expect(page.text()).not.toContain(other)
  expect(page.text()).not.toMatch(/加权总分|第 \d+ 名/)

  const [a, b, c, comment] = boxes(page, '国网供电所')
  await page.input(a!, '8')
  await page.input(b!, '7')
  await page.input(c!, '8')
  await page.input(comment!, '线路改造考虑周全')
  await page.tap(page.findNear('国网供电所', '提交评分')!)
  await page.waitFor(() => w.wx.modals.length > 0, 'the confirmation')
  expect(w.wx.modals[0]).toMatchObject({
    title: '提交对「国网供电所」的评分',
    content: expect.stringContaining('提交后分数锁定，不能修改'),
  })
  await page.waitForText('您的评分已提交并锁定。')
  const call = w.wx.cloudCalls.find((x) => x.name === 'project' && x.data.action === 'score')
  expect(call).toMatchObject({ openid: 'demo-committee', result: { ok: true } })
  expect(call!.data).toMatchObject({ projectId: PROJECT, scores: { 方案可行性: 8, 资源投入: 7, 服务经验: 8 }, comment: '线路改造考虑周全' })
  // Still his own only: another bid waits, and the others' comments stay away.
  expect(page.text()).toContain('线路改造考虑周全')
  expect(page.text()).not.toContain('方案细致，维保承诺好')
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})
