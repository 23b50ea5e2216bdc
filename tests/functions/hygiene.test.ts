/**
 * What every function does with hostile or broken input, through the real functions on the
 * emulator: prototype names and odd events are unknown actions (never INTERNAL, never echoed);
 * invisible, ill-formed or direction-reversing text, unbounded numbers and foreign file ids
 * are INVALID_INPUT with nothing written; content security speaks v2 and checks images
 * (a risky one is deleted); a failed notification does not turn a committed write into an
 * error; transaction conflicts are retried with backoff; cloud errors are told apart by code.
 */
import { join } from 'node:path'
import { AppError, type Demand } from '@honglin/shared'
import { readSchema } from '../../emulator/src/schema'
import { checkImages, checkText, checkTextAs, TextScene } from '../../cloudfunctions/_runtime/content'
import { isConflict, isDocumentNotFound, isDuplicateKey } from '../../cloudfunctions/_runtime/errors'
import { ATTEMPTS, maxTotalWaitMs, withTransaction } from '../../cloudfunctions/_runtime/transaction'
import { useHonglin, type Honglin } from '../helpers/honglin'
import { C1, OPENID, PNG, USER, demandInput, driveTo, readDemand, requestId, uploadPhoto } from './support/demands'

const t = useHonglin()

const FUNCTIONS = ['user', 'org', 'demand', 'dispatch', 'task', 'points', 'notify', 'system']
const CHINESE = /[\u4e00-\u9fa5]/
const RISKY_PNG = Buffer.concat([PNG, Buffer.from('RISKY-IMAGE-TEST')])
const FOREIGN_FILE = 'cloud://prod-other.7072-prod-other-1250000000/avatars/a.png'

/** Document counts of every collection: what "nothing was written" is checked against. */
const counts = () => Object.fromEntries(t.emulator.database.listCollections().map((c) => [c.name, c.count]))

async function refusedWithoutWriting(
  fn: string,
  action: string,
  params: Record<string, unknown>,
  openid: string,
): Promise<{ code?: string; message?: string; fields?: Record<string, string> }> {
  const before = counts()
  const result = await t.call(fn, action, params, openid)
  expect(result.ok).toBe(false)
  expect(counts()).toEqual(before)
  return result.error!
}

async function fileExists(fileID: string): Promise<boolean> {
  try {
    await t.cloud.downloadFile({ fileID })
    return true
  } catch (error) {
    if ((error as { code?: string }).code === 'STORAGE_FILE_NONEXIST') return false
    throw error
  }
}

describe('unknown actions', () => {
  const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'then', 'isPrototypeOf', '13812345678', '']

  test.each(FUNCTIONS.flatMap((fn) => NAMES.map((name) => [fn, name])))(
    '%s {"action": "%s"} is UNKNOWN_ACTION, not echoed',
    async (fn, name) => {
      const result = await t.call(fn!, name!, {}, OPENID.resident)
      expect(result.ok).toBe(false)
      expect(result.error!.code).toBe('UNKNOWN_ACTION')
      expect(result.error!.message).toMatch(CHINESE)
      if (name) expect(result.error!.message).not.toContain(name)
    },
  )

  test.each(FUNCTIONS)('%s: events that are not objects, and actions that are not strings, are UNKNOWN_ACTION', async (fn) => {
    const events: unknown[] = [
      null,
      [],
      ['login'],
      'login',
      42,
      true,
      { action: 42 },
      { action: ['login'] },
      { action: null },
      { action: { a: 1 } },
    ]
    for (const event of events) {
      const { result, error } = await t.emulator.functions.invoke(fn, event, { openid: OPENID.resident, source: 'wx_client' })
      expect([JSON.stringify(event), error]).toEqual([JSON.stringify(event), undefined])
      expect([JSON.stringify(event), (result as { error?: { code: string } }).error?.code]).toEqual([
        JSON.stringify(event),
        'UNKNOWN_ACTION',
      ])
    }
  })

  test('an action hidden in a __proto__ key is not taken', async () => {
    const res = await fetch(`${t.url}/functions/user`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': 'wx-proto' },
      body: '{"__proto__": {"action": "login"}}',
    })
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
    expect((await t.db.collection('users').where({ openid: 'wx-proto' }).get()).data).toEqual([])
  })

  test('the timer-only sla function refuses these calls without echoing them either', async () => {
    const result = await t.call('sla', '13812345678', {}, OPENID.resident)
    expect(result.error).toMatchObject({ code: 'FORBIDDEN' })
    expect(result.error!.message).not.toContain('13812345678')
  })
})

