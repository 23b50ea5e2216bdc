/**
 * `unitScorecard`: a unit's record on projects (taken, completed, on time, average acceptance
 * rating), kept as counters on the unit and updated when a project is awarded and accepted, so
 * the next review reads it in one round trip.
 */
import { AppError, contract, scorecardOf, type ScorecardCounters } from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'

export const unitScorecard = action({
  schema: contract.Schemas.org.unitScorecard,
  async run(ctx, input) {
    const unit = await getDoc<{ _id: string; name: string; scorecard?: Partial<ScorecardCounters> }>(
      ctx.db,
      Collections.units,
      input.unitId,
    )
    if (!unit) throw new AppError('NOT_FOUND', '找不到该共建单位')
    return scorecardOf(unit)
  },
})
