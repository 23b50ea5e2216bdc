/** Retention and account deletion: which demands are due, and what is left of them afterwards. */
import type { Demand } from '../demand/types'
import { anonymisedFor, DEFAULT_RETENTION_DAYS, DELETED_USER_NAME, erasedContact, isDueForErasure, retentionDaysOf } from './retention'

const DAY = 24 * 3600 * 1000
const NOW = 1_000 * DAY

function demand(extra: Partial<Demand> = {}): Demand {
  return {
    _id: 'd1',
    kind: 'service',
    category: 'repair',
    title: '3号楼2单元501水管漏水',
    detail: '请联系张阿姨13812345678，楼下是502室',
    photos: ['cloud://env/a.jpg'],
    address: '新园里3号楼2单元501',
    streetId: 'S1',
    communityId: 'C1',
    gridId: 'G1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13812345678',
    ownerId: 'u-owner',
    createdBy: 'u-owner',
    requestId: 'req-1',
    status: 'closed',
    createdAt: NOW - 400 * DAY,
    updatedAt: NOW - 200 * DAY,
    assignee: { type: 'volunteer', id: 'u-vol', name: '王小红', assignedAt: 0, assignedBy: 'u-staff', points: 10 },
    completion: { note: '已修好，张阿姨家501室', photos: [], hours: 1, at: 0 },
    rating: { stars: 5, comment: '谢谢，有事打13812345678', at: 0 },
    timeline: [
      { at: 0, action: 'create', to: 'submitted', actorId: 'u-owner', actorName: '张阿姨', note: '门牌12-3-402' },
      { at: 1, action: 'complete', to: 'done', actorId: 'u-vol', actorName: '王小红', note: '王小红已完成' },
    ],
    version: 7,
    ...extra,
  }
}

describe('which demands are due', () => {
  test('ended demands past the period, not yet erased', () => {
    for (const status of ['closed', 'rejected', 'cancelled', 'merged'] as const) {
      expect(isDueForErasure(demand({ status }), NOW, 180)).toBe(true)
    }
    expect(isDueForErasure(demand({ status: 'reviewed' }), NOW, 180)).toBe(false)
    expect(isDueForErasure(demand({ updatedAt: NOW - 179 * DAY }), NOW, 180)).toBe(false)
    expect(isDueForErasure(demand(), NOW, 365)).toBe(false)
    expect(isDueForErasure(demand({ contactErasedAt: NOW - DAY }), NOW, 180)).toBe(false)
  })

  test('the period: a community’s own number of days, else 180', () => {
    expect(retentionDaysOf(undefined)).toBe(DEFAULT_RETENTION_DAYS)
    expect(retentionDaysOf({ retentionDays: 30 })).toBe(30)
    for (const bad of [0, -5, 1.5, 99999]) expect(retentionDaysOf({ retentionDays: bad })).toBe(180)
  })
})

describe('erasure', () => {
  test('contact emptied, address masked, numbers and the resident’s name gone from every text; the rest kept', () => {
    const d = demand()
    const patch = erasedContact(d, NOW)
    const after = { ...d, ...patch }
    expect(after).toMatchObject({ contactName: '', contactPhone: '', address: '新园里****', contactErasedAt: NOW })
    const text = JSON.stringify(after)
    for (const secret of ['13812345678', '张阿姨', '501', '502', '12-3-402']) expect(text).not.toContain(secret)
    expect(after.title).toBe('*号楼*单元***水管漏水')
    expect(after.timeline[0]).toMatchObject({ actorId: 'u-owner', actorName: '张**' })
    expect(after.timeline[1]).toMatchObject({ actorName: '王小红', note: '王小红已完成' })
    expect(after).toMatchObject({ status: 'closed', updatedAt: d.updatedAt, photos: d.photos, assignee: d.assignee, version: 7 })
    expect(patch).not.toHaveProperty('updatedAt')
  })

  test('a second erasure finds nothing to change', () => {
    const once = { ...demand(), ...erasedContact(demand(), NOW) }
    expect(erasedContact(once, NOW + DAY)).toEqual({})
  })
})

describe('account deletion', () => {
  test('the owner’s demand: contact erased, their name replaced everywhere; others’ names kept', () => {
    const d = demand()
    const after = { ...d, ...anonymisedFor(d, { id: 'u-owner', name: '张阿姨' }, NOW) }
    expect(after).toMatchObject({ contactName: DELETED_USER_NAME, contactPhone: '', address: '新园里****', contactErasedAt: NOW })
    expect(after.detail).toBe(`请联系${DELETED_USER_NAME}***********，楼下是***室`)
    expect(after.timeline[0]).toMatchObject({ actorName: DELETED_USER_NAME, actorId: 'u-owner' })
    expect(after.timeline[1]).toMatchObject({ actorName: '王小红' })
    expect(JSON.stringify(after)).not.toMatch(/张阿姨|13812345678/)
  })

  test('a volunteer’s account: only their name on the work they did', () => {
    const d = demand()
    const patch = anonymisedFor(d, { id: 'u-vol', name: '王小红' }, NOW)
    expect(Object.keys(patch).sort()).toEqual(['assignee', 'timeline'])
    expect(patch.assignee).toMatchObject({ id: 'u-vol', name: DELETED_USER_NAME })
    expect(patch.timeline![1]).toMatchObject({ actorName: DELETED_USER_NAME, note: `${DELETED_USER_NAME}已完成` })
    expect(patch.timeline![0]).toEqual(d.timeline[0])
  })

  test('anonymising twice changes nothing more', () => {
    const user = { id: 'u-owner', name: '张阿姨' }
    const once = { ...demand(), ...anonymisedFor(demand(), user, NOW) }
    expect(anonymisedFor(once, user, NOW + DAY)).toEqual({})
  })
})