/** Text no person could have meant to store. */
const HOSTILE: [string, string][] = [
  ['zero-width spaces', '\u200B\u200B\u200B'],
  ['BOM and word joiner', '\uFEFF\u2060\uFEFF'],
  ['ideographic spaces and a zero-width joiner', '\u3000\u200D\u3000'],
  ['a lone surrogate', '买菜\uD83D'],
  ['NUL', '买菜\u0000买菜'],
  ['a C1 control', '买菜\u009B买菜'],
  ['a right-to-left override', '电话\u202E8765432113'],
  ['an isolate', '\u2067买菜\u2069'],
]

describe('hostile text is INVALID_INPUT with a Chinese message, and nothing is written', () => {
  let inProgress: Demand
  beforeAll(async () => {
    inProgress = await driveTo(t, 'in_progress')
  })

  test.each(HOSTILE)('%s in the required fields of demand.create', async (_name, value) => {
    for (const field of ['title', 'detail', 'address', 'contactName']) {
      const error = await refusedWithoutWriting('demand', 'create', demandInput('service', { [field]: value }), OPENID.resident)
      expect(error.code).toBe('INVALID_INPUT')
      expect(Object.keys(error.fields ?? {})).toEqual([field])
      expect(error.message).toMatch(CHINESE)
    }
  })

  test.each(HOSTILE)('%s in other actions: a note, a reason, a name', async (_name, value) => {
    const outbox = t.emulator.openapi.outbox().length
    const calls: [string, string, Record<string, unknown>, string, string][] = [
      ['task', 'progress', { id: inProgress._id, note: value, requestId: requestId() }, OPENID.volunteer, 'note'],
      ['task', 'complete', { id: inProgress._id, note: value, hours: 1 }, OPENID.volunteer, 'note'],
      ['dispatch', 'reject', { id: inProgress._id, reason: value }, OPENID.staff, 'reason'],
      ['demand', 'reopen', { id: inProgress._id, reason: value }, OPENID.resident, 'reason'],
      ['user', 'updateProfile', { name: value }, OPENID.resident, 'name'],
      ['user', 'registerVolunteer', { name: value, phone: '13911112222', isPartyMember: false, communityId: C1 }, OPENID.resident, 'name'],
    ]
    for (const [fn, action, params, openid, field] of calls) {
      const error = await refusedWithoutWriting(fn, action, params, openid)
      expect([`${fn}.${action}`, error.code, Object.keys(error.fields ?? {})]).toEqual([`${fn}.${action}`, 'INVALID_INPUT', [field]])
      expect(error.fields![field]).toMatch(CHINESE)
    }
    expect((await readDemand(t, inProgress._id)).version).toBe(inProgress.version)
    // Refused before any content check was asked for.
    expect(t.emulator.openapi.outbox()).toHaveLength(outbox)
  })
})

