/**
 * The lists that grow with a community's history, paged by key (`cursor` → `next`): 我的点单,
 * 任务大厅, 我的任务, the staff's volunteer list and the staff inbox (urgent first within
 * overdue first); search in the inbox and in 我的点单 within a bounded window per call; every
 * query served by a declared index (strict mode).
 */
import type { Demand } from '@honglin/shared'
import { SEARCH_WINDOW } from '../../cloudfunctions/dispatch/inbox'
import { useHonglin, type Honglin } from '../helpers/honglin'
import { STREET, expectAllQueriesIndexed, fixtureDemand, insertUsers, type FixtureState } from './support/demands'

const t: Honglin = useHonglin()

const CL = 'community-lists'
const STAFF = 'user-l-staff'
const OWNER = 'user-l-owner'
const VOLUNTEER = 'user-l-volunteer'
const T0 = Date.UTC(2026, 2, 1)

let n = 0
function insert(state: FixtureState, extra: Partial<Demand> = {}): Demand {
  n += 1
  const d = fixtureDemand(state, { communityId: CL, extra: { _id: `l-${String(n).padStart(4, '0')}`, ownerId: OWNER, ...extra } })
  t.emulator.database.insertMany('demands', [d as unknown as Record<string, unknown>])
  return d
}

beforeAll(() => {
  insertUsers(t, [
    { _id: STAFF, name: '列表社区 刘主任', grants: [{ role: 'community_staff', communityId: CL, streetId: STREET }] },
    { _id: OWNER, name: '列表居民', grants: [{ role: 'resident', communityId: CL, streetId: STREET }] },
    {
      _id: VOLUNTEER,
      name: '列表志愿者',
      grants: [{ role: 'volunteer', communityId: CL, streetId: STREET }],
      volunteer: { status: 'verified', skills: [], isPartyMember: false, communityId: CL, gridId: `${CL}-grid-1`, appliedAt: T0 },
    },
  ])
})

afterAll(() => expectAllQueriesIndexed(t))

interface Walk {
  ids: string[]
  pages: number
  trips: number[]
}

/** Every page of a list by cursor. */
async function walk(fn: string, action: string, params: Record<string, unknown>, who: string, limit: number): Promise<Walk> {
  const ids: string[] = []
  const trips: number[] = []
  let cursor: string | undefined
  for (let pages = 1; pages <= 60; pages++) {
    const res = await t.call(fn, action, { ...params, ...(cursor ? { cursor } : {}), page: { limit } }, who)
    expect(res.error).toBeUndefined()
    ids.push(...res.data.items.map((d: { _id?: string; userId?: string }) => d._id ?? d.userId))
    trips.push(res.stats.roundTrips)
    expect(res.data.hasMore).toBe(res.data.next !== undefined)
    if (!res.data.hasMore) return { ids, pages, trips }
    cursor = res.data.next
  }
  throw new Error('paging does not end')
}

/** Newest first by `field`, the id breaking ties. */
function byDesc<T extends { _id: string }>(rows: T[], field: (r: T) => number): string[] {
  return [...rows].sort((a, b) => field(b) - field(a) || (a._id < b._id ? 1 : -1)).map((r) => r._id)
}

