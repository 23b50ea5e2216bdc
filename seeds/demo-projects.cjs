/**
 * 揭榜 demo data for 新园社区: its 大党委 of seven (the community's secretary 刘书记, 周委员 of
 * 第五十七中学, members from 供电所, 中医医院, 法院 and 农商银行, and a residents'
 * representative), contacts for the units that bid, every unit's 资源清单, two needs, and a
 * project in every state: a draft, one in bidding with two bids, one in review with some
 * scores, one awarded, one publicly noticed with an open objection, one in progress with
 * reports, one accepted, one cancelled. It keeps the rules: members whose unit bids are recused
 * and never score, closed reviews reached quorum (⌈2/3⌉ of the non-recused, at least 3),
 * awards go to the first of the ranking, the units' scorecards count what they took and
 * finished. Award and acceptance audit entries are not part of the seeded audit chain.
 */
const DAY = 86_400_000
const HOUR = 3_600_000
const C1 = 'community-xinyuan'
const STREET = 'street-guoyuan'

const UNIT_NAMES = {
  'unit-power': '国网供电所',
  'unit-school': '第五十七中学',
  'unit-hospital': '区中医医院',
  'unit-court': '区人民法院',
  'unit-bank': '农商银行支行',
}

/** The 大党委 of 新园社区: user id, name, unit, title. 刘书记 and 周委员 are demo personas already. */
const COMMITTEE = [
  { userId: 'user-staff', name: '刘书记', title: '书记' },
  { userId: 'user-committee', name: '周委员', unitId: 'unit-school', title: '兼职委员' },
  { userId: 'user-committee-2', name: '赵委员', unitId: 'unit-power', title: '兼职委员' },
  { userId: 'user-committee-3', name: '钱委员', unitId: 'unit-hospital', title: '兼职委员' },
  { userId: 'user-committee-4', name: '吴委员', unitId: 'unit-court', title: '兼职委员' },
  { userId: 'user-committee-5', name: '郑委员', unitId: 'unit-bank', title: '兼职委员' },
  { userId: 'user-committee-6', name: '冯委员', title: '居民代表' },
]
const NEW_MEMBERS = COMMITTEE.slice(2)

/** Users these projects add: five members (openids demo-committee-2 …) and the other units' contacts. */
const USERS = [
  ...NEW_MEMBERS.map((m, i) => ({
    _id: m.userId,
    openid: `demo-committee-${i + 2}`,
    name: m.name,
    phone: `138000001${String(i + 1).padStart(2, '0')}`,
    grants: [{ role: 'committee_member', communityId: C1, ...(m.unitId ? { unitId: m.unitId } : {}) }],
  })),
  {
    _id: 'user-unit-hospital',
    openid: 'demo-unit-hospital',
    name: '中医医院 何医生',
    phone: '13800000120',
    grants: [{ role: 'unit_contact', unitId: 'unit-hospital', communityId: C1 }],
  },
  {
    _id: 'user-unit-bank',
    openid: 'demo-unit-bank',
    name: '农商银行 马经理',
    phone: '13800000121',
    grants: [{ role: 'unit_contact', unitId: 'unit-bank', communityId: C1 }],
  },
  {
    _id: 'user-unit-school',
    openid: 'demo-unit-school',
    name: '五十七中 陈老师',
    phone: '13800000122',
    grants: [{ role: 'unit_contact', unitId: 'unit-school', communityId: C1 }],
  },
  {
    _id: 'user-unit-court',
    openid: 'demo-unit-court',
    name: '区法院 林法官',
    phone: '13800000123',
    grants: [{ role: 'unit_contact', unitId: 'unit-court', communityId: C1 }],
  },
]

const CONTACT_OF = {
  'unit-power': 'user-unit',
  'unit-hospital': 'user-unit-hospital',
  'unit-bank': 'user-unit-bank',
  'unit-school': 'user-unit-school',
  'unit-court': 'user-unit-court',
}

