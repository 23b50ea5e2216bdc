/**
 * 光荣榜 and the service-hour certificate in real Chromium (the H5 build with the demo data):
 * the volunteer 王小红 finishes three services, the points timer counts them, and she sees
 * herself on her community's board (masked, then by name once she chooses), switches period,
 * order and scope, issues her certificate; a resident verifies its code, and a mistyped code
 * is refused; the certificate downloads as an image. Screenshots and the image:
 * test-artifacts/honours-*.png.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { certificateLayout, CERTIFICATE_PIXEL_RATIO, periodKeyOf, type Demand } from '@honglin/shared'
import { formatDate } from '../../client/src/logic/honours'
import { awardEntryFor } from '../../cloudfunctions/_runtime/points'
import { SETTLE_MS } from '../../cloudfunctions/points/rollup'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { open, pageAs, see, seen, tap, type } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

async function shot(page: Parameters<typeof b.screenshot>[0], name: string): Promise<void> {
  await page.waitForTimeout(700)
  await b.screenshot(page, `honours-${name}`)
}

/** 王小红's closed services with the ledger entries closing wrote, then a run of the timer. */
async function threeServicesClosed(): Promise<void> {
  const now = t.emulator.clock.now()
  const demands = [3, 2, 1.5].map((hours, i): Demand => ({
    _id: `e2e-honour-${i}`,
    kind: 'service',
    category: 'elderly_care',
    title: `陪同就医 ${i + 1}`,
    detail: '志愿服务',
    photos: [],
    address: '社区服务站',
    streetId: 'street-guoyuan',
    communityId: 'community-xinyuan',
    gridId: 'community-xinyuan-grid-1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'user-resident',
    createdBy: 'user-resident',
    requestId: `e2e-honour-${i}`,
    status: 'closed',
    createdAt: now - 3_600_000,
    updatedAt: now,
    assignee: {
      type: 'volunteer',
      id: 'user-volunteer',
      name: '王小红',
      assignedAt: now,
      assignedBy: 'user-staff',
      acceptedAt: now,
      points: 20,
    },
    completion: { note: '已完成', photos: [], hours, at: now },
    timeline: [],
    version: 8,
  }))
  t.emulator.database.insertMany('demands', demands as unknown as Record<string, unknown>[])
  t.emulator.database.insertMany(
    'points_ledger',
    demands.map((d, i) => awardEntryFor(d, now + i, 'user-staff') as unknown as Record<string, unknown>),
  )
  t.emulator.clock.advance(SETTLE_MS + 1000)
  const { result } = await t.emulator.functions.fireTimer('points', 'honours')
  expect(result).toMatchObject({ ok: true, data: { counted: 3 } })
}

test('the volunteer finds herself on the board, chooses her name, issues a certificate; a resident verifies it', async () => {
  await threeServicesClosed()
  const month = periodKeyOf('month', t.emulator.clock.now()).split('-').map(Number)

  const volunteer = await pageAs(b, 'demo-volunteer')
  await open(volunteer, t.url, '/packages/volunteer/points/index')
  await tap(volunteer, '光荣榜')
  await see(volunteer, `新园社区 · ${month[0]}年${month[1]}月`)
  await see(volunteer, '王**（我）')
  // Names are masked unless their owner chose otherwise (刘建国 did, in the demo data).
  await see(volunteer, '刘建国')
  await see(volunteer, '陈**')
  await shot(volunteer, 'ranking')

  await tap(volunteer, '按服务时长')
  await see(volunteer, '6.5 小时')
  await tap(volunteer, '全街道')
  await see(volunteer, `果园新村街道 · ${month[0]}年${month[1]}月`)
  await see(volunteer, '周**')
  await tap(volunteer, '累计')
  await see(volunteer, `果园新村街道 · 累计`)

  await volunteer.locator('.honours-name-switch').filter({ visible: true }).first().click()
  await see(volunteer, '王小红（我）')
  await shot(volunteer, 'ranking-by-name')

  await tap(volunteer, '服务时长证明')
  await tap(volunteer, '开具证明')
  await see(volunteer, '志愿服务时长证明')
  await see(volunteer, '6.5')
  const codeText = await seen(volunteer, /^核验编号 /)
    .first()
    .textContent()
  const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(codeText ?? '')![1]!
  await shot(volunteer, 'certificate')

  // The certificate as an image: a PNG download of the shared layout's size, actually drawn.
  const mine = await t.ok('points', 'certificate', {}, 'demo-volunteer')
  expect(mine).toMatchObject({ code, shareName: '王小红', communityName: '新园社区' })
  const [download] = await Promise.all([volunteer.waitForEvent('download'), tap(volunteer, '下载证明图片')])
  expect(download.suggestedFilename()).toBe(`志愿服务时长证明-${code}.png`)
  const bytes = readFileSync((await download.path())!)
  await download.saveAs(join(root, 'test-artifacts', 'honours-certificate-image.png'))
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  const layout = certificateLayout({
    name: mine.shareName,
    periodLabel: mine.period.label,
    communityName: mine.communityName,
    hours: mine.hours,
    items: mine.items,
    points: mine.points,
    code: mine.code,
    issuedOn: formatDate(mine.issuedAt),
  })
  const png = PNG.sync.read(bytes)
  expect([png.width, png.height]).toEqual([layout.width * CERTIFICATE_PIXEL_RATIO, layout.height * CERTIFICATE_PIXEL_RATIO])
  const pixel = (x: number, y: number) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3)]
  // The paper in the corner, the red frame, and red ink (title, numbers, code) inside.
  expect(pixel(4, 4)).toEqual([0xff, 0xfa, 0xf0])
  let red = 0
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! > 150 && png.data[i + 1]! < 80 && png.data[i + 2]! < 80) red++
  expect(red / (png.width * png.height)).toBeGreaterThan(0.01)

  const resident = await pageAs(b, 'demo-resident')
  await open(resident, t.url, '/pages/mine/index')
  await tap(resident, '证书核验')
  await type(resident, '如 ABCD-EFGH-JK23', 'abcd')
  await tap(resident, '核验')
  await see(resident, '证书编号格式不正确，应为 12 位字母和数字，如 ABCD-EFGH-JK23')
  await type(resident, '如 ABCD-EFGH-JK23', code.toLowerCase())
  await tap(resident, '核验')
  await see(resident, '证书真实有效')
  await see(resident, '持有人：王**')
  // Her points this year: the three services' 60 plus any correction dated this year (the demo's
  // carried-over paper records fall in this year or the last, depending on the day).
  const issued = await t.ok('points', 'certificate', {}, 'demo-volunteer')
  expect(issued).toMatchObject({ code, hours: 6.5, items: 3 })
  expect(issued.points).toBeGreaterThanOrEqual(60)
  await see(resident, `服务时长 6.5 小时 · 服务 3 项 · 积分 ${issued.points}`)
  await shot(resident, 'verify')
})
