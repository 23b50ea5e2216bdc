/**
 * `create`: community staff draft a project (红色任务书) from needs, demands or on their own.
 * With a requestId the project's id comes from it, so a retried create answers the first.
 * The community's review rules are copied onto it when published. Linked demands must be the
 * community's. Round trips: caller, community, (retry check), (demands), insert; with needs,
 * their links are written after.
 */
import { AppError, assertProjectStaff, contract, DEFAULT_PROJECT_RULES, eventOf, type Project } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action } from '../_runtime/function'
import { assertDemandsIn } from './needs'
import { fullView, idOf, P } from './store'

export const create = action({
  schema: contract.Schemas.project.create,
  async run(ctx, input) {
    const community = await getDoc<{ _id: string; streetId?: string }>(ctx.db, Collections.communities, input.communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
    assertProjectStaff(ctx.actor, { communityId: community._id })
    const id = input.requestId ? idOf('p', ctx.actor.userId, input.requestId) : undefined
    if (id) {
      const earlier = await getDoc<Project>(ctx.db, P.projects, id)
      if (earlier) return fullView(ctx, earlier)
    }
    if (input.bidDeadline <= ctx.now)
      throw new AppError('INVALID_INPUT', '揭榜截止时间应晚于现在', { bidDeadline: '揭榜截止时间应晚于现在' })
    await checkText(ctx, input.title, input.goal, input.detail, input.resourcesNeeded, input.location)
    await assertDemandsIn(ctx, community._id, input.demandIds)
    const project: Omit<Project, '_id'> = {
      communityId: community._id,
      ...(community.streetId ? { streetId: community.streetId } : {}),
      title: input.title,
      goal: input.goal,
      detail: input.detail,
      demandIds: input.demandIds,
      needIds: input.needIds,
      ...(input.budget !== undefined ? { budget: input.budget } : {}),
      ...(input.resourcesNeeded ? { resourcesNeeded: input.resourcesNeeded } : {}),
      ...(input.location ? { location: input.location } : {}),
      bidDeadline: input.bidDeadline,
      criteria: input.criteria,
      status: 'draft',
      listed: false,
      rules: DEFAULT_PROJECT_RULES,
      reviewers: [],
      reviewerIds: [],
      recusals: [],
      bidCount: 0,
      tally: {},
      openObjections: 0,
      timeline: [eventOf(ctx.actor, 'create', ctx.now, undefined, 'draft')],
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    let stored: Project
    try {
      const res = await ctx.db.collection(P.projects).add({ data: id ? { _id: id, ...project } : project })
      stored = { _id: id ?? (res._id as string), ...project }
    } catch (error) {
      if (!id || !isDuplicateKey(error)) throw error
      const raced = await getDoc<Project>(ctx.db, P.projects, id)
      if (!raced) throw error
      return fullView(ctx, raced)
    }
    if (input.needIds.length > 0)
      await ctx.db
        .collection(P.needs)
        .where({ _id: ctx.db.command.in(input.needIds), communityId: community._id, status: 'open' })
        .update({ data: { status: 'in_project', projectId: stored._id, updatedAt: ctx.now } })
    return fullView(ctx, stored)
  },
})
