/**
 * Where projects live and the one way they change: a transaction that reads the project,
 * asks the shared rules, writes the change with its timeline entry and whatever else the step
 * writes (a bid's counter, a score, an audit entry), so two steps at once serialize on the
 * project and none is lost. Views are built here, so no answer carries the scoring tally or
 * someone else's scores.
 */
import { createHash } from 'node:crypto'
import {
  AppError,
  contactUnits,
  isReviewer,
  maySeeProject,
  oversees,
  projectActions,
  ProjectStatusLabels,
  quorumOf,
  type Actor,
  type Bid,
  type Project,
  type ProjectEvent,
  type ProjectView,
  type ReviewProgress,
} from '@honglin/shared'
import { publish, type Publication } from '../_runtime/announce'
import { docById, getDoc, type Db } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'

export const P = {
  projects: 'projects',
  bids: 'project_bids',
  scores: 'project_scores',
  objections: 'project_objections',
  reports: 'project_reports',
  needs: 'project_needs',
} as const

/** A stable id from a caller and their requestId, so a retry finds what the first call made. */
export const idOf = (prefix: string, ...parts: string[]): string =>
  `${prefix}-${createHash('sha256').update(parts.join('\n'), 'utf8').digest('hex').slice(0, 32)}`

/** The project, or NOT_FOUND also for a draft the caller may not see (its existence is not revealed). */
export async function loadProject(db: Db, actor: Actor, id: string): Promise<Project> {
  const project = await getDoc<Project>(db, P.projects, id)
  if (!project || !maySeeProject(actor, project)) throw new AppError('NOT_FOUND', '找不到该项目')
  return project
}

export interface Change {
  patch: Record<string, unknown>
  event?: ProjectEvent
  /** Further writes of the same step, in the same transaction. */
  also?: (tx: Db) => Promise<void>
}

/**
 * Runs one step on project `id` in a transaction: `decide` reads and checks (it may throw)
 * and answers the patch; the project is answered as written.
 */
export async function changeProject(
  ctx: ActionContext,
  id: string,
  decide: (project: Project, tx: Db) => Promise<Change> | Change,
): Promise<Project> {
  return withTransaction(ctx.db, async (tx) => {
    const project = await docById<Project>(tx, P.projects, id)
    if (!project || !maySeeProject(ctx.actor, project)) throw new AppError('NOT_FOUND', '找不到该项目')
    const change = await decide(project, tx)
    const data: Record<string, unknown> = { ...change.patch, updatedAt: ctx.now }
    if (change.event) data.timeline = ctx.db.command.push([change.event])
    await tx.collection(P.projects).doc(id).update({ data })
    if (change.also) await change.also(tx)
    return {
      ...project,
      ...plain(change.patch),
      updatedAt: ctx.now,
      timeline: change.event ? [...project.timeline, change.event] : project.timeline,
    } as Project
  })
}

/** The patch's values as stored, for the answer (update operators are left to the caller). */
function plain(patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(patch).filter(
      ([k, v]) => !k.includes('.') && !(v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype),
    ),
  )
}

export interface ViewExtras {
  /** The caller's unit's live bid on it. */
  myBid?: Bid
  /** Bids the caller has a live score for (reviewers). */
  myScoredBids?: string[]
}

/** Review progress as counts, for those who oversee or review the project, from review on. */
export function progressOf(project: Project): ReviewProgress {
  const q = quorumOf(project.reviewers, project.recusals, project.bidCount, project.tally ?? {}, project.rules.quorum)
  return { eligible: q.eligible, scored: q.scored, required: q.required, reached: q.reached, closed: !!project.reviewClosedAt }
}

export function viewOf(ctx: Pick<ActionContext, 'actor' | 'now'>, project: Project, extras: ViewExtras = {}): ProjectView {
  const { reviewers, recusals, tally: _tally, ...rest } = project
  void _tally
  const insider = oversees(ctx.actor, project) || isReviewer(ctx.actor, project)
  const reviewing = project.status !== 'draft' && project.status !== 'bidding'
  const recusal = recusals.find((r) => r.userId === ctx.actor.userId)
  const scored = extras.myScoredBids ?? []
  const myReviewDone = project.bidCount > 0 && scored.length >= project.bidCount
  return {
    ...rest,
    statusLabel: ProjectStatusLabels[project.status],
    availableActions: projectActions(ctx.actor, project, {
      now: ctx.now,
      myBid: !!extras.myBid,
      myReviewDone,
      myScoreCount: scored.length,
    }),
    ...(extras.myBid ? { myBidId: extras.myBid._id } : {}),
    ...(isReviewer(ctx.actor, project)
      ? { myReview: { recused: recusal ? { kind: recusal.kind, reason: recusal.reason } : null, scoredBids: scored, done: myReviewDone } }
      : {}),
    ...(insider ? { reviewers, recusals } : {}),
    ...(insider && reviewing ? { review: progressOf(project) } : {}),
  }
}

/** The caller's units' live bid on the project, if any (unit contacts): one read by the unique key. */
export async function myLiveBid(db: Db, actor: Actor, projectId: string): Promise<Bid | undefined> {
  const units = contactUnits(actor)
  if (units.length === 0) return undefined
  const res = await db
    .collection(P.bids)
    .where({ liveKey: db.command.in(units.map((u) => liveKeyOf(projectId, u))) })
    .limit(1)
    .get()
  return res.data[0] as Bid | undefined
}

export const liveKeyOf = (projectId: string, unitId: string) => `${projectId}.${unitId}`

/** The bids a reviewer holds a live score for. */
export async function myScoredBids(db: Db, actor: Actor, project: Project): Promise<string[] | undefined> {
  if (!isReviewer(actor, project) || project.status === 'draft' || project.status === 'bidding') return undefined
  const res = await db
    .collection(P.scores)
    .where({ projectId: project._id, userId: actor.userId })
    .field({ bidId: true, status: true })
    .limit(200)
    .get()
  return (res.data as { bidId: string; status: string }[]).filter((s) => s.status === 'submitted').map((s) => s.bidId)
}

/** A project with what the caller needs to see their part in it. */
export async function fullView(ctx: ActionContext, project: Project): Promise<ProjectView> {
  const [myBid, scored] = await Promise.all([
    project.status === 'bidding' ? myLiveBid(ctx.db, ctx.actor, project._id) : Promise.resolve(undefined),
    myScoredBids(ctx.db, ctx.actor, project),
  ])
  return viewOf(ctx, project, { ...(myBid ? { myBid } : {}), ...(scored ? { myScoredBids: scored } : {}) })
}

/** Tells people about a step, as the caller (never told of their own act). */
export function tell(ctx: ActionContext, events: Omit<Publication, 'page'>[], page = 'packages/project/detail/index'): Promise<void> {
  return publish(
    { db: ctx.db, now: ctx.now, actor: ctx.actor },
    events.map((e) => ({ ...e, page })),
  )
}

export const reviewerKeys = (project: Project): string[] => project.reviewerIds.map((id) => `user:${id}`)
export const staffKeys = (project: Project): string[] => [`staff:${project.communityId}`]
export const streetKeys = (project: Project): string[] => (project.streetId ? [`street:${project.streetId}`] : [])

export { docById }