describe('numbers and file ids are bounded', () => {
  test('a deadline of 1e308 (or in seconds) is refused by publish and assign', async () => {
    const d = await driveTo(t, 'accepted')
    for (const dueAt of [1e308, Math.floor(Date.now() / 1000)]) {
      expect((await refusedWithoutWriting('dispatch', 'publish', { id: d._id, dueAt }, OPENID.staff)).fields).toEqual({
        dueAt: '时间不正确',
      })
      const assign = { id: d._id, assignee: { type: 'volunteer', id: USER.volunteer }, dueAt }
      expect((await refusedWithoutWriting('dispatch', 'assign', assign, OPENID.staff)).fields).toEqual({ dueAt: '时间不正确' })
    }
    expect((await readDemand(t, d._id)).version).toBe(d.version)
  })

  test.each([
    ['-2', -2],
    ['1e9', 1e9],
    ['NaN (null on the wire)', null],
    ['"2"', '2'],
  ])('service hours of %s are refused', async (_name, hours) => {
    const d = await driveTo(t, 'in_progress')
    const error = await refusedWithoutWriting('task', 'complete', { id: d._id, note: '已完成', hours }, OPENID.volunteer)
    expect(error.code).toBe('INVALID_INPUT')
    expect(Object.keys(error.fields ?? {})).toEqual(['hours'])
    expect((await readDemand(t, d._id)).status).toBe('in_progress')
  })

  test('an avatar that is not a cloud file id, or is one of another environment, is refused', async () => {
    await t.ok('user', 'login', {}, 'wx-avatar')
    for (const avatar of ['https://example.com/me.png', 'cloud://env/avatars/a.png', FOREIGN_FILE]) {
      const error = await refusedWithoutWriting('user', 'updateProfile', { avatar }, 'wx-avatar')
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.fields!.avatar).toMatch(CHINESE)
    }
    expect((await refusedWithoutWriting('user', 'updateProfile', { avatar: FOREIGN_FILE }, 'wx-avatar')).fields).toEqual({
      avatar: '图片不属于本小程序，请重新上传',
    })
    const [user] = (await t.db.collection('users').where({ openid: 'wx-avatar' }).get()).data
    expect(user.avatar).toBeUndefined()
  })

  test('photos of another environment are refused wherever photos are taken', async () => {
    const d = await driveTo(t, 'in_progress')
    const mine = await uploadPhoto(t)
    const progress = await refusedWithoutWriting(
      'task',
      'progress',
      { id: d._id, note: '进展', photos: [mine, FOREIGN_FILE], requestId: requestId() },
      OPENID.volunteer,
    )
    expect(progress.fields).toEqual({ 'photos.1': '图片不属于本小程序，请重新上传' })
    const create = await refusedWithoutWriting('demand', 'create', demandInput('report', { photos: [FOREIGN_FILE] }), OPENID.resident)
    expect(create.fields).toEqual({ 'photos.0': '图片不属于本小程序，请重新上传' })
    expect((await readDemand(t, d._id)).version).toBe(d.version)
  })

  test('a task hall category of 10,000 characters is refused', async () => {
    const error = await refusedWithoutWriting('task', 'hall', { category: 'a'.repeat(10_000) }, OPENID.volunteer)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', fields: { category: '类别不正确' } })
    expect((await t.call('task', 'hall', { category: 'elderly_care' }, OPENID.volunteer)).ok).toBe(true)
  })
})

describe('content security v2', () => {
  test('text the model is unsure of (review) is refused like risky text, and nothing is written', async () => {
    const d = await driveTo(t, 'in_progress')
    t.emulator.openapi.clearOutbox()
    const error = await refusedWithoutWriting(
      'task',
      'progress',
      { id: d._id, note: '这是人工复审测试的内容', requestId: requestId() },
      OPENID.volunteer,
    )
    expect(error.code).toBe('CONTENT_RISKY')
    expect((await readDemand(t, d._id)).version).toBe(d.version)
    expect(t.emulator.openapi.outbox()).toMatchObject([
      { api: 'security.msgSecCheck', errcode: 0, data: { version: 2, scene: TextScene.comment, openid: OPENID.volunteer } },
    ])
  })

  test('risky text is refused; a profile name is checked in the profile scene with the caller’s openid', async () => {
    await t.ok('user', 'login', {}, 'wx-scene')
    t.emulator.openapi.clearOutbox()
    expect((await refusedWithoutWriting('user', 'updateProfile', { name: '违禁词测试' }, 'wx-scene')).code).toBe('CONTENT_RISKY')
    expect(t.emulator.openapi.outbox()).toMatchObject([
      { api: 'security.msgSecCheck', data: { version: 2, scene: TextScene.profile, openid: 'wx-scene', content: '违禁词测试' } },
    ])
    expect((await t.db.collection('users').where({ openid: 'wx-scene' }).get()).data[0].name).not.toBe('违禁词测试')
  })

  describe('answers the function cannot act on are never a pass', () => {
    /** A stand-in for wx-server-sdk's open API: answers in order, records what was asked. */
    function fakeCloud(...answers: (object | { errCode: number })[]) {
      const asked: Record<string, unknown>[] = []
      const msgSecCheck = async (params: Record<string, unknown>) => {
        asked.push(params)
        const answer = answers.shift() ?? {}
        if ('errCode' in answer && answer.errCode !== 0) throw { ...answer, errMsg: `fail ${answer.errCode}` }
        return answer
      }
      return { asked, ctx: { openid: 'o-1', cloud: { openapi: { security: { msgSecCheck } } } } as never }
    }
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'pass',
        (e) => (e instanceof AppError ? e.code : 'thrown'),
      )

    test('v2 unavailable (61010: no recent visit) falls back to v1, whose 87014 is risky', async () => {
      const { asked, ctx } = fakeCloud({ errCode: 61010 }, { errCode: 87014 })
      expect(await outcome(checkText(ctx, '你好'))).toBe('CONTENT_RISKY')
      expect(asked).toEqual([{ content: '你好', version: 2, scene: 2, openid: 'o-1' }, { content: '你好' }])
    })

    test('a v2 answer without a verdict is asked again with v1', async () => {
      const { asked, ctx } = fakeCloud({ errCode: 0 }, { errCode: 0 })
      expect(await outcome(checkTextAs(ctx, TextScene.forum, '你好'))).toBe('pass')
      expect(asked).toHaveLength(2)
    })

    test.each([
      ['system busy (-1)', [{ errCode: -1 }]],
      ['an unknown verdict', [{ result: { suggest: 'maybe', label: 100 } }]],
      ['v1 failing after v2 was unavailable', [{ errCode: 40129 }, { errCode: 45009 }]],
    ])('%s is INTERNAL, not a pass', async (_name, answers) => {
      const { ctx } = fakeCloud(...(answers as object[]))
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
      try {
        expect(await outcome(checkText(ctx, '你好'))).toBe('INTERNAL')
        expect(errors).toHaveBeenCalled()
      } finally {
        errors.mockRestore()
        warnings.mockRestore()
      }
    })

    test('without an openid only v1 is asked; long text is checked in pieces of 2,500 characters', async () => {
      const { asked, ctx } = fakeCloud({}, {})
      ;(ctx as { openid?: string }).openid = undefined
      expect(await outcome(checkText(ctx, '字'.repeat(3000)))).toBe('pass')
      expect(asked.map((a) => [a.version, Array.from(String(a.content)).length])).toEqual([
        [undefined, 2500],
        [undefined, 500],
      ])
    })
  })
})

