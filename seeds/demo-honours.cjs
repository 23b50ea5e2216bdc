/**
 * The 光荣榜 demo: volunteers of the first street and the second with services closed over the
 * last months (so the month, year and all-time boards differ and ties show), their ledger,
 * and the rollups the `points` timer would have made of it, computed by the same shared rules
 * (`rollupDeltas`, `applyDelta`), with the timer's watermark after the last entry.
 */
const DAY = 24 * 3600 * 1000
const STREET = 'street-guoyuan'
const STREET_2 = 'street-xingfu'

/** [id, name, community, street, board name choice, services as [days ago, points, hours]]. */
const HONOUR_VOLUNTEERS = [
  [
    'user-honour-1',
    '刘建国',
    'community-xinyuan',
    STREET,
    'name',
    [
      [2, 20, 3],
      [5, 15, 2],
      [9, 10, 1.5],
      [20, 30, 4],
      [60, 20, 3],
    ],
  ],
  [
    'user-honour-2',
    '陈秀英',
    'community-xinyuan',
    STREET,
    undefined,
    [
      [1, 15, 2],
      [4, 15, 2.5],
      [8, 15, 2],
      [40, 10, 1],
    ],
  ],
  [
    'user-honour-3',
    '杨卫东',
    'community-xinyuan',
    STREET,
    undefined,
    [
      [3, 25, 2],
      [6, 10, 1],
      [11, 10, 1],
    ],
  ],
  [
    'user-honour-4',
    '黄丽华',
    'community-xinyuan',
    STREET,
    'name',
    [
      [2, 30, 5],
      [12, 15, 3],
    ],
  ],
  [
    'user-honour-5',
    '周志明',
    'community-guoyuan-south',
    STREET,
    undefined,
    [
      [1, 20, 3],
      [3, 20, 3],
      [7, 20, 2],
      [15, 10, 1],
    ],
  ],
  [
    'user-honour-6',
    '吴桂兰',
    'community-guoyuan-south',
    STREET,
    undefined,
    [
      [2, 10, 1],
      [4, 10, 1.5],
      [10, 25, 4],
      [90, 30, 6],
      [120, 30, 5],
    ],
  ],
  [
    'user-honour-7',
    '徐海涛',
    'community-guoyuan-south',
    STREET,
    'name',
    [
      [5, 15, 2],
      [6, 15, 2],
      [13, 15, 2],
    ],
  ],
  [
    'user-honour-8',
    '孙淑珍',
    'community-xingfu-east',
    STREET_2,
    undefined,
    [
      [1, 20, 2],
      [2, 20, 2],
      [3, 20, 2],
    ],
  ],
]

/** The steps from ordering to 销号 (the state machine's path, as in demo-demands.cjs). */
const STEPS = [
  ['accept', 'submitted', 'accepted', 'staff'],
  ['assign', 'accepted', 'dispatched', 'staff'],
  ['acceptAssignment', 'dispatched', 'dispatched', 'assignee'],
  ['start', 'dispatched', 'in_progress', 'assignee'],
  ['complete', 'in_progress', 'done', 'assignee'],
  ['rate', 'done', 'reviewed', 'owner'],
  ['close', 'reviewed', 'closed', 'staff'],
]

function timelineOf(createdAt, closedAt, volunteer, hours) {
  const who = { staff: ['user-staff', '刘书记'], owner: ['user-resident', '张阿姨'], assignee: [volunteer.id, volunteer.name] }
  const step = (closedAt - createdAt) / STEPS.length
  return [
    { at: createdAt, action: 'create', to: 'submitted', actorId: 'user-resident', actorName: '张阿姨' },
    ...STEPS.map(([action, from, to, role], n) => ({
      at: Math.round(createdAt + (n + 1) * step),
      action,
      from,
      to,
      actorId: who[role][0],
      actorName: who[role][1],
      ...(action === 'complete' ? { hours } : {}),
    })),
  ]
}

