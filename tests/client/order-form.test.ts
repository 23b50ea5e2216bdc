/** The order form: local validation in Chinese, consent required, and retries that never duplicate. */
import { OrderFormStore, CONSENT_REQUIRED, newRequestId } from '../../client/src/stores/order-form'
import { ApiError, createApi, type Transport } from '../../client/src/services/api-core'
import { PRIVACY_VERSION } from '@honglin/shared'

function filled(form: OrderFormStore) {
  form.set('category', 'elderly_care')
  form.set('title', '帮忙买菜')
  form.set('detail', '腿脚不便，想请人帮忙买一次菜')
  form.set('address', '新园社区3号楼2单元501')
  form.set('gridId', 'community-xinyuan-grid-1')
  form.set('contactName', '张阿姨')
  form.set('contactPhone', '13800000001')
  form.set('consent', true)
}

test('request ids fit the contract and differ', () => {
  const a = newRequestId()
  expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  expect(newRequestId()).not.toBe(a)
})

test('an empty form names every problem in Chinese, consent included, without calling', async () => {
  const transport = jest.fn()
  const form = new OrderFormStore('service', false, createApi(transport))
  expect(await form.submit()).toBeNull()
  expect(transport).not.toHaveBeenCalled()
  expect(form.errors).toMatchObject({
    category: '请选择类别',
    title: '标题至少 2 个字',
    detail: '请填写详细描述',
    gridId: '请选择所在网格',
    consent: CONSENT_REQUIRED,
  })
  form.set('title', '帮忙买菜')
  expect(form.errors.title).toBeUndefined()
})

test('a failed submit keeps what was typed and retries with the same request id', async () => {
  const sent: any[] = []
  let attempt = 0
  const transport: Transport = async (_name, data) => {
    sent.push(data)
    attempt++
    if (attempt === 1) throw new Error('网络异常，请稍后重试')
    return { ok: true, data: { _id: 'd1', status: 'submitted' } }
  }
  const form = new OrderFormStore('service', false, createApi(transport))
  filled(form)
  expect(await form.submit()).toBeNull()
  expect(form.failure).toBe('网络异常，请稍后重试')
  expect(form.fields.title).toBe('帮忙买菜')
  const again = await form.submit()
  expect(again).toMatchObject({ _id: 'd1' })
  expect(sent).toHaveLength(2)
  expect(sent[0].requestId).toBe(sent[1].requestId)
  expect(sent[0]).toMatchObject({
    action: 'create',
    kind: 'service',
    urgency: 'normal',
    photos: [],
    consent: true,
    consentVersion: PRIVACY_VERSION,
  })
})

test('server field errors show under the fields', async () => {
  const form = new OrderFormStore(
    'service',
    false,
    createApi(async () => ({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '所选网格不存在', fields: { gridId: '所选网格不存在' } },
    })),
  )
  filled(form)
  await form.submit()
  expect(form.failure).toBe('所选网格不存在')
  expect(form.errors.gridId).toBe('请选择所在网格')
})

test('a grid worker orders for a resident who is also the contact', async () => {
  const sent: any[] = []
  const form = new OrderFormStore(
    'report',
    true,
    createApi(async (_n, data) => {
      sent.push(data)
      return { ok: true, data: { _id: 'd2' } }
    }),
  )
  filled(form)
  form.set('category', 'street_light')
  expect(await form.submit()).toBeNull()
  expect(form.errors.ownerName).toBe('请填写居民姓名和电话')
  form.set('ownerName', '李大爷')
  form.set('ownerPhone', '13800000002')
  await form.submit()
  expect(sent[0]).toMatchObject({ action: 'createOnBehalf', ownerName: '李大爷', contactName: '李大爷', contactPhone: '13800000002' })
})

test('ApiError carries the code, Chinese message and fields of a refusal', async () => {
  const api = createApi(async () => ({ ok: false, error: { code: 'ALREADY_CLAIMED', message: '手慢了，该任务已被其他人认领' } }))
  await expect(api('task', 'claim', { id: 'd1' })).rejects.toMatchObject({
    code: 'ALREADY_CLAIMED',
    message: '手慢了，该任务已被其他人认领',
  })
  await expect(api('task', 'claim', {} as never)).rejects.toBeInstanceOf(ApiError)
})
