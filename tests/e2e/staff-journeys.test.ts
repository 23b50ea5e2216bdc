/**
 * The staff and grid-worker side in real Chromium, one journey per path: the grid worker's
 * 代点单 and his list; the unit contact's tasks; 双报到 registration and staff review; a
 * duplicate offered at order time and followed; merge by picking; dispatch to any unit, ranked;
 * publish from the inbox card with a confirmation; street and admin choosing the community.
 * Each journey's key screen is saved in docs/screenshots/ at 375 px wide.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { card, idInUrl, open, pageAs, see, seen, tap, type } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const SHOTS = join(root, 'docs', 'screenshots')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

/** A 375×667 page at one device pixel per CSS pixel, so screenshots are 375 px wide. */
const phoneAs = (openid: string): Promise<Page> => pageAs(b, openid, { deviceScaleFactor: 1 })

async function shot(page: Page, name: string): Promise<void> {
  // Let transitions and toasts settle so the picture shows the page as a person sees it.
  await page.waitForTimeout(700)
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

const field = (page: Page, label: string) =>
  page.locator('.field').filter({ visible: true }).filter({ hasText: label }).locator('input').first()

test('grid worker: 代点单 for an offline resident, with the resident’s consent line, then finds it in his list', async () => {
  const grid = await phoneAs('demo-grid')
  await open(grid, t.url, '/packages/resident/order/index?kind=service&onBehalf=1')
  await see(grid, '您正在以网格员身份为居民点单，居民会收到办理进度。')
  await tap(grid, '跑腿代办')
  await type(grid, '如：帮忙修理水龙头', '代孙奶奶取药')
  await type(grid, '需要什么帮助、什么时候方便、有什么要注意的', '孙奶奶腿脚不便，想请人去社区医院取降压药')
  await tap(grid, '新园社区第1网格')
  await type(grid, '小区、楼号、单元、门牌', '新园社区7号楼1单元201')
  await type(grid, '为谁点单', '孙奶奶')
  await type(grid, '手机号或座机', '13900000031')
  // Acting for someone else, the line speaks of the resident's details, not his own.
  await see(grid, '居民已同意社区工作人员和接单人在办理期间查看居民的联系方式')
  expect(await seen(grid, '我同意社区工作人员和接单人在办理期间查看我的联系方式').count()).toBe(0)
  await tap(grid, '居民已同意社区工作人员和接单人在办理期间查看居民的联系方式')
  await tap(grid, '提交点单')
  await see(grid, '点单已提交')
  await tap(grid, '查看办理进度')
  await see(grid, '办理进度')
  const id = idInUrl(grid)

  await open(grid, t.url, '/pages/index/index')
  await tap(grid, '我代办的点单')
  await card(grid, '代孙奶奶取药').waitFor({ timeout: 15000 })
  await see(grid, '居民：孙奶奶 13900000031')
  // The seeded 代办 for 李大爷 is there too, with its progress.
  await card(grid, '代李大爷预约上门理发').waitFor({ timeout: 15000 })
  await shot(grid, 'grid-on-behalf-list')
  const listed = await t.ok('demand', 'listOnBehalf', {}, 'demo-grid')
  expect(listed.items[0]).toMatchObject({ _id: id, status: 'submitted', contactName: '孙奶奶' })
})

test('unit contact: the tasks dispatched to the power-supply unit, accepted from the list', async () => {
  const unit = await phoneAs('demo-unit')
  await open(unit, t.url, '/packages/volunteer/tasks/index')
  await card(unit, '厨房插座冒火花').waitFor({ timeout: 15000 })
  await card(unit, '厨房插座冒火花').getByText('接单', { exact: true }).click()
  await card(unit, '厨房插座冒火花').getByText('开始服务', { exact: true }).waitFor({ timeout: 15000 })
  await shot(unit, 'unit-tasks')
  const d = await t.ok('demand', 'get', { id: 'demo-demand-08' }, 'demo-staff')
  expect(d.assignee).toMatchObject({ type: 'unit', id: 'unit-power' })
  expect(d.assignee.acceptedAt).toBeGreaterThan(0)
})

test('双报到: a resident registers as a volunteer and staff approve her', async () => {
  const resident = await phoneAs('demo-resident-2')
  await open(resident, t.url, '/packages/volunteer/register/index')
  await field(resident, '姓名').waitFor({ timeout: 15000 })
  await field(resident, '姓名').fill('李大爷')
  await field(resident, '手机号').fill('13800000002')
  await tap(resident, '电路检修')
  await tap(resident, '新园社区')
  await tap(resident, '提交报到')
  await see(resident, '审核通过后即可在任务大厅认领任务。')

  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, '/packages/staff/volunteers/index')
  const applicant = staff.locator('.card').filter({ visible: true }).filter({ hasText: '李大爷' })
  await applicant.waitFor({ timeout: 15000 })
  await shot(staff, 'staff-volunteer-review')
  await applicant.getByText('通过', { exact: true }).click()
  await applicant.waitFor({ state: 'detached', timeout: 15000 })
  const me = await t.ok('user', 'login', {}, 'demo-resident-2')
  expect(me.volunteer).toMatchObject({ status: 'verified', skills: ['电路检修'] })
  expect(me.grants.some((g: { role: string }) => g.role === 'volunteer')).toBe(true)
})

