/**
 * Firing the `settle` timer as the platform would (POST /_emulator/timers/settle/settle does
 * the same from another process): what closes and assignments left on their demands — audit
 * entries, points awards, load counters — is applied.
 */
import type { Honglin } from '../../helpers/honglin'

export interface SettleRun {
  settled: number
  closes: number
  awards: number
  loadMoves: number
  failed: number
  more: boolean
}

export async function settleOnce(t: Honglin): Promise<{ data: SettleRun; roundTrips: number }> {
  const { result, error, stats } = await t.emulator.functions.fireTimer('settle', 'settle')
  if (error || !(result as { ok: boolean }).ok) throw new Error(`settle failed: ${error ?? JSON.stringify(result)}`)
  return { data: (result as { data: SettleRun }).data, roundTrips: stats?.roundTrips }
}

/** Runs the timer until nothing is left to settle; answers the runs' totals. */
export async function settleAll(t: Honglin): Promise<SettleRun> {
  const total: SettleRun = { settled: 0, closes: 0, awards: 0, loadMoves: 0, failed: 0, more: false }
  for (let i = 0; i < 50; i += 1) {
    const { data } = await settleOnce(t)
    for (const key of ['settled', 'closes', 'awards', 'loadMoves', 'failed'] as const) total[key] += data[key]
    if (!data.more) return total
  }
  throw new Error('settle did not finish')
}
