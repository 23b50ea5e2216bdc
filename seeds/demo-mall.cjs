/**
 * The points mall's demo data: rewards in every community (some offered by co-building units,
 * one still waiting for approval), redemptions in every state, and the ledger entries that
 * go with them, so that every balance is still the sum of its ledger. The demo volunteers
 * start with points carried over from the community's paper records (a `correction` entry
 * each), since the demo demands pay nobody yet.
 */
const DAY = 86_400_000
const C1 = 'community-xinyuan'
const C2 = 'community-guoyuan-south'
const C3 = 'community-hongxing'
const X1 = 'community-xingfu-east'
const STREET_OF = { [C1]: 'street-guoyuan', [C2]: 'street-guoyuan', [C3]: 'street-guoyuan', [X1]: 'street-xingfu' }
const UNIT_NAMES = { 'unit-power': '国网供电所', 'unit-hospital': '区中医医院', 'unit-court': '区人民法院' }

const OPENING = [
  { userId: 'user-volunteer', name: '王小红', points: 120 },
  { userId: 'user-volunteer-3', name: '林晓燕', points: 60 },
]

const SERVICE_CENTRE = { pickupPlace: '社区党群服务中心一楼', pickupHours: '工作日 9:00–17:00' }

const REWARDS = [
  {
    _id: 'reward-bag',
    communityId: C1,
    name: '环保购物袋',
    cost: 10,
    stock: 28,
    perPersonLimit: { count: 2, per: 'month' },
    description: '可折叠帆布袋，印有社区标识。',
    ...SERVICE_CENTRE,
  },
  {
    _id: 'reward-haircut',
    communityId: C1,
    name: '理发服务券',
    cost: 30,
    stock: 9,
    perPersonLimit: { count: 1, per: 'total' },
    description: '社区便民理发点，凭券理发一次。',
    ...SERVICE_CENTRE,
  },
  {
    _id: 'reward-circuit',
    communityId: C1,
    name: '家用电路安全检查',
    cost: 20,
    stock: 4,
    sponsorUnitId: 'unit-power',
    description: '供电所师傅上门检查一次家用线路与插座。',
    pickupPlace: '预约后上门',
    pickupHours: '周六 9:00–12:00',
  },
  {
    _id: 'reward-checkup',
    communityId: C1,
    name: '中医体质辨识',
    cost: 25,
    stock: 10,
    sponsorUnitId: 'unit-hospital',
    status: 'pending',
    description: '区中医医院专家门诊体质辨识一次。',
    pickupPlace: '区中医医院二楼',
    pickupHours: '工作日 8:30–11:30',
  },
  {
    _id: 'reward-detergent',
    communityId: C2,
    name: '洗衣液',
    cost: 15,
    stock: 19,
    perPersonLimit: { count: 1, per: 'month' },
    ...SERVICE_CENTRE,
  },
  {
    _id: 'reward-law',
    communityId: C2,
    name: '法律咨询一次',
    cost: 10,
    stock: 8,
    sponsorUnitId: 'unit-court',
    pickupPlace: '社区法律服务站',
    pickupHours: '每周三 14:00–17:00',
  },
  { _id: 'reward-towel', communityId: C3, name: '纯棉毛巾', cost: 8, stock: 40, ...SERVICE_CENTRE },
  {
    _id: 'reward-grain',
    communityId: X1,
    name: '粮油套装',
    cost: 40,
    stock: 5,
    perPersonLimit: { count: 1, per: 'month' },
    ...SERVICE_CENTRE,
  },
]

/** [id, reward, holder, status, code, days ago] */
const REDEMPTIONS = [
  ['rd-demo-1', 'reward-bag', 'user-volunteer', 'reserved', '31415926', 1],
  ['rd-demo-2', 'reward-haircut', 'user-volunteer', 'fulfilled', '27182818', 6],
  ['rd-demo-3', 'reward-circuit', 'user-volunteer', 'cancelled', '16180339', 4],
  ['rd-demo-4', 'reward-bag', 'user-volunteer', 'expired', '14142135', 40],
  ['rd-demo-5', 'reward-circuit', 'user-volunteer', 'reserved', '17320508', 2],
  ['rd-demo-6', 'reward-detergent', 'user-volunteer-3', 'reserved', '22360679', 1],
]

