/**
 * Demo demands, one or more in every status, each with the timeline that led there, so every
 * screen has something real to show. Times are relative to the seeding moment.
 */
const HOUR = 3600 * 1000
const C1 = 'community-xinyuan'
const STREET = 'street-guoyuan'
const grid = (n) => `${C1}-grid-${n}`
/** The privacy notice the residents agreed to when ordering (PRIVACY_VERSION in shared/src/privacy/consent.ts). */
const PRIVACY_VERSION = '2025-06'

const people = {
  resident: { id: 'user-resident', name: '张阿姨', phone: '13800000001' },
  resident2: { id: 'user-resident-2', name: '李大爷', phone: '13800000002' },
  volunteer: { id: 'user-volunteer', name: '王小红' },
  volunteer2: { id: 'user-volunteer-2', name: '赵志强' },
  staff: { id: 'user-staff', name: '刘书记' },
  unit: { id: 'unit-power', name: '国网供电所' },
  grid: { id: 'user-grid', name: '陈网格' },
}

/** Steps from `submitted` to each target status: [action, to, actor]. */
const PATHS = {
  submitted: [],
  accepted: [['accept', 'accepted', 'staff']],
  rejected: [['reject', 'rejected', 'staff']],
  merged: [['merge', 'merged', 'staff']],
  open: [
    ['accept', 'accepted', 'staff'],
    ['publish', 'open', 'staff'],
  ],
  dispatched: [
    ['accept', 'accepted', 'staff'],
    ['assign', 'dispatched', 'staff'],
  ],
  in_progress: [
    ['accept', 'accepted', 'staff'],
    ['assign', 'dispatched', 'staff'],
    ['acceptAssignment', 'dispatched', 'assignee'],
    ['start', 'in_progress', 'assignee'],
  ],
  done: [
    ['accept', 'accepted', 'staff'],
    ['assign', 'dispatched', 'staff'],
    ['acceptAssignment', 'dispatched', 'assignee'],
    ['start', 'in_progress', 'assignee'],
    ['complete', 'done', 'assignee'],
  ],
  reviewed: [
    ['accept', 'accepted', 'staff'],
    ['assign', 'dispatched', 'staff'],
    ['acceptAssignment', 'dispatched', 'assignee'],
    ['start', 'in_progress', 'assignee'],
    ['complete', 'done', 'assignee'],
    ['rate', 'reviewed', 'owner'],
  ],
  cancelled: [['cancel', 'cancelled', 'owner']],
}
PATHS.closed = [...PATHS.reviewed, ['close', 'closed', 'staff']]

