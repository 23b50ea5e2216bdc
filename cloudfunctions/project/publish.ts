/**
 * `publish`: a draft goes up for bids. The community's 大党委 as it stands now becomes the
 * project's reviewers (their units too, for recusal) and its review rules are copied on, so
 * later changes to either do not move a review under way. Units serving the community and
 * the reviewers are told. Round trips: caller, committee, users, units, community,
 * transaction, notice.
 */
import { AppError, assertProjectStaff, assertStep, contract, eventOf, projectRulesOf, type Reviewer } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections, getDoc } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { changeProject, fullView, loadProject, reviewerKeys, tell } from './store'

export const publish = action({
  schema: contract.Schemas.project.publish,
  async run(ctx, { id }) {
    const before = await loadProject(ctx.db, ctx.actor, id)
    assertProjectStaff(ctx.actor, before)
    assertStep(before, 'publish')
    const [reviewers, community, units] = await Promise.all([
      committeeOf(ctx, before.communityId),
      getDoc<{ projectRules?: Parameters<typeof projectRulesOf>[0] }>(ctx.db, Collections.communities, before.communityId),
      readAll<{ _id: string }>(ctx.db, Collections.units, { communityIds: before.communityId }, { _id: true }),
    ])
    if (before.bidDeadline <= ctx.now) throw new AppError('INVALID_STATE', '揭榜截止时间已过，请先修改截止时间')
    const project = await changeProject(ctx, id, (p) => {
      assertStep(p, 'publish')
      return {
        patch: {
          status: 'bidding',
          listed: true,
          publishedAt: ctx.now,
          reviewers: ctx.db.command.set(reviewers),
          reviewerIds: reviewers.map((r) => r.userId),
          rules: ctx.db.command.set(projectRulesOf(community?.projectRules)),
        },
        event: eventOf(ctx.actor, 'publish', ctx.now, p.status, 'bidding'),
      }
    })
    const published = { ...project, reviewers, reviewerIds: reviewers.map((r) => r.userId), rules: projectRulesOf(community?.projectRules) }
    await tell(ctx, [
      { audience: units.map((u) => `unit:${u._id}`), type: 'project.published', title: '新的红色任务书可以揭榜', body: published.title },
      { audience: reviewerKeys(published), type: 'project.review_assigned', title: '有新项目需要大党委评审', body: published.title },
    ])
    return fullView(ctx, published)
  },
})

interface MemberRow {
  userId: string
  unitId?: string
  title?: string
}

/** The community's 大党委 with names and units. */
export async function committeeOf(ctx: ActionContext, communityId: string): Promise<Reviewer[]> {
  const res = await ctx.db.collection(Collections.committee).where({ communityId }).limit(200).get()
  const members = res.data as MemberRow[]
  if (members.length === 0) return []
  const _ = ctx.db.command
  const unitIds = [...new Set(members.map((m) => m.unitId).filter((u): u is string => !!u))]
  const [users, units] = await Promise.all([
    readAll<{ _id: string; name?: string }>(ctx.db, Collections.users, { _id: _.in(members.map((m) => m.userId)) }, { name: true }),
    unitIds.length
      ? readAll<{ _id: string; name?: string }>(ctx.db, Collections.units, { _id: _.in(unitIds) }, { name: true })
      : Promise.resolve([]),
  ])
  const nameOf = new Map(users.map((u) => [u._id, u.name ?? '']))
  const unitName = new Map(units.map((u) => [u._id, u.name ?? '']))
  return members.map((m) => ({
    userId: m.userId,
    name: nameOf.get(m.userId) ?? '',
    ...(m.unitId ? { unitId: m.unitId, unitName: unitName.get(m.unitId) ?? '' } : {}),
    ...(m.title ? { title: m.title } : {}),
  }))
}