const beijingMonth = (at) => {
  const d = new Date(at + 8 * 3_600_000)
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

function buildMall(now) {
  const rewards = REWARDS.map((r) => ({
    status: 'active',
    pickupDays: 7,
    ...r,
    streetId: STREET_OF[r.communityId],
    ...(r.sponsorUnitId ? { sponsorName: UNIT_NAMES[r.sponsorUnitId] } : {}),
    createdAt: now - 30 * DAY,
    createdBy: 'user-staff',
    updatedAt: now - 30 * DAY,
  }))
  const rewardOf = new Map(rewards.map((r) => [r._id, r]))
  const nameOf = new Map(OPENING.map((o) => [o.userId, o.name]))
  const ledger = OPENING.map((o) => ({
    _id: `opening-${o.userId}`,
    ownerType: 'user',
    ownerId: o.userId,
    delta: o.points,
    reason: 'correction',
    note: '纸质台账积分转入',
    createdAt: now - 60 * DAY,
    createdBy: 'user-staff',
  }))
  const counters = new Map()
  const redemptions = REDEMPTIONS.map(([id, rewardId, userId, status, code, daysAgo]) => {
    const reward = rewardOf.get(rewardId)
    const createdAt = now - daysAgo * DAY
    const period = !reward.perPersonLimit ? 'all' : reward.perPersonLimit.per === 'month' ? beijingMonth(createdAt) : 'all'
    const counterId = `${userId}.${rewardId}.${period}`
    if (status === 'reserved' || status === 'fulfilled') counters.set(counterId, (counters.get(counterId) ?? 0) + 1)
    const ends =
      {
        fulfilled: { fulfilledAt: createdAt + DAY, fulfilledBy: 'user-staff', fulfilledByName: '刘书记' },
        cancelled: { cancelledAt: createdAt + DAY },
        expired: { expiredAt: createdAt + 7 * DAY },
      }[status] ?? {}
    ledger.push({
      _id: `redeem-${id}`,
      ownerType: 'user',
      ownerId: userId,
      delta: -reward.cost,
      reason: 'redemption',
      redemptionId: id,
      note: `兑换「${reward.name}」`,
      createdAt,
      createdBy: userId,
    })
    if (status === 'cancelled' || status === 'expired')
      ledger.push({
        _id: `reversal-${id}`,
        ownerType: 'user',
        ownerId: userId,
        delta: reward.cost,
        reason: 'reversal',
        redemptionId: id,
        note: `${status === 'cancelled' ? '取消' : '过期未领'}「${reward.name}」退回`,
        createdAt: ends.cancelledAt ?? ends.expiredAt,
        createdBy: status === 'cancelled' ? userId : '',
      })
    const expiresAt = createdAt + reward.pickupDays * DAY
    return {
      _id: id,
      rewardId,
      rewardName: reward.name,
      communityId: reward.communityId,
      ...(reward.sponsorUnitId ? { sponsorUnitId: reward.sponsorUnitId } : {}),
      userId,
      userName: nameOf.get(userId),
      cost: reward.cost,
      code,
      revokedCodes: [],
      status,
      requestId: `demo-request-${id}`,
      period,
      counterId,
      ...(reward.pickupPlace ? { pickupPlace: reward.pickupPlace, pickupHours: reward.pickupHours } : {}),
      createdAt,
      expiresAt,
      ...(status === 'reserved' && expiresAt - DAY > now ? { remindAt: expiresAt - DAY } : {}),
      ...ends,
      updatedAt: ends.fulfilledAt ?? ends.cancelledAt ?? ends.expiredAt ?? createdAt,
    }
  })
  const reserved = new Map()
  for (const r of redemptions) if (r.status === 'reserved') reserved.set(r.userId, (reserved.get(r.userId) ?? 0) + r.cost)
  return {
    /** The points each person's reservations hold, kept on their user document. */
    reserved,
    rewards,
    redemptions,
    counters: [...counters].map(([_id, count]) => {
      const [userId, rewardId] = _id.split('.')
      return { _id, userId, rewardId, count }
    }),
    ledger,
  }
}

module.exports = { buildMall }
