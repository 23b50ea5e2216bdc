/**
 * `promoteNeed` / `needs` (需求清单): staff turn one or several demands, or a recurring problem
 * in words, into a need; a project made from it links it. Only the community's staff (and
 * those above them) see the list: it holds residents' demands.
 */
import { AppError, contract, oversees, type Need } from '@honglin/shared'
import { checkText } from '../_runtime/content'
import { Collections, getDoc } from '../_runtime/db'
import { isDuplicateKey } from '../_runtime/errors'
import { action, type ActionContext } from '../_runtime/function'
import { pageByKey } from '../_runtime/paging'
import { NEWEST } from './list'
import { idOf, P } from './store'

export const promoteNeed = action({
  schema: contract.Schemas.project.promoteNeed,
  async run(ctx, input) {
    if (
      !ctx.actor.grants.some((g) => g.role === 'community_staff' && g.communityId === input.communityId) &&
      !ctx.actor.grants.some((g) => g.role === 'admin')
    )
      throw new AppError('FORBIDDEN', '只有本社区工作人员可以整理需求清单')
    const id = input.requestId ? idOf('n', ctx.actor.userId, input.requestId) : undefined
    if (id) {
      const earlier = await getDoc<Need>(ctx.db, P.needs, id)
      if (earlier) return { ...earlier, created: false }
    }
    await checkText(ctx, input.title, input.detail)
    await assertDemandsIn(ctx, input.communityId, input.demandIds)
    const need: Omit<Need, '_id'> = {
      communityId: input.communityId,
      title: input.title,
      ...(input.detail ? { detail: input.detail } : {}),
      demandIds: [...new Set(input.demandIds)],
      status: 'open',
      createdBy: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }
    try {
      const res = await ctx.db.collection(P.needs).add({ data: id ? { _id: id, ...need } : need })
      return { _id: id ?? (res._id as string), ...need, created: true }
    } catch (error) {
      if (!id || !isDuplicateKey(error)) throw error
      const raced = await getDoc<Need>(ctx.db, P.needs, id)
      if (!raced) throw error
      return { ...raced, created: false }
    }
  },
})

/** Every demand named belongs to the community (a need or project links only its own). */
export async function assertDemandsIn(ctx: ActionContext, communityId: string, demandIds: string[]): Promise<void> {
  if (demandIds.length === 0) return
  const res = await ctx.db
    .collection(Collections.demands)
    .where({ _id: ctx.db.command.in(demandIds) })
    .field({ communityId: true })
    .limit(demandIds.length)
    .get()
  const found = res.data as { _id: string; communityId: string }[]
  if (found.length !== new Set(demandIds).size || found.some((d) => d.communityId !== communityId))
    throw new AppError('INVALID_INPUT', '关联的点单不属于本社区', { demandIds: '关联的点单不属于本社区' })
}

export const needs = action({
  schema: contract.Schemas.project.needs,
  async run(ctx, { communityId, status, cursor, page }) {
    const community = await getDoc<{ _id: string; streetId?: string }>(ctx.db, Collections.communities, communityId)
    if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
    if (!oversees(ctx.actor, { communityId, ...(community.streetId ? { streetId: community.streetId } : {}) }))
      throw new AppError('FORBIDDEN')
    const where = { communityId, ...(status ? { status } : {}) }
    return pageByKey<Need>(ctx.db, P.needs, where, NEWEST, contract.TIME_ID_CURSOR, { ...(cursor ? { cursor } : {}), page })
  },
})
