/**
 * `notify`: the in-app inbox, and the subscribe-message queue.
 * - `inbox` ({ unreadOnly?, cursor?, page }) → `{ items, hasMore, next?, unread, unreadCapped }` (unread counted up to 99);
 * - `markRead` ({ ids } or { all: true }) → `{ updated }`: only the caller's own read state.
 * - the timer (config.json, every minute) sends the pending events' subscribe messages
 *   (queue.ts) to people with a subscription left and answers
 *   `{ ok: true, data: { events, sent, refused, invalid, failed, skipped, more } }`. Only
 *   the platform's timer may run it (_runtime/timer-guard.ts); any other invocation shaped like
 *   one is refused and changes nothing.
 */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { createDb } from '../_runtime/db'
import { defineFunction } from '../_runtime/function'
import { isTimerInvocation } from '../_runtime/timer-guard'
import { inbox } from './inbox'
import { markRead } from './mark-read'
import { drainQueue, type QueueSummary } from './queue'

const actions = defineFunction('notify', { inbox, markRead })

export async function main(event: unknown): Promise<Result<unknown>> {
  if ((event as { Type?: unknown } | null)?.Type !== 'Timer') return actions(event)
  const { OPENID, SOURCE } = cloud.getWXContext()
  if (!isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })) {
    return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
  }
  return runQueue()
}

async function runQueue(): Promise<Result<QueueSummary>> {
  try {
    return { ok: true, data: await drainQueue({ db: createDb(cloud), cloud, now: serverNow() }) }
  } catch (error) {
    console.error('notify queue failed:', error)
    return { ok: false, error: new AppError('INTERNAL').toBody() }
  }
}
