/** Inputs of the `audit` function (操作日志): reading and verifying a chain. */
import { z } from 'zod'
import { id } from './common'

/**
 * Key paging by sequence number, newest first: `before` is the `next` of the previous page
 * (absent: from the newest). Entries appended meanwhile do not shift the pages.
 */
export const auditPage = z
  .object({
    before: z.number({ invalid_type_error: '页码格式不正确' }).int().positive().max(1e12, '页码格式不正确').optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .default({})

export const AuditList = z.object({ communityId: id.optional(), page: auditPage })
export const AuditVerify = z.object({ communityId: id.optional() })
