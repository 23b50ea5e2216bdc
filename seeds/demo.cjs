/**
 * The demo data set (`--seed demo`, loaded by `npm start` on a new .data/ directory).
 * It grows with the product: one street (街道), three communities (社区) and their grids
 * (网格), co-building units (共建单位) and the 大党委, a second street with one community, and
 * the demo personas with fixed OPENIDs that the H5 persona picker and the tests use.
 */
const STREET = {
  _id: 'street-guoyuan',
  name: '果园新村街道',
  city: '天津市',
  district: '河北区',
  areaKm2: 3.67,
  households: 20864,
  residents: 44649,
}

/** Daily ordering limits for 新园社区, whose demo personas are accounts everyone trying the demo shares. */
const SHARED_PERSONA_LIMITS = { demandsPerDay: 500, photosPerDay: 1500, onBehalfDemandsPerDay: 500, onBehalfPhotosPerDay: 1500 }

/** Deadlines 果园南社区's staff tuned (org.setSlaPolicy), in hours; the other stages take the defaults. */
const TUNED_SLA_POLICY = { triage: { normal: 12, urgent: 2 }, dispatch: { normal: 12, urgent: 4 }, work: { normal: 48, urgent: 12 } }

const COMMUNITIES = [
  { _id: 'community-xinyuan', name: '新园社区', households: 1830, residents: 3920, limits: SHARED_PERSONA_LIMITS },
  { _id: 'community-guoyuan-south', name: '果园南社区', households: 2105, residents: 4516, slaPolicy: TUNED_SLA_POLICY },
  { _id: 'community-hongxing', name: '红星社区', households: 1642, residents: 3577 },
]

/**
 * A second street with one community, so that what is scoped to a street or a community can
 * be seen (and tested) from the other side of the boundary.
 */
const STREET_2 = {
  _id: 'street-xingfu',
  name: '幸福街道',
  city: '天津市',
  district: '河北区',
  areaKm2: 2.15,
  households: 12507,
  residents: 27318,
}

const COMMUNITIES_2 = [{ _id: 'community-xingfu-east', name: '幸福东社区', households: 1968, residents: 4203 }]

const GRIDS_PER_COMMUNITY = 4

const UNITS = [
  { _id: 'unit-power', name: '国网供电所', type: '国有企业', resources: ['电路检修', '用电安全宣传'] },
  { _id: 'unit-school', name: '第五十七中学', type: '学校', resources: ['课业辅导', '场地开放'] },
  { _id: 'unit-hospital', name: '区中医医院', type: '医院', resources: ['健康义诊', '上门问诊'] },
  { _id: 'unit-court', name: '区人民法院', type: '机关', resources: ['法律咨询', '普法讲座'] },
  { _id: 'unit-bank', name: '农商银行支行', type: '国有企业', resources: ['金融知识', '防诈骗宣传'] },
]

const C1 = 'community-xinyuan'
const G1 = `${C1}-grid-1`
const C2 = 'community-guoyuan-south'
const X1 = COMMUNITIES_2[0]._id
/**
 * The demo personas (fixed OPENIDs): everyone the product serves, in the first community; then
 * staff, a resident, a volunteer and a grid worker of the second community, and street staff,
 * community staff and a resident of the second street.
 */
const { buildDemands, buildLedger, ownerConsent } = require('./demo-demands.cjs')
const { buildAudit } = require('./demo-audit.cjs')
const { buildHonours, buildRollups } = require('./demo-honours.cjs')
const { sharedRules } = require('./shared-rules.cjs')
const { buildMall } = require('./demo-mall.cjs')
const { buildProjects, buildResources } = require('./demo-projects.cjs')

/**
 * A demo demand with the deadline fields the functions would have stored at its last change:
 * its community's terms, the deadline of the stage it waits in and when the timer must look
 * at it. Deadlines already missed are left for the timer, which marks and announces them on
 * its first run, as it would have had it been running.
 */
