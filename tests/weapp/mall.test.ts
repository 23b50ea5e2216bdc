/**
 * The points mall (`packages/mall/rewards/index`) of the weapp build as the demo volunteer
 * 王小红: it lists her community's rewards from the demo data (not the offer still waiting for
 * approval) with her available points, and 兑换 asks in a sheet, then redeems through the
 * real `mall.redeem` and opens 我的兑换.
 */
import { useWeapp } from './support/harness'

const w = useWeapp({ persona: 'demo-volunteer' })
const MALL = 'packages/mall/rewards/index'

beforeEach(() => w.clearLog())

test('lists the community’s rewards and the volunteer’s points', async () => {
  const page = await w.open(MALL)
  // The first page also logs in and starts the functions cold.
  await page.waitForText('环保购物袋', 30_000)
  for (const name of ['理发服务券', '家用电路安全检查']) expect(page.text()).toContain(name)
  // Waiting for approval, and other communities' rewards: not offered here.
  for (const name of ['中医体质辨识', '洗衣液', '粮油套装']) expect(page.text()).not.toContain(name)
  expect(page.byClass('mall-balance__value').map((el) => el.textContent)).toEqual(['60'])
  expect(page.text()).toContain('另有 30 分已兑换待领取')
  expect(page.findNear('家用电路安全检查', '国网供电所 提供')).toBeDefined()
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})

test('兑换 opens a sheet that says what it costs; confirming redeems and opens 我的兑换', async () => {
  const page = await w.open(MALL)
  await page.waitForText('家用电路安全检查')
  await page.tap(page.findNear('家用电路安全检查', '兑换')!)
  await page.waitForText('兑换「家用电路安全检查」')
  expect(page.text()).toContain('兑换后剩余 40 分')
  expect(page.findText('用 20 积分兑换')).toBeDefined()
  expect(page.findText('不兑换了')).toBeDefined()
  await page.tapText('用 20 积分兑换')
  await page.waitFor(() => w.wx.navigations.length > 0, 'the redemption to finish')
  const call = w.wx.cloudCalls.find((c) => c.name === 'mall' && c.data.action === 'redeem')
  expect(call).toMatchObject({ data: { rewardId: 'reward-circuit' }, openid: 'demo-volunteer', status: 200, result: { ok: true } })
  expect(call!.result.data).toMatchObject({ status: 'reserved', cost: 20, code: expect.stringMatching(/^\d{8}$/) })
  expect(w.wx.navigations).toEqual([{ api: 'navigateTo', url: '/packages/mall/mine/index' }])
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})
