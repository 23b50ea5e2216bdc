/**
 * `audit` (操作日志): the hash-chained log of role changes, closes, point awards and admin acts.
 * - `list` ({ communityId?, page? }) → `{ chain, items, hasMore, next? }`, newest first;
 * - `verify` ({ communityId? }) → `{ chain, ok, checked, complete, firstBroken? }`.
 * Entries are appended by the actions they record, inside their transactions (`_runtime/audit.ts`).
 */
import { defineFunction } from '../_runtime/function'
import { list } from './list'
import { verify } from './verify'

export const main = defineFunction('audit', { list, verify })
