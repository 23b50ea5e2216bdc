/** Inputs of the `demand` function (residents, and grid workers ordering on their behalf). */
import { z } from 'zod'
import { DemandKinds, DemandStatuses, Urgencies } from '../demand/types'
import { Categories } from '../demand/categories'
import { CONSENT_OUTDATED, CONSENT_REQUIRED, PRIVACY_VERSION } from '../privacy/consent'
import { categoryId, id, longText, optionalLongText, optionalText, page, phone, photos, requestId, text } from './common'
import { TIME_ID_CURSOR, cursorField, searchText } from './cursor'

const demandFields = {
  kind: z.enum(DemandKinds, { errorMap: () => ({ message: '请选择点单类型' }) }),
  category: categoryId,
  title: text('标题', 40, 2),
  detail: longText('详细描述', 500),
  photos: photos(9),
  address: text('地址', 100, 2),
  gridId: id,
  urgency: z.enum(Urgencies).default('normal'),
  preferredTime: optionalText('期望时间', 40),
  contactName: text('联系人', 20),
  contactPhone: phone,
  /** Chosen by the client once per form; a retried create with it answers the same demand. */
  requestId,
  /** The resident agreed to the privacy notice (代办: the grid worker attests that they did). */
  consent: z.literal(true, { errorMap: () => ({ message: CONSENT_REQUIRED }) }),
  /** The notice version the client showed; an outdated one must be read again. */
  consentVersion: z.string().max(32).optional(),
}

const categoryMatchesKind = (v: { kind: string; category: string }) => Categories.some((c) => c.kind === v.kind && c.id === v.category)
const categoryIssue = { message: '类别与点单类型不符', path: ['category'] }
const currentNotice = (v: { consentVersion?: string }) => v.consentVersion === undefined || v.consentVersion === PRIVACY_VERSION
const outdatedIssue = { message: CONSENT_OUTDATED, path: ['consent'] }

export const DemandCreate = z.object(demandFields).refine(categoryMatchesKind, categoryIssue).refine(currentNotice, outdatedIssue)
export const DemandCreateOnBehalf = z
  .object({
    ...demandFields,
    /** The resident, if they already have an account… */
    ownerId: id.optional(),
    /** …or their name and phone, for a resident who is not online. */
    ownerName: optionalText('居民姓名', 20),
    ownerPhone: phone.optional(),
  })
  .refine(categoryMatchesKind, categoryIssue)
  .refine(currentNotice, outdatedIssue)
  .refine((v) => v.ownerId || (v.ownerName && v.ownerPhone), { message: '请填写居民姓名和电话', path: ['ownerName'] })

export const DemandListMine = z.object({
  status: z.enum(DemandStatuses).optional(),
  /** Title or address words; searched within the newest items (`SEARCH_WINDOW`), see the answer's `search`. */
  q: searchText.optional(),
  /** With a cursor `page.offset` is not used; `page.limit` still sizes the page. */
  cursor: cursorField(TIME_ID_CURSOR).optional(),
  page,
})
/** Where the next page of a grid worker's 代办 list starts: the `next` of the previous answer (creation time and id). */
export const ON_BEHALF_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/
export const DemandListOnBehalf = z.object({
  cursor: cursorField(ON_BEHALF_CURSOR).optional(),
  page,
})
/** The demands a resident follows as a co-reporter (我跟进的), paged the same way. */
export const DemandListFollowing = DemandListOnBehalf
/** What is being ordered, to find the same problem already reported in that grid. */
export const DemandSimilar = z.object({ gridId: id, category: categoryId, title: text('标题', 40, 2) })
/** Follow (跟进) someone else's report of the same problem instead of ordering again. */
export const DemandFollow = z.object({ id, requestId: requestId.optional() })
export const DemandGet = z.object({ id })
export const DemandCancel = z.object({ id, reason: optionalLongText('取消原因', 200) })
export const DemandConfirm = z.object({ id })
export const DemandRate = z.object({
  id,
  stars: z.number({ required_error: '请选择星级' }).int().min(1, '星级为 1–5').max(5, '星级为 1–5'),
  comment: optionalLongText('评价', 200),
})
export const DemandReopen = z.object({ id, reason: longText('原因', 200) })

export type DemandCreateInput = z.infer<typeof DemandCreate>
export type DemandCreateOnBehalfInput = z.infer<typeof DemandCreateOnBehalf>
