/**
 * Who sees a demand, and how much: the view for every relation in every status, and the
 * masking of contact name, phone and address.
 */
import type { Actor } from '../roles'
import { maskAddress, maskName, maskPhone, present, viewOf, type View } from './visibility'
import { DemandStatuses, type Demand, type DemandStatus } from './types'

type Who = 'owner' | 'creator' | 'staff' | 'street' | 'grid_worker' | 'assignee' | 'hall_volunteer' | 'stranger'

/** Written from the privacy rule: personal data for those responsible, the assignee while working on it. */
function expectedView(who: Who, status: DemandStatus): View {
  switch (who) {
    case 'owner':
    case 'creator':
    case 'staff':
    case 'street':
    case 'grid_worker':
      return 'full'
    case 'assignee':
      return ['dispatched', 'in_progress', 'done', 'reviewed'].includes(status) ? 'full' : 'masked'
    case 'hall_volunteer':
      return status === 'open' ? 'masked' : 'none'
    case 'stranger':
      return 'none'
  }
}

const person = (userId: string, grants: Actor['grants'] = []): Actor => ({ userId, openid: `wx-${userId}`, name: userId, grants })

const ACTORS: Record<Who, Actor> = {
  owner: person('u-owner'),
  creator: person('u-creator'),
  staff: person('u-staff', [{ role: 'community_staff', communityId: 'C1' }]),
  street: person('u-street', [{ role: 'street_staff', streetId: 'S1' }]),
  grid_worker: person('u-grid', [{ role: 'grid_worker', communityId: 'C1', gridIds: ['G1'] }]),
  assignee: person('u-assignee'),
  hall_volunteer: { ...person('u-hall', [{ role: 'volunteer', communityId: 'C1' }]), volunteer: { status: 'verified', communityId: 'C1' } },
  stranger: person('u-stranger', [
    { role: 'resident', communityId: 'C1' },
    { role: 'volunteer', communityId: 'C2' },
  ]),
}

function demandIn(status: DemandStatus): Demand {
  return {
    _id: 'd1',
    kind: 'wish',
    category: 'study_supplies',
    title: '想要一个新书包',
    detail: '孩子的书包坏了',
    photos: [],
    address: '新园社区3号楼2单元501',
    streetId: 'S1',
    communityId: 'C1',
    gridId: 'G1',
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13812345678',
    ownerId: 'u-owner',
    createdBy: 'u-creator',
    requestId: 'req-secret-1',
    status,
    createdAt: 0,
    updatedAt: 0,
    assignee: { type: 'volunteer', id: 'u-assignee', name: '王小红', assignedAt: 0, assignedBy: 'u-staff', points: 10 },
    timeline: [],
    version: 1,
  }
}

const WHO = Object.keys(ACTORS) as Who[]

describe.each(WHO)('%s', (who) => {
  test.each([...DemandStatuses])('in %s', (status) => {
    expect(viewOf(ACTORS[who], demandIn(status))).toBe(expectedView(who, status))
  })
})

describe('present', () => {
  test('the full view is the demand itself', () => {
    const demand = demandIn('dispatched')
    expect(present(demand, 'full')).toBe(demand)
  })

  test('the masked view hides name, phone, exact address and the request id, and keeps the rest', () => {
    const demand = demandIn('open')
    const masked = present(demand, 'masked')
    expect(masked).toMatchObject({ contactName: '张**', contactPhone: '138****5678', address: '新园社区****', requestId: '' })
    expect(masked).toMatchObject({ _id: 'd1', title: demand.title, detail: demand.detail, status: 'open', gridId: 'G1', communityId: 'C1' })
    const text = JSON.stringify(masked)
    for (const secret of ['13812345678', '3号楼2单元501', '张阿姨', 'req-secret-1']) expect(text).not.toContain(secret)
    expect(demand.contactPhone).toBe('13812345678')
  })
})

