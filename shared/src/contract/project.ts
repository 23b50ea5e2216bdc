/**
 * Inputs of the `project` function (揭榜 and the 大党委's review) and of the needs list
 * (需求清单). Criteria and scores are checked with the shared rules, so a form shows the same
 * Chinese messages before sending as the function answers.
 */
import { z } from 'zod'
import { criteriaErrors } from '../project/criteria'
import { NeedStatuses, ProjectStatuses } from '../project/types'
import { fileId, id, longText, optionalLongText, optionalText, page, photos, requestId, text, timestamp } from './common'
import { TIME_ID_CURSOR, cursorField } from './cursor'

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ required_error: `请填写${label}`, invalid_type_error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能超过 ${max}`)

/** Yuan, whole. */
const budget = wholeNumber('预算', 0, 100_000_000)

export const criterion = z
  .object({
    name: text('评分标准名称', 20),
    weight: wholeNumber('权重', 1, 100),
    max: wholeNumber('满分', 1, 100),
  })
  .strict()

export const criteria = z
  .array(criterion, { required_error: '请设置评分标准' })
  .min(1, '至少设置一项评分标准')
  .max(10, '评分标准最多 10 项')
  .superRefine((list, ctx) => {
    for (const [path, message] of Object.entries(criteriaErrors(list)))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: path === '_' ? [] : path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        message,
      })
  })

export const milestone = z.object({ title: text('节点名称', 40), due: timestamp }).strict()

const cursor = cursorField(TIME_ID_CURSOR).optional()

const projectFields = {
  title: text('项目名称', 40, 2),
  goal: longText('项目目标', 300, 2),
  detail: longText('项目内容', 2000, 2),
  demandIds: z.array(id).max(50, '最多关联 50 条点单').default([]),
  needIds: z.array(id).max(20, '最多关联 20 条需求').default([]),
  budget: budget.optional(),
  resourcesNeeded: optionalLongText('所需资源', 500),
  location: optionalText('实施地点', 60),
  bidDeadline: timestamp,
  criteria,
}

export const ProjectCreate = z.object({ communityId: id, ...projectFields, requestId: requestId.optional() })

/** Staff edit a draft (any field) or, while bidding, extend its deadline. */
export const ProjectUpdate = z.object({
  id,
  title: projectFields.title.optional(),
  goal: projectFields.goal.optional(),
  detail: projectFields.detail.optional(),
  demandIds: z.array(id).max(50, '最多关联 50 条点单').optional(),
  needIds: z.array(id).max(20, '最多关联 20 条需求').optional(),
  budget: budget.optional(),
  resourcesNeeded: optionalLongText('所需资源', 500),
  location: optionalText('实施地点', 60),
  bidDeadline: timestamp.optional(),
  criteria: criteria.optional(),
})

export const ProjectPublish = z.object({ id })
/** Projects of a community (or the caller's), newest first; drafts only for staff. */
export const ProjectList = z.object({ communityId: id.optional(), status: z.enum(ProjectStatuses).optional(), cursor, page })
export const ProjectGet = z.object({ id })

const bidFields = {
  plan: longText('揭榜方案', 3000, 10),
  resources: longText('投入的人员与资源', 1000, 2),
  timeline: z.array(milestone, { required_error: '请填写实施节点' }).min(1, '至少填写一个实施节点').max(20, '实施节点最多 20 个'),
  budget: budget.optional(),
  attachments: z.array(fileId).max(9, '最多上传 9 个附件').default([]),
}

export const ProjectBid = z.object({ projectId: id, ...bidFields, requestId })
/** Until the bid deadline the unit may change its bid (fields given replace the old ones). */
export const ProjectUpdateBid = z.object({
  bidId: id,
  plan: bidFields.plan.optional(),
  resources: bidFields.resources.optional(),
  timeline: bidFields.timeline.optional(),
  budget: budget.optional(),
  attachments: z.array(fileId).max(9, '最多上传 9 个附件').optional(),
})
export const ProjectWithdrawBid = z.object({ bidId: id, reason: optionalLongText('撤回原因', 200) })
/** The bids of a project: staff and reviewers from review on, a unit its own. */
export const ProjectBids = z.object({ projectId: id })
/** A unit contact's bids (我的揭榜), newest first. */
export const ProjectMyBids = z.object({ cursor, page })

export const ProjectCloseBidding = z.object({ id })
export const ProjectDeclareConflict = z.object({ projectId: id, reason: longText('回避理由', 200, 2) })

export const ProjectScore = z.object({
  projectId: id,
  bidId: id,
  scores: z
    .record(
      z.string().max(20, '评分标准名称过长'),
      z.number({ invalid_type_error: '分数应为数字' }).min(0, '分数不能为负').max(100, '分数不能超过 100'),
    )
    .refine((o) => Object.keys(o).length <= 10, '评分标准最多 10 项'),
  comment: optionalLongText('评语', 500),
})
/** A score is never edited: a member withdraws it (recorded, with the reason) and may score again. */
export const ProjectWithdrawScore = z.object({ projectId: id, bidId: id, reason: longText('撤回原因', 200, 2) })
/** A committee member's reviews (我的评审): projects of their communities from bidding on. */
export const ProjectMyReviews = z.object({ status: z.enum(ProjectStatuses).optional(), cursor, page })
/** Staff close the review once quorum is reached; scores and ranking become visible. */
export const ProjectCloseReview = z.object({ id })
export const ProjectResults = z.object({ projectId: id })
export const ProjectAward = z.object({ projectId: id, bidId: id, reason: optionalLongText('定标理由', 500) })
/** Starts the public notice (公示); days default to the community's setting (5). */
export const ProjectPublicize = z.object({ id, days: wholeNumber('公示天数', 1, 30).optional() })
export const ProjectObject = z.object({ projectId: id, reason: longText('异议内容', 500, 5), requestId: requestId.optional() })
export const ProjectObjections = z.object({ projectId: id })
export const ProjectAnswerObjection = z.object({ objectionId: id, answer: longText('答复内容', 500, 2) })
/** After the notice period, with every objection answered, work starts. */
export const ProjectStart = z.object({ id })
export const ProjectReport = z.object({
  projectId: id,
  progress: wholeNumber('进度', 0, 100),
  note: longText('进展说明', 1000, 2),
  milestone: optionalText('对应节点', 40),
  photos: photos(9),
  requestId: requestId.optional(),
})
export const ProjectReports = z.object({ projectId: id })
export const ProjectAccept = z.object({ projectId: id, rating: wholeNumber('评分', 1, 5), note: optionalLongText('验收意见', 500) })
export const ProjectCancel = z.object({ id, reason: longText('取消原因', 200, 2) })
/** 联席会议纪要 as a Word document, once the review has closed. */
export const ProjectMinutes = z.object({ projectId: id })

/** Staff promote demands, or a recurring problem in words, into the needs list (需求清单). */
export const ProjectPromoteNeed = z.object({
  communityId: id,
  title: text('需求名称', 40, 2),
  detail: optionalLongText('需求说明', 1000),
  demandIds: z.array(id).max(50, '最多关联 50 条点单').default([]),
  requestId: requestId.optional(),
})
export const ProjectNeeds = z.object({ communityId: id, status: z.enum(NeedStatuses).optional(), cursor, page })

export const ProjectSchemas = {
  create: ProjectCreate,
  update: ProjectUpdate,
  publish: ProjectPublish,
  list: ProjectList,
  get: ProjectGet,
  bid: ProjectBid,
  updateBid: ProjectUpdateBid,
  withdrawBid: ProjectWithdrawBid,
  bids: ProjectBids,
  myBids: ProjectMyBids,
  closeBidding: ProjectCloseBidding,
  declareConflict: ProjectDeclareConflict,
  score: ProjectScore,
  withdrawScore: ProjectWithdrawScore,
  myReviews: ProjectMyReviews,
  closeReview: ProjectCloseReview,
  results: ProjectResults,
  award: ProjectAward,
  publicize: ProjectPublicize,
  object: ProjectObject,
  objections: ProjectObjections,
  answerObjection: ProjectAnswerObjection,
  start: ProjectStart,
  report: ProjectReport,
  reports: ProjectReports,
  accept: ProjectAccept,
  cancel: ProjectCancel,
  minutes: ProjectMinutes,
  promoteNeed: ProjectPromoteNeed,
  needs: ProjectNeeds,
} as const