describe('images', () => {
  test('a risky photo in task.progress is CONTENT_RISKY, deleted from storage, and nothing is written; a clean one stays', async () => {
    const d = await driveTo(t, 'in_progress')
    const [clean, risky] = [await uploadPhoto(t), await uploadPhoto(t, RISKY_PNG)]
    const error = await refusedWithoutWriting(
      'task',
      'progress',
      { id: d._id, note: '已买好菜', photos: [clean, risky], requestId: requestId() },
      OPENID.volunteer,
    )
    expect(error.code).toBe('CONTENT_RISKY')
    expect(await fileExists(risky)).toBe(false)
    expect(await fileExists(clean)).toBe(true)
    expect((await readDemand(t, d._id)).version).toBe(d.version)
    expect(
      t.emulator.openapi
        .outbox()
        .filter((e) => e.api === 'security.imgSecCheck')
        .slice(-2),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ errcode: 87014 }), expect.objectContaining({ errcode: 0 })]))
  })

  test('a risky photo in task.complete: the demand stays in progress', async () => {
    const d = await driveTo(t, 'in_progress')
    const risky = await uploadPhoto(t, RISKY_PNG)
    const error = await refusedWithoutWriting(
      'task',
      'complete',
      { id: d._id, note: '已完成', photos: [risky], hours: 1 },
      OPENID.volunteer,
    )
    expect(error.code).toBe('CONTENT_RISKY')
    expect(await fileExists(risky)).toBe(false)
    expect(await readDemand(t, d._id)).toMatchObject({ status: 'in_progress', version: d.version })
  })

  test('a risky avatar is deleted and the profile keeps its old one', async () => {
    await t.ok('user', 'login', {}, 'wx-risky-avatar')
    const risky = await uploadPhoto(t, RISKY_PNG)
    expect((await refusedWithoutWriting('user', 'updateProfile', { avatar: risky }, 'wx-risky-avatar')).code).toBe('CONTENT_RISKY')
    expect(await fileExists(risky)).toBe(false)
    expect((await t.db.collection('users').where({ openid: 'wx-risky-avatar' }).get()).data[0].avatar).toBeUndefined()
  })

  test('a missing file, a file over 750 KB and a file that is not an image are INVALID_INPUT', async () => {
    const d = await driveTo(t, 'in_progress')
    const missing = (await uploadPhoto(t)).replace(/[^/]+$/, 'never-uploaded.png')
    const big = await uploadPhoto(t, Buffer.concat([PNG, Buffer.alloc(750 * 1024)]))
    const text = await uploadPhoto(t, Buffer.from('just some text'))
    for (const photo of [missing, big, text]) {
      const error = await refusedWithoutWriting(
        'task',
        'progress',
        { id: d._id, note: '进展', photos: [photo], requestId: requestId() },
        OPENID.volunteer,
      )
      expect(error.code).toBe('INVALID_INPUT')
      expect(error.message).toMatch(CHINESE)
    }
    expect((await readDemand(t, d._id)).version).toBe(d.version)
  })

  test('checkImages of nothing asks nothing', async () => {
    await expect(checkImages({ cloud: {} } as never, [])).resolves.toBeUndefined()
  })
})

