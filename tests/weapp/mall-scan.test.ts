/**
 * 礼品核销 (`packages/mall/verify/index`) of the weapp build as the demo community staff: 扫描兑换码
 * reads the holder's 小程序码 through `wx.scanCode` (the scan answers the page's path with the
 * code as `scene`), and WeChat's camera opening the page from that code (`scene` in its query)
 * looks the code up at once; both through the real `mall.lookup`.
 */
import { useWeapp } from './support/harness'

const w = useWeapp({ persona: 'demo-staff' })
const VERIFY = 'packages/mall/verify/index'
const scans: Record<string, any>[] = []

beforeAll(() => {
  // What a phone answers for a 小程序码 of this mini-program: its path, the scene in the query.
  ;(globalThis as any).wx.scanCode = (o: Record<string, any>) => {
    scans.push(o)
    const res = { errMsg: 'scanCode:ok', scanType: 'WX_CODE', charSet: 'utf-8', result: '', path: `${VERIFY}?scene=31415926` }
    Promise.resolve().then(() => {
      o.success?.(res)
      o.complete?.(res)
    })
  }
})

beforeEach(() => w.clearLog())

test('扫描兑换码 reads a 小程序码 and shows what to hand over', async () => {
  const page = await w.open(VERIFY)
  await page.waitForText('扫描兑换码', 30_000)
  await page.tapText('扫描兑换码')
  await page.waitForText('请核对后发放')
  expect(scans).toHaveLength(1)
  expect(scans[0]!.scanType).toEqual(expect.arrayContaining(['wxCode', 'qrCode']))
  const call = w.wx.cloudCalls.find((c) => c.name === 'mall' && c.data.action === 'lookup')
  expect(call).toMatchObject({ data: { code: '31415926' }, openid: 'demo-staff', result: { ok: true } })
  expect(page.text()).toContain('环保购物袋')
  expect(page.text()).toContain('王小红')
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})

test('opened from the code by WeChat’s camera, the page looks the code up at once', async () => {
  const page = await w.open(VERIFY, { scene: '17320508' })
  await page.waitForText('请核对后发放', 30_000)
  expect(page.text()).toContain('家用电路安全检查')
  const call = w.wx.cloudCalls.find((c) => c.name === 'mall' && c.data.action === 'lookup')
  expect(call).toMatchObject({ data: { code: '17320508' }, result: { ok: true } })
  page.close()
})
