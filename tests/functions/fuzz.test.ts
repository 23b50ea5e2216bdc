/**
 * Hostile input for every action of every function (`contract.Schemas`), generated from the
 * action's own zod schema (support/hostile.ts) with fast-check, seeded and deterministic.
 * Each action is called as a persona allowed to run it, so a refusal comes from the input:
 * every case is invalid by construction and must answer `ok: false` with a code of the closed
 * set (never INTERNAL) and a Chinese message, show no stack trace, and leave the database
 * byte for byte as it was (a digest of every collection before and after the batch; when it
 * changed, the batch is replayed in halves from a snapshot to name the inputs responsible).
 *
 * `HONGLIN_FUZZ_RUNS` (default 200) sets the cases per action and class; `HONGLIN_FUZZ_SEED`
 * the seed. What was tried is written to test-artifacts/fuzz/summary.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import type { z } from 'zod'
import { ErrorCodes, contract } from '@honglin/shared'
import { useHonglin, type Honglin } from '../helpers/honglin'
import { digestChanges, digestDatabase, digestOf, restoreDatabase, snapshotDatabase, type DatabaseSnapshot } from '../helpers/digest'
import { demandInput, insertFixture, insertUsers, USER } from './support/demands'
import { describeInput, extraFieldCases, hostileCases, shapeOf, type HostileCase, type HostileClass } from './support/hostile'
import { C1, C2, PEOPLE, STREET_1, STREET_2, X1, clonePersona, gridOf, insertDemandIn } from './support/personas'

jest.setTimeout(300_000)

const t = useHonglin()

const RUNS = Number(process.env.HONGLIN_FUZZ_RUNS ?? 200)
const SEED = Number(process.env.HONGLIN_FUZZ_SEED ?? 20_240_601)
const HYGIENE_RUNS = Math.max(1, Math.ceil(RUNS / 2))

const PHOTO = 'cloud://local.local-local/demands/photo-1.jpg'
const DAY = 86_400_000
/** Ids that name nothing. */
const NOWHERE = ['no-such-id', '__proto__', 'constructor', 'prototype', 'toString', '$where', 'hasOwnProperty']
const page = { offset: 0, limit: 20 }
const STATS_PERIOD = { from: '2026-11-01', to: '2026-11-27' }

interface Setup {
  openid: string
  base: Record<string, unknown>
  /** Values the rules refuse, by dotted field path. */
  invalid?: Record<string, unknown[]>
  /** The caller's user id when the action may touch the caller's own record (login). */
  self?: string
}

type Config = (t: Honglin) => Promise<Setup>

/** A demand in `state` for `action`, plus demands the caller may not act on, as refused ids. */
function onDemand(
  state: Parameters<typeof insertFixture>[1],
  who: keyof typeof PEOPLE,
  params: Record<string, unknown> = {},
  options = {},
): Config {
  return async (t) => {
    const d = insertFixture(t, state, options)
    const elsewhere = insertDemandIn(t, 'X1', state)
    const finished = insertFixture(t, 'closed')
    return { openid: PEOPLE[who].openid, base: { id: d._id, ...params }, invalid: { id: [...NOWHERE, elsewhere._id, finished._id] } }
  }
}

let applicantCounter = 0
async function applicant(t: Honglin, communityId: string): Promise<string> {
  const _id = `fuzz-applicant-${applicantCounter++}`
  insertUsers(t, [
    {
      _id,
      name: '报到申请人',
      grants: [{ role: 'resident', communityId, streetId: STREET_1 }],
      volunteer: { status: 'pending', skills: ['助老'], isPartyMember: false, communityId, appliedAt: Date.now() - DAY },
    },
  ])
  return _id
}

const CATEGORY_REFUSED = ['__proto__', 'constructor', 'street_light', 'study_supplies', 'x'.repeat(10_000)]

/** A reward of 新园社区 offered by 供电所, and a reservation of it by 王小红, as the mall stores them. */
function mallFixture(t: Honglin, status = 'active'): { rewardId: string; redemptionId: string; code: string } {
  const n = mallSerial++
  const now = t.emulator.clock.now()
  const rewardId = `fuzz-reward-${n}`
  const redemptionId = `fuzz-redemption-${n}`
  const code = String(60_000_000 + n)
  t.emulator.database.insertMany('mall_rewards', [
    {
      _id: rewardId,
      communityId: C1,
      name: '测试礼品',
      cost: 1,
      stock: 10,
      pickupDays: 7,
      sponsorUnitId: 'unit-power',
      status,
      createdAt: now,
      createdBy: USER.staff,
      updatedAt: now,
    },
  ])
  t.emulator.database.insertMany('mall_redemptions', [
    {
      _id: redemptionId,
      rewardId,
      rewardName: '测试礼品',
      communityId: C1,
      sponsorUnitId: 'unit-power',
      userId: USER.volunteer,
      userName: '王小红',
      cost: 1,
      code,
      revokedCodes: [],
      status: 'reserved',
      requestId: `fuzz-req-${n}`,
      period: 'all',
      counterId: `${USER.volunteer}.${rewardId}.all`,
      createdAt: now,
      expiresAt: now + 7 * DAY,
      updatedAt: now,
    },
  ])
  return { rewardId, redemptionId, code }
}
let mallSerial = 0

