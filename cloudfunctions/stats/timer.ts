/** The function's `main` with its timer: a timer event counts (only from the platform's timer), anything else goes to the actions. */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { createDb } from '../_runtime/db'
import { isTimerInvocation } from '../_runtime/timer-guard'
import { countChanges } from './count'

type Main = (event: unknown) => Promise<Result<unknown>>

export function withCountTimer(actions: Main): Main {
  return async (event) => {
    if (!isTimerEvent(event)) return actions(event)
    const { OPENID, SOURCE } = cloud.getWXContext()
    if (!isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })) {
      return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
    }
    try {
      return { ok: true, data: await countChanges({ db: createDb(cloud), now: serverNow() }) }
    } catch (error) {
      console.error('stats count failed:', error)
      return { ok: false, error: new AppError('INTERNAL').toBody() }
    }
  }
}

const isTimerEvent = (event: unknown): boolean => !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'