describe('paged by key', () => {
  const mine: Demand[] = []
  const open: Demand[] = []
  const assigned: Demand[] = []

  beforeAll(() => {
    // Times repeat in threes: the id breaks the tie, so no page repeats or skips an item.
    const states: FixtureState[] = ['submitted', 'open', 'dispatched', 'closed', 'in_progress']
    for (let i = 0; i < 40; i++) {
      const at = T0 + Math.floor(i / 3) * 60_000
      const d = insert(states[i % 5]!, {
        createdAt: at,
        updatedAt: at + (i % 4) * 1000,
        category: i % 2 ? 'elderly_care' : 'repair',
        ...(i % 5 === 2 || i % 5 === 4
          ? { assignee: { type: 'volunteer', id: VOLUNTEER, name: '列表志愿者', assignedAt: at, assignedBy: STAFF, points: 10 } }
          : {}),
      })
      mine.push(d)
      if (d.status === 'open') open.push(d)
      if (d.assignee?.id === VOLUNTEER) assigned.push(d)
    }
  })

  test('我的点单: every demand once, newest first, two round trips a page, by status too', async () => {
    const all = await walk('demand', 'listMine', {}, OWNER, 6)
    expect(all.pages).toBeGreaterThan(3)
    expect(all.ids).toEqual(byDesc(mine, (d) => d.createdAt))
    expect(Math.max(...all.trips)).toBe(2)
    const closed = await walk('demand', 'listMine', { status: 'closed' }, OWNER, 3)
    expect(closed.ids).toEqual(
      byDesc(
        mine.filter((d) => d.status === 'closed'),
        (d) => d.createdAt,
      ),
    )
    expect(closed.pages).toBeGreaterThan(1)
  })

  test('任务大厅: every open demand once, newest first, by category too', async () => {
    const all = await walk('task', 'hall', {}, VOLUNTEER, 3)
    expect(all.pages).toBeGreaterThan(2)
    expect(all.ids).toEqual(byDesc(open, (d) => d.createdAt))
    expect(Math.max(...all.trips)).toBe(2)
    const repair = await walk('task', 'hall', { category: 'repair' }, VOLUNTEER, 1)
    expect(repair.ids).toEqual(
      byDesc(
        open.filter((d) => d.category === 'repair'),
        (d) => d.createdAt,
      ),
    )
  })

  test('我的任务: every assigned demand once, most recently changed first, by status too', async () => {
    const all = await walk('task', 'mine', {}, VOLUNTEER, 4)
    expect(all.pages).toBeGreaterThan(3)
    expect(all.ids).toEqual(byDesc(assigned, (d) => d.updatedAt))
    expect(Math.max(...all.trips)).toBe(2)
    const doing = await walk('task', 'mine', { status: 'in_progress' }, VOLUNTEER, 2)
    expect(doing.ids).toEqual(
      byDesc(
        assigned.filter((d) => d.status === 'in_progress'),
        (d) => d.updatedAt,
      ),
    )
  })

  test('志愿者名单: every applicant once, most recent application first', async () => {
    const applicants = Array.from({ length: 11 }, (_, i) => ({
      _id: `user-l-applicant-${String(i).padStart(2, '0')}`,
      name: `申请人 ${i}`,
      volunteer: { status: 'pending', skills: [], isPartyMember: false, communityId: CL, appliedAt: T0 + Math.floor(i / 2) * 1000 },
    }))
    insertUsers(t, applicants)
    const all = await walk('user', 'volunteers', { communityId: CL, status: 'pending' }, STAFF, 3)
    expect(all.pages).toBe(4)
    expect(all.ids).toEqual(byDesc(applicants, (u) => u.volunteer.appliedAt))
    expect(Math.max(...all.trips)).toBe(2)
  })

  test('a cursor no list gave is INVALID_INPUT', async () => {
    const calls: [string, string, Record<string, unknown>, string][] = [
      ['demand', 'listMine', {}, OWNER],
      ['task', 'hall', {}, VOLUNTEER],
      ['task', 'mine', {}, VOLUNTEER],
      ['user', 'volunteers', { communityId: CL }, STAFF],
    ]
    for (const [fn, action, params, who] of calls) {
      for (const cursor of ['abc', '1.2.3', '1.x/y', `1.${'a'.repeat(65)}`, 7, '']) {
        const res = await t.call(fn, action, { ...params, cursor }, who)
        expect({ fn, action, cursor, error: res.error }).toMatchObject({
          fn,
          action,
          cursor,
          error: { code: 'INVALID_INPUT', fields: { cursor: expect.any(String) } },
        })
      }
    }
  })
})

