/**
 * The order form (`packages/resident/order/index`) of the weapp build as the demo resident
 * 张阿姨: its fields per kind, chips that react to taps, validation before any call, and a full
 * order with a photo uploaded through `wx.cloud.uploadFile` and created by the real `demand.create`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { categoriesOf } from '@honglin/shared'
import { classesOf, useWeapp, type WeappPage } from './support/harness'

const w = useWeapp()
const ORDER = 'packages/resident/order/index'
const GRIDS = ['新园社区第1网格', '新园社区第2网格', '新园社区第3网格', '新园社区第4网格']
const CONSENT = '我同意社区工作人员和接单人在办理期间查看我的联系方式'

/** A 1×1 PNG: what the album hands the form. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
let albumDir: string

beforeAll(() => {
  albumDir = mkdtempSync(join(tmpdir(), 'honglin-album-'))
  writeFileSync(join(albumDir, 'tap.png'), PNG)
})
afterAll(() => rmSync(albumDir, { recursive: true, force: true }))
beforeEach(() => {
  w.clearLog()
  w.album = []
  clearDrafts()
})

/** What an earlier test left unsent is kept as a draft; each test starts from an empty form. */
function clearDrafts(): void {
  for (const key of [...w.storage.keys()]) if (key.startsWith('honglin:order-draft:')) w.storage.delete(key)
}

async function openForm(kind: string): Promise<WeappPage> {
  const page = await w.open(ORDER, { kind })
  // The form an earlier test left is saved as a draft as its page goes (possibly after this
  // test began): discard it as a person would, to start from an empty form.
  await page.waitFor(() => Boolean(page.findText('提交点单') || page.findText('重新填写')), 'the form or the draft choice')
  if (page.findText('重新填写')) await page.tapText('重新填写')
  await page.waitForText('提交点单')
  return page
}

/** The chip labels within the field labelled `label`. */
function chips(page: WeappPage, label: string): string[] {
  return Array.from(field(page, label).querySelectorAll('[class]'))
    .filter((el) => classesOf(el).includes('chip'))
    .map((el) => el.textContent ?? '')
}

/** The labels of the form's fields, top to bottom (` *` marks the required ones). */
const labels = (page: WeappPage) => page.byClass('field__label').map((el) => el.textContent)

/** The choices marked as on (`chip--on`, …) within the field labelled `label`. */
function chipsOn(page: WeappPage, label: string): string[] {
  return Array.from(field(page, label).querySelectorAll('[class]'))
    .filter((el) => classesOf(el).some((name) => /--(on|active|selected)$/.test(name)))
    .map((el) => el.textContent ?? '')
}

function field(page: WeappPage, label: string): Element {
  const found = page.byClass('field').find((el) => el.firstElementChild?.textContent?.replace(/ \*$/, '') === label)
  if (!found) throw new Error(`no field ${label}; the form has ${labels(page).join(', ')}`)
  return found
}

/** The text box of a field (`wx-input` or `wx-textarea`). */
function box(page: WeappPage, label: string): Element {
  const input = field(page, label).querySelector('wx-input, wx-textarea')
  if (!input) throw new Error(`the field ${label} has no text box`)
  return input
}

