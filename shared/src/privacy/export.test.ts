/** The export: the person's own data whole, nobody else's ids, names or contact details. */
import type { Demand } from '../demand/types'
import { buildExport, exportedDemand } from './export'
import { PRIVACY_VERSION } from './consent'

function demand(extra: Partial<Demand> = {}): Demand {
  return {
    _id: 'd1',
    kind: 'service',
    category: 'repair',
    title: '水管漏水',
    detail: '厨房水管漏水',
    photos: ['cloud://env/a.jpg'],
    address: '新园里3号楼2单元501',
    streetId: 'S1',
    communityId: 'C1',
    gridId: 'G1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13812345678',
    ownerId: 'u-owner',
    createdBy: 'u-grid',
    requestId: 'req-1',
    status: 'closed',
    createdAt: 0,
    updatedAt: 0,
    consent: { version: PRIVACY_VERSION, at: 0, by: 'u-grid' },
    assignee: { type: 'volunteer', id: 'u-vol', name: '王小红', assignedAt: 0, assignedBy: 'u-staff', points: 10, workerUserId: 'u-w' },
    declinedBy: ['u-other-vol'],
    timeline: [
      { at: 0, action: 'create', to: 'submitted', actorId: 'u-grid', actorName: '陈网格', note: '网格员代办，居民：张阿姨' },
      { at: 1, action: 'confirm', to: 'reviewed', actorId: 'u-owner', actorName: '张阿姨' },
      { at: 2, action: 'confirm', to: 'reviewed', actorId: 'system', actorName: '系统' },
    ],
    version: 7,
    ...extra,
  }
}

const OTHERS = ['u-grid', 'u-vol', 'u-staff', 'u-w', 'u-other-vol', '陈网格', '王小红']

test('the owner’s demand keeps their contact details and photos, and no one else’s id or full name', () => {
  const out = exportedDemand(demand(), 'u-owner')
  expect(out).toMatchObject({
    contactPhone: '13812345678',
    address: '新园里3号楼2单元501',
    photos: ['cloud://env/a.jpg'],
    ownerId: 'u-owner',
  })
  expect(out.timeline.map((e) => [e.actorId, e.actorName])).toEqual([
    ['', '陈**'],
    ['u-owner', '张阿姨'],
    ['system', '系统'],
  ])
  expect(out.consent).toEqual({ version: PRIVACY_VERSION, at: 0 })
  const text = JSON.stringify(out)
  for (const other of OTHERS) expect(text).not.toContain(other)
})

test('a demand entered for someone else comes masked, the person’s own entries whole', () => {
  const out = exportedDemand(demand(), 'u-grid')
  expect(out).toMatchObject({ contactPhone: '138****5678', address: '新园里****', photos: [], photoCount: 1, ownerId: '' })
  expect(out.timeline[0]).toMatchObject({ actorId: 'u-grid', actorName: '陈网格', note: '网格员代办，居民：张**' })
  const text = JSON.stringify(out)
  for (const secret of ['13812345678', '张阿姨', 'u-owner', 'u-vol', '501']) expect(text).not.toContain(secret)
})

test('the file lists the user, their consents, demands, ledger and messages', () => {
  const file = buildExport({
    user: { _id: 'u-owner', name: '张阿姨', consent: { version: PRIVACY_VERSION, at: 5 } },
    demands: [demand()],
    ledger: [{ createdBy: 'u-staff', note: '完成「3号楼2单元501修水管」' }],
    notifications: [{ title: '点单已办结', body: '请打13812345678' }],
    now: 99,
  })
  expect(file).toMatchObject({ format: 'honglin-export', privacyVersion: PRIVACY_VERSION, exportedAt: 99 })
  expect(file.consents).toEqual({
    current: { version: PRIVACY_VERSION, at: 5 },
    demands: [{ demandId: 'd1', consent: { version: PRIVACY_VERSION, at: 0 } }],
  })
  expect(file.ledger).toEqual([{ createdBy: '', note: '完成「*号楼*单元***修水管」' }])
  expect(file.notifications).toEqual([{ title: '点单已办结', body: '请打***********' }])
})
