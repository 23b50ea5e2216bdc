/**
 * The action schemas as functions and client meet them through `parseInput`: valid inputs
 * parse (with defaults), invalid ones throw INVALID_INPUT with a Chinese message and every
 * problem by field. A systematic sweep feeds every field of every action a value of the wrong
 * type and requires a Chinese message for each.
 */
import { z } from 'zod'
import { AppError } from '../errors'
import { CONSENT_OUTDATED, CONSENT_REQUIRED, PRIVACY_VERSION } from '../privacy/consent'
import { fileEnvOf, fileIdsIn, parseInput, TIMESTAMP_MAX } from './common'
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
    expect(rejection(Schemas.demand.create, { ...validDemand, photos: Array(10).fill('cloud://env-1.bucket-1/a/b.png') }).fields).toEqual({
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
    // Offset pages, or key pages (the audit log, paged by seq: `before`).
    const bad = 'before' in (objectShape(shape.page) ?? {}) ? { before: 0, limit: 500 } : { offset: -1, limit: 500 }
    const error = rejection(schema as z.ZodTypeAny, { ...validFor(shape), page: bad })
    expect(error.fields).toEqual(Object.fromEntries(Object.keys(bad).map((k) => [`page.${k}`, expect.stringMatching(CHINESE)])))
  })
})

/** Minimal valid values for the non-paging fields of the list actions. */
function validFor(shape: Record<string, z.ZodTypeAny>): Record<string, unknown> {
  const required = (key: string) => key in shape && !shape[key]!.isOptional()
  return {
    ...(required('communityId') ? { communityId: 'c1' } : {}),
    ...(required('rewardId') ? { rewardId: 'r1' } : {}),
    ...(required('from') ? { from: '2026-11-01' } : {}),
    ...(required('to') ? { to: '2026-11-30' } : {}),
  }
}

/** Text that shows nothing, cannot be read as written, or reads differently than it is stored. */
const HOSTILE: [string, string][] = [
  ['zero-width spaces only', '\u200B\u200B\u200B'],
  ['a BOM and a word joiner', '\uFEFF\u2060'],
  ['ideographic spaces and a zero-width joiner', '\u3000\u200D\u3000'],
  ['Hangul fillers', '\u3164\u115F'],
  ['a lone high surrogate', '帮忙\uD83D买菜'],
  ['a lone low surrogate', '\uDE00帮忙买菜'],
  ['NUL', '帮忙\u0000买菜'],
  ['escape (C0)', '帮忙\u001B[31m买菜'],
  ['a C1 control', '帮忙\u0085买菜'],
  ['DEL', '帮忙\u007F买菜'],
  ['a right-to-left override', '电话\u202E1008613800'],
  ['a left-to-right embedding', '\u202A帮忙买菜'],
  ['a first-strong isolate', '帮忙\u2068买菜\u2069'],
]