function withDeadlines(demand, community) {
  const { DefaultSlaPolicy, DefaultPointsPolicy, slaTermsFor, slaFields, loadHolderOf } = sharedRules()
  const terms = slaTermsFor({ ...DefaultSlaPolicy, ...(community.slaPolicy ?? {}) }, demand)
  // Its points bounds, and whose load counter includes it (settled: the counters below agree).
  const holder = loadHolderOf(demand)
  const stored = {
    ...demand,
    slaTerms: terms,
    pointsTerms: community.pointsPolicy ?? DefaultPointsPolicy,
    ...(holder ? { loadOf: holder } : {}),
  }
  for (const [key, value] of Object.entries(slaFields(stored, demand.updatedAt))) {
    if (value === undefined) delete stored[key]
    else stored[key] = value
  }
  return stored
}

const PERSONAS = [
  { _id: 'user-resident', openid: 'demo-resident', name: '张阿姨', phone: '13800000001', grants: [{ role: 'resident', communityId: C1 }] },
  {
    _id: 'user-resident-2',
    openid: 'demo-resident-2',
    name: '李大爷',
    phone: '13800000002',
    grants: [{ role: 'resident', communityId: C1 }],
  },
  {
    _id: 'user-volunteer',
    openid: 'demo-volunteer',
    name: '王小红',
    phone: '13800000003',
    grants: [
      { role: 'resident', communityId: C1 },
      { role: 'volunteer', communityId: C1 },
    ],
    volunteer: { status: 'verified', skills: ['助老', '家电维修'], isPartyMember: true, workUnit: '区税务局', communityId: C1, gridId: G1 },
  },
  {
    _id: 'user-volunteer-2',
    openid: 'demo-volunteer-2',
    name: '赵志强',
    phone: '13800000004',
    grants: [{ role: 'volunteer', communityId: C1 }],
    volunteer: { status: 'verified', skills: ['跑腿代办', '课业辅导'], isPartyMember: false, communityId: C1, gridId: `${C1}-grid-2` },
  },
  {
    _id: 'user-grid',
    openid: 'demo-grid',
    name: '陈网格',
    phone: '13800000005',
    grants: [{ role: 'grid_worker', communityId: C1, gridIds: [G1, `${C1}-grid-2`] }],
  },
  {
    _id: 'user-staff',
    openid: 'demo-staff',
    name: '刘书记',
    phone: '13800000006',
    // The community's party secretary sits on its 大党委 (listed in committee_members below).
    grants: [
      { role: 'community_staff', communityId: C1 },
      { role: 'committee_member', communityId: C1 },
    ],
  },
  {
    _id: 'user-unit',
    openid: 'demo-unit',
    name: '供电所 孙工',
    phone: '13800000007',
    grants: [{ role: 'unit_contact', unitId: 'unit-power', communityId: C1 }],
  },
  {
    _id: 'user-committee',
    openid: 'demo-committee',
    name: '周委员',
    phone: '13800000008',
    grants: [{ role: 'committee_member', unitId: 'unit-school', communityId: C1 }],
  },
  {
    _id: 'user-street',
    openid: 'demo-street',
    name: '孙主任',
    phone: '13800000009',
    grants: [{ role: 'street_staff', streetId: STREET._id }],
  },
  { _id: 'user-admin', openid: 'demo-admin', name: '系统管理员', phone: '13800000010', grants: [{ role: 'admin' }] },
  // The second community of the same street.
  {
    _id: 'user-staff-2',
    openid: 'demo-staff-2',
    name: '吴书记',
    phone: '13800000013',
    grants: [{ role: 'community_staff', communityId: C2 }],
  },
  {
    _id: 'user-resident-3',
    openid: 'demo-resident-3',
    name: '黄奶奶',
    phone: '13800000014',
    grants: [{ role: 'resident', communityId: C2 }],
  },
  {
    _id: 'user-volunteer-3',
    openid: 'demo-volunteer-3',
    name: '林晓燕',
    phone: '13800000015',
    grants: [
      { role: 'resident', communityId: C2 },
      { role: 'volunteer', communityId: C2 },
    ],
    volunteer: {
      status: 'verified',
      skills: ['陪伴老人', '健康义诊'],
      isPartyMember: true,
      workUnit: '区卫健委',
      communityId: C2,
      gridId: `${C2}-grid-1`,
      decidedBy: 'user-staff-2',
    },
  },
  {
    _id: 'user-grid-2',
    openid: 'demo-grid-2',
    name: '马建国',
    phone: '13800000016',
    grants: [{ role: 'grid_worker', communityId: C2, gridIds: [`${C2}-grid-1`] }],
  },
  // The second street and its community.
  {
    _id: 'user-street-2',
    openid: 'demo-street-2',
    name: '高主任',
    phone: '13800000017',
    grants: [{ role: 'street_staff', streetId: STREET_2._id }],
  },
  {
    _id: 'user-staff-3',
    openid: 'demo-staff-3',
    name: '何书记',
    phone: '13800000018',
    grants: [{ role: 'community_staff', communityId: X1, streetId: STREET_2._id }],
  },
  {
    _id: 'user-resident-4',
    openid: 'demo-resident-4',
    name: '徐大妈',
    phone: '13800000019',
    grants: [{ role: 'resident', communityId: X1, streetId: STREET_2._id }],
  },
]