const RESOURCES = {
  'unit-power': [
    { name: '电路检修', detail: '老旧楼道线路排查、更换', capacity: '每月 2 次' },
    { name: '用电安全宣传', capacity: '每季度 1 场' },
    { name: '应急发电车', detail: '停电时保障重点户', capacity: '1 台' },
  ],
  'unit-school': [
    { name: '课业辅导', detail: '教师志愿者周末辅导', capacity: '每周 4 小时' },
    { name: '场地开放', detail: '操场、礼堂假期向居民开放', capacity: '礼堂 300 人' },
  ],
  'unit-hospital': [
    { name: '健康义诊', detail: '血压、血糖、中医体质辨识', capacity: '每月 1 次' },
    { name: '上门问诊', detail: '失能老人家庭医生上门', capacity: '每周 6 户' },
  ],
  'unit-court': [
    { name: '法律咨询', detail: '法官进社区坐班', capacity: '每月 2 个半天' },
    { name: '普法讲座', capacity: '每季度 1 场' },
  ],
  'unit-bank': [
    { name: '金融知识', detail: '老年人智能手机支付培训', capacity: '每月 1 场' },
    { name: '防诈骗宣传', capacity: '每月 1 场' },
    { name: '会议室', detail: '营业网点二楼会议室', capacity: '40 人' },
  ],
}

const CRITERIA = [
  { name: '方案可行性', weight: 40, max: 10 },
  { name: '资源投入', weight: 30, max: 10 },
  { name: '服务经验', weight: 30, max: 10 },
]
const RULES = { quorum: { percent: 67, minimum: 3 }, publicityDays: 5, reviewHours: 168, objectionHours: 72 }

const member = (userId) => COMMITTEE.find((m) => m.userId === userId)
const reviewers = COMMITTEE.map((m) => ({
  userId: m.userId,
  name: m.name,
  ...(m.unitId ? { unitId: m.unitId, unitName: UNIT_NAMES[m.unitId] } : {}),
  title: m.title,
}))
const total = (s) => Math.round(CRITERIA.reduce((sum, c) => sum + (s[c.name] / c.max) * c.weight, 0) * 100) / 100

function event(at, by, action, from, to, reason) {
  const m = member(by)
  const name = m ? m.name : by === 'user-street' ? '孙主任' : '刘书记'
  return { at, by, byName: name, action, ...(from ? { from } : {}), ...(to && to !== from ? { to } : {}), ...(reason ? { reason } : {}) }
}

