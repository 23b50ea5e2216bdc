/**
 * The service loop in real Chromium, every role through the H5 build served by the emulator
 * with the functions, schema and demo data: a resident orders with a photo → staff accepts and
 * assigns → the volunteer accepts, starts and completes → the resident confirms and rates →
 * staff closes → the volunteer's points show the award. Also the hall (publish → claim) and a
 * rejection the resident sees with its reason. Each step leaves a screenshot in test-artifacts/.
 */
import { join } from 'node:path'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { addPhoto, card, idInUrl, open, pageAs, PHOTO, see, seen, tap, type } from './support/h5'
import { settleAll } from '../functions/support/settle'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

const TITLE = '帮忙换个灯泡'
async function shot(page: Parameters<typeof b.screenshot>[0], name: string): Promise<void> {
  // Let page transitions and toasts settle so the picture shows the page as a person sees it.
  await page.waitForTimeout(700)
  await b.screenshot(page, `loop-${name}`)
}

function demand(title: string, requestId: string) {
  return {
    kind: 'service',
    category: 'errand',
    title,
    detail: '腿脚不便，想请人帮忙跑一趟',
    address: '新园社区5号楼1单元302',
    gridId: 'community-xinyuan-grid-1',
    contactName: '李大爷',
    contactPhone: '13800000002',
    requestId,
    consent: true,
  }
}

test('a service order goes round the whole loop and the volunteer gets the points', async () => {
  // 1. The resident orders a service with a photo.
  const resident = await pageAs(b, 'demo-resident')
  await open(resident, t.url, '/pages/index/index')
  await see(resident, '我要点单')
  await see(resident, '已连接')
  await shot(resident, '01-resident-home')
  await tap(resident, '服务')
  await see(resident, '助老助残')
  await tap(resident, '提交点单')
  await see(resident, '请先勾选同意查看联系方式')
  await see(resident, '标题至少 2 个字')
  await shot(resident, '02-order-errors')
  await tap(resident, '助老助残')
  await type(resident, '如：帮忙修理水龙头', TITLE)
  await type(resident, '需要什么帮助、什么时候方便、有什么要注意的', '厨房灯泡坏了，我够不着，想请人帮忙换一下')
  await addPhoto(resident, PHOTO)
  await resident.locator('.photos__img').filter({ visible: true }).first().waitFor({ timeout: 15000 })
  await tap(resident, '新园社区第1网格')
  await type(resident, '小区、楼号、单元、门牌', '新园社区3号楼2单元501')
  await tap(resident, '紧急')
  await type(resident, '如：周六上午', '今天下午')
  await tap(resident, '我同意社区工作人员和接单人在办理期间查看我的联系方式')
  await shot(resident, '03-order-filled')
  await resident.locator('.field').filter({ visible: true }).first().scrollIntoViewIfNeeded()
  await shot(resident, '03-order-top')
  await tap(resident, '提交点单')
  await see(resident, '点单已提交')
  await tap(resident, '查看办理进度')
  await see(resident, '办理进度')
  await see(resident, '等待社区受理')
  const id = idInUrl(resident)
  await shot(resident, '04-resident-submitted')
  const stored = await t.ok('demand', 'get', { id }, 'demo-resident')
  expect(stored).toMatchObject({ title: TITLE, status: 'submitted', urgency: 'urgent', contactName: '张阿姨' })
  expect(stored.photos).toHaveLength(1)
  const photo = await fetch(`${t.url}/storage/files/${stored.photos[0].replace(/^cloud:\/\/[^/]+\//, '')}`)
  expect(photo.status).toBe(200)

  // 2. Staff accept it in the triage inbox and dispatch it to the volunteer.
  const staff = await pageAs(b, 'demo-staff')
  await open(staff, t.url, '/packages/staff/inbox/index')
  await card(staff, TITLE).waitFor({ timeout: 15000 })
  await shot(staff, '05-staff-triage')
  await card(staff, TITLE).getByText('受理', { exact: true }).click()
  await seen(staff, TITLE).first().waitFor({ state: 'detached', timeout: 15000 })
  await tap(staff, '待派单')
  await card(staff, TITLE).getByText('派单', { exact: true }).click()
  await see(staff, '选择接单人')
  await tap(staff, '王小红')
  await see(staff, '✓ 已选')
  await shot(staff, '06-staff-dispatch')
  await tap(staff, '派单给 王小红')
  await see(staff, '办理进度')
  await see(staff, '已派单')
  await shot(staff, '07-staff-dispatched')

  // 3. The volunteer accepts, starts and completes it.
  const volunteer = await pageAs(b, 'demo-volunteer')
  await open(volunteer, t.url, '/packages/volunteer/tasks/index')
  await card(volunteer, TITLE).waitFor({ timeout: 15000 })
  await shot(volunteer, '08-volunteer-tasks')
  await card(volunteer, TITLE).getByText('接单', { exact: true }).click()
  await card(volunteer, TITLE).getByText('开始服务', { exact: true }).waitFor({ timeout: 15000 })
  await card(volunteer, TITLE).getByText('开始服务', { exact: true }).click()
  await card(volunteer, TITLE).getByText('完成', { exact: true }).waitFor({ timeout: 15000 })
  await card(volunteer, TITLE).getByText('完成', { exact: true }).click()
  await type(volunteer, '做了什么、现在怎么样', '已换好新灯泡，检查了开关')
  await type(volunteer, '如 1.5', '1')
  await shot(volunteer, '09-volunteer-complete')
  await tap(volunteer, '确认已完成服务')
  await card(volunteer, TITLE).getByText('待居民确认', { exact: true }).waitFor({ timeout: 15000 })
  await shot(volunteer, '10-volunteer-done')

  // 4. The resident confirms and rates.
  await resident.reload()
  await see(resident, '服务已完成，请您确认')
  await tap(resident, '确认完成')
  await tap(resident, '确定')
  await see(resident, '等待社区办结')
  await tap(resident, '评价')
  await resident.locator('.stars__star').filter({ visible: true }).nth(4).click()
  await see(resident, '非常满意')
  await type(resident, '说说您的感受', '小王很热心，谢谢社区')
  await shot(resident, '11-resident-rate')
  await tap(resident, '提交评价')
  await see(resident, /★★★★★/)
  await shot(resident, '12-resident-rated')

  // 5. Staff close it (评单, 销号).
  await open(staff, t.url, `/packages/resident/demand/index?id=${id}`)
  await staff.reload()
  await tap(staff, '销号')
  await type(staff, '办理情况评价', '按时办结，居民满意')
  await tap(staff, '确认销号')
  await see(staff, '已办结')
  await shot(staff, '13-staff-closed')

  // 6. The volunteer's points show the award once the settle timer (every minute) has run.
  expect(await settleAll(t)).toMatchObject({ closes: 1, awards: 1 })
  await open(volunteer, t.url, '/packages/volunteer/points/index')
  await volunteer.reload()
  await see(volunteer, `完成「${TITLE}」`)
  await see(volunteer, '+20')
  const balance = await t.ok('points', 'balance', {}, 'demo-volunteer')
  await see(volunteer, String(balance.balance))
  expect((await t.ok('points', 'reconcile', { ownerType: 'user', ownerId: 'user-volunteer' }, 'demo-admin')).consistent).toBe(true)
  await shot(volunteer, '14-volunteer-points')
})

