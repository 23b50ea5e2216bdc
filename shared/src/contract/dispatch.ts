/** Inputs of the `dispatch` function (community staff; street staff may close). */
import { z } from 'zod'
import { DemandKinds, DemandStatuses } from '../demand/types'
import { id, longText, optionalLongText, optionalText, page, timestamp } from './common'
import { cursorField, searchText } from './cursor'

/**
 * Where the next page of the inbox starts: the `next` of the previous answer, opaque to the
 * client. It holds the last item's overdue-since (empty when not overdue), urgency (empty when
 * the item has none), creation time and id.
 */
export const INBOX_CURSOR = /^(\d{1,15})?\.(urgent|normal)?\.(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/
export const inboxCursor = cursorField(INBOX_CURSOR)

export const DispatchInbox = z.object({
  status: z.enum(DemandStatuses).optional(),
  kind: z.enum(DemandKinds).optional(),
  gridId: id.optional(),
  overdue: z.boolean().optional(),
  communityId: id.optional(),
  /**
   * Title, address or the contact's phone. A whole phone number is looked up through an index
   * over the whole history; other words are searched within a window of the inbox order per
   * call (the answer's `search`).
   */
  q: searchText.optional(),
  /** With a cursor `page.offset` is not used; `page.limit` still sizes the page. */
  cursor: inboxCursor.optional(),
  page,
})
export const DispatchAccept = z.object({ id, note: optionalLongText('备注', 200) })
export const DispatchReject = z.object({ id, reason: longText('不予受理的原因', 200) })
export const DispatchMerge = z.object({ id, intoId: id }).refine((v) => v.id !== v.intoId, { message: '不能合并到自身', path: ['intoId'] })
/** `q`: words of a name, skill or resource, to find anyone who may take it beyond the best shown. */
export const DispatchSuggest = z.object({ id, q: optionalText('搜索', 20) })
/** Open demands like this one, to merge it into; `q` searches the titles and addresses of the community's open ones of its category. */
export const DispatchSimilar = z.object({ id, q: optionalText('搜索', 20) })
export const DispatchAssign = z.object({
  id,
  assignee: z.object({ type: z.enum(['volunteer', 'unit']), id }),
  dueAt: timestamp.optional(),
  points: z.number().int().min(0).max(1000).optional(),
  note: optionalLongText('备注', 200),
})
export const DispatchPublish = z.object({
  id,
  points: z.number().int().min(0).max(1000).optional(),
  dueAt: timestamp.optional(),
  note: optionalLongText('备注', 200),
})
export const DispatchClose = z.object({ id, evaluation: optionalLongText('评价意见', 200) })