const SPECS = [
  {
    status: 'submitted',
    kind: 'service',
    category: 'elderly_care',
    title: '想请人陪我去医院复查',
    detail: '下周二上午要去区中医医院复查，腿脚不便，希望有人陪同。',
    owner: 'resident',
    grid: 1,
    urgency: 'normal',
    ageH: 3,
  },
  {
    status: 'submitted',
    kind: 'report',
    category: 'street_light',
    title: '3号楼前路灯不亮',
    detail: '3号楼和4号楼之间的路灯坏了一个星期，晚上很黑。',
    owner: 'resident2',
    grid: 1,
    urgency: 'urgent',
    ageH: 5,
  },
  {
    status: 'accepted',
    kind: 'service',
    category: 'repair',
    title: '家里电视没有信号',
    detail: '电视突然没有信号，机顶盒灯一直闪。',
    owner: 'resident2',
    grid: 2,
    ageH: 20,
  },
  {
    status: 'rejected',
    kind: 'service',
    category: 'other_service',
    title: '帮忙搬家具到外地',
    detail: '需要把沙发运到外省亲戚家。',
    owner: 'resident',
    grid: 1,
    ageH: 50,
    reason: '超出社区服务范围，已告知可联系搬家公司',
  },
  {
    status: 'merged',
    kind: 'report',
    category: 'rubbish',
    title: '小区东门垃圾没人清',
    detail: '东门垃圾桶满了两天。',
    owner: 'resident2',
    grid: 2,
    ageH: 30,
  },
  {
    status: 'open',
    kind: 'wish',
    category: 'study_supplies',
    title: '孙子想要一个新书包',
    detail: '孙子今年上三年级，书包带子断了。',
    owner: 'resident',
    grid: 1,
    ageH: 26,
    points: 10,
  },
  {
    status: 'open',
    kind: 'service',
    category: 'errand',
    title: '帮忙代买降压药',
    detail: '常吃的药快吃完了，药店在两公里外。',
    owner: 'resident2',
    grid: 2,
    ageH: 8,
    points: 10,
  },
  {
    status: 'dispatched',
    kind: 'service',
    category: 'repair',
    title: '厨房插座冒火花',
    detail: '厨房的插座一插电饭煲就冒火花，不敢用了。',
    owner: 'resident',
    grid: 1,
    ageH: 30,
    assignee: 'unit',
    points: 20,
    dueInH: 24,
  },
  {
    status: 'in_progress',
    kind: 'service',
    category: 'elderly_care',
    title: '每周帮忙打扫一次卫生',
    detail: '一个人住，打扫不动了。',
    owner: 'resident2',
    grid: 2,
    ageH: 72,
    assignee: 'volunteer',
    points: 20,
    dueInH: 48,
  },
  {
    status: 'done',
    kind: 'wish',
    category: 'visit',
    title: '想有人陪我聊聊天',
    detail: '老伴走了以后一个人在家，想有人常来坐坐。',
    owner: 'resident',
    grid: 1,
    ageH: 100,
    assignee: 'volunteer2',
    points: 15,
  },
  {
    status: 'reviewed',
    kind: 'report',
    category: 'safety_hazard',
    title: '楼道里堆满了杂物',
    detail: '5号楼2单元楼道堆了很多纸箱，有火灾隐患。',
    owner: 'resident2',
    grid: 1,
    ageH: 120,
    assignee: 'volunteer',
    points: 10,
    stars: 5,
    comment: '清理得很干净，谢谢志愿者！',
  },
  {
    status: 'cancelled',
    kind: 'service',
    category: 'legal',
    title: '咨询遗嘱怎么写',
    detail: '想了解遗嘱需要哪些手续。',
    owner: 'resident',
    grid: 1,
    ageH: 40,
  }, // A likely duplicate of the street light above (demo-demand-02): staff merge it by picking.
  {
    status: 'submitted',
    kind: 'report',
    category: 'street_light',
    title: '3号楼门口路灯坏了不亮',
    detail: '3号楼门口那盏路灯晚上不亮，老人出门看不清台阶。',
    owner: 'resident',
    grid: 1,
    ageH: 2,
  },
  // Ordered by the grid worker for 李大爷, who does not use the app (代办).
  {
    status: 'accepted',
    kind: 'service',
    category: 'errand',
    title: '代李大爷预约上门理发',
    detail: '李大爷行动不便，想请人上门理发，周末在家。',
    owner: 'resident2',
    onBehalfOf: 'grid',
    grid: 2,
    ageH: 12,
  },
]

