/**
 * The foundation's promise: the H5 build served by the emulator loads in a real browser and
 * a cloud function call from it round-trips with the persona's identity.
 */
import { join } from 'node:path'
import { useEmulator } from '../helpers/emulator'
import { useBrowser } from '../helpers/browser'

const root = join(__dirname, '..', '..')
const t = useEmulator({ functionsDir: join(root, 'dist/cloudfunctions'), staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

test('the home page loads and pings the system function as the demo resident', async () => {
  const page = await b.newPage()
  await page.goto(`${t.url}/`)
  await page.getByText('服务连接').waitFor({ timeout: 20000 })
  await page.getByText('已连接').waitFor({ timeout: 20000 })
  await page.getByText('demo-resident', { exact: false }).first().waitFor()
  await b.screenshot(page, 'h5-home')
  const pings = t.emulator.functions.invocations().filter((s) => s.functionName === 'system')
  expect(pings.length).toBeGreaterThan(0)
  expect(pings.at(-1)!.openid).toBe('demo-resident')
})

test('the emulator console shows collections and their documents', async () => {
  t.emulator.database.insertMany('grids', [{ _id: 'grid-1', name: '新园社区第1网格', communityId: 'community-xinyuan' }])
  const page = await b.newPage()
  await page.setViewportSize({ width: 1200, height: 800 })
  await page.goto(`${t.url}/_console`)
  await page.getByText('grids', { exact: true }).first().click()
  await page.getByText('新园社区第1网格', { exact: false }).first().waitFor({ timeout: 10000 })
  await b.screenshot(page, 'emulator-console')
})
