/**
 * `notify`: the in-app inbox (subscribe messages go out with each event; see _runtime/notify.ts).
 * - `inbox` ({ unreadOnly?, page }) → `{ items, hasMore, unread }`;
 * - `markRead` ({ ids } or { all: true }) → `{ updated }`: only the caller's own notifications.
 */
import { defineFunction } from '../_runtime/function'
import { inbox } from './inbox'
import { markRead } from './mark-read'

export const main = defineFunction('notify', { inbox, markRead })
