/**
 * `export` (导出): a ledger (its staff, street staff, admins) or the dashboard figures (whoever
 * sees that dashboard: committee members too) for a scope and days, as .xlsx. The export is
 * recorded as a job (export-jobs.ts). A small one (the figures; a ledger of at most
 * EXPORT_INLINE_ROWS rows) is then made within the call by the same code the timer runs, and
 * answered `done` with `{ fileID, tempFileURL }`; a larger one, or a small one the timer took
 * first, is answered `queued`/`running` and the `stats` timer makes it within a minute or a few
 * (export-run.ts), `exportStatus` handing it out. The same person asking for the same export
 * again within ten minutes (a second tap, a retry) gets the same job. A ledger longer than the
 * cap (export-jobs.ts) is refused up front (an index-served count).
 * Round trips: the caller, the scope (1–2), the count (ledger), the insert (a repeat: +1 to read
 * the job); made within the call: the claim, and for a ledger the grid names, a read and a
 * progress write per 999 rows, then the retention record and the finish (about 7–9 in all), plus
 * the storage calls.
 */
import { createHash } from 'node:crypto'
import { AppError, contract } from '@honglin/shared'
import { Collections, docById, type Db } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action } from '../_runtime/function'
import { EXPORT_JOBS, EXPORT_WINDOW_MS, maxExportRows, type ExportJob } from './export-jobs'
import { claimJob, moveJobOn } from './export-run'
import { statusOf } from './export-status'
import { ledgerScope, ledgerWhere, type LedgerScope } from './ledger-scope'
import { resolveScope, type ResolvedScope } from './scope'

const scopeOfDashboard = (s: ResolvedScope): LedgerScope => ({
  kind: s.type,
  id: s.id,
  name: s.name,
  field: s.type === 'street' ? 'streetId' : s.type === 'community' ? 'communityId' : 'gridId',
})

export const exportSheet = action({
  schema: contract.Schemas.stats.export,
  async run(ctx, input) {
    // The figures are for whoever may see the dashboard (committee members too); the ledger's rows for its staff.
    const scope =
      input.sheet === 'overview' ? scopeOfDashboard(await resolveScope(ctx, input)) : await ledgerScope(ctx.db, ctx.actor, input)
    let rows = 0
    if (input.sheet === 'ledger') {
      const { total } = await ctx.db
        .collection(Collections.demands)
        .where(ledgerWhere(ctx.db, scope, input.from, input.to))
        .count()
      const max = maxExportRows()
      if (total > max) {
        const message = `该时段台账共 ${total} 条，超过单次导出上限 ${max} 条，请缩短日期范围分次导出`
        throw new AppError('INVALID_INPUT', message, { to: message })
      }
      rows = total
    }
    const window = Math.floor(ctx.now / EXPORT_WINDOW_MS)
    const key = [ctx.actor.userId, input.sheet, scope.kind, scope.id, input.from, input.to, window].join('|')
    const jobId = `export-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`
    const job: ExportJob = {
      _id: jobId,
      sheet: input.sheet,
      scope,
      from: input.from,
      to: input.to,
      requestedBy: ctx.actor.userId,
      requestedByName: ctx.actor.name,
      state: 'queued',
      leaseUntil: 0,
      runs: 0,
      phase: 'read',
      partFiles: [],
      rows: 0,
      widths: [],
      maxRowsHeld: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    const recorded = await recordJob(ctx.db, job)
    if (rows > contract.EXPORT_INLINE_ROWS) return statusOf(ctx, recorded)
    // Small: made now, with a budget that leaves the call well inside the function's time limit.
    const env = { db: ctx.db, cloud: ctx.cloud, now: ctx.now, startedAt: Date.now(), budgetMs: INLINE_BUDGET_MS }
    const mine = await claimJob(env, recorded)
    return statusOf(ctx, mine ? await moveJobOn(env, mine) : recorded)
  },
})

/** How long an export made within the call may read before it is left to the timer. */
const INLINE_BUDGET_MS = 15_000

/** Inserts the job; a repeat within the window answers the job already recorded. */
async function recordJob(db: Db, job: ExportJob): Promise<ExportJob> {
  try {
    const { _id, ...data } = job
    await db.collection(EXPORT_JOBS).add({ data: { _id, ...data } })
    return job
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const earlier = await docById<ExportJob>(db, EXPORT_JOBS, job._id)
    if (!earlier) throw error
    return earlier
  }
}
