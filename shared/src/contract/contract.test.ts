/**
 * The action schemas as functions and client meet them through `parseInput`: valid inputs
 * parse (with defaults), invalid ones throw INVALID_INPUT with a Chinese message and every
 * problem by field. A systematic sweep feeds every field of every action a value of the wrong
 * type and requires a Chinese message for each.
 */
import { z } from 'zod'
import { AppError } from '../errors'
import { CONSENT_OUTDATED, CONSENT_REQUIRED, PRIVACY_VERSION } from '../privacy/consent'
import { parseInput } from './common'
import { Schemas } from './index'

const CHINESE = /[\u4e00-\u9fa5]/

function rejection(schema: z.ZodTypeAny, input: unknown): AppError {
  try {
    parseInput(schema, input)
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error(`accepted: ${JSON.stringify(input)}`)
}

const validDemand = {
  kind: 'service',
  category: 'elderly_care',
  title: '帮忙买菜',
  detail: '腿脚不便，想请人每周帮忙买一次菜',
  address: '新园社区3号楼2单元501',
  gridId: 'community-xinyuan-grid-1',
  contactName: '张阿姨',
  contactPhone: '13800000001',
  requestId: 'req-12345678',
  consent: true,
}

describe('valid inputs parse, with defaults', () => {
  test('demand.create fills photos and urgency', () => {
    expect(parseInput(Schemas.demand.create, validDemand)).toEqual({ ...validDemand, photos: [], urgency: 'normal' })
  })

  test('text is trimmed; landlines are phones too', () => {
    const parsed = parseInput(Schemas.demand.create, { ...validDemand, title: '  帮忙买菜  ', contactPhone: '022-12345678' })
    expect(parsed.title).toBe('帮忙买菜')
    expect(parsed.contactPhone).toBe('022-12345678')
  })

  test('paging defaults to the first 20', () => {
    expect(parseInput(Schemas.points.ledger, {})).toEqual({ page: { offset: 0, limit: 20 } })
    expect(parseInput(Schemas.notify.inbox, { page: { offset: 40 } })).toEqual({ unreadOnly: false, page: { offset: 40, limit: 20 } })
  })

  test('actions without parameters ignore extra fields such as the action name', () => {
    expect(parseInput(Schemas.user.login, { action: 'login' })).toEqual({ action: 'login' })
  })

  test('volunteer registration defaults skills; the registrations list defaults to pending', () => {
    const reg = parseInput(Schemas.user.registerVolunteer, { name: '钱党员', phone: '13922223333', isPartyMember: true, communityId: 'c1' })
    expect(reg.skills).toEqual([])
    expect(parseInput(Schemas.user.volunteers, { communityId: 'c1' })).toEqual({
      communityId: 'c1',
      status: 'pending',
      page: { offset: 0, limit: 20 },
    })
  })
})

describe('INVALID_INPUT with Chinese messages by field', () => {
  test('missing fields of a demand: each named, the first as the message', () => {
    const error = rejection(Schemas.demand.create, {})
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.message).toBe('请选择点单类型')
    expect(error.fields).toMatchObject({
      kind: '请选择点单类型',
      category: '请选择类别',
      title: '请填写标题',
      detail: '请填写详细描述',
      address: '请填写地址',
      gridId: '缺少编号',
      contactName: '请填写联系人',
      contactPhone: '请填写联系电话',
    })
  })

  test('bounds and formats', () => {
    const error = rejection(Schemas.demand.create, {
      ...validDemand,
      title: '修',
      detail: '长'.repeat(501),
      contactPhone: '12345',
      photos: ['http://x/y.png'],
      requestId: 'short',
    })
    expect(error.fields).toEqual({
      title: '标题至少 2 个字',
      detail: '详细描述不能超过 500 个字',
      contactPhone: '请填写正确的手机号或座机号',
      'photos.0': '图片地址不正确',
      requestId: '请求编号格式不正确',
    })
    expect(rejection(Schemas.demand.create, { ...validDemand, photos: Array(10).fill('cloud://a/b.png') }).fields).toEqual({
      photos: '最多上传 9 张图片',
    })
  })

  test('cross-field rules name the field they concern', () => {
    expect(rejection(Schemas.demand.create, { ...validDemand, category: 'street_light' }).fields).toEqual({
      category: '类别与点单类型不符',
    })
    expect(rejection(Schemas.demand.createOnBehalf, validDemand).fields).toEqual({ ownerName: '请填写居民姓名和电话' })
    expect(rejection(Schemas.dispatch.merge, { id: 'a', intoId: 'a' }).fields).toEqual({ intoId: '不能合并到自身' })
    expect(rejection(Schemas.notify.markRead, {}).message).toBe('请指定要标记的消息')
    expect(rejection(Schemas.user.updateProfile, {}).message).toBe('没有要修改的内容')
  })

  test('ordering needs consent to the current privacy notice', () => {
    const { consent: _consent, ...withoutConsent } = validDemand
    for (const input of [withoutConsent, { ...validDemand, consent: false }]) {
      expect(rejection(Schemas.demand.create, input).fields).toEqual({ consent: CONSENT_REQUIRED })
      expect(rejection(Schemas.demand.createOnBehalf, { ...input, ownerId: 'u1' }).fields).toEqual({ consent: CONSENT_REQUIRED })
    }
    expect(rejection(Schemas.demand.create, { ...validDemand, consentVersion: 'old' }).fields).toEqual({ consent: CONSENT_OUTDATED })
    expect(parseInput(Schemas.demand.create, { ...validDemand, consentVersion: PRIVACY_VERSION }).consentVersion).toBe(PRIVACY_VERSION)
    expect(rejection(Schemas.user.deleteAccount, {}).code).toBe('INVALID_INPUT')
  })

  test('ratings and service hours', () => {
    expect(rejection(Schemas.demand.rate, { id: 'd1', stars: 6 }).fields).toEqual({ stars: '星级为 1–5' })
    expect(rejection(Schemas.demand.rate, { id: 'd1' }).fields).toEqual({ stars: '请选择星级' })
    expect(rejection(Schemas.task.complete, { id: 'd1', note: '已完成', hours: 0.2 }).fields).toEqual({ hours: '服务时长至少 0.5 小时' })
    expect(rejection(Schemas.task.complete, { id: 'd1', note: '已完成' }).fields).toEqual({ hours: '请填写服务时长' })
  })

  test('zod’s own English messages are replaced; the schemas’ own wording is kept', () => {
    expect(rejection(Schemas.user.verifyVolunteer, { userId: 'u1' }).fields).toEqual({ approve: '请填写此项' })
    expect(rejection(Schemas.user.verifyVolunteer, { userId: 'u1', approve: 'yes' }).fields).toEqual({ approve: '请选择是或否' })
    expect(rejection(Schemas.org.grantRole, { userId: 'u1', role: 'mayor' }).fields).toEqual({ role: '选项不正确' })
    expect(rejection(Schemas.points.ledger, { page: { limit: 500 } }).fields).toEqual({ 'page.limit': '不能大于 50' })
    expect(rejection(Schemas.points.ledger, { page: { offset: 1.5 } }).fields).toEqual({ 'page.offset': '请填写整数' })
    expect(
      rejection(Schemas.user.registerVolunteer, {
        name: '钱',
        phone: '13922223333',
        isPartyMember: true,
        communityId: 'c1',
        skills: Array(11).fill('助老'),
      }).fields,
    ).toEqual({
      skills: '技能最多 10 项',
    })
  })

  test('a reason is required where the contract says so', () => {
    expect(rejection(Schemas.dispatch.reject, { id: 'd1' }).fields).toEqual({ reason: '请填写不予受理的原因' })
    expect(rejection(Schemas.task.decline, { id: 'd1', reason: '   ' }).fields).toEqual({ reason: '请填写退单原因' })
    expect(rejection(Schemas.demand.reopen, { id: 'd1' }).fields).toEqual({ reason: '请填写原因' })
  })
})

