/**
 * The points mall (积分超市) under concurrency, through the real SDK against the emulator:
 * stock, balances and per-person limits hold whatever runs at once; a code is handed over
 * once; cancelling and expiring give stock and points back exactly once; every balance ends
 * equal to its ledger sum.
 */
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { useHonglin, useRoundTripBudget } from '../helpers/honglin'
import { C1, OPENID, STREET, USER } from './support/demands'
import { addReward, balancesOff, fireMallTimer, freshRequest, insertVolunteers, readAll } from './support/mall'

jest.setTimeout(120_000)

const t = useHonglin()
const budget = useRoundTripBudget(t)
const DAY = 86_400_000

const redeem = (rewardId: string, openid: string, requestId = freshRequest()) => t.call('mall', 'redeem', { rewardId, requestId }, openid)

describe('redeeming', () => {
  test('100 volunteers redeem a reward with stock 10 at once: exactly 10 reserved, stock 0, balances equal ledgers', async () => {
    const people = insertVolunteers(t, 'crowd', 100, 20)
    const reward = await addReward(t, { name: '定制水杯', cost: 8, stock: 10 })
    const results = await Promise.all(people.map((p) => redeem(reward._id, p.openid)))
    const won = results.filter((r) => r.ok)
    expect(won).toHaveLength(10)
    const refusals = results.filter((r) => !r.ok).map((r) => r.error!.message)
    expect(new Set(refusals)).toEqual(new Set(['该礼品已兑完']))
    const [stored] = await readAll(t, 'mall_rewards', { _id: reward._id })
    expect(stored.stock).toBe(0)
    const redemptions = await readAll(t, 'mall_redemptions', { rewardId: reward._id })
    expect(redemptions).toHaveLength(10)
    expect(redemptions.every((r) => r.status === 'reserved')).toBe(true)
    expect(new Set(redemptions.map((r) => r.code)).size).toBe(10)
    expect(redemptions.every((r) => /^\d{8}$/.test(r.code))).toBe(true)
    const spent = await readAll(t, 'points_ledger', { reason: 'redemption' })
    expect(spent.filter((e) => e.note === '兑换「定制水杯」').map((e) => e.delta)).toEqual(Array(10).fill(-8))
    expect(
      await balancesOff(
        t,
        people.map((p) => p.userId),
      ),
    ).toEqual([])
    // Losers of a conflict run again, so round trips under contention vary; alone it is fixed.
    const [late] = insertVolunteers(t, 'alone', 1, 20)
    const quiet = await addReward(t, { name: '保温杯', cost: 8, stock: 1 })
    budget('mall.redeem', (await redeem(quiet._id, late!.openid)).stats, 14)
  })

  test('one volunteer redeeming different rewards at once never overdraws', async () => {
    const [me] = insertVolunteers(t, 'solo', 1, 20)
    const rewards = []
    for (let i = 0; i < 8; i++) rewards.push(await addReward(t, { name: `礼品${i}`, cost: 5, stock: 5 }))
    const results = await Promise.all(rewards.map((r) => redeem(r._id, me!.openid)))
    expect(results.filter((r) => r.ok)).toHaveLength(4)
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.error!.message))).toEqual(new Set(['积分不足']))
    const [user] = await readAll(t, 'users', { _id: me!.userId })
    expect(user.pointsBalance).toBe(0)
    expect(await balancesOff(t, [me!.userId])).toEqual([])
    const balance = await t.ok('points', 'balance', {}, me!.openid)
    expect(balance).toEqual({ balance: 0, entries: 5, reserved: 20 })
  })

  test('a per-person limit holds under concurrency, per month or in total', async () => {
    const [me] = insertVolunteers(t, 'limit', 1, 100)
    const monthly = await addReward(t, { name: '洗衣液', cost: 2, stock: 50, perPersonLimit: { count: 2, per: 'month' } })
    const once = await addReward(t, { name: '纪念徽章', cost: 1, stock: 50, perPersonLimit: { count: 1, per: 'total' } })
    const results = await Promise.all([
      ...Array.from({ length: 8 }, () => redeem(monthly._id, me!.openid)),
      ...Array.from({ length: 5 }, () => redeem(once._id, me!.openid)),
    ])
    expect(results.slice(0, 8).filter((r) => r.ok)).toHaveLength(2)
    expect(results.slice(8).filter((r) => r.ok)).toHaveLength(1)
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.error!.message))).toEqual(new Set(['已达到每人兑换上限']))
    // A cancellation gives its place under the limit back.
    const first = results.find((r) => r.ok && r.data.rewardId === monthly._id)!
    await t.ok('mall', 'cancel', { id: first.data._id }, me!.openid)
    expect((await redeem(monthly._id, me!.openid)).ok).toBe(true)
    expect((await redeem(monthly._id, me!.openid)).error?.message).toBe('已达到每人兑换上限')
    // Next month the monthly limit starts again; the total one does not.
    t.emulator.clock.advance(32 * DAY)
    expect((await redeem(monthly._id, me!.openid)).ok).toBe(true)
    expect((await redeem(once._id, me!.openid)).error?.message).toBe('已达到每人兑换上限')
    expect(await balancesOff(t, [me!.userId])).toEqual([])
  })

  test('a retry with the same requestId answers the same redemption, once paid; a double tap too', async () => {
    const [me] = insertVolunteers(t, 'retry', 1, 30)
    const reward = await addReward(t, { name: '雨伞', cost: 10, stock: 3 })
    const requestId = freshRequest('tap')
    const taps = await Promise.all([redeem(reward._id, me!.openid, requestId), redeem(reward._id, me!.openid, requestId)])
    expect(taps.every((r) => r.ok)).toBe(true)
    const again = await redeem(reward._id, me!.openid, requestId)
    budget('mall.redeem (retry)', again.stats, 2)
    expect(new Set([...taps, again].map((r) => `${r.data._id}/${r.data.code}`)).size).toBe(1)
    expect(again.data).toMatchObject({ status: 'reserved', cost: 10, actions: ['cancel', 'reissue'] })
    expect(again.data.requestId).toBeUndefined()
    const [stored] = await readAll(t, 'mall_rewards', { _id: reward._id })
    expect(stored.stock).toBe(2)
    expect(await t.ok('points', 'balance', {}, me!.openid)).toEqual({ balance: 20, entries: 2, reserved: 10 })
    // The same requestId for another reward is a mistake, not a retry.
    const other = await addReward(t, { name: '毛巾', cost: 1, stock: 3 })
    expect((await redeem(other._id, me!.openid, requestId)).error?.code).toBe('INVALID_INPUT')
  })

  test('who may redeem: verified volunteers of the reward’s community, within its validity', async () => {
    const reward = await addReward(t, { name: '台历', cost: 1, stock: 5 })
    expect((await redeem(reward._id, OPENID.resident)).error?.code).toBe('FORBIDDEN')
    expect((await redeem(reward._id, 'demo-volunteer-3')).error?.code).toBe('FORBIDDEN')
    const past = await addReward(t, { name: '月饼', cost: 1, stock: 5, validUntil: t.emulator.clock.now() + 1000 })
    t.emulator.clock.advance(2000)
    const [me] = insertVolunteers(t, 'valid', 1, 5)
    expect((await redeem(past._id, me!.openid)).error?.message).toBe('该礼品已过兑换期限')
    await t.ok(
      'mall',
      'upsertReward',
      { rewardId: reward._id, communityId: C1, name: '台历', cost: 1, stock: 5, withdrawn: true },
      OPENID.staff,
    )
    expect((await redeem(reward._id, me!.openid)).error?.message).toBe('该礼品目前不可兑换')
    const listed = await t.call('mall', 'rewards', {}, me!.openid)
    expect(listed.data.items.map((r: any) => r._id)).not.toContain(reward._id)
    expect(listed.data).toMatchObject({ communityId: C1, manage: false })
    budget('mall.rewards', listed.stats, 2)
    // Staff see what is off the shelf too.
    const managed = await t.ok('mall', 'rewards', { communityId: C1, page: { limit: 50 } }, OPENID.staff)
    expect(managed.manage).toBe(true)
    expect(managed.items.find((r: any) => r._id === reward._id)).toMatchObject({ status: 'withdrawn' })
  })
})

