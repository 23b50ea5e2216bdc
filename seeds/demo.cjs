/**
 * The demo data set (`--seed demo`, loaded by `npm start` on a new .data/ directory).
 * It grows with the product: one street (街道), three communities (社区) and their grids
 * (网格), co-building units (共建单位) and the 大党委, and the demo personas with fixed OPENIDs
 * that the H5 persona picker and the tests use.
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

const COMMUNITIES = [
  { _id: 'community-xinyuan', name: '新园社区', households: 1830, residents: 3920, limits: SHARED_PERSONA_LIMITS },
  { _id: 'community-guoyuan-south', name: '果园南社区', households: 2105, residents: 4516 },
  { _id: 'community-hongxing', name: '红星社区', households: 1642, residents: 3577 },
]

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
/** The demo personas (fixed OPENIDs): everyone the product serves, in the first community. */
const { buildDemands, buildLedger, ownerConsent } = require('./demo-demands.cjs')
const { buildAudit } = require('./demo-audit.cjs')

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
  { _id: 'user-staff', openid: 'demo-staff', name: '刘书记', phone: '13800000006', grants: [{ role: 'community_staff', communityId: C1 }] },
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
  const balances = new Map()
  for (const e of ledger) balances.set(e.ownerId, (balances.get(e.ownerId) ?? 0) + e.delta)
  const db = emulator.database
  const now = new Date(emulator.clock.now())
  db.insertMany('streets', [{ ...STREET, createdAt: now.getTime() }])
  db.insertMany(
    'communities',
    COMMUNITIES.map((c) => ({ ...c, streetId: STREET._id, createdAt: now.getTime() })),
  )
  const grids = COMMUNITIES.flatMap((c, ci) =>
    Array.from({ length: GRIDS_PER_COMMUNITY }, (_, gi) => ({
      _id: `${c._id}-grid-${gi + 1}`,
      name: `${c.name}第${gi + 1}网格`,
      communityId: c._id,
      streetId: STREET._id,
      buildings: [`${ci + 1}${gi + 1}号楼`, `${ci + 1}${gi + 2}号楼`],
      createdAt: now.getTime(),
    })),
  )
  db.insertMany('grids', grids)
  db.insertMany(
    'units',
    UNITS.map((u) => ({
      ...u,
      communityIds: COMMUNITIES.map((c) => c._id),
      pointsBalance: balances.get(u._id) ?? 0,
      createdAt: now.getTime(),
    })),
  )
  db.insertMany('committee_members', [
    { communityId: C1, userId: 'user-committee', unitId: 'unit-school', title: '兼职委员', createdAt: now.getTime() },
    { communityId: C1, userId: 'user-staff', title: '书记', createdAt: now.getTime() },
  ])
  const users = PERSONAS.map((p) => ({
    ...p,
    grants: p.grants.map((g) => ({ streetId: STREET._id, ...g })),
    volunteer: p.volunteer ? { ...p.volunteer, appliedAt: now.getTime(), decidedAt: now.getTime(), decidedBy: 'user-staff' } : undefined,
    pointsBalance: balances.get(p._id) ?? 0,
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
  db.insertMany('demands', demands)
  db.insertMany('points_ledger', ledger)
  const chains = buildAudit({ communityId: C1, users, at: now.getTime() })
  db.insertMany(
    'audit_log',
    chains.flatMap((c) => c.entries),
  )
  db.insertMany('audit_heads', chains.map((c) => c.head).filter(Boolean))
  return {
    streets: 1,
    communities: COMMUNITIES.length,
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
module.exports.UNITS = UNITS
module.exports.APPLICANTS = APPLICANTS
