/**
 * The project's state machine and who may move it. Each step names the states it starts
 * from and the state it leads to; the function records every step in the timeline with who,
 * when and why. `closeReview` keeps the project in review (it opens the results), the rest
 * change its state.
 */
import { AppError } from '../errors'
import { hasRole, isAdmin, isStaffOf, type Actor } from '../roles'
import type { Project, ProjectEvent, ProjectStatus } from './types'
import { ProjectStatusLabels } from './types'
import type { ProjectViewAction } from './views'

export interface Step {
  from: readonly ProjectStatus[]
  to: ProjectStatus
}

export const ProjectSteps = {
  update: { from: ['draft', 'bidding'], to: 'draft' },
  publish: { from: ['draft'], to: 'bidding' },
  closeBidding: { from: ['bidding'], to: 'reviewing' },
  closeReview: { from: ['reviewing'], to: 'reviewing' },
  award: { from: ['reviewing'], to: 'awarded' },
  publicize: { from: ['awarded'], to: 'publicity' },
  start: { from: ['publicity'], to: 'in_progress' },
  accept: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['draft', 'bidding', 'reviewing', 'awarded', 'publicity'], to: 'cancelled' },
} as const satisfies Record<string, Step>

export type StepName = keyof typeof ProjectSteps

/** Throws INVALID_STATE, naming the state, unless `step` may start from the project's state. */
export function assertStep(project: Pick<Project, 'status'>, step: StepName): void {
  const from = ProjectSteps[step].from as readonly ProjectStatus[]
  if (!from.includes(project.status)) throw new AppError('INVALID_STATE', `项目${ProjectStatusLabels[project.status]}，不能进行此操作`)
}

/** The timeline entry of a step (or a notable act within a state). */
export function eventOf(
  actor: Actor,
  action: ProjectEvent['action'],
  at: number,
  from?: ProjectStatus,
  to?: ProjectStatus,
  reason?: string,
): ProjectEvent {
  return {
    at,
    by: actor.userId,
    byName: actor.name,
    action,
    ...(from ? { from } : {}),
    ...(to && to !== from ? { to } : {}),
    ...(reason ? { reason } : {}),
  }
}

type Scoped = Pick<Project, 'communityId' | 'streetId'>

/** Community staff of the project's community (admins too). */
export const isProjectStaff = (actor: Actor, p: Scoped): boolean => isStaffOf(actor, p.communityId)

/** Street staff of the project's street. */
export const isProjectStreet = (actor: Actor, p: Scoped): boolean =>
  !!p.streetId && actor.grants.some((g) => g.role === 'street_staff' && g.streetId === p.streetId)

/** Staff, street staff or admins: those who oversee a project. */
export const oversees = (actor: Actor, p: Scoped): boolean => isProjectStaff(actor, p) || isProjectStreet(actor, p) || isAdmin(actor)

/** The units the actor is a contact of. */
export const contactUnits = (actor: Actor): string[] =>
  actor.grants.filter((g) => g.role === 'unit_contact' && g.unitId).map((g) => g.unitId!)

export const isReviewer = (actor: Actor, p: Pick<Project, 'reviewerIds'>): boolean => (p.reviewerIds ?? []).includes(actor.userId)

export const isRecused = (actor: Actor, p: Pick<Project, 'recusals'>): boolean => p.recusals.some((r) => r.userId === actor.userId)

/** Anyone with a grant in the project's community (residents, units, volunteers) or staff above it. */
export const belongsTo = (actor: Actor, p: Scoped): boolean =>
  oversees(actor, p) || actor.grants.some((g) => g.communityId === p.communityId)

/** Drafts are seen by staff only; from publication on a project is public. */
export const maySeeProject = (actor: Actor, p: Scoped & Pick<Project, 'status'>): boolean => p.status !== 'draft' || oversees(actor, p)

/** Reviewers, staff and street see the bids and, once closed, the results; recused reviewers see neither bids nor scores while reviewing. */
export const maySeeBids = (actor: Actor, p: Project): boolean =>
  oversees(actor, p) || (isReviewer(actor, p) && !(p.status === 'reviewing' && !p.reviewClosedAt && isRecused(actor, p)))

/** The results open once the review has closed (quorum reached and staff closed it). */
export const reviewClosed = (p: Pick<Project, 'reviewClosedAt'>): boolean => !!p.reviewClosedAt

/**
 * What the caller may do on the project now; `myBid` is whether their unit has a live bid on it,
 * `myScoreCount` how many live scores the caller (a reviewer) holds on it.
 */
export function projectActions(
  actor: Actor,
  p: Project,
  opts: { now: number; myBid?: boolean; myReviewDone?: boolean; myScoreCount?: number },
): ProjectViewAction[] {
  const out: ProjectViewAction[] = []
  const staff = isProjectStaff(actor, p)
  const reviewer = isReviewer(actor, p)
  const recused = isRecused(actor, p)
  const contact = contactUnits(actor).length > 0
  if (staff && (p.status === 'draft' || p.status === 'bidding')) out.push('update')
  if (staff && p.status === 'draft') out.push('publish')
  const biddingOpen = p.status === 'bidding' && opts.now < p.bidDeadline
  if (contact && biddingOpen && !opts.myBid) out.push('bid')
  if (contact && biddingOpen && opts.myBid) out.push('updateBid', 'withdrawBid')
  if (staff && p.status === 'bidding' && opts.now >= p.bidDeadline) out.push('closeBidding')
  if (reviewer && !recused && (p.status === 'bidding' || (p.status === 'reviewing' && !p.reviewClosedAt))) out.push('declareConflict')
  if (reviewer && !recused && p.status === 'reviewing' && !p.reviewClosedAt && !opts.myReviewDone) out.push('score')
  if (reviewer && !recused && p.status === 'reviewing' && !p.reviewClosedAt && (opts.myScoreCount ?? 0) > 0) out.push('withdrawScore')
  if (staff && p.status === 'reviewing' && !p.reviewClosedAt) out.push('closeReview')
  if (reviewClosed(p) && (oversees(actor, p) || reviewer)) out.push('results', 'minutes')
  if (staff && p.status === 'reviewing' && p.reviewClosedAt) out.push('award')
  if (staff && p.status === 'awarded') out.push('publicize')
  if (p.status === 'publicity' && opts.now < (p.publicityEndsAt ?? 0) && belongsTo(actor, p) && !staff) out.push('object')
  if (staff && p.status === 'publicity' && p.openObjections > 0) out.push('answerObjection')
  if (staff && p.status === 'publicity' && p.openObjections === 0 && opts.now >= (p.publicityEndsAt ?? Infinity)) out.push('start')
  if (p.status === 'in_progress' && p.award && contactUnits(actor).includes(p.award.unitId)) out.push('report')
  if (p.status === 'in_progress' && (staff || isProjectStreet(actor, p) || isAdmin(actor))) out.push('accept')
  if (staff && (ProjectSteps.cancel.from as readonly ProjectStatus[]).includes(p.status)) out.push('cancel')
  return out
}

/** Throws FORBIDDEN unless the actor is staff of the project's community. */
export function assertProjectStaff(actor: Actor, p: Scoped): void {
  if (!isProjectStaff(actor, p)) throw new AppError('FORBIDDEN', '只有本社区工作人员可以进行此操作')
}

export const isCommitteeMember = (actor: Actor): boolean => hasRole(actor, 'committee_member')
