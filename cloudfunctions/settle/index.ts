/**
 * `settle` (结算): the timer (config.json: every minute) that applies what transitions left on
 * their demands: a close's audit entries sealed into the community's chain and its points
 * award, and the assignees' load counters (settle.ts). Not callable by users: any invocation
 * that is not the platform's timer is refused and changes nothing (_runtime/timer-guard.ts).
 * Answers `{ ok: true, data: { settled, closes, awards, loadMoves, failed, more } }`.
 */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { createDb } from '../_runtime/db'
import { isTimerInvocation } from '../_runtime/timer-guard'
import { settle, type SettleSummary } from './settle'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(event: unknown): Promise<Result<SettleSummary>> {
  const { OPENID, SOURCE } = cloud.getWXContext()
  if (!isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })) {
    return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
  }
  try {
    return { ok: true, data: await settle({ db: createDb(cloud), now: serverNow() }) }
  } catch (error) {
    console.error('settle failed:', error)
    return { ok: false, error: new AppError('INTERNAL').toBody() }
  }
}