describe('the staff inbox: urgent first within overdue first', () => {
  const CU = 'community-lists-urgent'
  const STAFF_U = 'user-l-staff-urgent'
  const rows: Demand[] = []

  beforeAll(() => {
    insertUsers(t, [{ _id: STAFF_U, name: '加急社区 赵主任', grants: [{ role: 'community_staff', communityId: CU, streetId: STREET }] }])
    for (let i = 0; i < 14; i++) {
      const d = fixtureDemand('submitted', {
        communityId: CU,
        extra: {
          _id: `u-${String(i).padStart(2, '0')}`,
          createdAt: T0 + i * 60_000,
          urgency: i % 3 === 0 ? 'urgent' : 'normal',
          ...(i % 5 === 0 ? { overdue: { since: T0 + 9_000_000 + i, stage: 'triage' as const } } : {}),
        },
      })
      rows.push(d)
    }
    t.emulator.database.insertMany('demands', rows as unknown as Record<string, unknown>[])
  })

  test('overdue (most recently first), then urgent, then newest; the same across pages by cursor', async () => {
    const rank = (d: Demand) => [d.overdue?.since ?? -1, d.urgency === 'urgent' ? 1 : 0, d.createdAt]
    const expected = [...rows]
      .sort((a, b) => {
        const [x, y] = [rank(a), rank(b)]
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i]! - x[i]!
        return 0
      })
      .map((d) => d._id)
    const once = await t.ok('dispatch', 'inbox', { page: { limit: 50 } }, STAFF_U)
    expect(once.items.map((d: Demand) => d._id)).toEqual(expected)
    // A newer normal item sits below an older urgent one.
    expect(expected.indexOf('u-12')).toBeLessThan(expected.indexOf('u-13'))
    const paged = await walk('dispatch', 'inbox', {}, STAFF_U, 3)
    expect(paged.ids).toEqual(expected)
    expect(Math.max(...paged.trips)).toBe(2)
    const normal = await walk('dispatch', 'inbox', { overdue: false }, STAFF_U, 2)
    expect(normal.ids).toEqual(expected.filter((id) => !rows.find((d) => d._id === id)!.overdue))
  })
})

