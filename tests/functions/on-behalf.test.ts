/**
 * `demand.listOnBehalf` (我代办的): the grid worker finds the orders he placed for residents,
 * with their progress, by key-paged reads of the `on_behalf` index.
 */
import type { Demand } from '@honglin/shared'
import { useHonglin } from '../helpers/honglin'
import {
  G1,
  G2,
  OPENID,
  USER,
  demandInput,
  expectAllQueriesIndexed,
  fixtureDemand,
  insertUsers,
  instrument,
  saveMeasured,
} from './support/demands'

const t = instrument(useHonglin())

const GRID2 = 't-grid-2'

beforeAll(() => {
  insertUsers(t, [{ _id: GRID2, name: '另一位网格员', grants: [{ role: 'grid_worker', communityId: 'community-xinyuan', gridIds: [G1] }] }])
})

afterAll(() => {
  saveMeasured('on-behalf')
  expectAllQueriesIndexed(t)
})

const list = (who: string, params: Record<string, unknown> = {}) => t.call('demand', 'listOnBehalf', { ...params }, who)

describe('demand.listOnBehalf', () => {
  test('the orders he placed for residents, newest first, with their progress; not other people’s', async () => {
    const a: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('service', { title: '代李大爷买药', ownerId: USER.resident2, contactName: '李大爷', contactPhone: '13800000002' }),
      OPENID.grid,
    )
    t.emulator.clock.advance(1000)
    const b: Demand = await t.ok(
      'demand',
      'createOnBehalf',
      demandInput('wish', {
        gridId: G2,
        title: '代孙奶奶要轮椅',
        ownerName: '孙奶奶',
        ownerPhone: '13900000011',
        contactName: '孙奶奶',
        contactPhone: '13900000011',
      }),
      OPENID.grid,
    )
    await t.ok('dispatch', 'accept', { id: a._id }, OPENID.staff)
    // The resident's own order, and another grid worker's 代办, are not his.
    const own: Demand = await t.ok('demand', 'create', demandInput('service'), OPENID.resident)
    await t.ok('demand', 'createOnBehalf', demandInput('service', { ownerId: USER.resident }), GRID2)

    const res = await list(OPENID.grid)
    expect(res.ok).toBe(true)
    const ids = res.data.items.map((d: Demand) => d._id)
    expect(ids.slice(0, 2)).toEqual([b._id, a._id])
    expect(ids).not.toContain(own._id)
    expect(res.data.items.every((d: Demand) => d.createdBy === USER.grid && d.ownerId !== USER.grid)).toBe(true)
    expect(res.data.items[1]).toMatchObject({ status: 'accepted', contactName: '李大爷' })
    expect(res.stats.roundTrips).toBe(2)
    // Anyone else's list holds none of his.
    expect((await list(OPENID.resident)).data.items).toEqual([])
    expect((await list(GRID2)).data.items.map((d: Demand) => d._id)).not.toContain(a._id)
  })

  test('pages by key: every order once, however many, while new ones are added', async () => {
    const now = Date.now()
    const docs = Array.from({ length: 45 }, (_, i) =>
      fixtureDemand('submitted', {
        createdBy: USER.grid,
        extra: { ownerId: USER.resident2, createdAt: now - 10_000_000 - i * 1000, consent: { version: 'x', at: 1, by: USER.grid } },
      }),
    )
    t.emulator.database.insertMany('demands', docs as unknown as Record<string, unknown>[])
    const seen: string[] = []
    let cursor: string | undefined
    for (let pages = 0; pages < 20; pages++) {
      const res = await list(OPENID.grid, { page: { limit: 10 }, ...(cursor ? { cursor } : {}) })
      expect(res.ok).toBe(true)
      seen.push(...res.data.items.map((d: Demand) => d._id))
      // A new 代办 placed meanwhile sorts before the pages already read: it moves nothing.
      if (pages === 1) await t.ok('demand', 'createOnBehalf', demandInput('service', { ownerId: USER.resident2 }), OPENID.grid)
      if (!res.data.hasMore) {
        expect(res.data.next).toBeUndefined()
        break
      }
      cursor = res.data.next
    }
    expect(new Set(seen).size).toBe(seen.length)
    for (const d of docs) expect(seen).toContain(d._id)
  })

  test('a malformed cursor or page is refused by the contract', async () => {
    expect((await list(OPENID.grid, { cursor: 'nope' })).error?.code).toBe('INVALID_INPUT')
    expect((await list(OPENID.grid, { page: { limit: 5000 } })).error?.code).toBe('INVALID_INPUT')
  })
})
