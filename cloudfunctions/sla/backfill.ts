/**
 * Deadlines for demands stored before deadlines existed (or imported without them): an
 * active demand without `sla` has no `wakeAt`, so the sweep, which looks only at `wakeAt`,
 * would never see it. One pass over the active demands, a bounded slice per timer run, gives
 * each such demand the fields a transition would have stored (shared `slaFields`, with the
 * community's policy snapshotted as `slaTerms`, as a new demand gets).
 *
 * Resumable: the pass's state (`job_state/deadlines`) holds the last id looked at; each run
 * reads at most `SCAN_PER_RUN` active demands after it through the `status_id` index and
 * writes at most `WRITES_PER_RUN` of them, each conditional on the version read (a demand
 * someone moved meanwhile got its fields from that transition). Once the pass reaches the
 * end the state says so and a run costs one read; removing the state document starts another
 * pass (after an import, say). Runs only when the sweep left nothing due for the next run, so
 * a run stays within its budget.
 */
import { slaFields, slaPolicyOf, slaStageOf, slaTermsFor, type Demand, type SlaPolicy } from '@honglin/shared'
import { Collections, docById, writeDemandIfUnchanged } from '../_runtime/db'
import { JOB_STATE } from './retention'
import type { SweepContext } from './sweep'

const JOB_ID = 'deadlines'
/** Active demands one run looks at, at most (HONGLIN_BACKFILL_SCAN overrides it in tests). */
export const SCAN_PER_RUN = 300
/** Demands one run writes, at most (HONGLIN_BACKFILL_WRITES overrides it in tests). */
export const WRITES_PER_RUN = 20

/** The statuses a deadline can apply to (slaStageOf). */
const ACTIVE = ['submitted', 'accepted', 'open', 'dispatched', 'in_progress', 'done', 'reviewed'] as const

const FIELDS = {
  status: true,
  urgency: true,
  category: true,
  communityId: true,
  createdAt: true,
  assignee: true,
  hall: true,
  completion: true,
  sla: true,
  slaTerms: true,
  version: true,
}

interface JobState {
  /** Ids up to this one are done in the current pass. */
  after: string
  done: boolean
  updatedAt: number
}

export interface BackfillSummary {
  /** Active demands looked at. */
  scanned: number
  /** Given their deadline fields. */
  written: number
  /** Changed by someone meanwhile: their transition stored the fields. */
  failed: number
  /** Whether the pass goes on at the next run. */
  more: boolean
  roundTrips: number
}

const limits = () => ({
  scan: Number(process.env.HONGLIN_BACKFILL_SCAN) || SCAN_PER_RUN,
  writes: Number(process.env.HONGLIN_BACKFILL_WRITES) || WRITES_PER_RUN,
})

/** One slice of the pass; undefined when the pass is over (one read). */
export async function backfill(ctx: SweepContext): Promise<BackfillSummary | undefined> {
  const state = await docById<JobState>(ctx.db, JOB_STATE, JOB_ID)
  if (state?.done) return undefined
  const { scan, writes } = limits()
  const _ = ctx.db.command
  // The state's read and write and the query.
  const summary: BackfillSummary = { scanned: 0, written: 0, failed: 0, more: false, roundTrips: 3 }
  const rows = (
    await ctx.db
      .collection(Collections.demands)
      .where({ status: _.in([...ACTIVE]), _id: _.gt(state?.after ?? '') })
      .orderBy('_id', 'asc')
      .limit(scan)
      .field(FIELDS)
      .get()
  ).data as Demand[]
  // Up to the write budget: the pass stops right after the last demand it could write.
  const lacking: Demand[] = []
  let last = state?.after ?? ''
  for (const d of rows) {
    if (!d.sla && slaStageOf(d)) {
      if (lacking.length === writes) break
      lacking.push(d)
    }
    last = d._id
    summary.scanned += 1
  }
  summary.more = rows.length === scan || summary.scanned < rows.length

  if (lacking.length > 0) {
    const policies = await policiesOf(ctx, lacking)
    summary.roundTrips += 1
    const results = await Promise.all(
      lacking.map((d) => {
        const slaTerms = d.slaTerms ?? slaTermsFor(policies.get(d.communityId) ?? slaPolicyOf(undefined), d)
        const fields = slaFields({ ...d, slaTerms }, ctx.now)
        const patch = { slaTerms, sla: fields.sla, ...(fields.wakeAt !== undefined ? { wakeAt: fields.wakeAt } : {}) }
        return writeDemandIfUnchanged(ctx.db, d, patch)
      }),
    )
    summary.roundTrips += lacking.length
    summary.written = results.filter((r) => r === 'written').length
    summary.failed = lacking.length - summary.written
  }
  const next: JobState = { after: last, done: !summary.more, updatedAt: ctx.now }
  await ctx.db.collection(JOB_STATE).doc(JOB_ID).set({ data: next })
  return summary
}

/** The SLA policy of each community the demands belong to (one query). */
async function policiesOf(ctx: SweepContext, demands: Demand[]): Promise<Map<string, SlaPolicy>> {
  const ids = [...new Set(demands.map((d) => d.communityId))]
  const rows = (
    await ctx.db
      .collection(Collections.communities)
      .where({ _id: ctx.db.command.in(ids) })
      .limit(ids.length)
      .field({ slaPolicy: true })
      .get()
  ).data as { _id: string; slaPolicy?: Partial<SlaPolicy> }[]
  return new Map(rows.map((c) => [c._id, slaPolicyOf(c)]))
}
