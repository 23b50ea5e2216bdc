/**
 * `list` (项目清单): a community's projects newest first, paged by key. Staff (and street
 * staff, admins) see drafts too; everyone else the published ones. Without a community: the
 * caller's community, or for street staff their street's projects. One query after the caller.
 */
import { AppError, contract, isAdmin, oversees, type Project } from '@honglin/shared'
import { action } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'
import { P, viewOf } from './store'

export const NEWEST: Order = [
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

export const list = action({
  schema: contract.Schemas.project.list,
  async run(ctx, { communityId, status, cursor, page }) {
    const where = scopeOf(ctx.actor, communityId)
    if (status) where.status = status
    // Drafts only for those who oversee the community; everyone else reads the published.
    const mayDraft = 'streetId' in where ? true : oversees(ctx.actor, { communityId: where.communityId as string })
    if (!mayDraft) {
      if (status === 'draft') return { items: [], hasMore: false }
      if (!status) where.listed = true
    }
    const res = await pageByKey<Project>(ctx.db, P.projects, where, NEWEST, contract.TIME_ID_CURSOR, {
      ...(cursor ? { cursor } : {}),
      page,
    })
    return { ...res, items: res.items.map((p) => viewOf(ctx, p)) }
  },
})

function scopeOf(actor: Parameters<typeof oversees>[0], communityId?: string): Record<string, unknown> {
  if (communityId) return { communityId }
  const own = actor.grants.find((g) => g.communityId)?.communityId
  if (own) return { communityId: own }
  const street = actor.grants.find((g) => g.role === 'street_staff' && g.streetId)?.streetId
  if (street) return { streetId: street }
  if (isAdmin(actor)) throw new AppError('INVALID_INPUT', '请选择社区', { communityId: '请选择社区' })
  return { communityId: '' }
}