test('a resident ordering the same problem is offered the open report and follows it instead', async () => {
  const resident = await phoneAs('demo-volunteer')
  await open(resident, t.url, '/packages/resident/order/index?kind=report')
  await tap(resident, '路灯损坏')
  await tap(resident, '新园社区第1网格')
  await type(resident, '如：3号楼路灯不亮', '3号楼前的路灯不亮了')
  await see(resident, '这个问题已有人反映，跟进它')
  await see(resident, '3号楼前路灯不亮')
  await shot(resident, 'resident-duplicate-offer')
  const before = (await t.db.collection('demands').where({ createdBy: 'user-volunteer' }).count()).total
  await tap(resident, '跟进它')
  await see(resident, '办理进度')
  expect(idInUrl(resident)).toBe('demo-demand-02')
  const stored = (await t.db.collection('demands').where({ _id: 'demo-demand-02' }).get()).data[0]
  expect(stored.followers).toEqual(['user-volunteer'])
  // Following is not ordering: no new demand.
  expect((await t.db.collection('demands').where({ createdBy: 'user-volunteer' }).count()).total).toBe(before)
  // She finds it again under 我跟进的问题, masked: someone else's report.
  await open(resident, t.url, '/packages/resident/following/index')
  await card(resident, '3号楼前路灯不亮').waitFor({ timeout: 15000 })
  expect(await seen(resident, /13800000002/).count()).toBe(0)
})

test('staff merge a duplicate by picking it from the likely ones, never typing an id', async () => {
  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, '/packages/resident/demand/index?id=demo-demand-13')
  await tap(staff, '合并')
  await see(staff, /合并到哪一条/)
  await tap(staff, '3号楼前路灯不亮')
  await see(staff, '✓ 已选')
  await shot(staff, 'staff-merge-pick')
  await tap(staff, '确认合并')
  await see(staff, '已合并')
  const merged = await t.ok('demand', 'get', { id: 'demo-demand-13' }, 'demo-staff')
  expect(merged).toMatchObject({ status: 'merged', mergedInto: 'demo-demand-02' })
})

test('dispatch: what is dispatched is shown, every unit can be chosen, the power-supply unit ranks first for a street light', async () => {
  await t.ok('dispatch', 'accept', { id: 'demo-demand-02' }, 'demo-staff')
  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, '/packages/staff/dispatch/index?id=demo-demand-02')
  await see(staff, '3号楼和4号楼之间的路灯坏了一个星期，晚上很黑。')
  await see(staff, '紧急')
  await tap(staff, '派单给所选')
  await see(staff, /还没有选择接单人/)
  const units = staff.locator('.pick').filter({ visible: true }).filter({ hasText: '可提供' })
  await units.first().waitFor({ timeout: 15000 })
  expect(await units.count()).toBe(5)
  await expect(units.first().textContent()).resolves.toContain('国网供电所')
  await expect(units.first().textContent()).resolves.toContain('资源对口')
  await type(staff, '搜索姓名、技能或单位资源', '小红')
  await seen(staff, '国网供电所').first().waitFor({ state: 'detached', timeout: 15000 })
  await type(staff, '搜索姓名、技能或单位资源', '')
  await tap(staff, '国网供电所')
  await see(staff, '✓ 已选')
  await shot(staff, 'staff-dispatch')
  await tap(staff, '派单给 国网供电所')
  await see(staff, '办理进度')
  const d = await t.ok('demand', 'get', { id: 'demo-demand-02' }, 'demo-staff')
  expect(d.assignee).toMatchObject({ type: 'unit', id: 'unit-power' })
})