describe('search', () => {
  const CS = 'community-lists-search'
  const STAFF_S = 'user-l-staff-search'
  const SEARCHER = 'user-l-searcher'
  const OLD_PHONE = '13912345678'
  /** Newer than the window holds: the oldest items lie beyond one call's window. */
  const NEWER = SEARCH_WINDOW + 30
  /** Within the newest window: found by the first call. */
  const NEAR = NEWER - 5
  const NEAR_ID = `s-${String(NEAR).padStart(4, '0')}`

  beforeAll(() => {
    insertUsers(t, [
      { _id: STAFF_S, name: '搜索社区 孙主任', grants: [{ role: 'community_staff', communityId: CS, streetId: STREET }] },
      { _id: SEARCHER, name: '搜索居民', grants: [{ role: 'resident', communityId: CS, streetId: STREET }] },
    ])
    const at = (i: number) => T0 + i * 60_000
    const docs: Demand[] = [
      // The oldest two: one with a phone of its own, one whose title word appears nowhere else.
      fixtureDemand('closed', {
        communityId: CS,
        extra: { _id: 's-old-phone', createdAt: at(0), contactPhone: OLD_PHONE, ownerId: SEARCHER },
      }),
      fixtureDemand('closed', {
        communityId: CS,
        extra: { _id: 's-old-word', createdAt: at(1), title: '楼道灯坏了很久', ownerId: SEARCHER },
      }),
      ...Array.from({ length: NEWER }, (_, i) =>
        fixtureDemand(i % 2 ? 'closed' : 'submitted', {
          communityId: CS,
          extra: {
            _id: `s-${String(i).padStart(4, '0')}`,
            createdAt: at(2 + i),
            title: i % 50 === 7 ? '楼道灯不亮' : '帮忙买菜送上门',
            address: i === NEAR ? '果园新村17号楼' : '新园里3号楼2门301',
            ownerId: SEARCHER,
          },
        }),
      ),
    ]
    t.emulator.database.insertMany('demands', docs as unknown as Record<string, unknown>[])
  })

  test('a whole phone number finds that person’s demands in the whole history, through its index', async () => {
    const res = await t.call('dispatch', 'inbox', { q: OLD_PHONE }, STAFF_S)
    expect(res.data.items.map((d: Demand) => d._id)).toEqual(['s-old-phone'])
    expect(res.data).toMatchObject({ hasMore: false, search: { scanned: 1, complete: true } })
    expect(res.stats.roundTrips).toBeLessThanOrEqual(3)
    // The list's filters still apply.
    expect((await t.ok('dispatch', 'inbox', { q: OLD_PHONE, status: 'submitted' }, STAFF_S)).items).toEqual([])
  })

  test('words look at one window of the newest items per call and say so; "more" looks further back', async () => {
    const first = await t.call('dispatch', 'inbox', { q: '楼道灯', page: { limit: 20 } }, STAFF_S)
    const found = first.data.items.map((d: Demand) => d._id)
    // In the window: the newest SEARCH_WINDOW items; the old one lies beyond it.
    expect(found.length).toBeGreaterThan(0)
    expect(found).not.toContain('s-old-word')
    expect(found.every((id: string) => Number(id.slice(2)) >= NEWER - SEARCH_WINDOW)).toBe(true)
    expect(first.data.search).toEqual({ scanned: SEARCH_WINDOW, window: SEARCH_WINDOW, complete: false })
    expect(first.data.hasMore).toBe(true)
    expect(first.stats.roundTrips).toBeLessThanOrEqual(3)
    const rest = await walk('dispatch', 'inbox', { q: '楼道灯' }, STAFF_S, 20)
    const titled = (id: string) => id === 's-old-word' || (id.startsWith('s-0') && Number(id.slice(2)) % 50 === 7)
    expect(rest.ids.slice(0, found.length)).toEqual(found)
    expect(rest.ids).toContain('s-old-word')
    expect(rest.ids.every(titled)).toBe(true)
    expect(rest.ids).toHaveLength(Math.ceil(NEWER / 50) + 1)
    expect(Math.max(...rest.trips)).toBeLessThanOrEqual(3)
  })

  test('the address and part of a phone number match too; a page never holds more than asked', async () => {
    expect((await t.ok('dispatch', 'inbox', { q: '果园新村' }, STAFF_S)).items.map((d: Demand) => d._id)).toEqual([NEAR_ID])
    const byPart = await t.ok('dispatch', 'inbox', { q: '0000001', page: { limit: 5 } }, STAFF_S)
    expect(byPart.items).toHaveLength(5)
    expect(byPart.hasMore).toBe(true)
  })

  test('我的点单 searches title and address the same way', async () => {
    const res = await t.call('demand', 'listMine', { q: '果园新村' }, SEARCHER)
    expect(res.data.items.map((d: Demand) => d._id)).toEqual([NEAR_ID])
    expect(res.data.search).toMatchObject({ window: SEARCH_WINDOW })
    expect(res.stats.roundTrips).toBeLessThanOrEqual(3)
    const all = await walk('demand', 'listMine', { q: '楼道灯' }, SEARCHER, 50)
    expect(all.ids).toContain('s-old-word')
    // Not the contact phone: residents search their own words.
    expect((await t.ok('demand', 'listMine', { q: '13800000001' }, SEARCHER)).items).toEqual([])
  })

  test('search words are 1–30 characters after trimming', async () => {
    for (const q of ['', '   ', 'x'.repeat(31), 5]) {
      for (const [fn, action, who] of [
        ['dispatch', 'inbox', STAFF_S],
        ['demand', 'listMine', SEARCHER],
      ]) {
        const res = await t.call(fn!, action!, { q }, who!)
        expect({ q, error: res.error }).toMatchObject({ q, error: { code: 'INVALID_INPUT', fields: { q: expect.any(String) } } })
      }
    }
    expect((await t.ok('dispatch', 'inbox', { q: '  果园新村 ' }, STAFF_S)).items).toHaveLength(1)
  })
})
