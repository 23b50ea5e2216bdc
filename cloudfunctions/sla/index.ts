/**
 * `sla`: the service-level timer (config.json: every 10 minutes). Not callable by users: any
 * invocation that is not the platform's timer is refused and changes nothing (guard.ts).
 * Each run acts on the demands whose deadline or escalation time has passed, a bounded number
 * per run (sweep.ts); when that left nothing for the next run, gives deadlines to a slice of
 * the demands stored without them while such a pass is under way (backfill.ts); then runs
 * retention when it is due (once a day, and on the following ticks while work is left;
 * retention.ts); tells staff of overdue project reviews and objections (projects.ts). Answers `{ ok: true, data: { due, overdue, escalated, autoConfirmed,
 * repaired, failed, more, roundTrips, backfill?, retention? } }`.
 */
import cloud from 'wx-server-sdk'
import { AppError, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { createDb } from '../_runtime/db'
import { isTimerInvocation } from '../_runtime/timer-guard'
import { backfill, type BackfillSummary } from './backfill'
import { projectDeadlines, type ProjectSlaSummary } from './projects'
import { retention, type RetentionSummary } from './retention'
import { sweep, type SweepSummary } from './sweep'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

export async function main(
  event: unknown,
): Promise<Result<SweepSummary & { backfill?: BackfillSummary; retention?: RetentionSummary; projects?: ProjectSlaSummary }>> {
  const { OPENID, SOURCE } = cloud.getWXContext()
  if (!isTimerInvocation({ event, openid: OPENID, source: SOURCE, triggerSource: process.env.TRIGGER_SRC })) {
    return { ok: false, error: new AppError('FORBIDDEN', '该功能仅由系统定时任务运行').toBody() }
  }
  try {
    const ctx = { db: createDb(cloud), cloud, now: serverNow() }
    const summary = await sweep(ctx)
    // Neither failing may hide what the sweep did: logged, and tried again next tick.
    const filled = summary.more
      ? undefined
      : await backfill(ctx).catch((error: unknown) => {
          console.error('sla backfill failed:', error)
          return undefined
        })
    const projects = await projectDeadlines(ctx).catch((error: unknown) => {
      console.error('sla project deadlines failed:', error)
      return undefined
    })
    const erased = await retention(ctx).catch((error: unknown) => {
      console.error('sla retention failed:', error)
      return undefined
    })
    return {
      ok: true,
      data: {
        ...summary,
        ...(filled ? { backfill: filled } : {}),
        ...(erased ? { retention: erased } : {}),
        ...(projects ? { projects } : {}),
      },
    }
  } catch (error) {
    console.error('sla sweep failed:', error)
    return { ok: false, error: new AppError('INTERNAL').toBody() }
  }
}
