/** Inputs of the `task` function (volunteers, in-service party members, unit contacts). */
import { z } from 'zod'
import { DemandStatuses } from '../demand/types'
import { categoryId, id, longText, page, photos, requestId } from './common'
import { TIME_ID_CURSOR, cursorField } from './cursor'

/** With a cursor `page.offset` is not used; `page.limit` still sizes the page. */
export const TaskHall = z.object({
  category: categoryId.optional(),
  communityId: id.optional(),
  cursor: cursorField(TIME_ID_CURSOR).optional(),
  page,
})
export const TaskClaim = z.object({ id })
export const TaskMine = z.object({ status: z.enum(DemandStatuses).optional(), cursor: cursorField(TIME_ID_CURSOR).optional(), page })
export const TaskAccept = z.object({ id })
export const TaskDecline = z.object({ id, reason: longText('退单原因', 200) })
export const TaskStart = z.object({ id })
export const TaskProgress = z.object({ id, note: longText('进展说明', 500), photos: photos(9), requestId })
export const TaskComplete = z.object({
  id,
  note: longText('完成情况', 500),
  photos: photos(9),
  hours: z
    .number({ required_error: '请填写服务时长', invalid_type_error: '服务时长请填写数字' })
    .min(0.5, '服务时长至少 0.5 小时')
    .max(24, '单次服务时长不超过 24 小时'),
})