/** Services the volunteers did, each closed `daysAgo` before `now`. */
function buildHonours(now) {
  const users = []
  const demands = []
  const ledger = []
  for (const [id, name, communityId, streetId, honourName, services] of HONOUR_VOLUNTEERS) {
    users.push({
      _id: id,
      name,
      grants: [{ role: 'volunteer', communityId, streetId }],
      volunteer: {
        status: 'verified',
        skills: [],
        isPartyMember: false,
        communityId,
        appliedAt: now - 200 * DAY,
        decidedAt: now - 199 * DAY,
        decidedBy: 'user-staff',
      },
      ...(honourName ? { honourName } : {}),
      elderMode: false,
      createdAt: now - 200 * DAY,
      updatedAt: now - 199 * DAY,
    })
    services.forEach(([daysAgo, points, hours], i) => {
      const closedAt = now - daysAgo * DAY
      const createdAt = closedAt - 2 * DAY
      const demandId = `demo-honour-${id.slice(-1)}-${i + 1}`
      const timeline = timelineOf(createdAt, closedAt, { id, name }, hours)
      const at = (action) => timeline.find((e) => e.action === action).at
      const assignee = {
        type: 'volunteer',
        id,
        name,
        assignedAt: at('assign'),
        assignedBy: 'user-staff',
        acceptedAt: at('acceptAssignment'),
        points,
      }
      demands.push({
        _id: demandId,
        kind: 'service',
        category: 'elderly_care',
        title: ['陪同老人就医', '帮忙买菜送上门', '楼道卫生清理', '独居老人探访'][i % 4],
        detail: '志愿服务',
        photos: [],
        address: '社区服务站',
        streetId,
        communityId,
        gridId: `${communityId}-grid-1`,
        urgency: 'normal',
        contactName: '居民',
        contactPhone: '13800000009',
        ownerId: 'user-resident',
        createdBy: 'user-resident',
        requestId: `demo-honour-request-${id}-${i}`,
        status: 'closed',
        createdAt,
        updatedAt: closedAt,
        assignee,
        completion: { note: '已完成', photos: [], hours, at: at('complete') },
        timeline,
        version: 8,
      })
      ledger.push({
        _id: `award-${demandId}`,
        ownerType: 'user',
        ownerId: id,
        delta: points,
        reason: 'demand_closed',
        demandId,
        note: `完成「${demands.at(-1).title}」`,
        createdAt: closedAt,
        createdBy: 'user-staff',
      })
    })
  }
  return { users, demands, ledger }
}

/** The rollups of `ledger` and the timer's watermark after its last entry (shared rules only). */
function buildRollups(rules, ledger, demands, users, communities, now) {
  const demandById = new Map(demands.map((d) => [d._id, d]))
  const communityOfUser = new Map(users.filter((u) => u.volunteer).map((u) => [u._id, u.volunteer.communityId]))
  const streetOf = new Map(communities.map((c) => [c._id, c.streetId]))
  const ordered = [...ledger].sort((a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  const placeOf = (e) => {
    const d = e.demandId && demandById.get(e.demandId)
    if (d) return { communityId: d.communityId, streetId: d.streetId }
    const c = communityOfUser.get(e.ownerId)
    return c && streetOf.get(c) ? { communityId: c, streetId: streetOf.get(c) } : undefined
  }
  const rollups = new Map()
  for (const delta of rules.rollupDeltas(ordered, placeOf, (id) => demandById.get(id)?.completion?.hours)) {
    rollups.set(delta._id, rules.applyDelta(rollups.get(delta._id), delta, now))
  }
  const last = ordered.at(-1)
  const watermark = last
    ? { _id: 'honours', createdAt: last.createdAt, entryId: last._id, counted: ordered.length, updatedAt: now }
    : undefined
  return { rollups: [...rollups.values()], watermark }
}

module.exports = { buildHonours, buildRollups, HONOUR_VOLUNTEERS }
