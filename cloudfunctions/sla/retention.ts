/**
 * Retention, the daily part of the `sla` timer: erases the contact details of demands that
 * ended (closed, rejected, cancelled, merged) longer ago than their community's retention
 * period (`retentionDays` on the community, default 180; shared/privacy/retention.ts), deletes
 * data exports older than a day and the daily counters of past days.
 *
 * Bounded work per run: at most `DEMANDS_PER_RUN` demands and `COMMUNITIES_PER_RUN`
 * communities, each community's due demands found through the `retention` index
 * {communityId, contactErasedAt, status, updatedAt}, oldest first. Resumable: the job's state
 * (`job_state/retention`) remembers the community to go on from and when to run next — the
 * next timer tick while work is left, else a day later. Every run that is not due costs one
 * read. Erasure writes are conditional on the version read, and an erased demand no longer
 * matches the query, so a run repeated or interrupted erases nothing twice.
 */
import {
  dayKey,
  erasedContact,
  FinalStatuses,
  retentionCutoff,
  retentionDaysOf,
  type CommunityPrivacySettings,
  type Demand,
} from '@honglin/shared'
import { deleteExports, staleExports } from '../_runtime/data-exports'
import { Collections, docById, writeDemandIfUnchanged, type Db } from '../_runtime/db'
import { removeQuotasBefore } from '../_runtime/quota'
import { toPatch } from '../_runtime/transition'
import type { SweepContext } from './sweep'

export const JOB_STATE = 'job_state'
const JOB_ID = 'retention'
export const DEMANDS_PER_RUN = 100
export const COMMUNITIES_PER_RUN = 50
const EXPORTS_PER_RUN = 100
const DAY_MS = 24 * 3600 * 1000

interface JobState {
  /** Communities up to this id are done in the current pass ('' : start from the first). */
  after: string
  nextRunAt: number
  updatedAt: number
}

type CommunityRow = CommunityPrivacySettings & { _id: string }

export interface RetentionSummary {
  /** Demands whose contact details were erased. */
  erased: number
  /** Demands someone changed meanwhile (left for the next run). */
  failed: number
  /** Whether work is left for the next tick. */
  more: boolean
  exportsDeleted: number
  countersDeleted: number
}

/** Runs retention if it is due; answers what it did, or undefined when it was not due. */
export async function retention(ctx: SweepContext): Promise<RetentionSummary | undefined> {
  const state = await docById<JobState>(ctx.db, JOB_STATE, JOB_ID)
  if (state && ctx.now < state.nextRunAt) return undefined
  const summary: RetentionSummary = { erased: 0, failed: 0, more: false, exportsDeleted: 0, countersDeleted: 0 }
  const _ = ctx.db.command
  const communities = (
    await ctx.db
      .collection(Collections.communities)
      .where({ _id: _.gt(state?.after ?? '') })
      .orderBy('_id', 'asc')
      .limit(COMMUNITIES_PER_RUN)
      .field({ retentionDays: true })
      .get()
  ).data as CommunityRow[]
  let after = state?.after ?? ''
  let left = DEMANDS_PER_RUN
  summary.more = communities.length === COMMUNITIES_PER_RUN
  for (const community of communities) {
    const due = await dueDemands(ctx.db, community, ctx.now, left)
    const written = await Promise.all(due.map((d) => erase(ctx.db, d, ctx.now)))
    summary.erased += written.filter(Boolean).length
    summary.failed += written.filter((w) => !w).length
    left -= due.length
    // A full page may have more behind it: the next run goes on from this community.
    if (left <= 0) {
      summary.more = true
      break
    }
    after = community._id
  }
  const [exportsDeleted, countersDeleted] = await Promise.all([
    staleExports(ctx.db, ctx.now, EXPORTS_PER_RUN).then((stale) => deleteExports(ctx, stale)),
    removeQuotasBefore(ctx.db, dayKey(ctx.now)),
  ])
  summary.exportsDeleted = exportsDeleted
  summary.countersDeleted = countersDeleted
  if (exportsDeleted === EXPORTS_PER_RUN) summary.more = true
  const next: JobState = summary.more
    ? { after, nextRunAt: ctx.now, updatedAt: ctx.now }
    : { after: '', nextRunAt: ctx.now + DAY_MS, updatedAt: ctx.now }
  await ctx.db.collection(JOB_STATE).doc(JOB_ID).set({ data: next })
  return summary
}

async function dueDemands(db: Db, community: CommunityRow, now: number, limit: number): Promise<Demand[]> {
  const _ = db.command
  const res = await db
    .collection(Collections.demands)
    .where({
      communityId: community._id,
      contactErasedAt: null,
      status: _.in([...FinalStatuses]),
      updatedAt: _.lt(retentionCutoff(now, retentionDaysOf(community))),
    })
    .orderBy('updatedAt', 'asc')
    .limit(limit)
    .get()
  return res.data as Demand[]
}

async function erase(db: Db, demand: Demand, now: number): Promise<boolean> {
  return (await writeDemandIfUnchanged(db, demand, toPatch(db, erasedContact(demand, now)))) === 'written'
}
