/**
 * `sla`: the service-level timer (config.json: every 10 minutes). Not callable by users: any
 * invocation that is not the platform's timer is refused and changes nothing (guard.ts).
 * Answers `{ ok: true, data: { scanned, overdue, cleared, autoConfirmed } }`.
 */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { createDb } from '../_runtime/db'
import { isTimerInvocation } from './guard'
import { sweep, type SweepSummary } from './sweep'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(event: unknown): Promise<Result<SweepSummary>> {
  const { OPENID, SOURCE } = cloud.getWXContext()
  if (!isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })) {
    return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
  }
  try {
    return { ok: true, data: await sweep({ db: createDb(cloud), cloud, now: serverNow() }) }
  } catch (error) {
    console.error('sla sweep failed:', error)
    return { ok: false, error: new AppError('INTERNAL').toBody() }
  }
}
