/**
 * 我的兑换 (`packages/mall/mine/index`) of the weapp build as the demo volunteer 王小红: her
 * reserved 环保购物袋 shows its digits, and 显示二维码 shows the 小程序码 the real
 * `mall.pickupQr` made, which carries the 核销 page and the code.
 */
import { get } from 'node:http'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { useWeapp } from './support/harness'

const w = useWeapp({ persona: 'demo-volunteer' })
const MINE = 'packages/mall/mine/index'

/** The bytes at `url` (this test runs under jsdom, without `fetch`). */
function download(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`${url}: ${res.statusCode}`))))
    }).on('error', reject)
  })
}

/**
 * The render data of node `sid`: the DOM of a built-in component like `image` keeps only its
 * class and data-sid; Taro's render data has its properties (under short generated names).
 */
function renderedNode(data: unknown, sid: string): Record<string, unknown> | undefined {
  if (!data || typeof data !== 'object') return undefined
  const node = data as Record<string, unknown>
  if (node.sid === sid) return node
  for (const value of Object.values(node)) {
    const found = renderedNode(value, sid)
    if (found) return found
  }
  return undefined
}

test('显示二维码 shows a 小程序码 that opens the 核销 page with her code; the digits stay', async () => {
  const page = await w.open(MINE)
  await page.waitForText('3141 5926', 30_000)
  await page.tap(page.findNear('3141 5926', '显示二维码')!)
  await page.waitFor(() => page.byClass('pickup-code__qr').length > 0, 'the code image')
  const call = w.wx.cloudCalls.find((c) => c.name === 'mall' && c.data.action === 'pickupQr')
  expect(call).toMatchObject({ data: { id: 'rd-demo-1' }, openid: 'demo-volunteer', result: { ok: true } })
  const [image] = page.byClass('pickup-code__qr')
  const src = call!.result.data.tempFileURL as string
  // The image shows the link the call answered.
  expect(Object.values(renderedNode(page.component.data, image!.getAttribute('data-sid')!) ?? {})).toContain(src)
  const png = PNG.sync.read(await download(src))
  expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe('packages/mall/verify/index?scene=31415926')
  expect(page.text()).toContain('3141 5926')
  // The other reservation still offers its own.
  expect(page.findNear('1732 0508', '显示二维码')).toBeDefined()
  expect(w.wx.missingTemplates).toEqual([])
  page.close()
})
