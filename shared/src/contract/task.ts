/** Inputs of the `task` function (volunteers, in-service party members, unit contacts). */
import { z } from 'zod'
import { DemandStatuses } from '../demand/types'
import { id, page, photos, text } from './common'

export const TaskHall = z.object({ category: z.string().optional(), communityId: id.optional(), page })
export const TaskClaim = z.object({ id })
export const TaskMine = z.object({ status: z.enum(DemandStatuses).optional(), page })
export const TaskAccept = z.object({ id })
export const TaskDecline = z.object({ id, reason: text('退单原因', 200) })
export const TaskStart = z.object({ id })
/** Chosen by the client for each note and kept for its retries (the format of `demand.create`'s). */
const requestId = z
  .string({ required_error: '缺少请求编号', invalid_type_error: '请求编号格式不正确' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确')

export const TaskProgress = z.object({ id, note: text('进展说明', 500), photos: photos(9), requestId })
export const TaskComplete = z.object({
  id,
  note: text('完成情况', 500),
  photos: photos(9),
  hours: z.number({ required_error: '请填写服务时长' }).min(0.5, '服务时长至少 0.5 小时').max(24, '单次服务时长不超过 24 小时'),
})