describe('fields', () => {
  test('a service order: category, title, description, photos, grid, address, urgency, time, contact', async () => {
    const page = await openForm('service')
    await page.waitForText(GRIDS[0]!)
    expect(labels(page)).toEqual([
      '类别 *',
      '标题 *',
      '详细描述 *',
      '照片（可不传）',
      '所在网格 *',
      '地址 *',
      '紧急程度',
      '期望时间（可不填）',
      '联系人 *',
      '联系电话 *',
    ])
    // The categories of the kind, from the shared taxonomy; the grids of her community, from org.grids.
    expect(page.byClass('chip').map((el) => el.textContent)).toEqual([
      ...categoriesOf('service').map((c) => c.label),
      ...GRIDS,
      '一般',
      '紧急',
    ])
    expect(w.wx.cloudCalls).toContainEqual(
      expect.objectContaining({ name: 'org', data: { action: 'grids', communityId: 'community-xinyuan' }, status: 200 }),
    )
    expect(page.findText('添加照片')).toBeDefined()
    expect(page.findText(CONSENT)).toBeDefined()
    // Nothing chosen yet but the default urgency.
    expect(chipsOn(page, '类别')).toEqual([])
    expect(chipsOn(page, '紧急程度')).toEqual(['一般'])
    expect(w.wx.titles).toContain('我要点单 · 服务')
    page.close()
  })

  test.each([
    ['wish', '微心愿', '照片（可不传）'],
    ['report', '随手拍', '现场照片'],
  ])('kind=%s shows its own categories and photo label', async (kind, title, photoLabel) => {
    const page = await openForm(kind)
    const categories = categoriesOf(kind as 'wish' | 'report').map((c) => c.label)
    expect(chips(page, '类别')).toEqual(categories)
    expect(labels(page)).toContain(photoLabel)
    expect(w.wx.titles).toContain(`我要点单 · ${title}`)
    page.close()
  })
})

describe('taps', () => {
  test('a category chip turns on, and another one takes over', async () => {
    const page = await openForm('service')
    await page.tap(page.findNear('类别 *', '家电维修')!)
    expect(chipsOn(page, '类别')).toEqual(['家电维修'])
    await page.tap(page.findNear('类别 *', '法律咨询')!)
    expect(chipsOn(page, '类别')).toEqual(['法律咨询'])
    page.close()
  })

  test('紧急 and 一般 switch the urgency', async () => {
    const page = await openForm('service')
    await page.tap(page.findNear('紧急程度', '紧急')!)
    expect(chipsOn(page, '紧急程度')).toEqual(['紧急'])
    await page.tap(page.findNear('紧急程度', '一般')!)
    expect(chipsOn(page, '紧急程度')).toEqual(['一般'])
    page.close()
  })

  test('the consent line ticks and unticks', async () => {
    const page = await openForm('service')
    const consent = () => page.byClass('check')[0]!
    expect(classesOf(consent())).not.toContain('check--on')
    await page.tapText(CONSENT)
    expect(classesOf(consent())).toContain('check--on')
    expect(page.byClass('check__box')[0]!.textContent).toBe('✓')
    await page.tapText(CONSENT)
    expect(classesOf(consent())).not.toContain('check--on')
    page.close()
  })
})

test('an empty submit shows what is missing and calls nothing', async () => {
  const page = await openForm('service')
  await page.waitForText(GRIDS[0]!)
  w.clearLog()
  await page.tapText('提交点单')
  await page.waitFor(() => page.byClass('field__error').length > 0, 'the field errors')
  // The messages come from the shared contract and the form store.
  expect(page.findNear('类别 *', '请选择类别')).toBeDefined()
  expect(page.findText('请先勾选同意查看联系方式')).toBeDefined()
  expect(page.findText('请选择所在网格')).toBeDefined()
  expect(page.byClass('form-failure')).toHaveLength(1)
  expect(w.wx.cloudCalls).toEqual([])
  // Choosing a category clears its error at once.
  await page.tap(page.findNear('类别 *', '跑腿代办')!)
  expect(page.findText('请选择类别')).toBeUndefined()
  page.close()
})