describe('error codes, not wording', () => {
  test('a real duplicate key, conflict and missing document are recognised; wording alone is not', async () => {
    await t.db.collection('units').add({ data: { _id: 'unit-codes', name: '测试单位', pointsBalance: 0 } })
    const duplicate = await t.db
      .collection('units')
      .add({ data: { _id: 'unit-codes', name: '再来一次' } })
      .catch((e: unknown) => e)
    expect(isDuplicateKey(duplicate)).toBe(true)
    expect(isConflict(duplicate)).toBe(false)

    const tx1 = await t.db.startTransaction()
    const tx2 = await t.db.startTransaction()
    await tx1.collection('units').doc('unit-codes').get()
    await tx2.collection('units').doc('unit-codes').get()
    await tx1
      .collection('units')
      .doc('unit-codes')
      .update({ data: { pointsBalance: 1 } })
    const conflict = await tx2
      .collection('units')
      .doc('unit-codes')
      .update({ data: { pointsBalance: 2 } })
      .catch((e: unknown) => e)
    await tx1.commit()
    expect(isConflict(conflict)).toBe(true)
    expect(isDuplicateKey(conflict)).toBe(false)

    const missing = await t.db
      .collection('units')
      .doc('unit-none')
      .get()
      .catch((e: unknown) => e)
    expect(isDocumentNotFound(missing)).toBe(true)

    for (const words of [
      { errMsg: 'duplicate key' },
      { message: 'TransactionConflict' },
      { errMsg: '记录不存在' },
      { message: 'cannot find it' },
    ]) {
      expect([words, isDuplicateKey(words), isConflict(words), isDocumentNotFound(words)]).toEqual([words, false, false, false])
    }
    expect(isConflict({ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'x' })).toBe(true)
  })

  test('closing a demand that does not exist is still NOT_FOUND', async () => {
    expect((await t.call('dispatch', 'close', { id: 'no-such-demand' }, OPENID.staff)).error?.code).toBe('NOT_FOUND')
  })
})

describe('transactions under contention', () => {
  test('20 transactions writing one document at once all commit, each exactly once', async () => {
    await t.db.collection('units').add({ data: { _id: 'unit-contended', name: '测试单位', pointsBalance: 0 } })
    const add = (tx: any) =>
      tx
        .collection('units')
        .doc('unit-contended')
        .get()
        .then((res: { data: { pointsBalance: number } }) =>
          tx
            .collection('units')
            .doc('unit-contended')
            .update({ data: { pointsBalance: res.data.pointsBalance + 1 } }),
        )
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => withTransaction(t.db, add)))
    const [unit] = (await t.db.collection('units').where({ _id: 'unit-contended' }).get()).data
    expect(unit.pointsBalance).toBe(outcomes.filter((o) => o.status === 'fulfilled').length)
    expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill('fulfilled'))
  })

  test('the retries are bounded well under the timeout of every function that writes in transactions', () => {
    expect(ATTEMPTS).toBeGreaterThanOrEqual(5)
    // Every function but `system` (no transactions) runs for 20 s or more.
    expect(maxTotalWaitMs()).toBeLessThanOrEqual(10_000)
  })
})

describe('a notification that cannot be delivered does not change a committed answer', () => {
  // A deployment whose inbox collection is missing: every inbox write fails, as in the cloud.
  const schema = readSchema(join(__dirname, '..', '..', 'database/schema.json'))
  const broken: Honglin = useHonglin({ collections: schema.collections.filter((c) => c !== 'notifications') })

  test('双报到 and its verification answer ok and are stored, though no staff inbox can be written', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      await broken.ok('user', 'login', {}, 'wx-notify-broken')
      const registration = { name: '钱志愿', phone: '13911113333', isPartyMember: true, communityId: C1, skills: ['助老'] }
      const reg = await broken.call('user', 'registerVolunteer', registration, 'wx-notify-broken')
      expect(reg.ok).toBe(true)
      expect(reg.data.volunteer).toMatchObject({ status: 'pending' })
      const verify = await broken.call('user', 'verifyVolunteer', { userId: reg.data.profile.userId, approve: true }, OPENID.staff)
      expect(verify.ok).toBe(true)
      const [user] = (await broken.db.collection('users').where({ openid: 'wx-notify-broken' }).get()).data
      expect(user.volunteer.status).toBe('verified')
    } finally {
      errors.mockRestore()
    }
  })
})
