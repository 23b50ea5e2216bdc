/**
 * Cursors of the lists paged by key: the `next` of the previous answer, opaque to the client.
 * Each holds the sort key of the last item of that page (its fields joined by `.`; an empty
 * part for a field the item lacks), so the following page starts right after it.
 */
import { z } from 'zod'
import { text } from './common'

/** Sort value and id: `<time>.<id>` (我的点单, 任务大厅, 我的任务, 志愿者名单). */
export const TIME_ID_CURSOR = /^(\d{1,15})?\.([A-Za-z0-9_-]{1,64})$/

export const cursorField = (pattern: RegExp) =>
  z.string({ invalid_type_error: '翻页位置不正确' }).max(100, '翻页位置不正确').regex(pattern, '翻页位置不正确')

/**
 * A list's search words: one line of text as every other (trimmed, 1–30 visible characters, no
 * control, bidi or zero-width-only input; text-rules.ts): a title word, part of an address, a
 * phone number.
 */
export const searchText = text('搜索内容', 30)