describe('handing over (核销)', () => {
  test('a code verified twice at once is fulfilled once; the second scan says when and by whom', async () => {
    const [me] = insertVolunteers(t, 'pick', 1, 10)
    const reward = await addReward(t, { name: '抽纸', cost: 3, stock: 2 })
    const r = await t.ok('mall', 'redeem', { rewardId: reward._id, requestId: freshRequest() }, me!.openid)
    const seen = await t.call('mall', 'lookup', { code: r.code }, OPENID.staff)
    expect(seen.data).toMatchObject({ rewardName: '抽纸', userName: '志愿者pick0', status: 'reserved' })
    expect(seen.data.code).toBeUndefined()
    budget('mall.lookup', seen.stats, 3)
    const scans = await Promise.all([
      t.call('mall', 'verify', { code: r.code }, OPENID.staff),
      t.call('mall', 'verify', { code: r.code }, OPENID.staff),
    ])
    expect(scans.filter((s) => s.ok)).toHaveLength(1)
    const done = scans.find((s) => s.ok)!
    expect(done.data).toMatchObject({ status: 'fulfilled', fulfilledBy: USER.staff })
    const second = scans.find((s) => !s.ok)!
    expect(second.error!.code).toBe('INVALID_STATE')
    expect(second.error!.message).toMatch(/^该兑换码已于 \d+月\d+日 \d\d:\d\d 由 .+ 核销，请勿重复发放$/)
    const third = await t.call('mall', 'verify', { code: r.code }, OPENID.staff)
    expect(third.error!.message).toBe(second.error!.message)
    const audit = await readAll(t, 'audit_log', { chain: C1 })
    expect(audit.filter((e) => e.action === 'mall.handover' && e.target.id === r._id)).toHaveLength(1)
    // The points were spent when reserved; handing over moves none, and cannot be cancelled.
    expect(await t.ok('points', 'balance', {}, me!.openid)).toEqual({ balance: 7, entries: 2, reserved: 0 })
    expect((await t.call('mall', 'cancel', { id: r._id }, me!.openid)).error?.code).toBe('INVALID_STATE')
    const inbox = await t.ok('notify', 'inbox', {}, me!.openid)
    expect(inbox.items.map((n: any) => n.type)).toEqual(expect.arrayContaining(['mall.reserved', 'mall.fulfilled']))
  })

  test('a re-issued code revokes the old one', async () => {
    const [me] = insertVolunteers(t, 'lost', 1, 10)
    const reward = await addReward(t, { name: '围裙', cost: 2, stock: 2 })
    const r = await t.ok('mall', 'redeem', { rewardId: reward._id, requestId: freshRequest() }, me!.openid)
    const res = await t.call('mall', 'reissue', { id: r._id }, me!.openid)
    budget('mall.reissue', res.stats, 9)
    expect(res.data.code).not.toBe(r.code)
    const old = await t.call('mall', 'verify', { code: r.code }, OPENID.staff)
    expect(old.error).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('已作废') })
    expect((await t.call('mall', 'reissue', { id: r._id }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
    const handed = await t.call('mall', 'verify', { code: res.data.code }, OPENID.staff)
    expect(handed.data).toMatchObject({ status: 'fulfilled' })
    budget('mall.verify', handed.stats, 12)
  })

  test('a unit offers a reward, staff approve it, and the unit’s contact hands it over', async () => {
    const offer = await addReward(t, { name: '用电安全手册', cost: 2, stock: 3, sponsorUnitId: 'unit-power' }, OPENID.unit)
    expect(offer).toMatchObject({ status: 'pending', sponsorName: '国网供电所' })
    const [me] = insertVolunteers(t, 'unit', 1, 10)
    expect((await t.ok('mall', 'rewards', {}, me!.openid)).items.map((r: any) => r._id)).not.toContain(offer._id)
    expect((await redeem(offer._id, me!.openid)).error?.message).toBe('该礼品目前不可兑换')
    expect((await t.call('mall', 'approveReward', { rewardId: offer._id }, OPENID.unit)).error?.code).toBe('FORBIDDEN')
    const approved = await t.call('mall', 'approveReward', { rewardId: offer._id }, OPENID.staff)
    expect(approved.data).toMatchObject({ status: 'active', approvedBy: USER.staff })
    budget('mall.approveReward', approved.stats, 10)
    const edited = await t.call(
      'mall',
      'upsertReward',
      { rewardId: offer._id, communityId: C1, name: '用电安全手册', cost: 2, stock: 4, sponsorUnitId: 'unit-power' },
      OPENID.staff,
    )
    expect(edited.data).toMatchObject({ status: 'active', stock: 4 })
    budget('mall.upsertReward (edit)', edited.stats, 12)
    // The unit may no longer change it once approved.
    const late = await t.call(
      'mall',
      'upsertReward',
      { rewardId: offer._id, communityId: C1, name: '手册', cost: 1, stock: 9, sponsorUnitId: 'unit-power' },
      OPENID.unit,
    )
    expect(late.error?.code).toBe('FORBIDDEN')
    const audit = (await readAll(t, 'audit_log', { chain: C1 })).filter((e) => e.action === 'mall.reward' && e.target.id === offer._id)
    expect(audit.map((e) => e.detail.change)).toEqual(['create', 'approve', 'update'])
    const r = await t.ok('mall', 'redeem', { rewardId: offer._id, requestId: freshRequest() }, me!.openid)
    // Another unit's contact may not; this one may.
    expect((await t.call('mall', 'verify', { code: r.code }, OPENID.committee)).error?.code).toBe('NOT_FOUND')
    expect(await t.ok('mall', 'verify', { code: r.code }, OPENID.unit)).toMatchObject({ status: 'fulfilled', fulfilledBy: USER.unit })
    const list = await t.call('mall', 'redemptions', { rewardId: offer._id }, OPENID.unit)
    expect(list.data.items.map((x: any) => [x.userName, x.status, x.code])).toEqual([['志愿者unit0', 'fulfilled', undefined]])
    budget('mall.redemptions', list.stats, 3)
  })
})

describe('new rewards reach the community’s volunteers', () => {
  test('a new reward (by staff, or a unit’s once approved) is in the inbox of its community’s volunteers only, one event however many they are', async () => {
    const many = insertVolunteers(t, 'news', 300, 0)
    const now = t.emulator.clock.now()
    t.emulator.database.insertMany('users', [
      {
        _id: 'news-elsewhere',
        openid: 'wx-news-elsewhere',
        name: '红星志愿者',
        grants: [{ role: 'volunteer', communityId: 'community-hongxing', streetId: STREET }],
        volunteer: {
          status: 'verified',
          skills: [],
          isPartyMember: false,
          communityId: 'community-hongxing',
          appliedAt: now,
          decidedAt: now,
        },
        createdAt: now,
        updatedAt: now,
      },
    ])
    const newsOf = async (openid: string) =>
      (await t.ok('notify', 'inbox', {}, openid)).items.filter((n: any) => n.type === 'mall.reward').map((n: any) => n.body)
    const before = (await readAll(t, 'notifications', { type: 'mall.reward' })).length

    const added = await t.call(
      'mall',
      'upsertReward',
      { communityId: C1, name: '暖手宝', cost: 6, stock: 5, pickupPlace: '社区服务中心一楼' },
      OPENID.staff,
    )
    expect(added.ok).toBe(true)
    // However many volunteers the community has, publishing is one insert.
    budget('mall.upsertReward (new)', added.stats, 9)
    expect(await readAll(t, 'notifications', { type: 'mall.reward' })).toHaveLength(before + 1)
    for (const p of [many[0]!, many[299]!]) expect(await newsOf(p.openid)).toContain('暖手宝')
    expect(await newsOf('wx-news-elsewhere')).not.toContain('暖手宝')
    // The community's staff are told as before (the one who added it aside); the volunteers by one key.
    const [event] = (await readAll(t, 'notifications', { type: 'mall.reward' })).filter((n) => n.body === '暖手宝')
    expect(event.audience).toEqual([`staff:${C1}`, `volunteers:${C1}`])

    // A unit's offer is not news until staff approve it.
    const offer = await addReward(t, { name: '节能灯泡', cost: 3, stock: 4, sponsorUnitId: 'unit-power' }, OPENID.unit)
    expect(await newsOf(many[1]!.openid)).not.toContain('节能灯泡')
    await t.ok('mall', 'approveReward', { rewardId: offer._id }, OPENID.staff)
    expect(await newsOf(many[1]!.openid)).toContain('节能灯泡')
    expect(await newsOf('wx-news-elsewhere')).toEqual([])
    // An edit is no news.
    await t.ok('mall', 'upsertReward', { rewardId: added.data._id, communityId: C1, name: '暖手宝', cost: 6, stock: 9 }, OPENID.staff)
    expect((await newsOf(many[2]!.openid)).filter((b: string) => b === '暖手宝')).toHaveLength(1)
  })
})

describe('the pickup code as a 小程序码', () => {
  /** The text a scanner reads from the image behind `url`, and the image's size. */
  async function scan(url: string): Promise<{ size: number; text: string | undefined }> {
    const res = await fetch(url)
    expect(res.status).toBe(200)
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
    return { size: png.width, text: jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data }
  }

  test('the holder gets an image that opens the 核销 page with the code; made once, re-made for a re-issued code', async () => {
    const [me] = insertVolunteers(t, 'qr', 1, 10)
    const reward = await addReward(t, { name: '毛巾', cost: 2, stock: 2 })
    const r = await t.ok('mall', 'redeem', { rewardId: reward._id, requestId: freshRequest() }, me!.openid)
    const made = await Promise.all([
      t.call('mall', 'pickupQr', { id: r._id }, me!.openid),
      t.call('mall', 'pickupQr', { id: r._id }, me!.openid),
    ])
    expect(made.map((m) => m.error)).toEqual([undefined, undefined])
    // The one that made the image (the other, when they raced, dropped its own copy: two more).
    const [winner, other] = [...made].sort((a, b) => a.stats.roundTrips - b.stats.roundTrips)
    budget('mall.pickupQr (first)', winner!.stats, 8)
    budget('mall.pickupQr (first, raced)', other!.stats, 10)
    const first = made[0]!.data
    expect(first).toMatchObject({ code: r.code, page: 'packages/mall/verify/index' })
    expect(await scan(first.tempFileURL)).toEqual({ size: 430, text: `packages/mall/verify/index?scene=${r.code}` })
    // Two first calls at once keep one image; a later call reuses it.
    expect(await readAll(t, 'mall_pickup_images', { redemptionId: r._id })).toHaveLength(1)
    const made0 = (await readAll(t, 'mall_pickup_images', { redemptionId: r._id }))[0]
    const again = await t.call('mall', 'pickupQr', { id: r._id }, me!.openid)
    budget('mall.pickupQr', again.stats, 4)
    expect(
      t.emulator.openapi.outbox().filter((m: any) => m.api === 'wxacode.getUnlimited' && m.data.scene === r.code).length,
    ).toBeLessThanOrEqual(2)
    expect(await scan(again.data.tempFileURL)).toEqual({ size: 430, text: `packages/mall/verify/index?scene=${r.code}` })
    expect((await readAll(t, 'mall_pickup_images', { redemptionId: r._id }))[0].fileID).toBe(made0.fileID)
    // Only the holder may see it.
    expect((await t.call('mall', 'pickupQr', { id: r._id }, OPENID.staff)).error?.code).toBe('NOT_FOUND')
    expect((await t.call('mall', 'pickupQr', { id: r._id }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
    // A re-issued code: the old image is gone, a new one carries the new code.
    const reissued = await t.ok('mall', 'reissue', { id: r._id }, me!.openid)
    expect((await fetch(first.tempFileURL)).status).not.toBe(200)
    expect(await readAll(t, 'mall_pickup_images', { redemptionId: r._id })).toHaveLength(0)
    const fresh = await t.ok('mall', 'pickupQr', { id: r._id }, me!.openid)
    const read = await scan(fresh.tempFileURL)
    expect(read.text).toBe(`packages/mall/verify/index?scene=${reissued.code}`)
    // What staff's scanner reads is the code the 核销 page looks up.
    const scanned = new URLSearchParams(read.text!.split('?')[1]).get('scene')!
    expect(await t.ok('mall', 'lookup', { code: scanned }, OPENID.staff)).toMatchObject({ _id: r._id, status: 'reserved' })
    await t.ok('mall', 'verify', { code: scanned }, OPENID.staff)
    expect((await t.call('mall', 'pickupQr', { id: r._id }, me!.openid)).error?.code).toBe('INVALID_STATE')
  })
})

describe('cancel and expiry give back once', () => {
  test('cancel returns the stock and the points as a reversal entry', async () => {
    const [me] = insertVolunteers(t, 'cancel', 1, 10)
    const reward = await addReward(t, { name: '香皂', cost: 4, stock: 1 })
    const r = await t.ok('mall', 'redeem', { rewardId: reward._id, requestId: freshRequest() }, me!.openid)
    const twice = await Promise.all([
      t.call('mall', 'cancel', { id: r._id }, me!.openid),
      t.call('mall', 'cancel', { id: r._id }, me!.openid),
    ])
    expect(twice.filter((c) => c.ok)).toHaveLength(1)
    budget('mall.cancel', twice.find((c) => c.ok)!.stats, 10)
    expect(twice.find((c) => !c.ok)!.error!.code).toBe('INVALID_STATE')
    const [stored] = await readAll(t, 'mall_rewards', { _id: reward._id })
    expect(stored.stock).toBe(1)
    const entries = await readAll(t, 'points_ledger', { ownerId: me!.userId })
    expect(entries.map((e) => [e.reason, e.delta]).sort()).toEqual([
      ['demand_closed', 10],
      ['redemption', -4],
      ['reversal', 4],
    ])
    expect(await balancesOff(t, [me!.userId])).toEqual([])
    // Someone else's redemption cannot be cancelled, or even found.
    expect((await t.call('mall', 'cancel', { id: r._id }, OPENID.volunteer)).error?.code).toBe('NOT_FOUND')
  })

  test('the timer expires a reservation past its window, racing the holder’s cancel: given back once', async () => {
    // Reservations left by the tests above expire first, so that this run counts only its own.
    t.emulator.clock.advance(61 * DAY)
    const drains = [await fireMallTimer(t)]
    while (drains.at(-1).more) drains.push(await fireMallTimer(t))
    expect(drains.map((d) => d.errors)).toEqual(drains.map(() => []))
    const people = insertVolunteers(t, 'race', 12, 10)
    const reward = await addReward(t, { name: '面粉', cost: 5, stock: 12, pickupDays: 2 })
    const made = await Promise.all(people.map((p) => t.ok('mall', 'redeem', { rewardId: reward._id, requestId: freshRequest() }, p.openid)))
    // A day before the window ends the holders are reminded, once.
    t.emulator.clock.advance(DAY + 60_000)
    const left = (await readAll(t, 'mall_redemptions', { status: 'reserved' })).filter((r) => !r.userId.startsWith('race'))
    expect(left.map((r) => [r.userId, r.expiresAt - t.emulator.clock.now()])).toEqual([])
    expect(await fireMallTimer(t)).toMatchObject({ expired: 0, reminded: 12 })
    expect(await fireMallTimer(t)).toMatchObject({ expired: 0, reminded: 0 })
    t.emulator.clock.advance(DAY)
    const [cancels, run] = await Promise.all([
      Promise.all(people.map((p, i) => t.call('mall', 'cancel', { id: made[i]._id }, p.openid))),
      fireMallTimer(t),
    ])
    const cancelled = cancels.filter((c) => c.ok).length
    expect(cancelled + run.expired).toBe(12)
    expect(run).toMatchObject({ failed: 0, inconsistent: 0 })
    for (const c of cancels.filter((c) => !c.ok)) expect(c.error!.message).toBe('该兑换已过期，积分已退回')
    const [stored] = await readAll(t, 'mall_rewards', { _id: reward._id })
    expect(stored.stock).toBe(12)
    const reversals = (await readAll(t, 'points_ledger', { reason: 'reversal' })).filter((e) => made.some((m) => m._id === e.redemptionId))
    expect(reversals).toHaveLength(12)
    expect(
      await balancesOff(
        t,
        people.map((p) => p.userId),
      ),
    ).toEqual([])
    expect(await fireMallTimer(t)).toMatchObject({ expired: 0 })
  })

  test('a forged timer payload is refused and changes nothing', async () => {
    const res = await t.call('mall', 'run', { Type: 'Timer', TriggerName: 'mall', Time: new Date().toISOString() }, OPENID.admin)
    expect(res.error?.code).toBe('FORBIDDEN')
    expect(res.stats.docsWritten).toBe(0)
  })
})

describe('points', () => {
  test('staff correct a volunteer’s points with a reason; never below zero; a retry is applied once; audited', async () => {
    const [me] = insertVolunteers(t, 'fix', 1, 10)
    const requestId = freshRequest('fix')
    const params = { ownerType: 'user', ownerId: me!.userId, delta: -3, reason: '重复登记的服务', requestId }
    const res = await t.call('points', 'correct', params, OPENID.staff)
    budget('points.correct', res.stats, 11)
    expect(res.data).toMatchObject({ balance: 7, created: true, entry: { reason: 'correction', delta: -3, note: '重复登记的服务' } })
    expect(await t.ok('points', 'correct', params, OPENID.staff)).toMatchObject({ balance: 7, created: false })
    const over = await t.call('points', 'correct', { ...params, delta: -8, requestId: freshRequest('fix') }, OPENID.staff)
    expect(over.error?.code).toBe('INVALID_STATE')
    expect((await t.call('points', 'correct', { ...params, requestId: freshRequest('fix') }, 'demo-staff-2')).error?.code).toBe('FORBIDDEN')
    expect(await balancesOff(t, [me!.userId])).toEqual([])
    const audit = await readAll(t, 'audit_log', { chain: C1 })
    expect(audit.filter((e) => e.action === 'points.correction' && e.detail.ownerId === me!.userId)).toHaveLength(1)
  })

  test('balance shows reserved points', async () => {
    const [me] = insertVolunteers(t, 'held', 1, 10)
    const a = await addReward(t, { name: '牙膏', cost: 3, stock: 2 })
    const b = await addReward(t, { name: '牙刷', cost: 2, stock: 2 })
    await t.ok('mall', 'redeem', { rewardId: a._id, requestId: freshRequest() }, me!.openid)
    await t.ok('mall', 'redeem', { rewardId: b._id, requestId: freshRequest() }, me!.openid)
    const res = await t.call('points', 'balance', {}, me!.openid)
    expect(res.data).toEqual({ balance: 5, entries: 3, reserved: 5 })
    budget('points.balance', res.stats, 2)
    const mine = await t.call('mall', 'mine', { status: 'reserved' }, me!.openid)
    expect(mine.data.items.map((r: any) => r.rewardName)).toEqual(['牙刷', '牙膏'])
    budget('mall.mine', mine.stats, 2)
  })
})
