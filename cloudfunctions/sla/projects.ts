/**
 * The SLA timer's step for 揭榜: a review not closed by its due time, and an objection to an
 * award not answered by its due time, are told to the community's staff once. Each carries an
 * alert time (`reviewAlertAt`, `alertAt`) that is removed when told (or when the review closes,
 * or the objection is answered), so a run reads only what is newly overdue: two
 * index-served queries, at most two writes and one insert of notices.
 */
import type { Objection, Project } from '@honglin/shared'
import { publish, type Publication } from '../_runtime/announce'
import type { Db } from '../_runtime/db'

const BATCH = 50

export interface ProjectSlaSummary {
  reviewsOverdue: number
  objectionsOverdue: number
  /** Database round trips of this step (2 when nothing is overdue). */
  roundTrips: number
}

export async function projectDeadlines(ctx: { db: Db; now: number }): Promise<ProjectSlaSummary> {
  const _ = ctx.db.command
  const [reviews, objections] = await Promise.all([
    ctx.db
      .collection('projects')
      .where({ status: 'reviewing', reviewAlertAt: _.lte(ctx.now) })
      .orderBy('reviewAlertAt', 'asc')
      .limit(BATCH)
      .field({ communityId: true, title: true })
      .get(),
    ctx.db
      .collection('project_objections')
      .where({ status: 'open', alertAt: _.lte(ctx.now) })
      .orderBy('alertAt', 'asc')
      .limit(BATCH)
      .field({ communityId: true, projectId: true, reason: true })
      .get(),
  ])
  const late = reviews.data as Pick<Project, '_id' | 'communityId' | 'title'>[]
  const unanswered = objections.data as Pick<Objection, '_id' | 'communityId' | 'projectId' | 'reason'>[]
  if (late.length)
    await ctx.db
      .collection('projects')
      .where({ _id: _.in(late.map((p) => p._id)) })
      .update({ data: { reviewAlertAt: _.remove(), reviewOverdueAt: ctx.now } })
  if (unanswered.length)
    await ctx.db
      .collection('project_objections')
      .where({ _id: _.in(unanswered.map((o) => o._id)) })
      .update({ data: { alertAt: _.remove(), overdueAt: ctx.now } })
  const events: Publication[] = [
    ...late.map((p) => ({
      audience: [`staff:${p.communityId}`],
      type: 'project.review_overdue',
      title: '项目评审已超过时限',
      body: p.title,
      page: 'packages/project/detail/index',
    })),
    ...unanswered.map((o) => ({
      audience: [`staff:${o.communityId}`],
      type: 'project.objection_overdue',
      title: '公示异议超过答复时限',
      body: o.reason,
      page: 'packages/project/detail/index',
    })),
  ]
  if (events.length) await publish({ db: ctx.db, now: ctx.now }, events)
  const roundTrips = 2 + (late.length ? 1 : 0) + (unanswered.length ? 1 : 0) + (events.length ? 1 : 0)
  return { reviewsOverdue: late.length, objectionsOverdue: unanswered.length, roundTrips }
}