describe('present: free text, photos and people in a masked view', () => {
  /** A demand whose every free text quotes a phone, a flat and the resident's name, with photos everywhere. */
  function talkative(status: DemandStatus): Demand {
    return {
      ...demandIn(status),
      title: '3号楼2单元501水管漏水',
      detail: '张阿姨家501室漏水，电话13812345678',
      photos: ['cloud://env/p1.jpg', 'cloud://env/p2.jpg'],
      preferredTime: '周六上午，到了打138 1234 5678',
      rejectReason: '已转物业 12-3-402',
      consent: { version: 'v1', at: 0, by: 'u-creator' },
      declinedBy: ['u-other-volunteer'],
      hall: { points: 5, publishedAt: 0, publishedBy: 'u-staff' },
      assignee: {
        type: 'volunteer',
        id: 'u-assignee',
        name: '王小红',
        assignedAt: 0,
        assignedBy: 'u-staff',
        points: 10,
        workerUserId: 'u-worker',
      },
      completion: { note: '已修好501室，张阿姨满意', photos: ['cloud://env/p3.jpg'], hours: 1, at: 0 },
      rating: { stars: 5, comment: '谢谢，我的电话13812345678', at: 0 },
      timeline: [
        { at: 0, action: 'create', to: 'submitted', actorId: 'u-owner', actorName: '张阿姨', note: '住3号楼2单元501' },
        {
          at: 1,
          action: 'progress',
          to: 'in_progress',
          actorId: 'u-assignee',
          actorName: '王小红',
          note: '打了13812345678',
          photos: ['cloud://env/p4.jpg'],
        },
      ],
    }
  }
  const SECRETS = ['13812345678', '1234 5678', '501', '12-3-402', '张阿姨', 'cloud://']
  const FOREIGN_IDS = ['u-owner', 'u-creator', 'u-staff', 'u-assignee', 'u-worker', 'u-other-volunteer']

  test.each([
    ['hall_volunteer', 'open'],
    ['assignee', 'closed'],
    ['assignee', 'cancelled'],
  ] as const)('a %s (%s) sees no phone, flat, name, photo or other person’s id', (who, status) => {
    const demand = talkative(status)
    expect(viewOf(ACTORS[who], demand)).toBe('masked')
    const view = present(demand, 'masked')
    const text = JSON.stringify(view)
    for (const secret of [...SECRETS, ...FOREIGN_IDS]) expect(text).not.toContain(secret)
    expect(view).toMatchObject({ photos: [], photoCount: 2, completion: { photos: [], photoCount: 1, hours: 1 } })
    expect(view.timeline.map((e) => e.photoCount)).toEqual([undefined, 1])
    expect(view.detail).toBe('张**家***室漏水，电话***********')
    expect(view.timeline[0]).toMatchObject({ actorId: '', actorName: '张**', note: '住*号楼*单元***' })
    expect(view.rating).toMatchObject({ stars: 5, comment: '谢谢，我的电话***********' })
    expect(view.assignee).toMatchObject({ type: 'volunteer', id: '', name: '王小红', assignedBy: '', points: 10 })
    expect(view.hall).toEqual({ points: 5, publishedAt: 0, publishedBy: '' })
    expect(view).not.toHaveProperty('declinedBy')
    expect(view).not.toHaveProperty('consent')
  })

  test('a unit assignee keeps its unit id (an organisation, not a person)', () => {
    const demand = {
      ...talkative('closed'),
      assignee: { type: 'unit' as const, id: 'unit-power', name: '供电所', assignedAt: 0, assignedBy: 'u-staff', points: 0 },
    }
    expect(present(demand, 'masked').assignee).toMatchObject({ id: 'unit-power', assignedBy: '' })
  })

  test.each(['owner', 'creator', 'staff', 'street', 'grid_worker'] as const)('the %s sees it all', (who) => {
    const demand = talkative('in_progress')
    expect(present(demand, viewOf(ACTORS[who], demand))).toBe(demand)
  })

  test('the assignee sees it all while working on it', () => {
    const demand = talkative('in_progress')
    expect(present(demand, viewOf(ACTORS.assignee, demand))).toBe(demand)
  })
})

describe('masking', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['022-12345678', '022****5678'],
    ['12345', '***45'],
    ['7', '7'],
  ])('phone %s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  test.each([
    ['新园社区3号楼2单元501', '新园社区****'],
    ['果园新村街道红星里12号', '果园新村街道红星里****'],
    ['红星社区东门', '红星社区****'],
    ['门', '门****'],
    ['12号院3门', '****'],
  ])('address %s → %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked)
  })

  test.each([
    ['张阿姨', '张**'],
    ['李四', '李*'],
    ['欧阳娜娜', '欧**'],
    ['王', '王'],
    ['', ''],
  ])('name %s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
})

describe('a co-reporter (跟进)', () => {
  test('sees the masked view, without who else follows; a stranger still sees nothing', () => {
    const d = { ...demandIn('accepted'), followers: ['u-stranger', 'u-other'] }
    expect(viewOf(ACTORS.stranger, d)).toBe('masked')
    const shown = present(d, 'masked')
    expect(shown.followers).toBeUndefined()
    expect(shown.followerCount).toBe(2)
    expect(shown.contactPhone).not.toBe(d.contactPhone)
    expect(viewOf(ACTORS.stranger, demandIn('accepted'))).toBe('none')
  })
})
