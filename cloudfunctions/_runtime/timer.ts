/**
 * A function's timer trigger as its `main` sees it: a timer event runs the timer's work, only
 * when the platform's timer sent it (timer-guard.ts), answering FORBIDDEN and doing nothing
 * otherwise, and INTERNAL if the work throws; anything else goes to the actions.
 */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from './clock'
import { createDb, type Db } from './db'
import { isTimerInvocation } from './timer-guard'

type Main = (event: unknown) => Promise<Result<unknown>>

/** A payload shaped as a timer event; whether the platform sent it is `fromPlatformTimer`'s question. */
export const isTimerEvent = (event: unknown): boolean =>
  !!event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer'

/** Whether this invocation is the platform's timer: the event and the context it came with. */
export function fromPlatformTimer(event: unknown): boolean {
  const { OPENID, SOURCE } = cloud.getWXContext()
  return isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })
}

/** `main` with a timer: `work` for the platform's timer events (named `name` in the log), the actions for the rest. */
export function withTimer(actions: Main, name: string, work: (env: { db: Db; now: number }) => Promise<unknown>): Main {
  return async (event) => {
    if (!isTimerEvent(event)) return actions(event)
    if (!fromPlatformTimer(event)) return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
    try {
      return { ok: true, data: await work({ db: createDb(cloud), now: serverNow() }) }
    } catch (error) {
      console.error(`${name} failed:`, error)
      return { ok: false, error: new AppError('INTERNAL').toBody() }
    }
  }
}
