/**
 * `trend` ({ scope…, period: 'day' | 'week' | 'month', from, to }): one point per day, week or
 * month from the one holding `from` to the one holding `to` (at most 93 days, 53 weeks or 36
 * months), each read whole from its own counter document: one query.
 * Round trips: the caller, the place (1–3), the cells.
 */
import { contract, metricsOf, periodKeyLabel, periodsBetween, type Trend } from '@honglin/shared'
import { action } from '../_runtime/function'
import { cellsOf } from './cells'
import { resolveScope } from './scope'

export const trend = action({
  schema: contract.Schemas.stats.trend,
  async run(ctx, input): Promise<Trend> {
    const scope = await resolveScope(ctx, input)
    const periods = periodsBetween(input.period, input.from, input.to)
    const cells = await cellsOf(
      ctx.db,
      scope,
      periods.map((p) => p.key),
      ['total'],
    )
    return {
      scope: { type: scope.type, id: scope.id, name: scope.name },
      period: input.period,
      from: input.from,
      to: input.to,
      cellsRead: cells.size,
      points: periods.map((p) => {
        const m = metricsOf(cells.get(p.key)?.total ?? {})
        return {
          key: p.key,
          label: periodKeyLabel(p.key),
          first: p.first,
          last: p.last,
          partial: p.first < input.from || p.last > input.to,
          received: m.received,
          accepted: m.accepted,
          closed: m.closed,
          rejected: m.rejected,
          resolutionRate: m.resolution.rate,
          averageStars: m.satisfaction.averageStars,
          goodShare: m.satisfaction.goodShare,
          responseMedianHours: m.responseHours.median,
          doneMedianHours: m.doneHours.median,
        }
      }),
    }
  },
})
