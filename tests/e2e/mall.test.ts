/**
 * The points mall in real Chromium, through the H5 build served by the emulator with the
 * demo data: a volunteer redeems a reward from the mall (confirmation sheet), sees the pickup
 * code in 我的兑换 (digits, and on request a 小程序码), staff type the code on the 核销 page, check what to hand over and confirm;
 * a second try of the same code is told when and by whom it was handed over.
 */
import { join } from 'node:path'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { card, open, pageAs, see, tap, type } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

async function shot(page: Parameters<typeof b.screenshot>[0], name: string): Promise<void> {
  await page.waitForTimeout(700)
  await b.screenshot(page, `mall-${name}`)
}

test('a volunteer redeems a reward, shows the code, and staff hand it over once', async () => {
  const reward = await t.ok(
    'mall',
    'upsertReward',
    {
      communityId: 'community-xinyuan',
      name: '春联礼包',
      cost: 10,
      stock: 5,
      pickupPlace: '社区党群服务中心一楼',
      description: '手写春联一副、福字两张。',
    },
    'demo-staff',
  )
  const before = await t.ok('points', 'balance', {}, 'demo-volunteer')

  // 1. The volunteer browses the mall and redeems, confirming in the sheet.
  const volunteer = await pageAs(b, 'demo-volunteer')
  await open(volunteer, t.url, '/packages/mall/rewards/index')
  await card(volunteer, '春联礼包').waitFor({ timeout: 15000 })
  await see(volunteer, '可用积分', 15000).catch(() => undefined)
  await shot(volunteer, 'rewards')
  await card(volunteer, '春联礼包').getByText('兑换', { exact: true }).click()
  await see(volunteer, '兑换「春联礼包」')
  await shot(volunteer, 'confirm')
  await tap(volunteer, '用 10 积分兑换')

  // 2. 我的兑换 shows the reservation and its code.
  await see(volunteer, '领取时出示兑换码')
  const [mine] = (await t.db.collection('mall_redemptions').where({ rewardId: reward._id }).get()).data
  expect(mine).toMatchObject({ userId: 'user-volunteer', status: 'reserved', cost: 10 })
  await see(volunteer, `${mine.code.slice(0, 4)} ${mine.code.slice(4)}`)
  // On request, the code as a 小程序码 too (the newest redemption comes first).
  await tap(volunteer, '显示二维码')
  const shown = await volunteer.waitForFunction(() => {
    const img = Array.from(document.querySelectorAll<HTMLImageElement>('.pickup-code__qr img')).find((i) => i.offsetParent !== null)
    return img && img.complete && img.naturalWidth > 0 ? img.naturalWidth : false
  })
  expect(await shown.jsonValue()).toBe(430)
  await shot(volunteer, 'code')
  expect(await t.ok('points', 'balance', {}, 'demo-volunteer')).toMatchObject({
    balance: before.balance - 10,
    reserved: before.reserved + 10,
  })

  // 3. Staff type the code, see what to hand over, and confirm.
  const staff = await pageAs(b, 'demo-staff')
  await open(staff, t.url, '/packages/mall/verify/index')
  await type(staff, '请输入兑换人出示的 8 位数字', mine.code)
  await tap(staff, '查询兑换码')
  await see(staff, '请核对后发放')
  await see(staff, '王小红')
  await shot(staff, 'verify')
  await tap(staff, '已发放「春联礼包」，确认核销')
  await see(staff, '核销成功')
  await shot(staff, 'verified')
  expect((await t.db.collection('mall_redemptions').where({ _id: mine._id }).get()).data[0]).toMatchObject({
    status: 'fulfilled',
    fulfilledBy: 'user-staff',
  })

  // 4. The same code again: handed over already, by whom.
  await type(staff, '请输入兑换人出示的 8 位数字', mine.code)
  await tap(staff, '查询兑换码')
  await see(staff, /由 刘书记 核销，请勿重复发放/)
  const audit = (await t.db.collection('audit_log').where({ chain: 'community-xinyuan', action: 'mall.handover' }).get()).data
  expect(audit.filter((e: any) => e.target.id === mine._id)).toHaveLength(1)

  // 5. The volunteer sees it handed over.
  await volunteer.reload()
  await see(volunteer, '已领取')
})