/**
 * 双报到 registrations waiting for the community's staff (so the verification screen has
 * work): an in-service party member and a resident volunteer, not yet volunteers.
 */
const APPLICANTS = [
  {
    _id: 'user-applicant',
    openid: 'demo-applicant',
    name: '钱卫东',
    phone: '13800000011',
    grants: [{ role: 'resident', communityId: C1 }],
    volunteer: {
      status: 'pending',
      skills: ['法律咨询', '普法宣传'],
      isPartyMember: true,
      workUnit: '区司法局',
      communityId: C1,
      gridId: G1,
    },
  },
  {
    _id: 'user-applicant-2',
    openid: 'demo-applicant-2',
    name: '孙丽华',
    phone: '13800000012',
    grants: [{ role: 'resident', communityId: C1 }],
    volunteer: { status: 'pending', skills: ['陪伴老人', '手工'], isPartyMember: false, communityId: C1, gridId: `${C1}-grid-3` },
  },
]

async function seed(emulator) {
  // Demands in every status, and the ledger of the closed ones; balances follow from the ledger.
  const demands = buildDemands(emulator.clock.now())
  const ledger = buildLedger(demands)
  // The mall's rewards and redemptions, and their ledger entries (seeds/demo-mall.cjs).
  const mall = buildMall(emulator.clock.now())
  ledger.push(...mall.ledger)
  const balances = new Map()
  for (const e of ledger) balances.set(e.ownerId, (balances.get(e.ownerId) ?? 0) + e.delta)
  // Each assignee's activeLoad: the demands that count toward them (shared/src/org/load.ts).
  const loads = new Map()
  for (const d of demands) {
    const holder = sharedRules().loadHolderOf(d)
    if (holder) loads.set(holder.id, (loads.get(holder.id) ?? 0) + 1)
  }
  const db = emulator.database
  const now = new Date(emulator.clock.now())
  db.insertMany(
    'streets',
    [STREET, STREET_2].map((s) => ({ ...s, createdAt: now.getTime() })),
  )
  const communities = [
    ...COMMUNITIES.map((c) => ({ ...c, streetId: STREET._id })),
    ...COMMUNITIES_2.map((c) => ({ ...c, streetId: STREET_2._id })),
  ]
  const communityOf = new Map(communities.map((c) => [c._id, c]))
  db.insertMany(
    'communities',
    communities.map((c) => ({ ...c, createdAt: now.getTime() })),
  )
  const grids = communities.flatMap((c, ci) =>
    Array.from({ length: GRIDS_PER_COMMUNITY }, (_, gi) => ({
      _id: `${c._id}-grid-${gi + 1}`,
      name: `${c.name}第${gi + 1}网格`,
      communityId: c._id,
      streetId: c.streetId,
      buildings: [`${ci + 1}${gi + 1}号楼`, `${ci + 1}${gi + 2}号楼`],
      createdAt: now.getTime(),
    })),
  )
  db.insertMany('grids', grids)
  // 揭榜: the 大党委, projects in every state, and the units' 资源清单 (seeds/demo-projects.cjs).
  const projects = buildProjects(now.getTime())
  const units = UNITS.map((u) => ({
    ...u,
    communityIds: COMMUNITIES.map((c) => c._id),
    pointsBalance: balances.get(u._id) ?? 0,
    activeLoad: loads.get(u._id) ?? 0,
    ...(projects.scorecards[u._id] ? { scorecard: projects.scorecards[u._id] } : {}),
    createdAt: now.getTime(),
  }))
  db.insertMany('units', units)
  db.insertMany('committee_members', [
    { communityId: C1, userId: 'user-committee', unitId: 'unit-school', title: '兼职委员', createdAt: now.getTime() },
    { communityId: C1, userId: 'user-staff', title: '书记', createdAt: now.getTime() },
    ...projects.committee.map((m) => ({ ...m, createdAt: now.getTime() })),
  ])
  db.insertMany(
    'users',
    projects.users.map((u) => ({
      ...u,
      grants: u.grants.map((g) => ({ streetId: STREET._id, ...g })),
      pointsBalance: 0,
      elderMode: false,
      createdAt: now.getTime(),
      updatedAt: now.getTime(),
    })),
  )
  db.insertMany('projects', projects.projects)
  db.insertMany('project_bids', projects.bids)
  db.insertMany('project_scores', projects.scores)
  db.insertMany('project_objections', projects.objections)
  db.insertMany('project_reports', projects.reports)
  db.insertMany('project_needs', projects.needs)
  db.insertMany('unit_resources', buildResources(units, now.getTime()))
  const users = PERSONAS.map((p) => ({
    ...p,
    grants: p.grants.map((g) => ({ streetId: STREET._id, ...g })),
    volunteer: p.volunteer ? { decidedBy: 'user-staff', ...p.volunteer, appliedAt: now.getTime(), decidedAt: now.getTime() } : undefined,
    pointsBalance: balances.get(p._id) ?? 0,
    activeLoad: loads.get(p._id) ?? 0,
    ...(mall.reserved.has(p._id) ? { pointsReserved: mall.reserved.get(p._id) } : {}),
    elderMode: false,
    ...ownerConsent(p._id, demands),
    createdAt: now.getTime(),
    updatedAt: now.getTime(),
  }))
  db.insertMany(
    'users',
    users.map(({ volunteer, ...u }) => (volunteer ? { ...u, volunteer } : u)),
  )
  db.insertMany(
    'users',
    APPLICANTS.map((a, i) => ({
      ...a,
      grants: a.grants.map((g) => ({ streetId: STREET._id, ...g })),
      volunteer: { ...a.volunteer, appliedAt: now.getTime() - (i + 1) * 3600 * 1000 },
      pointsBalance: 0,
      elderMode: false,
      createdAt: now.getTime(),
      updatedAt: now.getTime(),
    })),
  )
  db.insertMany(
    'demands',
    demands.map((d) => withDeadlines(d, communityOf.get(d.communityId))),
  )
  db.insertMany('points_ledger', ledger)
  db.insertMany('mall_rewards', mall.rewards)
  db.insertMany('mall_redemptions', mall.redemptions)
  db.insertMany('mall_counters', mall.counters)
  // 光荣榜: volunteers with closed services, their ledger, and the rollups the points timer keeps.
  const honours = buildHonours(now.getTime())
  db.insertMany(
    'users',
    honours.users.map((u) => ({ ...u, pointsBalance: honours.ledger.filter((e) => e.ownerId === u._id).reduce((s, e) => s + e.delta, 0) })),
  )
  db.insertMany('demands', honours.demands)
  db.insertMany('points_ledger', honours.ledger)
  const boards = buildRollups(
    sharedRules(),
    [...ledger, ...honours.ledger],
    [...demands, ...honours.demands],
    [...users, ...honours.users],
    communities,
    now.getTime(),
  )
  db.insertMany('honours', boards.rollups)
  if (boards.watermark) db.insertMany('job_state', [boards.watermark])
  const chains = buildAudit({ communityId: C1, users, at: now.getTime() })
  db.insertMany(
    'audit_log',
    chains.flatMap((c) => c.entries),
  )
  db.insertMany('audit_heads', chains.map((c) => c.head).filter(Boolean))
  return {
    streets: 2,
    communities: communities.length,
    grids: grids.length,
    units: UNITS.length,
    users: users.length + APPLICANTS.length,
    demands: demands.length,
    ledgerEntries: ledger.length,
    auditEntries: chains.reduce((n, c) => n + c.entries.length, 0),
  }
}

module.exports = seed
module.exports.PERSONAS = PERSONAS
module.exports.STREET = STREET
module.exports.COMMUNITIES = COMMUNITIES
module.exports.STREET_2 = STREET_2
module.exports.COMMUNITIES_2 = COMMUNITIES_2
module.exports.UNITS = UNITS
module.exports.APPLICANTS = APPLICANTS
