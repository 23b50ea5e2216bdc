import { loadChanges, loadDeltas, loadHolderOf, LoadStatuses } from './load'
import { DemandStatuses, type Assignee, type Demand, type DemandStatus } from '../demand/types'
import { present } from '../demand/visibility'
import { exportedDemand } from '../privacy/export'

const v: Assignee = { type: 'volunteer', id: 'v1', name: '志愿者', assignedAt: 1, assignedBy: 's', points: 5 }
const u: Assignee = { type: 'unit', id: 'unit-1', name: '单位', assignedAt: 1, assignedBy: 's', points: 5 }
const V = { type: 'volunteer' as const, id: 'v1' }
const U = { type: 'unit' as const, id: 'unit-1' }

describe('whom a demand counts toward', () => {
  test.each(DemandStatuses.map((s) => [s]))('%s', (status: DemandStatus) => {
    const counts = status === 'dispatched' || status === 'in_progress'
    expect(loadHolderOf({ status, assignee: v })).toEqual(counts ? V : undefined)
    expect(loadHolderOf({ status, assignee: undefined })).toBeUndefined()
  })

  test('the statuses are the assignee’s to act on', () => {
    expect(LoadStatuses).toEqual(['dispatched', 'in_progress'])
    expect(loadHolderOf({ status: 'in_progress', assignee: u })).toEqual(U)
  })
})

describe('when a write leaves work for the timer', () => {
  test('the holder changes, or differs from what was counted', () => {
    // assign: nobody → v
    expect(loadChanges({ status: 'accepted' }, { status: 'dispatched', assignee: v })).toBe(true)
    // start: v stays v, counted
    expect(loadChanges({ status: 'dispatched', assignee: v, loadOf: V }, { status: 'in_progress', assignee: v })).toBe(false)
    // start of a demand not yet settled: still owed
    expect(loadChanges({ status: 'dispatched', assignee: v }, { status: 'in_progress', assignee: v })).toBe(true)
    // settled after the read (loadOf as read is stale): v → nobody is still owed
    expect(loadChanges({ status: 'dispatched', assignee: v }, { status: 'accepted' })).toBe(true)
    // confirm: nobody → nobody
    expect(loadChanges({ status: 'done', assignee: v }, { status: 'reviewed', assignee: v })).toBe(false)
  })

  test('deltas: −1 for whom it was counted, +1 for whom it counts', () => {
    expect(loadDeltas(undefined, V)).toEqual([{ holder: V, delta: 1 }])
    expect(loadDeltas(V, undefined)).toEqual([{ holder: V, delta: -1 }])
    expect(loadDeltas(V, U)).toEqual([
      { holder: V, delta: -1 },
      { holder: U, delta: 1 },
    ])
    expect(loadDeltas(V, { ...V })).toEqual([])
    expect(loadDeltas(undefined, undefined)).toEqual([])
  })
})

test('whom it is counted for is the timer’s: no masked view or export names the volunteer', () => {
  const demand = {
    _id: 'd1',
    kind: 'service',
    category: 'elderly_care',
    title: '买菜',
    detail: '帮忙买菜',
    photos: [],
    address: '新园里3号楼2门301',
    streetId: 's',
    communityId: 'c',
    gridId: 'g',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'owner',
    createdBy: 'owner',
    requestId: 'r',
    status: 'dispatched',
    createdAt: 1,
    updatedAt: 1,
    assignee: v,
    loadOf: V,
    timeline: [{ at: 1, action: 'create', to: 'submitted', actorId: 'owner', actorName: '张阿姨' }],
    version: 2,
  } as Demand
  expect(JSON.stringify(present(demand, 'masked'))).not.toContain('v1')
  expect(JSON.stringify(exportedDemand(demand, 'owner'))).not.toContain('v1')
})