describe('text fields', () => {
  test.each(HOSTILE)('%s is refused in a required one-line field, in Chinese', (_name, value) => {
    const error = rejection(Schemas.demand.create, { ...validDemand, contactName: value })
    expect(Object.keys(error.fields ?? {})).toEqual(['contactName'])
    expect(error.fields!.contactName).toMatch(CHINESE)
  })

  test.each(HOSTILE)('%s is refused in a multi-line field and in an optional one', (_name, value) => {
    expect(Object.keys(rejection(Schemas.task.decline, { id: 'd1', reason: value }).fields ?? {})).toEqual(['reason'])
    expect(Object.keys(rejection(Schemas.dispatch.close, { id: 'd1', evaluation: value }).fields ?? {})).toEqual(['evaluation'])
  })

  test('the messages say what is wrong', () => {
    expect(rejection(Schemas.demand.create, { ...validDemand, detail: '\u200B\u200C' }).fields).toEqual({ detail: '请填写详细描述' })
    expect(rejection(Schemas.demand.create, { ...validDemand, title: '\u200B修\u200B' }).fields).toEqual({ title: '标题至少 2 个字' })
    expect(rejection(Schemas.demand.create, { ...validDemand, title: '帮忙\uD800买菜' }).fields).toEqual({
      title: '标题含有无法识别的字符',
    })
    expect(rejection(Schemas.demand.create, { ...validDemand, title: '帮忙\n买菜' }).fields).toEqual({
      title: '标题含有换行或不可见的控制字符',
    })
    expect(rejection(Schemas.task.decline, { id: 'd1', reason: '临时\u202E有事' }).fields).toEqual({
      reason: '退单原因含有不可见的控制字符',
    })
    expect(rejection(Schemas.dispatch.close, { id: 'd1', evaluation: '\u200B' }).fields).toEqual({
      evaluation: '评价意见不能只有空白或不可见字符',
    })
  })

  test('what people really write passes: line breaks and tabs in text areas, emoji with joiners, CJK punctuation', () => {
    const detail = '腿脚不便：\n1. 每周买一次菜\t（周六上午）\r\n2. 顺便取药 👨‍👩‍👧 ✌🏻'
    expect(parseInput(Schemas.demand.create, { ...validDemand, detail }).detail).toBe(detail)
    expect(parseInput(Schemas.task.decline, { id: 'd1', reason: '临时有事，\n改天再约' }).reason).toBe('临时有事，\n改天再约')
    expect(parseInput(Schemas.dispatch.close, { id: 'd1', evaluation: '   ' }).evaluation).toBe('')
    expect(parseInput(Schemas.demand.create, { ...validDemand, contactName: 'Zoë 阿姨' }).contactName).toBe('Zoë 阿姨')
  })

  test('ids are plain: no slashes, spaces or controls', () => {
    for (const bad of ['../users', 'a b', 'd1\u0000', 'd1\u202E'])
      expect(rejection(Schemas.demand.get, { id: bad }).fields).toEqual({ id: '编号格式不正确' })
    expect(parseInput(Schemas.demand.get, { id: 'community-xinyuan-grid-1' })).toEqual({ id: 'community-xinyuan-grid-1' })
  })

  test('a category is an id of bounded length', () => {
    expect(rejection(Schemas.task.hall, { category: 'x'.repeat(10_000) }).fields).toEqual({ category: '类别不正确' })
    expect(rejection(Schemas.task.hall, { category: '助老' }).fields).toEqual({ category: '类别不正确' })
    expect(parseInput(Schemas.task.hall, { category: 'elderly_care' }).category).toBe('elderly_care')
    expect(rejection(Schemas.demand.create, { ...validDemand, category: 'c'.repeat(33) }).fields).toEqual({ category: '类别不正确' })
  })
})

describe('numbers have real bounds', () => {
  const now = Date.UTC(2025, 5, 1)

  test.each([
    ['1e308', 1e308],
    ['after 2100', TIMESTAMP_MAX + 1],
    ['seconds instead of milliseconds', Math.floor(now / 1000)],
    ['a fraction', now + 0.5],
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['a string', String(now)],
  ])('a deadline of %s is refused', (_name, dueAt) => {
    expect(Object.keys(rejection(Schemas.dispatch.publish, { id: 'd1', dueAt }).fields ?? {})).toEqual(['dueAt'])
    expect(
      Object.keys(rejection(Schemas.dispatch.assign, { id: 'd1', assignee: { type: 'volunteer', id: 'u1' }, dueAt }).fields ?? {}),
    ).toEqual(['dueAt'])
  })

  test('a deadline within 2020–2100 parses', () => {
    expect(parseInput(Schemas.dispatch.publish, { id: 'd1', dueAt: now })).toEqual({ id: 'd1', dueAt: now })
  })

  test.each([
    ['-2', -2, '服务时长至少 0.5 小时'],
    ['0', 0, '服务时长至少 0.5 小时'],
    ['1e9', 1e9, '单次服务时长不超过 24 小时'],
    ['Infinity', Infinity, '单次服务时长不超过 24 小时'],
    ['NaN', NaN, '服务时长请填写数字'],
    ['"2"', '2', '服务时长请填写数字'],
    ['null (what JSON makes of NaN)', null, '服务时长请填写数字'],
  ])('service hours of %s are refused', (_name, hours, message) => {
    expect(rejection(Schemas.task.complete, { id: 'd1', note: '已完成', hours }).fields).toEqual({ hours: message })
  })

  test('points and paging are bounded', () => {
    expect(Object.keys(rejection(Schemas.dispatch.publish, { id: 'd1', points: 1e308 }).fields ?? {})).toEqual(['points'])
    expect(Object.keys(rejection(Schemas.dispatch.publish, { id: 'd1', points: -1 }).fields ?? {})).toEqual(['points'])
    expect(Object.keys(rejection(Schemas.points.ledger, { page: { offset: 1e308 } }).fields ?? {})).toEqual(['page.offset'])
  })
})

