/**
 * Long lists in real Chromium through the H5 build: 受理台 and 我的点单 show a first page and
 * "加载更多" for the rest (paged by key), and their search boxes find an item by a word of its
 * title, by its address, or (受理台) by the contact's whole phone number, however far back.
 */
import { join } from 'node:path'
import { useBrowser } from '../helpers/browser'
import { useHonglin } from '../helpers/honglin'
import { fixtureDemand } from '../functions/support/demands'
import { open, pageAs, see, seen, tap, type } from './support/h5'

jest.setTimeout(180_000)

const root = join(__dirname, '..', '..')
const t = useHonglin({ staticDir: join(root, 'client/dist/h5') })
const b = useBrowser()

const OWNER = 'user-resident-2'
const MANY = 70
const OLDEST = '楼道声控灯不亮'
const OLD_PHONE = '13912340000'
const title = (i: number) => `批量点单${String(i).padStart(2, '0')}`

beforeAll(() => {
  const base = Date.now() - 10 * 24 * 3_600_000
  const docs = Array.from({ length: MANY }, (_, i) =>
    fixtureDemand('submitted', {
      extra: {
        _id: `e2e-list-${i}`,
        ownerId: OWNER,
        createdBy: OWNER,
        title: i === 0 ? OLDEST : title(i),
        address: i === 0 ? '果园新村9号楼' : '新园社区3号楼2门301',
        contactPhone: i === 0 ? OLD_PHONE : '13800000002',
        createdAt: base + i * 60_000,
        updatedAt: base + i * 60_000,
      },
    }),
  )
  t.emulator.database.insertMany('demands', docs as unknown as Record<string, unknown>[])
})

/** How many of this file's demands the page shows. */
const shown = (page: Parameters<typeof seen>[0]) => seen(page, /^(批量点单\d\d|楼道声控灯不亮)$/).count()

test('受理台: 加载更多 reaches the oldest item; search finds it by title, address or phone', async () => {
  const staff = await pageAs(b, 'demo-staff')
  await open(staff, t.url, '/packages/staff/inbox/index')
  await see(staff, title(MANY - 1))
  const first = await shown(staff)
  expect(first).toBeLessThan(MANY)
  expect(await seen(staff, OLDEST).count()).toBe(0)
  await tap(staff, '加载更多')
  await see(staff, OLDEST)
  expect(await shown(staff)).toBe(MANY)
  await b.screenshot(staff, 'lists-01-staff-load-more')

  for (const q of ['声控灯', '果园新村9号', OLD_PHONE]) {
    await type(staff, '搜索标题、地址或电话', q)
    await tap(staff, '搜索')
    await staff.waitForFunction(
      (t) => !Array.from(document.querySelectorAll('.card')).some((c) => (c as HTMLElement).offsetParent && c.textContent?.includes(t)),
      title(MANY - 1),
      { timeout: 15000 },
    )
    await see(staff, OLDEST)
    expect(await shown(staff)).toBe(1)
  }
  await b.screenshot(staff, 'lists-02-staff-search')
  await tap(staff, '清除')
  await see(staff, title(MANY - 1))
})

test('我的点单: 加载更多 and search by title', async () => {
  const resident = await pageAs(b, 'demo-resident-2')
  await open(resident, t.url, '/packages/resident/demands/index')
  await see(resident, title(MANY - 1))
  expect(await seen(resident, OLDEST).count()).toBe(0)
  await tap(resident, '加载更多')
  await see(resident, OLDEST)
  expect(await shown(resident)).toBe(MANY)

  await type(resident, '搜索标题或地址', '声控灯')
  await tap(resident, '搜索')
  await resident.waitForFunction(
    (t) => !Array.from(document.querySelectorAll('.card')).some((c) => (c as HTMLElement).offsetParent && c.textContent?.includes(t)),
    title(MANY - 1),
    { timeout: 15000 },
  )
  await see(resident, OLDEST)
  expect(await shown(resident)).toBe(1)
  await b.screenshot(resident, 'lists-03-resident-search')
})
