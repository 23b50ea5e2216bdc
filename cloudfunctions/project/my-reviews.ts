/**
 * `myReviews` (我的评审): the projects the caller reviews as a 大党委 member, newest first,
 * paged by key on the reviewers index. Round trips: caller + one query.
 */
import { contract, type Project } from '@honglin/shared'
import { action } from '../_runtime/function'
import { pageByKey } from '../_runtime/paging'
import { NEWEST } from './list'
import { P, viewOf } from './store'

export const myReviews = action({
  schema: contract.Schemas.project.myReviews,
  async run(ctx, { status, cursor, page }) {
    const where: Record<string, unknown> = { reviewerIds: ctx.actor.userId, ...(status ? { status } : {}) }
    const res = await pageByKey<Project>(ctx.db, P.projects, where, NEWEST, contract.TIME_ID_CURSOR, {
      ...(cursor ? { cursor } : {}),
      page,
    })
    return { ...res, items: res.items.map((p) => viewOf(ctx, p)) }
  },
})