describe('file fields take cloud file ids only', () => {
  const good = 'cloud://prod-1a2b3c.7072-prod-1a2b3c-1250000000/demands/202506/lq3x9a-4kz1.jpg'

  test.each([
    ['an http URL', 'https://example.com/a.png'],
    ['a local temp path', 'wxfile://tmp_abc.jpg'],
    ['a data URL', 'data:image/png;base64,AAAA'],
    ['cloud:// without env and bucket', 'cloud://env/p1.jpg'],
    ['a .. segment', 'cloud://prod.bucket/demands/../users/x.jpg'],
    ['a . segment', 'cloud://prod.bucket/./x.jpg'],
    ['an empty segment', 'cloud://prod.bucket/demands//x.jpg'],
    ['a query', 'cloud://prod.bucket/x.jpg?sign=1'],
    ['a space', 'cloud://prod.bucket/my photo.jpg'],
    ['an overlong id', `cloud://prod.bucket/${'a'.repeat(600)}.jpg`],
    ['no path', 'cloud://prod.bucket/'],
  ])('%s is refused as avatar and as a photo', (_name, value) => {
    expect(rejection(Schemas.user.updateProfile, { avatar: value }).fields).toEqual({ avatar: '图片地址不正确' })
    expect(rejection(Schemas.task.progress, { id: 'd1', note: '进展', photos: [good, value], requestId: 'req-12345678' }).fields).toEqual({
      'photos.1': '图片地址不正确',
    })
  })

  test('a well-formed id parses; its env is the part before the bucket', () => {
    expect(parseInput(Schemas.user.updateProfile, { avatar: good })).toEqual({ avatar: good })
    expect(fileEnvOf(good)).toBe('prod-1a2b3c')
    expect(fileEnvOf('cloud://local.local-local/avatars/u1.png')).toBe('local')
    expect(fileEnvOf('https://example.com/a.png')).toBeUndefined()
  })

  test('file fields are found by the schema, with their paths; text that looks like a file id is not one', () => {
    const input = parseInput(Schemas.task.complete, { id: 'd1', note: good, photos: [good, `${good}2`], hours: 1 })
    expect(fileIdsIn(Schemas.task.complete, input)).toEqual([
      { path: 'photos.0', id: good },
      { path: 'photos.1', id: `${good}2` },
    ])
    expect(fileIdsIn(Schemas.user.updateProfile, parseInput(Schemas.user.updateProfile, { avatar: good }))).toEqual([
      { path: 'avatar', id: good },
    ])
    expect(fileIdsIn(Schemas.user.updateProfile, parseInput(Schemas.user.updateProfile, { name: '王大妈' }))).toEqual([])
    expect(fileIdsIn(Schemas.demand.create, parseInput(Schemas.demand.create, { ...validDemand, photos: [good] }))).toEqual([
      { path: 'photos.0', id: good },
    ])
  })
})