function buildProjects(now) {
  const projects = []
  const bids = []
  const scores = []
  const objections = []
  const reports = []

  const base = (id, title, goal, detail, extra) => ({
    _id: id,
    communityId: C1,
    streetId: STREET,
    title,
    goal,
    detail,
    demandIds: [],
    needIds: [],
    criteria: CRITERIA,
    rules: RULES,
    reviewers: [],
    reviewerIds: [],
    recusals: [],
    bidCount: 0,
    tally: {},
    openObjections: 0,
    listed: true,
    createdBy: 'user-staff',
    ...extra,
  })
  const published = { reviewers, reviewerIds: reviewers.map((r) => r.userId) }
  const bid = (projectId, unitId, at, plan, resources, milestones, budget, live = true) => {
    const b = {
      _id: `${projectId}-bid-${unitId.slice(5)}`,
      projectId,
      communityId: C1,
      unitId,
      unitName: UNIT_NAMES[unitId],
      plan,
      resources,
      timeline: milestones,
      ...(budget !== undefined ? { budget } : {}),
      attachments: [],
      status: live ? 'live' : 'withdrawn',
      ...(live ? { liveKey: `${projectId}.${unitId}` } : {}),
      requestId: `demo-${projectId}-${unitId}`,
      createdBy: CONTACT_OF[unitId],
      createdAt: at,
      updatedAt: at,
    }
    bids.push(b)
    return b
  }
  const ownUnitRecusals = (bidUnits, at) =>
    reviewers
      .filter((r) => r.unitId && bidUnits.includes(r.unitId))
      .map((r) => ({ userId: r.userId, name: r.name, kind: 'own_unit', reason: `本单位（${r.unitName}）参与揭榜`, at }))
  const score = (projectId, b, userId, s, comment, at) => {
    scores.push({
      _id: `${b._id}--${userId}`,
      projectId,
      bidId: b._id,
      userId,
      userName: member(userId).name,
      scores: s,
      total: total(s),
      ...(comment ? { comment } : {}),
      status: 'submitted',
      at,
    })
  }
  const sc = (a, b, c) => ({ 方案可行性: a, 资源投入: b, 服务经验: c })

  // A draft from a need: staff are still writing it.
  projects.push(
    base('proj-demo-draft', '社区活动室适老化改造', '让老人在活动室活动更安全', '加装扶手、防滑地面，改造卫生间，配置急救箱', {
      needIds: ['need-demo-stairs'],
      status: 'draft',
      listed: false,
      budget: 30000,
      location: '新园社区党群服务中心一楼',
      bidDeadline: now + 20 * DAY,
      timeline: [event(now - DAY, 'user-staff', 'create', undefined, 'draft')],
      createdAt: now - DAY,
      updatedAt: now - DAY,
    }),
  )

  // In bidding: 中医医院 and 农商银行 have bid; 供电所 (demo-unit) may still bid.
  {
    const id = 'proj-demo-meals'
    const b1 = bid(
      id,
      'unit-hospital',
      now - 20 * HOUR,
      '由营养科制定一周食谱，联合社区食堂为 80 岁以上独居老人每日送餐，配送同时做简单健康询问。',
      '营养师 1 人，志愿者 6 人，送餐车 1 辆',
      [
        { title: '食谱与名单确定', due: now + 15 * DAY },
        { title: '送餐全面开展', due: now + 30 * DAY },
      ],
      18000,
    )
    const b2 = bid(
      id,
      'unit-bank',
      now - 10 * HOUR,
      '出资支持社区食堂延长供餐时间，组织青年员工周末送餐，并开展老年人防诈骗提醒。',
      '青年员工志愿者 10 人，资金支持',
      [{ title: '周末送餐启动', due: now + 20 * DAY }],
      12000,
    )
    projects.push(
      base(id, '老年助餐配送服务', '解决高龄独居老人吃饭难', '为辖区 80 岁以上独居老人提供每日午餐配送，兼顾营养与健康关怀', {
        ...published,
        status: 'bidding',
        budget: 20000,
        location: '新园社区全域',
        bidDeadline: now + 5 * DAY,
        bidCount: 2,
        publishedAt: now - 2 * DAY,
        timeline: [
          event(now - 3 * DAY, 'user-staff', 'create', undefined, 'draft'),
          event(now - 2 * DAY, 'user-staff', 'publish', 'draft', 'bidding'),
        ],
        createdAt: now - 3 * DAY,
        updatedAt: b2.createdAt,
      }),
    )
    void b1
  }

  // In review: 供电所 and 法院 bid, so 赵委员 and 吴委员 are recused; 5 eligible, 4 needed.
  // 钱委员 and 冯委员 scored both bids, 郑委员 one; 周委员 and 刘书记 have not scored yet.
  {
    const id = 'proj-demo-lights'
    const closedAt = now - DAY
    const bp = bid(
      id,
      'unit-power',
      now - 6 * DAY,
      '对 1–12 号楼楼道照明全面排查，更换 LED 声光控灯，老化线路同步改造，完工后一年内免费维修。',
      '电工 4 人，登高设备 1 套',
      [
        { title: '排查完成', due: now + 10 * DAY },
        { title: '改造完工', due: now + 30 * DAY },
      ],
      26000,
    )
    const bc = bid(
      id,
      'unit-court',
      now - 5 * DAY,
      '联系社会资金出资更换灯具，法院干警志愿者协助入户宣传安全用电。',
      '干警志愿者 5 人',
      [{ title: '灯具更换', due: now + 40 * DAY }],
      15000,
    )
    score(id, bp, 'user-committee-3', sc(8, 8, 9), '方案细致，维保承诺好', now - 12 * HOUR)
    score(id, bc, 'user-committee-3', sc(6, 5, 5), '专业力量不足', now - 12 * HOUR)
    score(id, bp, 'user-committee-6', sc(9, 7, 8), '居民最关心的线路问题也考虑到了', now - 8 * HOUR)
    score(id, bc, 'user-committee-6', sc(6, 6, 5), undefined, now - 8 * HOUR)
    score(id, bp, 'user-committee-5', sc(8, 7, 8), undefined, now - 2 * HOUR)
    projects.push(
      base(id, '楼道照明改造', '老楼楼道夜里亮起来', '1–12 号楼楼道灯具老化、线路裸露，需整体更换并改造线路', {
        ...published,
        status: 'reviewing',
        budget: 25000,
        location: '新园社区 1–12 号楼',
        bidDeadline: closedAt,
        bidCount: 2,
        recusals: ownUnitRecusals(['unit-power', 'unit-court'], closedAt),
        tally: { 'user-committee-3': 2, 'user-committee-6': 2, 'user-committee-5': 1 },
        publishedAt: now - 10 * DAY,
        biddingClosedAt: closedAt,
        reviewDueAt: closedAt + RULES.reviewHours * HOUR,
        reviewAlertAt: closedAt + RULES.reviewHours * HOUR,
        timeline: [
          event(now - 11 * DAY, 'user-staff', 'create', undefined, 'draft'),
          event(now - 10 * DAY, 'user-staff', 'publish', 'draft', 'bidding'),
          event(closedAt, 'user-staff', 'closeBidding', 'bidding', 'reviewing', '2 家单位揭榜'),
        ],
        createdAt: now - 11 * DAY,
        updatedAt: now - 2 * HOUR,
      }),
    )
  }

  /** A project reviewed, closed and awarded to the first of the ranking. */
  const reviewed = (id, bidSpecs, scorers, at) => {
    const made = bidSpecs.map(([unitId, plan, resources, milestones, budget]) =>
      bid(id, unitId, at - 2 * DAY, plan, resources, milestones, budget),
    )
    for (const userId of scorers) {
      score(id, made[0], userId, sc(9, 8, 9), '方案扎实，可操作', at - DAY)
      score(id, made[1], userId, sc(7, 6, 6), undefined, at - DAY)
    }
    const recusals = ownUnitRecusals(
      bidSpecs.map((s) => s[0]),
      at - 3 * DAY + HOUR,
    )
    const eligible = reviewers.filter((r) => !recusals.some((x) => x.userId === r.userId)).length
    const required = Math.max(3, Math.ceil((2 * eligible) / 3))
    if (scorers.length < required || scorers.some((s) => recusals.some((r) => r.userId === s)))
      throw new Error(`demo project ${id} breaks the review rules`)
    const winner = made[0]
    return {
      ...published,
      criteria: CRITERIA,
      bidDeadline: at - 3 * DAY,
      bidCount: made.length,
      recusals,
      tally: Object.fromEntries(scorers.map((s) => [s, made.length])),
      publishedAt: at - 10 * DAY,
      biddingClosedAt: at - 3 * DAY,
      reviewDueAt: at - 3 * DAY + RULES.reviewHours * HOUR,
      reviewClosedAt: at - 12 * HOUR,
      award: {
        bidId: winner._id,
        unitId: winner.unitId,
        unitName: winner.unitName,
        rank: 1,
        againstRanking: false,
        at: at - 6 * HOUR,
        by: 'user-staff',
      },
      timeline: [
        event(at - 11 * DAY, 'user-staff', 'create', undefined, 'draft'),
        event(at - 10 * DAY, 'user-staff', 'publish', 'draft', 'bidding'),
        event(at - 3 * DAY, 'user-staff', 'closeBidding', 'bidding', 'reviewing', `${made.length} 家单位揭榜`),
        event(at - 12 * HOUR, 'user-staff', 'closeReview', 'reviewing', 'reviewing', `${scorers.length}/${eligible} 名委员完成评分`),
        event(at - 6 * HOUR, 'user-staff', 'award', 'reviewing', 'awarded', `${winner.unitName}（排名第 1）`),
      ],
      winner,
    }
  }

  // Awarded, the notice not yet started. 周委员 (第五十七中学) and 郑委员 (农商银行) are recused.
  {
    const id = 'proj-demo-garden'
    const at = now - DAY
    const r = reviewed(
      id,
      [
        [
          'unit-school',
          '利用学校劳动教育基地经验，师生与居民共建楼顶菜园，每季度开展一次亲子种植活动。',
          '教师 2 人，学生志愿者 15 人',
          [{ title: '菜园建成', due: now + 45 * DAY }],
          9000,
        ],
        ['unit-bank', '出资购买种植箱与土壤，员工志愿者协助搭建。', '员工志愿者 6 人', [{ title: '搭建完成', due: now + 30 * DAY }], 7000],
      ],
      ['user-staff', 'user-committee-2', 'user-committee-3', 'user-committee-6'],
      at,
    )
    const { winner: _w, ...fields } = r
    void _w
    projects.push(
      base(id, '楼顶共享菜园', '把闲置楼顶变成邻里菜园', '8 号楼楼顶防水加固后建设共享菜园，居民认领种植', {
        ...fields,
        status: 'awarded',
        budget: 10000,
        createdAt: at - 12 * DAY,
        updatedAt: at - 6 * HOUR,
      }),
    )
  }

  // In its notice period, with a resident's objection waiting for an answer. 周委员 (第五十七中学) is recused here.
  {
    const id = 'proj-demo-fraud'
    const r = reviewed(
      id,
      [
        [
          'unit-bank',
          '每月一场防诈骗讲座，结合真实案例，为老人手机安装反诈 App 并设置紧急联系人。',
          '讲师 2 人，宣传物料',
          [{ title: '12 场讲座', due: now + 120 * DAY }],
          6000,
        ],
        [
          'unit-school',
          '组织学生志愿者与老人结对，教会老人识别常见诈骗话术。',
          '学生志愿者 20 人',
          [{ title: '结对完成', due: now + 60 * DAY }],
          2000,
        ],
      ],
      ['user-staff', 'user-committee-2', 'user-committee-3', 'user-committee-6'],
      now - 2 * DAY,
    )
    const { winner: _w, ...fields } = r
    void _w
    projects.push(
      base(id, '防诈骗宣传进小区', '减少老年人被骗', '针对老年人常见电信诈骗开展系列宣传，覆盖全部楼栋', {
        ...fields,
        status: 'publicity',
        budget: 8000,
        publicityEndsAt: now + 3 * DAY,
        openObjections: 1,
        timeline: [...fields.timeline, event(now - 2 * DAY, 'user-staff', 'publicize', 'awarded', 'publicity', '公示 5 天')],
        createdAt: now - 13 * DAY,
        updatedAt: now - HOUR,
      }),
    )
    objections.push({
      _id: 'objection-demo-fraud',
      projectId: id,
      communityId: C1,
      userId: 'user-resident-2',
      userName: '李大爷',
      reason: '讲座能不能安排在上午？下午很多老人要接孙子。',
      status: 'open',
      dueAt: now - HOUR + RULES.objectionHours * HOUR,
      alertAt: now - HOUR + RULES.objectionHours * HOUR,
      createdAt: now - HOUR,
    })
  }

  // In progress: 中医医院 reports against its milestones.
  {
    const id = 'proj-demo-clinic'
    const at = now - 15 * DAY
    const r = reviewed(
      id,
      [
        [
          'unit-hospital',
          '每月第一个周六上午在党群服务中心义诊，建立重点老人健康档案，对失能老人上门随访。',
          '医生 3 人，护士 2 人',
          [
            { title: '建立健康档案', due: now + 10 * DAY },
            { title: '完成 6 次义诊', due: now + 150 * DAY },
          ],
          10000,
        ],
        [
          'unit-power',
          '联系合作医院开展义诊，供电所提供场地布置与用电保障。',
          '员工志愿者 4 人',
          [{ title: '首次义诊', due: now + 20 * DAY }],
          5000,
        ],
      ],
      ['user-staff', 'user-committee', 'user-committee-4', 'user-committee-6'],
      at,
    )
    const { winner, ...fields } = r
    projects.push(
      base(id, '居民健康义诊进社区', '老人在家门口看上病', '定期义诊与健康档案，失能老人上门随访', {
        ...fields,
        status: 'in_progress',
        budget: 12000,
        publicityEndsAt: at + 5 * DAY,
        startedAt: at + 5 * DAY + HOUR,
        progress: 40,
        timeline: [
          ...fields.timeline,
          event(at, 'user-staff', 'publicize', 'awarded', 'publicity', '公示 5 天'),
          event(at + 5 * DAY + HOUR, 'user-staff', 'start', 'publicity', 'in_progress'),
          event(now - 6 * DAY, 'user-unit-hospital', 'report', 'in_progress', 'in_progress', '进度 20%（建立健康档案）'),
          event(now - DAY, 'user-unit-hospital', 'report', 'in_progress', 'in_progress', '进度 40%'),
        ],
        createdAt: at - 12 * DAY,
        updatedAt: now - DAY,
      }),
    )
    reports.push(
      {
        _id: 'report-demo-clinic-1',
        projectId: id,
        unitId: winner.unitId,
        userId: 'user-unit-hospital',
        userName: '中医医院 何医生',
        progress: 20,
        note: '已为 46 位重点老人建立健康档案',
        milestone: '建立健康档案',
        photos: [],
        createdAt: now - 6 * DAY,
      },
      {
        _id: 'report-demo-clinic-2',
        projectId: id,
        unitId: winner.unitId,
        userId: 'user-unit-hospital',
        userName: '中医医院 何医生',
        progress: 40,
        note: '第一次义诊服务 63 人次，上门随访 5 户',
        photos: [],
        createdAt: now - DAY,
      },
    )
  }

  // Accepted by the street: 供电所 finished on time and was rated 5.
  {
    const id = 'proj-demo-wiring'
    const at = now - 60 * DAY
    const r = reviewed(
      id,
      [
        [
          'unit-power',
          '对 20 栋老楼入户线路逐户排查，更换老化空开和插座，建立隐患台账。',
          '电工 6 人',
          [{ title: '排查与整改完成', due: now - 10 * DAY }],
          15000,
        ],
        ['unit-court', '以普法宣传带动居民自查用电隐患。', '干警志愿者 4 人', [{ title: '宣传完成', due: now - 20 * DAY }], 3000],
      ],
      ['user-staff', 'user-committee', 'user-committee-3', 'user-committee-5'],
      at,
    )
    const { winner, ...fields } = r
    projects.push(
      base(id, '老旧线路安全排查', '消除老楼用电火灾隐患', '老旧小区入户线路排查与整改', {
        ...fields,
        status: 'completed',
        budget: 16000,
        publicityEndsAt: at + 5 * DAY,
        startedAt: at + 5 * DAY + HOUR,
        progress: 100,
        acceptance: { rating: 5, note: '整改彻底，居民满意', onTime: true, at: now - 12 * DAY, by: 'user-street', byName: '孙主任' },
        timeline: [
          ...fields.timeline,
          event(at, 'user-staff', 'publicize', 'awarded', 'publicity', '公示 5 天'),
          event(at + 5 * DAY + HOUR, 'user-staff', 'start', 'publicity', 'in_progress'),
          event(now - 30 * DAY, 'user-unit', 'report', 'in_progress', 'in_progress', '进度 50%'),
          event(now - 14 * DAY, 'user-unit', 'report', 'in_progress', 'in_progress', '进度 100%（排查与整改完成）'),
          event(now - 12 * DAY, 'user-street', 'accept', 'in_progress', 'completed', '评分 5 星：整改彻底，居民满意'),
        ],
        createdAt: at - 12 * DAY,
        updatedAt: now - 12 * DAY,
      }),
    )
    reports.push(
      {
        _id: 'report-demo-wiring-1',
        projectId: id,
        unitId: winner.unitId,
        userId: 'user-unit',
        userName: '供电所 孙工',
        progress: 50,
        note: '完成 10 栋楼排查，更换空开 85 个',
        photos: [],
        createdAt: now - 30 * DAY,
      },
      {
        _id: 'report-demo-wiring-2',
        projectId: id,
        unitId: winner.unitId,
        userId: 'user-unit',
        userName: '供电所 孙工',
        progress: 100,
        note: '20 栋楼全部完成，隐患台账已交社区',
        milestone: '排查与整改完成',
        photos: [],
        createdAt: now - 14 * DAY,
      },
    )
  }

  // Cancelled while bidding: the district took it over.
  projects.push(
    base('proj-demo-summer', '暑期托管班', '解决双职工家庭暑期看护难', '暑期为小学生提供托管与课业辅导', {
      ...published,
      status: 'cancelled',
      bidDeadline: now - 30 * DAY,
      publishedAt: now - 45 * DAY,
      timeline: [
        event(now - 46 * DAY, 'user-staff', 'create', undefined, 'draft'),
        event(now - 45 * DAY, 'user-staff', 'publish', 'draft', 'bidding'),
        event(now - 40 * DAY, 'user-staff', 'cancel', 'bidding', 'cancelled', '区教育局统一举办，社区不再单独实施'),
      ],
      createdAt: now - 46 * DAY,
      updatedAt: now - 40 * DAY,
    }),
  )

  const needs = [
    {
      _id: 'need-demo-stairs',
      communityId: C1,
      title: '活动室不适合老人使用',
      detail: '多位老人反映活动室地面滑、卫生间没有扶手',
      demandIds: [],
      status: 'in_project',
      projectId: 'proj-demo-draft',
      createdBy: 'user-staff',
      createdAt: now - 5 * DAY,
      updatedAt: now - DAY,
    },
    {
      _id: 'need-demo-parking',
      communityId: C1,
      title: '电动车充电难、飞线充电多',
      detail: '3、5、7 号楼居民反复反映，需要集中充电设施',
      demandIds: [],
      status: 'open',
      createdBy: 'user-staff',
      createdAt: now - 4 * DAY,
      updatedAt: now - 4 * DAY,
    },
  ]

  // What each unit took and finished, as award and acceptance count them.
  const scorecards = {}
  for (const p of projects) {
    if (!p.award) continue
    const c = (scorecards[p.award.unitId] ??= { projectsTaken: 0, projectsCompleted: 0, onTime: 0, ratingSum: 0, ratingCount: 0 })
    c.projectsTaken += 1
    if (p.acceptance) {
      c.projectsCompleted += 1
      c.onTime += p.acceptance.onTime ? 1 : 0
      c.ratingSum += p.acceptance.rating
      c.ratingCount += 1
    }
  }

  return {
    users: USERS,
    committee: NEW_MEMBERS.map((m) => ({ communityId: C1, userId: m.userId, ...(m.unitId ? { unitId: m.unitId } : {}), title: m.title })),
    projects,
    bids,
    scores,
    objections,
    reports,
    needs,
    scorecards,
  }
}

/** Every unit's 资源清单 (`unit_resources`), for the communities it serves. */
function buildResources(units, now) {
  return units.map((u) => ({
    _id: u._id,
    unitId: u._id,
    communityIds: u.communityIds,
    items: RESOURCES[u._id] ?? (u.resources ?? []).map((name) => ({ name })),
    updatedAt: now - 7 * DAY,
    updatedBy: CONTACT_OF[u._id] ?? 'user-staff',
  }))
}

module.exports = { buildProjects, buildResources, RESOURCES, USERS }