test('publishing from the inbox card asks first, with buttons that say what they do, and keeps the hall note from the dispatch page', async () => {
  const staff = await phoneAs('demo-staff')
  await open(staff, t.url, '/packages/staff/inbox/index')
  await tap(staff, '待派单')
  const tv = card(staff, '家里电视没有信号')
  await tv.waitFor({ timeout: 15000 })
  await tv.getByText('发布到任务大厅', { exact: true }).click()
  await see(staff, '确认发布')
  await see(staff, '先不发布')
  await shot(staff, 'staff-publish-confirm')
  await tap(staff, '先不发布')
  expect((await t.ok('demand', 'get', { id: 'demo-demand-03' }, 'demo-staff')).status).toBe('accepted')
  await tv.getByText('发布到任务大厅', { exact: true }).click()
  await tap(staff, '确认发布')
  await tv.waitFor({ state: 'detached', timeout: 15000 })
  expect((await t.ok('demand', 'get', { id: 'demo-demand-03' }, 'demo-staff')).status).toBe('open')

  // From the dispatch page, the note goes with it.
  await open(staff, t.url, '/packages/staff/dispatch/index?id=demo-demand-14')
  await see(staff, '代李大爷预约上门理发')
  await staff.locator('textarea').filter({ visible: true }).first().fill('请带上围布')
  await tap(staff, '发布到任务大厅')
  await see(staff, '办理进度')
  const d = await t.ok('demand', 'get', { id: 'demo-demand-14' }, 'demo-staff')
  expect(d.timeline.at(-1)).toMatchObject({ action: 'publish', note: '请带上围布' })
})

test('street staff: all or one community of the street, with real grid names; the choice is remembered', async () => {
  const street = await phoneAs('demo-street')
  await open(street, t.url, '/packages/staff/inbox/index')
  await see(street, '全部社区')
  await see(street, '果园南社区')
  await see(street, /新园社区第1网格 ·/)
  expect(await seen(street, /^本社区 ·/).count()).toBe(0)
  await shot(street, 'street-inbox')
  await tap(street, '果园南社区')
  await street.locator('.chip--on').filter({ hasText: '果园南社区' }).first().waitFor({ timeout: 15000 })
  await street.waitForTimeout(800)
  expect(await seen(street, /新园社区第\d网格 ·/).count()).toBe(0)
  await street.reload()
  await street.locator('.chip--on').filter({ hasText: '果园南社区' }).first().waitFor({ timeout: 15000 })
})

test('admin: the 受理台 opens on a community instead of dead-ending, and another can be chosen and is remembered', async () => {
  const admin = await phoneAs('demo-admin')
  await open(admin, t.url, '/packages/staff/inbox/index')
  // The first community is chosen for him: a list, not "请选择社区".
  await admin.locator('.chip--on').filter({ visible: true }).filter({ hasText: '果园南社区' }).first().waitFor({ timeout: 15000 })
  await see(admin, '这里没有需要处理的点单')
  expect(await seen(admin, '请选择社区').count()).toBe(0)
  await see(admin, '幸福东社区')
  await tap(admin, '新园社区')
  await see(admin, /新园社区第\d网格 ·/)
  await shot(admin, 'admin-inbox')
  await admin.reload()
  await admin.locator('.chip--on').filter({ visible: true }).filter({ hasText: '新园社区' }).first().waitFor({ timeout: 15000 })
  await see(admin, /新园社区第\d网格 ·/)
})
