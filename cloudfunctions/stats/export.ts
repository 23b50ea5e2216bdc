/**
 * `export` (导出): records an export job of a ledger (its staff, street staff, admins) or the
 * dashboard figures (whoever sees that dashboard: committee members too) for a scope and days, and answers at once `{ jobId, state }`; the `stats` timer makes the file within about a
 * minute (export-run.ts) and `exportStatus` hands it out. The same person asking for the same
 * export again within ten minutes (a second tap, a retry) gets the same job. A ledger longer than
 * the cap (export-jobs.ts) is refused up front (an index-served count). Round trips: the caller, the
 * scope (1–2), the count (ledger), the insert (a repeat: +1 to read the job).
 */
import { createHash } from 'node:crypto'
import { AppError, contract } from '@honglin/shared'
import { Collections, docById } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action } from '../_runtime/function'
import { EXPORT_JOBS, EXPORT_WINDOW_MS, maxExportRows, type ExportJob } from './export-jobs'
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
    try {
      const { _id, ...data } = job
      await ctx.db.collection(EXPORT_JOBS).add({ data: { _id, ...data } })
      return { jobId, state: job.state }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const earlier = await docById<ExportJob>(ctx.db, EXPORT_JOBS, jobId)
      return { jobId, state: earlier?.state ?? 'queued' }
    }
  },
})