test('staff publish to the task hall and a volunteer claims it', async () => {
  const title = '帮忙取个快递'
  const created = await t.ok('demand', 'create', demand(title, 'req-e2e-hall-1'), 'demo-resident-2')
  await t.ok('dispatch', 'accept', { id: created._id }, 'demo-staff')

  const staff = await pageAs(b, 'demo-staff')
  await open(staff, t.url, `/packages/staff/dispatch/index?id=${created._id}`)
  await see(staff, '选择接单人')
  await tap(staff, '发布到任务大厅')
  await see(staff, '待认领')
  await shot(staff, '20-staff-published')

  const volunteer = await pageAs(b, 'demo-volunteer-2')
  await open(volunteer, t.url, '/packages/volunteer/hall/index')
  await card(volunteer, title).waitFor({ timeout: 15000 })
  await shot(volunteer, '21-volunteer-hall')
  await card(volunteer, title).getByText('认领', { exact: true }).click()
  await tap(volunteer, '确定')
  await see(volunteer, '办理进度')
  await see(volunteer, '已接单，待开始服务')
  await see(volunteer, '开始服务')
  await shot(volunteer, '22-volunteer-claimed')
  const after = await t.ok('demand', 'get', { id: created._id }, 'demo-staff')
  expect(after.assignee).toMatchObject({ name: '赵志强' })
})

test('staff reject an order with a reason and the resident sees 未受理 and why', async () => {
  const title = '小区门口垃圾没人清'
  await t.ok('demand', 'create', { ...demand(title, 'req-e2e-reject-1'), kind: 'report', category: 'rubbish' }, 'demo-resident-2')

  const staff = await pageAs(b, 'demo-staff')
  await open(staff, t.url, '/packages/staff/inbox/index')
  await card(staff, title).waitFor({ timeout: 15000 })
  await card(staff, title).getByText('不予受理', { exact: true }).click()
  await type(staff, '请填写原因', '属于物业职责，已转告物业公司处理')
  await shot(staff, '30-staff-reject')
  await tap(staff, '确认不予受理')
  await seen(staff, title).first().waitFor({ state: 'detached', timeout: 15000 })

  const resident = await pageAs(b, 'demo-resident-2')
  await open(resident, t.url, '/packages/resident/demands/index')
  await tap(resident, '未受理')
  await card(resident, title).waitFor({ timeout: 15000 })
  await see(resident, '原因：属于物业职责，已转告物业公司处理')
  await shot(resident, '31-resident-rejected')
})

test('我的: a volunteer switches role and turns on 长辈模式, which the home page keeps', async () => {
  const page = await pageAs(b, 'demo-volunteer')
  await open(page, t.url, '/pages/mine/index')
  await see(page, '切换角色')
  await see(page, '任务大厅')
  await shot(page, '40-mine-volunteer')
  await page.locator('.chip').filter({ visible: true }).filter({ hasText: '居民' }).click()
  await see(page, '志愿者报到')
  await page.locator('[role="switch"]').filter({ visible: true }).first().click()
  await page.locator('.screen--elder').filter({ visible: true }).first().waitFor({ timeout: 15000 })
  await open(page, t.url, '/pages/index/index')
  await page.reload()
  await see(page, '王小红，您好')
  await shot(page, '41-home-elder')
  const me = await t.ok('user', 'login', {}, 'demo-volunteer')
  expect(me.profile.elderMode).toBe(true)
})