function buildDemands(now) {
  return SPECS.map((spec, i) => {
    const owner = people[spec.owner]
    const createdAt = now - spec.ageH * HOUR
    const assignee = spec.assignee
      ? {
          type: spec.assignee === 'unit' ? 'unit' : 'volunteer',
          id: people[spec.assignee].id,
          name: people[spec.assignee].name,
          assignedAt: createdAt + 2 * HOUR,
          assignedBy: people.staff.id,
          points: spec.points,
          ...(spec.dueInH ? { dueAt: now + spec.dueInH * HOUR } : {}),
        }
      : undefined
    const steps = PATHS[spec.status]
    const creator = spec.onBehalfOf ? people[spec.onBehalfOf] : owner
    const timeline = [
      {
        at: createdAt,
        action: 'create',
        to: 'submitted',
        actorId: creator.id,
        actorName: creator.name,
        ...(spec.onBehalfOf ? { note: `网格员代办，居民：${owner.name}` } : {}),
      },
    ]
    steps.forEach(([action, to, who], n) => {
      const actor = who === 'staff' ? people.staff : who === 'owner' ? owner : { id: assignee.id, name: assignee.name }
      const at = Math.min(now - HOUR, createdAt + (n + 1) * HOUR)
      const note =
        action === 'reject' ? spec.reason : action === 'merge' ? '与同一位置的随手拍合并' : action === 'rate' ? spec.comment : undefined
      timeline.push({
        at,
        action,
        from: timeline[timeline.length - 1].to,
        to,
        actorId: actor.id,
        actorName: actor.name,
        ...(note ? { note } : {}),
      })
      if (action === 'acceptAssignment') assignee.acceptedAt = at
    })
    const last = timeline[timeline.length - 1]
    const demand = {
      _id: `demo-demand-${String(i + 1).padStart(2, '0')}`,
      kind: spec.kind,
      category: spec.category,
      title: spec.title,
      detail: spec.detail,
      photos: [],
      address: `新园社区${spec.grid * 2 + 1}号楼${(i % 3) + 1}单元${101 + i}`,
      streetId: STREET,
      communityId: C1,
      gridId: grid(spec.grid),
      urgency: spec.urgency ?? 'normal',
      contactName: owner.name,
      contactPhone: owner.phone,
      ownerId: owner.id,
      createdBy: creator.id,
      requestId: `demo-request-${i + 1}`,
      consent: { version: PRIVACY_VERSION, at: createdAt, ...(spec.onBehalfOf ? { by: creator.id } : {}) },
      status: spec.status,
      createdAt,
      updatedAt: last.at,
      timeline,
      version: timeline.length,
    }
    if (assignee && ['dispatched', 'in_progress', 'done', 'reviewed', 'closed'].includes(spec.status)) demand.assignee = assignee
    if (spec.status === 'open') demand.assignee = undefined
    if (spec.status === 'open') demand.hall = { points: spec.points, publishedAt: last.at, publishedBy: people.staff.id }
    if (spec.status === 'rejected') demand.rejectReason = spec.reason
    if (spec.status === 'merged') demand.mergedInto = 'demo-demand-02'
    if (['done', 'reviewed', 'closed'].includes(spec.status)) {
      const completed = timeline.find((e) => e.action === 'complete')
      demand.completion = { note: '已按要求完成', photos: [], hours: 2, at: completed.at }
    }
    if (spec.stars) demand.rating = { stars: spec.stars, comment: spec.comment, at: last.at }
    if (demand.assignee === undefined) delete demand.assignee
    return demand
  })
}

/** The points ledger entries of the closed demo demands (the same shape dispatch.close writes). */
function buildLedger(demands) {
  return demands
    .filter((d) => d.status === 'closed' && d.assignee)
    .map((d) => ({
      _id: `award-${d._id}`,
      ownerType: d.assignee.type === 'unit' ? 'unit' : 'user',
      ownerId: d.assignee.id,
      delta: d.assignee.points,
      reason: 'demand_closed',
      demandId: d._id,
      note: `完成「${d.title}」`,
      createdAt: d.updatedAt,
      createdBy: people.staff.id,
    }))
}

/** What a resident's user document records: the first time they agreed to the notice, if they ordered. */
function ownerConsent(userId, demands) {
  const times = demands.filter((d) => d.ownerId === userId).map((d) => d.consent.at)
  return times.length ? { consent: { version: PRIVACY_VERSION, at: Math.min(...times) } } : {}
}

module.exports = { buildDemands, buildLedger, ownerConsent, PRIVACY_VERSION }