const CONFIGS: Record<string, Config> = {
  'user.login': async () => ({ openid: PEOPLE.resident.openid, base: {}, self: PEOPLE.resident.userId }),
  'user.updateProfile': async (t) => {
    const me = await clonePersona(t, 'resident')
    return { openid: me.openid, base: { name: '张阿姨', phone: '13800000001', elderMode: false, avatar: PHOTO } }
  },
  'user.registerVolunteer': async (t) => {
    const me = await clonePersona(t, 'resident2')
    return {
      openid: me.openid,
      base: {
        name: '李大爷',
        phone: '13800000002',
        skills: ['助老', '跑腿代办'],
        isPartyMember: false,
        workUnit: '退休',
        communityId: C1,
        gridId: gridOf(C1),
      },
      invalid: { communityId: [...NOWHERE, C2], gridId: [...NOWHERE, gridOf(C2)] },
    }
  },
  'user.verifyVolunteer': async (t) => ({
    openid: PEOPLE.staff.openid,
    base: { userId: await applicant(t, C1), approve: false, reason: '信息不完整' },
    invalid: { userId: [...NOWHERE, USER.resident, await applicant(t, C2)] },
  }),
  'user.volunteers': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, status: 'pending', page },
    invalid: { communityId: [...NOWHERE, C2, X1] },
  }),
  'user.exportMyData': async () => ({ openid: PEOPLE.resident.openid, base: {} }),
  'user.subscribe': async (t) => {
    const me = await clonePersona(t, 'resident')
    return { openid: me.openid, base: { accepted: ['TPL_DEMAND_STATUS'] } }
  },
  'user.deleteAccount': async (t) => {
    const me = await clonePersona(t, 'resident3')
    return { openid: me.openid, base: {}, self: me.userId }
  },
  'org.streets': async () => ({ openid: PEOPLE.resident.openid, base: {} }),
  'org.communities': async () => ({ openid: PEOPLE.resident.openid, base: { streetId: STREET_1 } }),
  'org.grids': async () => ({ openid: PEOPLE.resident.openid, base: { communityId: C1 } }),
  'org.units': async () => ({ openid: PEOPLE.resident.openid, base: { communityId: C1 } }),
  'org.committee': async () => ({ openid: PEOPLE.resident.openid, base: { communityId: C1 } }),
  'org.grantRole': async (t) => {
    const target = `fuzz-target-${applicantCounter++}`
    insertUsers(t, [{ _id: target, name: '待授权居民', grants: [{ role: 'resident', communityId: C1, streetId: STREET_1 }] }])
    return {
      openid: PEOPLE.staff.openid,
      base: { userId: target, role: 'volunteer', communityId: C1 },
      invalid: { userId: NOWHERE, communityId: [...NOWHERE, C2, X1], streetId: ['no-such-street', STREET_2] },
    }
  },
  'org.revokeRole': async (t) => {
    const target = `fuzz-target-${applicantCounter++}`
    insertUsers(t, [{ _id: target, name: '志愿者', grants: [{ role: 'volunteer', communityId: C1, streetId: STREET_1 }] }])
    return {
      openid: PEOPLE.staff.openid,
      base: { userId: target, role: 'volunteer', communityId: C1 },
      invalid: { userId: [...NOWHERE, USER.resident2], communityId: [...NOWHERE, C2, X1] },
    }
  },
  'org.slaPolicy': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1 },
    invalid: { communityId: [...NOWHERE, C2, X1] },
  }),
  'org.setSlaPolicy': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, policy: { triage: { normal: 12, urgent: 2 }, street: { normal: 24, urgent: 4 } } },
    invalid: { communityId: [...NOWHERE, C2, X1] },
  }),
  'demand.create': async () => ({
    openid: PEOPLE.resident.openid,
    base: demandInput('service', { photos: [PHOTO], preferredTime: '周末上午', urgency: 'normal' }),
    invalid: { gridId: [...NOWHERE, `${C1}-grid-99`], category: CATEGORY_REFUSED },
  }),
  'demand.createOnBehalf': async () => ({
    openid: PEOPLE.grid.openid,
    base: demandInput('service', { photos: [PHOTO], ownerId: USER.resident2, ownerName: '李大爷', ownerPhone: '13800000002' }),
    invalid: { gridId: [...NOWHERE, gridOf(C2), gridOf(C1, 3)], ownerId: NOWHERE, category: CATEGORY_REFUSED },
  }),
  'demand.listMine': async () => ({ openid: PEOPLE.resident.openid, base: { status: 'submitted', page } }),
  'demand.listOnBehalf': async () => ({ openid: PEOPLE.grid.openid, base: { page } }),
  'demand.listFollowing': async () => ({ openid: PEOPLE.resident2.openid, base: { page } }),
  'demand.similar': async () => ({
    openid: PEOPLE.resident.openid,
    base: { gridId: gridOf(C1), category: 'elderly_care', title: '帮忙买菜送上门' },
    invalid: { gridId: [...NOWHERE, gridOf(C2)] },
  }),
  'demand.follow': onDemand('accepted', 'resident2'),
  'dispatch.similar': onDemand('submitted', 'staff', { q: '买菜' }),
  'demand.get': async (t) => {
    const d = insertFixture(t, 'submitted')
    return { openid: PEOPLE.resident.openid, base: { id: d._id }, invalid: { id: [...NOWHERE, insertDemandIn(t, 'X1', 'submitted')._id] } }
  },
  'demand.cancel': onDemand('submitted', 'resident', { reason: '已自行解决' }),
  'demand.confirm': onDemand('done', 'resident'),
  'demand.rate': onDemand('done', 'resident', { stars: 4, comment: '服务及时' }),
  'demand.reopen': onDemand('done', 'resident', { reason: '灯还是不亮' }),
  'dispatch.inbox': async () => ({
    openid: PEOPLE.staff.openid,
    base: { status: 'submitted', kind: 'service', gridId: gridOf(C1), overdue: false, communityId: C1, page },
    invalid: { communityId: [...NOWHERE, C2, X1] },
  }),
  'dispatch.accept': onDemand('submitted', 'staff', { note: '已受理' }),
  'dispatch.reject': onDemand('submitted', 'staff', { reason: '不属于社区服务范围' }),
  'dispatch.merge': async (t) => {
    const setup = await onDemand('submitted', 'staff')(t)
    const into = insertFixture(t, 'submitted')
    return {
      ...setup,
      base: { ...setup.base, intoId: into._id },
      invalid: {
        ...setup.invalid,
        intoId: [
          ...NOWHERE,
          insertFixture(t, 'closed')._id,
          insertDemandIn(t, 'C2', 'submitted')._id,
          insertDemandIn(t, 'X1', 'submitted')._id,
        ],
      },
    }
  },
  'dispatch.suggest': onDemand('accepted', 'staff'),
  'dispatch.assign': async (t) => {
    const setup = await onDemand('accepted', 'staff')(t)
    return {
      ...setup,
      base: {
        ...setup.base,
        assignee: { type: 'volunteer', id: USER.volunteer2 },
        dueAt: Date.now() + 2 * DAY,
        points: 20,
        note: '请尽快联系居民',
      },
      invalid: {
        ...setup.invalid,
        'assignee.id': [...NOWHERE, USER.resident, 'user-volunteer-3', 'user-staff'],
        dueAt: [1, DAY, Date.now() - 60_000],
      },
    }
  },
  'dispatch.publish': async (t) => {
    const setup = await onDemand('accepted', 'staff')(t)
    return {
      ...setup,
      base: { ...setup.base, points: 10, dueAt: Date.now() + 2 * DAY },
      invalid: { ...setup.invalid, dueAt: [1, DAY, Date.now() - 60_000] },
    }
  },
  'dispatch.close': onDemand('reviewed', 'staff', { evaluation: '服务及时，居民满意' }),
  'task.hall': async () => ({
    openid: PEOPLE.volunteer.openid,
    base: { category: 'elderly_care', communityId: C1, page },
    invalid: { communityId: [...NOWHERE, C2, X1] },
  }),
  'task.claim': onDemand('open', 'volunteer2'),
  'task.mine': async () => ({ openid: PEOPLE.volunteer.openid, base: { status: 'dispatched', page } }),
  'task.accept': onDemand('dispatched', 'volunteer'),
  'task.decline': onDemand('dispatched', 'volunteer', { reason: '时间冲突' }),
  'task.start': onDemand('dispatched_accepted', 'volunteer'),
  'task.progress': onDemand('in_progress', 'volunteer', { note: '已买好菜', photos: [PHOTO] }),
  'task.complete': onDemand('in_progress', 'volunteer', { note: '已送达', photos: [PHOTO], hours: 1.5 }),
  'points.balance': async () => ({ openid: PEOPLE.volunteer.openid, base: {} }),
  'points.ledger': async () => ({ openid: PEOPLE.volunteer.openid, base: { page } }),
  'points.reconcile': async () => ({
    openid: PEOPLE.admin.openid,
    base: { ownerType: 'user', ownerId: USER.volunteer },
    invalid: { ownerId: NOWHERE },
  }),
  'points.correct': async () => ({
    openid: PEOPLE.staff.openid,
    base: { ownerType: 'user', ownerId: USER.volunteer2, delta: 2, reason: '补录服务积分', requestId: 'fuzz-correct-0001' },
    invalid: { ownerId: NOWHERE },
  }),
  'mall.rewards': async () => ({ openid: PEOPLE.volunteer.openid, base: { communityId: C1, page } }),
  'mall.upsertReward': async () => ({
    openid: PEOPLE.staff.openid,
    base: {
      communityId: C1,
      name: '环保袋',
      cost: 5,
      stock: 10,
      pickupPlace: '服务中心',
      pickupDays: 7,
      validUntil: Date.now() + 30 * DAY,
    },
    invalid: { communityId: [C2, X1, ...NOWHERE], sponsorUnitId: NOWHERE },
  }),
  'mall.approveReward': async (t) => ({
    openid: PEOPLE.staff.openid,
    base: { rewardId: mallFixture(t, 'pending').rewardId },
    invalid: { rewardId: [...NOWHERE, mallFixture(t, 'active').rewardId] },
  }),
  'mall.redeem': async (t) => ({
    openid: PEOPLE.volunteer.openid,
    base: { rewardId: mallFixture(t).rewardId, requestId: 'fuzz-redeem-0001' },
    invalid: { rewardId: [...NOWHERE, mallFixture(t, 'withdrawn').rewardId] },
  }),
  'mall.mine': async () => ({ openid: PEOPLE.volunteer.openid, base: { status: 'reserved', page } }),
  'mall.cancel': async (t) => ({ openid: PEOPLE.volunteer.openid, base: { id: mallFixture(t).redemptionId }, invalid: { id: NOWHERE } }),
  'mall.lookup': async (t) => ({ openid: PEOPLE.staff.openid, base: { code: mallFixture(t).code } }),
  'mall.verify': async (t) => ({
    openid: PEOPLE.staff.openid,
    base: { code: mallFixture(t).code },
    invalid: { code: ['00000000', '99999999'] },
  }),
  'mall.reissue': async (t) => ({ openid: PEOPLE.volunteer.openid, base: { id: mallFixture(t).redemptionId }, invalid: { id: NOWHERE } }),
  'mall.pickupQr': async (t) => ({ openid: PEOPLE.volunteer.openid, base: { id: mallFixture(t).redemptionId }, invalid: { id: NOWHERE } }),
  'mall.redemptions': async (t) => ({
    openid: PEOPLE.staff.openid,
    base: { rewardId: mallFixture(t).rewardId, status: 'reserved', page },
    invalid: { rewardId: NOWHERE },
  }),
  'notify.inbox': async () => ({ openid: PEOPLE.resident.openid, base: { unreadOnly: true, page } }),
  'points.ranking': async () => ({ openid: PEOPLE.volunteer.openid, base: { communityId: C1, period: 'month', by: 'hours' } }),
  'points.certificate': async () => ({ openid: PEOPLE.volunteer.openid, base: { year: 2026 } }),
  'points.verify': async () => ({ openid: PEOPLE.resident.openid, base: { code: 'ABCD-EFGH-JK23' } }),
  'notify.markRead': async () => ({ openid: PEOPLE.resident.openid, base: { ids: ['no-such-notification'] } }),
  'audit.list': async () => ({ openid: PEOPLE.staff.openid, base: { communityId: C1, page }, invalid: { communityId: [C2, X1] } }),
  'audit.verify': async () => ({ openid: PEOPLE.admin.openid, base: {} }),
  'stats.ledger': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, from: '2026-11-01', to: '2026-11-27', page },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'stats.export': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, from: '2026-11-01', to: '2026-11-27', sheet: 'ledger' },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'stats.exportStatus': async () => ({ openid: PEOPLE.staff.openid, base: { jobId: 'export-none' }, invalid: { jobId: NOWHERE } }),
  'stats.annualReport': async () => ({
    openid: PEOPLE.staff.openid,
    base: { year: 2026, userId: 'user-volunteer' },
    // With a member named, the member's own community is the one reported on.
    invalid: { userId: [PEOPLE.resident.userId, ...NOWHERE] },
  }),
  'stats.overview': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, ...STATS_PERIOD },
    invalid: { communityId: [C2, X1] },
  }),
  'stats.trend': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, period: 'week', ...STATS_PERIOD },
    invalid: { communityId: [C2, X1] },
  }),
  'stats.hotspots': async () => ({
    openid: PEOPLE.street.openid,
    base: { streetId: STREET_1, ...STATS_PERIOD },
    invalid: { streetId: [STREET_2] },
  }),
  'stats.heat': async () => ({
    openid: PEOPLE.street.openid,
    base: { streetId: STREET_1, ...STATS_PERIOD },
    invalid: { streetId: [STREET_2] },
  }),
  // 揭榜, on the demo projects of 新园社区 (seeds/demo-projects.cjs), each as someone allowed to act on it.
  'org.resources': async () => ({ openid: PEOPLE.resident.openid, base: { communityId: C1 } }),
  'org.updateResources': async () => ({
    openid: PEOPLE.unit.openid,
    base: { unitId: 'unit-power', resources: [{ name: '电路检修', capacity: '每月 2 次' }] },
    invalid: { unitId: [...NOWHERE, 'unit-bank'] },
  }),
  'org.unitScorecard': async () => ({ openid: PEOPLE.resident.openid, base: { unitId: 'unit-power' }, invalid: { unitId: NOWHERE } }),
  'org.projectRules': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1 },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'org.setProjectRules': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, quorumPercent: 75, publicityDays: 5 },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'project.create': async (t) => ({
    openid: PEOPLE.staff.openid,
    base: {
      communityId: C1,
      title: '楼道扶手加装',
      goal: '老人上下楼更安全',
      detail: '为 1–6 号楼楼道加装扶手',
      bidDeadline: t.emulator.clock.now() + 7 * DAY,
      criteria: [{ name: '可行性', weight: 100, max: 10 }],
      requestId: 'fuzz-project-0001',
    },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'project.update': async () => ({
    openid: PEOPLE.staff.openid,
    base: { id: 'proj-demo-draft', title: '活动室适老化改造' },
    invalid: { id: [...NOWHERE, 'proj-demo-wiring'] },
  }),
  'project.publish': async () => ({
    openid: PEOPLE.staff.openid,
    base: { id: 'proj-demo-draft' },
    invalid: { id: [...NOWHERE, 'proj-demo-meals'] },
  }),
  'project.list': async () => ({ openid: PEOPLE.resident.openid, base: { communityId: C1, status: 'bidding', page } }),
  'project.get': async () => ({
    openid: PEOPLE.resident.openid,
    base: { id: 'proj-demo-meals' },
    invalid: { id: [...NOWHERE, 'proj-demo-draft'] },
  }),
  'project.bid': async (t) => ({
    openid: PEOPLE.unit.openid,
    base: {
      projectId: 'proj-demo-meals',
      plan: '组织员工志愿者每天中午送餐上门，并做用电安全检查',
      resources: '员工志愿者 8 人',
      timeline: [{ title: '送餐启动', due: t.emulator.clock.now() + 20 * DAY }],
      budget: 10000,
      requestId: 'fuzz-bid-0001',
    },
    invalid: { projectId: [...NOWHERE, 'proj-demo-lights', 'proj-demo-draft'] },
  }),
  'project.updateBid': async () => ({
    openid: 'demo-unit-hospital',
    base: { bidId: 'proj-demo-meals-bid-hospital', budget: 16000 },
    invalid: { bidId: [...NOWHERE, 'proj-demo-meals-bid-bank'] },
  }),
  'project.withdrawBid': async () => ({
    openid: 'demo-unit-hospital',
    base: { bidId: 'proj-demo-meals-bid-hospital', reason: '人手不足' },
    invalid: { bidId: [...NOWHERE, 'proj-demo-meals-bid-bank'] },
  }),
  'project.bids': async () => ({ openid: PEOPLE.staff.openid, base: { projectId: 'proj-demo-lights' }, invalid: { projectId: NOWHERE } }),
  'project.myBids': async () => ({ openid: PEOPLE.unit.openid, base: { page } }),
  // The demo has no project past its deadline still in bidding: the base itself is refused here.
  'project.closeBidding': async () => ({ openid: PEOPLE.staff.openid, base: { id: 'proj-demo-meals' }, invalid: { id: NOWHERE } }),
  'project.declareConflict': async () => ({
    openid: PEOPLE.committee.openid,
    base: { projectId: 'proj-demo-meals', reason: '亲属在揭榜单位工作' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-wiring'] },
  }),
  'project.score': async () => ({
    openid: PEOPLE.committee.openid,
    base: {
      projectId: 'proj-demo-lights',
      bidId: 'proj-demo-lights-bid-power',
      scores: { 方案可行性: 8, 资源投入: 7, 服务经验: 7 },
      comment: '方案可行',
    },
    invalid: { projectId: NOWHERE, bidId: [...NOWHERE, 'proj-demo-meals-bid-bank'] },
  }),
  'project.withdrawScore': async () => ({
    openid: 'demo-committee-3',
    base: { projectId: 'proj-demo-lights', bidId: 'proj-demo-lights-bid-power', reason: '分数填错了' },
    invalid: { projectId: NOWHERE, bidId: NOWHERE },
  }),
  'project.myReviews': async () => ({ openid: PEOPLE.committee.openid, base: { status: 'reviewing', page } }),
  'project.closeReview': async () => ({ openid: PEOPLE.staff.openid, base: { id: 'proj-demo-lights' }, invalid: { id: NOWHERE } }),
  'project.results': async () => ({
    openid: PEOPLE.staff.openid,
    base: { projectId: 'proj-demo-fraud' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-lights'] },
  }),
  'project.award': async () => ({
    openid: PEOPLE.staff.openid,
    base: { projectId: 'proj-demo-garden', bidId: 'proj-demo-garden-bid-school' },
    invalid: { projectId: NOWHERE, bidId: NOWHERE },
  }),
  'project.publicize': async () => ({
    openid: PEOPLE.staff.openid,
    base: { id: 'proj-demo-garden', days: 5 },
    invalid: { id: [...NOWHERE, 'proj-demo-meals'] },
  }),
  'project.object': async () => ({
    openid: PEOPLE.resident.openid,
    base: { projectId: 'proj-demo-fraud', reason: '讲座时间安排不合理', requestId: 'fuzz-object-0001' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-meals'] },
  }),
  'project.objections': async () => ({
    openid: PEOPLE.staff.openid,
    base: { projectId: 'proj-demo-fraud' },
    invalid: { projectId: NOWHERE },
  }),
  'project.answerObjection': async () => ({
    openid: PEOPLE.staff.openid,
    base: { objectionId: 'objection-demo-fraud', answer: '讲座已调整到上午' },
    invalid: { objectionId: NOWHERE },
  }),
  'project.start': async () => ({ openid: PEOPLE.staff.openid, base: { id: 'proj-demo-fraud' }, invalid: { id: NOWHERE } }),
  'project.report': async () => ({
    openid: 'demo-unit-hospital',
    base: { projectId: 'proj-demo-clinic', progress: 50, note: '第二次义诊完成', requestId: 'fuzz-report-0001' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-wiring'] },
  }),
  'project.reports': async () => ({
    openid: PEOPLE.resident.openid,
    base: { projectId: 'proj-demo-clinic' },
    invalid: { projectId: NOWHERE },
  }),
  'project.accept': async () => ({
    openid: PEOPLE.street.openid,
    base: { projectId: 'proj-demo-clinic', rating: 5, note: '居民满意' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-wiring'] },
  }),
  'project.cancel': async () => ({
    openid: PEOPLE.staff.openid,
    base: { id: 'proj-demo-meals', reason: '区里统一实施' },
    invalid: { id: [...NOWHERE, 'proj-demo-wiring'] },
  }),
  'project.minutes': async () => ({
    openid: PEOPLE.staff.openid,
    base: { projectId: 'proj-demo-fraud' },
    invalid: { projectId: [...NOWHERE, 'proj-demo-lights'] },
  }),
  'project.promoteNeed': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, title: '电动车充电难', requestId: 'fuzz-need-0001' },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
  'project.needs': async () => ({
    openid: PEOPLE.staff.openid,
    base: { communityId: C1, status: 'open', page },
    invalid: { communityId: [C2, X1, ...NOWHERE] },
  }),
}

const schemas = contract.Schemas as unknown as Record<string, Record<string, z.ZodTypeAny>>
const ACTIONS = Object.entries(schemas).flatMap(([fn, actions]) => Object.keys(actions).map((action) => `${fn}.${action}`))
const WITH_FIELDS = ACTIONS.filter((key) => shapeOf(schemaOf(key)) !== undefined)
const PARAMETERLESS = ACTIONS.filter((key) => shapeOf(schemaOf(key)) === undefined)

function schemaOf(key: string): z.ZodTypeAny {
  const [fn, action] = key.split('.') as [string, string]
  return schemas[fn]![action]!
}

/** A stable 32-bit seed per action and class. */
function seedOf(key: string): number {
  let h = SEED
  for (const ch of key) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}

const CODES = new Set(Object.keys(ErrorCodes))
const CHINESE = /[\u4e00-\u9fa5]/
const STACK = /\n\s+at |\bat .+:\d+:\d+|node_modules|\/work\/|[A-Za-z]*Error: /

interface Outcome {
  code: string
  problem?: string
}

/** Calls the action; answers the code (`ok` when accepted) and what is wrong with the answer. */
async function attempt(key: string, input: Record<string, unknown>, openid: string): Promise<Outcome> {
  const [fn, action] = key.split('.') as [string, string]
  let res
  try {
    res = await t.call(fn, action, input, openid)
  } catch (error) {
    return { code: 'CRASH', problem: `the function crashed: ${String((error as Error).message).slice(0, 200)}` }
  }
  if (res.ok) return { code: 'ok', problem: 'accepted' }
  const e = res.error
  const body = JSON.stringify(res.error)
  if (!e || !CODES.has(e.code)) return { code: String(e?.code), problem: `code outside the closed set: ${body.slice(0, 200)}` }
  if (e.code === 'INTERNAL') return { code: e.code, problem: 'INTERNAL' }
  if (!CHINESE.test(e.message)) return { code: e.code, problem: `message not in Chinese: ${e.message.slice(0, 100)}` }
  const fields = Object.values(e.fields ?? {})
  if (fields.some((m) => !CHINESE.test(m)))
    return { code: e.code, problem: `field message not in Chinese: ${JSON.stringify(e.fields).slice(0, 200)}` }
  if (STACK.test(body)) return { code: e.code, problem: `looks like a stack trace: ${body.slice(0, 200)}` }
  return { code: e.code }
}

async function runAll(key: string, cases: HostileCase[], openid: string): Promise<Outcome[]> {
  const out: Outcome[] = []
  for (const c of cases) out.push(await attempt(key, c.input, openid))
  return out
}

/** Bisection stops after naming this many inputs that change the database. */
const CULPRITS = 5

/**
 * Cases that change the database when run from `snapshot`, found by halving (at most
 * `CULPRITS`); each with the code it was answered with when run so.
 */
async function culprits(
  key: string,
  cases: HostileCase[],
  openid: string,
  snapshot: DatabaseSnapshot,
  clean: string,
  found: { c: HostileCase; code: string }[] = [],
): Promise<{ c: HostileCase; code: string }[]> {
  if (found.length >= CULPRITS) return found
  restoreDatabase(t.emulator, snapshot)
  const outcomes = await runAll(key, cases, openid)
  if (JSON.stringify(digestDatabase(t.emulator)) === clean) return found
  if (cases.length === 1) return [...found, { c: cases[0]!, code: outcomes[0]!.code }]
  const half = Math.ceil(cases.length / 2)
  const left = await culprits(key, cases.slice(0, half), openid, snapshot, clean, found)
  return culprits(key, cases.slice(half), openid, snapshot, clean, left)
}

/** Problems grouped by kind and field, each with a count and one example input. */
function grouped(items: { what: string; input: unknown }[]): string[] {
  const groups = new Map<string, { count: number; example: unknown }>()
  for (const { what, input } of items) {
    const g = groups.get(what) ?? { count: 0, example: input }
    g.count += 1
    groups.set(what, g)
  }
  return [...groups].map(([what, g]) => `${g.count}× ${what} — e.g. ${describeInput(g.example)}`)
}

interface Tally {
  cases: number
  escalations: number
  accepted: number
  changedDatabase: number
  ms: number
  codes: Record<string, number>
}
const summary: Record<string, Partial<Record<HostileClass | 'extra', Tally>>> = {}

afterAll(() => {
  const dir = join(__dirname, '..', '..', 'test-artifacts', 'fuzz')
  mkdirSync(dir, { recursive: true })
  const all = Object.values(summary).flatMap((byClass) => Object.values(byClass))
  const total = {
    actions: Object.keys(summary).length,
    cases: all.reduce((n, x) => n + x!.cases, 0),
    escalations: all.reduce((n, x) => n + x!.escalations, 0),
    accepted: all.reduce((n, x) => n + x!.accepted, 0),
    changedDatabase: all.reduce((n, x) => n + x!.changedDatabase, 0),
    ms: all.reduce((n, x) => n + x!.ms, 0),
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ runs: RUNS, seed: SEED, total, actions: summary }, null, 2))
  if (process.env.HONGLIN_PRINT_FUZZ) console.log(JSON.stringify(total))
})

/**
 * Runs `cases` as one batch and answers every problem: answers that are not a proper refusal,
 * and the inputs that changed the database (which is then put back).
 */
async function batch(
  key: string,
  cls: HostileClass | 'extra',
  cases: HostileCase[],
  setup: Setup,
  sameAfter = normalised(setup.self),
): Promise<string[]> {
  const started = Date.now()
  const snapshot = snapshotDatabase(t.emulator)
  const clean = JSON.stringify(digestOf(sameAfter(snapshot)))
  const outcomes = await runAll(key, cases, setup.openid)
  const after = snapshotDatabase(t.emulator)
  const codes: Record<string, number> = {}
  const wrong: { what: string; input: unknown }[] = []
  outcomes.forEach((o, i) => {
    codes[o.code] = (codes[o.code] ?? 0) + 1
    const c = cases[i]!
    if (o.problem && !(cls === 'extra' && o.code === 'ok')) wrong.push({ what: `${o.problem} — ${c.field}: ${c.why}`, input: c.input })
  })
  const problems = grouped(wrong)
  let changed = 0
  if (JSON.stringify(digestOf(sameAfter(after))) !== clean) {
    problems.push(`the batch changed ${digestChanges(JSON.parse(clean), digestOf(sameAfter(after))).join(', ')}`)
    if (cls !== 'extra') {
      // The accepted inputs are named above. Did a refused one write anything? Replay the refused
      // ones alone from the snapshot and halve until the inputs that change the database are named.
      const refused = cases.filter((_c, i) => outcomes[i]!.code !== 'ok')
      const found = await culprits(key, refused, setup.openid, snapshot, JSON.stringify(digestOf(snapshot)))
      problems.push(
        ...grouped(
          found.map(({ c, code }) => ({
            what: `changed the database when run alone (answered ${code}) — ${c.field}: ${c.why}`,
            input: c.input,
          })),
        ),
      )
      changed = outcomes.filter((o) => o.code === 'ok').length + found.length
    }
    restoreDatabase(t.emulator, snapshot)
  }
  summary[key] = {
    ...summary[key],
    [cls]: {
      cases: cases.length,
      escalations: outcomes.filter((o) => o.code === 'INTERNAL' || o.code === 'CRASH').length,
      accepted: outcomes.filter((o) => o.code === 'ok').length,
      changedDatabase: changed,
      ms: Date.now() - started,
      codes,
    },
  }
  return problems
}

/** The snapshot as compared: a login may stamp the caller's own login time, nothing else. */
function normalised(self: string | undefined): (s: DatabaseSnapshot) => DatabaseSnapshot {
  return (s) => {
    if (!self) return s
    const users = (s.collections.get('users') ?? []).map((u) => {
      if (u._id !== self) return u
      const { lastLoginAt: _l, updatedAt: _u, ...rest } = u
      return rest
    })
    return { collections: new Map([...s.collections, ['users', users]]) }
  }
}

test('every action of every function has a fuzz setup', () => {
  expect(ACTIONS.filter((key) => !(key in CONFIGS))).toEqual([])
  expect(ACTIONS.length).toBeGreaterThanOrEqual(40)
})

describe.each(WITH_FIELDS)('%s', (key) => {
  test(`${RUNS} inputs the schema refuses: refused with a closed code, nothing stored`, async () => {
    const setup = await CONFIGS[key]!(t)
    const arb = hostileCases(schemaOf(key), setup.base, { class: 'shape', invalid: setup.invalid })!
    const cases = fc.sample(arb, { numRuns: RUNS, seed: seedOf(`${key}:shape`) })
    expect(await batch(key, 'shape', cases, setup)).toEqual([])
  })

  const hygiene = (() => {
    // Decided from the schema alone: which fields can carry text, file ids or unbounded numbers.
    const probe = hostileCases(schemaOf(key), {}, { class: 'hygiene' })
    return probe !== undefined
  })()
  if (hygiene) {
    test(`${HYGIENE_RUNS} inputs with invisible or control characters, foreign file ids, unbounded numbers: refused, nothing stored`, async () => {
      const setup = await CONFIGS[key]!(t)
      const arb = hostileCases(schemaOf(key), setup.base, { class: 'hygiene' })!
      const cases = fc.sample(arb, { numRuns: HYGIENE_RUNS, seed: seedOf(`${key}:hygiene`) })
      expect(await batch(key, 'hygiene', cases, setup)).toEqual([])
    })
  }
})

describe.each(PARAMETERLESS)('%s (no parameters)', (key) => {
  test(`${RUNS} calls with unknown operator-looking fields: no escalation, nothing of them stored`, async () => {
    const setup = await CONFIGS[key]!(t)
    const cases = fc.sample(extraFieldCases(), { numRuns: RUNS, seed: seedOf(`${key}:extra`) })
    const problems = await batch(key, 'extra', cases, setup)
    // A deleted account may change the database; the markers of the hostile fields must not appear in it.
    const stored = [...snapshotDatabase(t.emulator).collections.values()].map((docs) => JSON.stringify(docs)).join('\n')
    const markers = ['sleep(1000)', 'isAdmin', 'forced-id', 'polluted'].filter((m) => stored.includes(m))
    // Deleting an account changes data by design; an export stores one file a window, however often asked.
    const expected = (p: string) =>
      (key === 'user.deleteAccount' && p.includes('changed')) ||
      (key === 'user.exportMyData' && p.startsWith('the batch changed data_exports'))
    if (key === 'user.exportMyData')
      expect(snapshotDatabase(t.emulator).collections.get('data_exports')?.length ?? 0).toBeLessThanOrEqual(1)
    expect({ problems: problems.filter((p) => !expected(p)), markers }).toEqual({
      problems: [],
      markers: [],
    })
  })
})

test('nothing reached the prototypes of this process', () => {
  const probe: Record<string, unknown> = {}
  expect([probe.isAdmin, probe.polluted, probe.grants]).toEqual([undefined, undefined, undefined])
})