test('a complete order with a photo: uploaded to cloud storage and created by demand.create', async () => {
  const page = await openForm('service')
  await page.waitForText(GRIDS[0]!)

  await page.tap(page.findNear('类别 *', '家电维修')!)
  await page.input(box(page, '标题'), '厨房水龙头漏水')
  await page.input(box(page, '详细描述'), '水龙头关不紧，一直滴水，周末在家。')
  w.album = [join(albumDir, 'tap.png')]
  await page.tapText('添加照片')
  await page.waitFor(() => w.wx.uploads.some((u) => u.fileID), 'the photo upload')
  await page.waitFor(() => page.byClass('photos__cell').length === 1, 'the photo to show')
  await page.tap(page.findNear('所在网格 *', GRIDS[0]!)!)
  await page.input(box(page, '地址'), '新园小区3号楼2单元')
  await page.tap(page.findNear('紧急程度', '紧急')!)
  await page.input(box(page, '期望时间（可不填）'), '周六上午')
  await page.input(box(page, '联系人'), '张阿姨')
  await page.input(box(page, '联系电话'), '13800000001')
  await page.tapText(CONSENT)

  const [upload] = w.wx.uploads
  expect(upload!.cloudPath).toMatch(/^demands\/\d{6}\/[a-z0-9]+-[a-z0-9]+\.png$/)
  expect(upload!.fileID).toBe(`cloud://local.local-local/${upload!.cloudPath}`)
  expect(readFileSync(join(w.emulator.storage.root, upload!.cloudPath)).equals(PNG)).toBe(true)

  await page.tapText('提交点单')
  // The confirmation says what happens next; its main button opens the progress.
  await page.waitForText('点单已提交')
  expect(page.findText('社区将在 2 小时内受理，受理后安排志愿者上门；进展会发到“消息”里。')).toBeDefined()
  expect(w.wx.navigations).toEqual([])

  const create = w.wx.cloudCalls.find((c) => c.name === 'demand')!
  expect(create).toMatchObject({ data: { action: 'create' }, openid: 'demo-resident', status: 200, result: { ok: true } })
  const id = create.result.data._id as string
  await page.tapText('查看办理进度')
  await page.waitFor(() => w.wx.navigations.length > 0, 'the progress page to open')
  expect(w.wx.navigations).toEqual([{ api: 'redirectTo', url: `/packages/resident/demand/index?id=${id}` }])

  const stored = w.emulator.database.listDocuments('demands', { skip: 0, limit: 1000 }).docs.find((d) => d._id === id)
  expect(stored).toMatchObject({
    kind: 'service',
    category: 'repair',
    title: '厨房水龙头漏水',
    detail: '水龙头关不紧，一直滴水，周末在家。',
    photos: [upload!.fileID],
    address: '新园小区3号楼2单元',
    gridId: 'community-xinyuan-grid-1',
    urgency: 'urgent',
    preferredTime: '周六上午',
    ownerId: 'user-resident',
    status: 'submitted',
  })
  page.close()
})

// NutUI's icons render an `<i>`, for which the weapp build has no template (WeChat would draw
// nothing): the app uses no NutUI icon (no Button `loading` spinner, text stars instead of
// Rate), and this keeps it that way for the order form.
test('every node the form renders while submitting has a template in the build', async () => {
  const page = await openForm('service')
  await page.waitForText(GRIDS[0]!)
  await page.tap(page.findNear('类别 *', '跑腿代办')!)
  await page.input(box(page, '标题'), '帮忙取快递')
  await page.input(box(page, '详细描述'), '快递在小区门口驿站。')
  await page.tap(page.findNear('所在网格 *', GRIDS[1]!)!)
  await page.input(box(page, '地址'), '新园小区5号楼')
  await page.input(box(page, '联系人'), '张阿姨')
  await page.input(box(page, '联系电话'), '13800000001')
  await page.tapText(CONSENT)
  await page.tapText('提交点单')
  await page.waitForText('点单已提交')
  page.close()
  expect(w.wx.missingTemplates).toEqual([])
})

test('a form left unsent is offered again on the next open, and 重新填写 discards it', async () => {
  const first = await openForm('wish')
  await first.input(box(first, '标题'), '想要一副老花镜')
  first.close()

  const again = await w.open(ORDER, { kind: 'wish' })
  await again.waitForText('上次还有没提交的点单')
  expect(again.findText('想要一副老花镜')).toBeDefined()
  await again.tapText('继续上次填写')
  await again.waitForText('提交点单')
  // The title's counter counts the 7 characters brought back.
  expect(again.text()).toContain('7/40')
  again.close()

  const third = await w.open(ORDER, { kind: 'wish' })
  await third.waitForText('上次还有没提交的点单')
  await third.tapText('重新填写')
  await third.waitForText('提交点单')
  third.close()
  expect([...w.storage.keys()].filter((k) => k.startsWith('honglin:order-draft:') && w.storage.get(k))).toEqual([])
})