/** Unwraps effects, defaults and optionals down to the object schema an action validates. */
function objectShape(schema: z.ZodTypeAny): Record<string, z.ZodTypeAny> | undefined {
  let current: z.ZodTypeAny = schema
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType()
    else if (current instanceof z.ZodDefault) current = current._def.innerType
    else if (current instanceof z.ZodOptional) current = current.unwrap()
    else break
  }
  return current instanceof z.ZodObject ? (current.shape as Record<string, z.ZodTypeAny>) : undefined
}

/** A value of the wrong type for `schema`. */
function wrongValueFor(schema: z.ZodTypeAny): unknown {
  let current: z.ZodTypeAny = schema
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodEffects) {
    current =
      current instanceof z.ZodEffects ? current.innerType() : current instanceof z.ZodDefault ? current._def.innerType : current.unwrap()
  }
  if (current instanceof z.ZodString || current instanceof z.ZodEnum) return 12345
  if (current instanceof z.ZodObject) return '不是对象'
  return 'not-a-number-or-boolean-or-array'
}

const actions = Object.entries(Schemas).flatMap(([fn, table]) =>
  Object.entries(table).map(([action, schema]) => [`${fn}.${action}`, schema] as const),
)

describe.each(actions)('%s', (_name, schema) => {
  const shape = objectShape(schema as z.ZodTypeAny)

  test('every field given a value of the wrong type is refused in Chinese', () => {
    if (!shape || Object.keys(shape).length === 0) return
    const input = Object.fromEntries(Object.entries(shape).map(([key, field]) => [key, wrongValueFor(field)]))
    const error = rejection(schema as z.ZodTypeAny, input)
    expect(error.code).toBe('INVALID_INPUT')
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(Object.keys(shape).sort())
    for (const [field, message] of Object.entries(error.fields ?? {}))
      expect([field, message]).toEqual([field, expect.stringMatching(CHINESE)])
    expect(error.message).toMatch(CHINESE)
  })

  test('nested fields (paging) are refused in Chinese too', () => {
    if (!shape?.page) return
    const error = rejection(schema as z.ZodTypeAny, { ...validFor(shape), page: { offset: -1, limit: 500 } })
    expect(error.fields).toEqual({ 'page.offset': expect.stringMatching(CHINESE), 'page.limit': expect.stringMatching(CHINESE) })
  })
})

/** Minimal valid values for the non-paging fields of the list actions. */
function validFor(shape: Record<string, z.ZodTypeAny>): Record<string, unknown> {
  return 'communityId' in shape && !shape.communityId!.isOptional() ? { communityId: 'c1' } : {}
}
