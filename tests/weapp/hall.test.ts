/**
 * The task hall (`packages/volunteer/hall/index`) of the weapp build as the demo volunteer
 * 王小红: it lists the demo data's open demands through the real `task.hall`, filters by
 * category on a tap, and 认领 claims one through the real `task.claim`.
 */
import { classesOf, useWeapp, type WeappPage } from './support/harness'

const w = useWeapp({ persona: 'demo-volunteer' })
const HALL = 'packages/volunteer/hall/index'
const WISH = '孙子想要一个新书包'
const ERRAND = '帮忙代买降压药'

interface DemandDoc {
  _id: string
  title: string
  status: string
  communityId: string
  assignee?: { id: string; name: string }
}

function demands(): DemandDoc[] {
  return w.emulator.database.listDocuments('demands', { skip: 0, limit: 1000 }).docs as unknown as DemandDoc[]
}

const byTitle = (title: string) => demands().find((d) => d.title === title)!

/** Whether a filter control (the element showing its label, or the node around it) is marked as chosen. */
function markedOn(label: Element): boolean {
  for (let el: Element | null = label, up = 0; el && up < 3; el = el.parentElement, up++) {
    if (classesOf(el).some((name) => /--(on|active|selected)$/.test(name))) return true
  }
  return false
}

/** The titles the hall shows, top to bottom. */
const shownTitles = (page: WeappPage) => page.byClass('demand-card__title').map((el) => el.textContent)

beforeEach(() => w.clearLog())

test('lists the open demands of the volunteer’s community, and nothing else', async () => {
  const open = demands().filter((d) => d.status === 'open' && d.communityId === 'community-xinyuan')
  expect(open.map((d) => d.title).sort()).toEqual([WISH, ERRAND].sort())

  const page = await w.open(HALL)
  await page.waitForText(WISH)
  await page.waitForText(ERRAND)
  // Newest first, as task.hall answers.
  expect(shownTitles(page)).toEqual([ERRAND, WISH])
  expect(page.byClass('demand-card')).toHaveLength(2)
  expect(page.findNear(WISH, '微心愿 · 学习用品')).toBeDefined()
  expect(page.findNear(ERRAND, '服务 · 跑腿代办')).toBeDefined()
  expect(page.findNear(WISH, '待认领 · 10 积分')).toBeDefined()
  // One 认领 per card.
  expect(page.byClass('action-bar__btn').map((el) => el.textContent)).toEqual(['认领', '认领'])
  // Demands in other states never show up in the hall.
  for (const d of demands().filter((d) => d.status !== 'open')) expect(page.text()).not.toContain(d.title)

  expect(w.wx.cloudCalls.filter((c) => c.name === 'task')).toMatchObject([
    { data: { action: 'hall' }, openid: 'demo-volunteer', status: 200 },
  ])
  page.close()
})

test('a tap on a category filters the hall through task.hall', async () => {
  const page = await w.open(HALL)
  await page.waitForText(WISH)
  expect(markedOn(page.findText('全部')!)).toBe(true)
  await page.tap(page.findNear('全部', '学习用品')!)
  await page.waitFor(() => shownTitles(page).length === 1, 'the list to narrow to one demand')
  expect(shownTitles(page)).toEqual([WISH])
  expect(w.wx.cloudCalls.filter((c) => c.name === 'task').map((c) => c.data)).toEqual([
    { action: 'hall', page: { offset: 0, limit: 50 } },
    { action: 'hall', category: 'study_supplies', page: { offset: 0, limit: 50 } },
  ])
  // The chosen category is the one marked as on (`…--on`), 全部 no longer is.
  expect(markedOn(page.findNear('全部', '学习用品')!)).toBe(true)
  expect(markedOn(page.findText('全部')!)).toBe(false)
  page.close()
})

test('认领 asks for confirmation, calls task.claim and the demand becomes the volunteer’s', async () => {
  const wish = byTitle(WISH)
  expect(wish).toMatchObject({ status: 'open' })
  expect(wish.assignee).toBeUndefined()

  const page = await w.open(HALL)
  await page.waitForText(WISH)
  await page.tap(page.findNear(WISH, '认领')!)
  await page.waitFor(() => w.wx.toasts.length > 0, 'the claim to finish')

  expect(w.wx.modals).toEqual([{ title: '认领', content: '认领后请尽快联系居民，确定认领吗？', confirmText: '确定', cancelText: '再想想' }])
  const claim = w.wx.cloudCalls.find((c) => c.name === 'task' && c.data.action === 'claim')
  expect(claim).toMatchObject({ data: { action: 'claim', id: wish._id }, openid: 'demo-volunteer', status: 200, result: { ok: true } })
  expect(w.wx.toasts).toEqual([{ title: '认领成功', icon: 'success' }])
  expect(w.wx.navigations).toEqual([{ api: 'navigateTo', url: `/packages/resident/demand/index?id=${wish._id}` }])

  // In the database: claimed (accepted at once) by 王小红.
  const after = byTitle(WISH)
  expect(after.status).not.toBe('open')
  expect(after.assignee).toMatchObject({ id: 'user-volunteer', name: '王小红' })

  // The hall reloads and no longer offers it; the other one stays.
  await page.waitFor(() => !page.text().includes(WISH), 'the claimed demand to leave the hall')
  expect(shownTitles(page)).toEqual([ERRAND])
  page.close()
})
