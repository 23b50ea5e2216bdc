/**
 * Whose figures a caller may see, and the place they asked for. Community staff and
 * committee members see their community and its grids; street staff their street, its
 * communities and grids; grid workers their grids; admins everything. Without a place named,
 * the caller's own: a community staff's or committee member's community, a street staff's
 * street, a grid worker's first grid (admins must name one).
 */
import { AppError, isAdmin, isGridWorkerOf, isStaffOf, isStreetStaffOf, type Actor, type StatsScopeRef } from '@honglin/shared'
import { Collections, docById } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

export interface ScopeInput {
  communityId?: string
  streetId?: string
  gridId?: string
}

export interface ResolvedScope extends StatsScopeRef {
  /** The community of a grid or a community. */
  communityId?: string
  streetId: string
}

const forbidden = () => new AppError('FORBIDDEN', '只能查看本人负责范围的统计')

const isCommitteeOf = (actor: Actor, communityId: string) =>
  actor.grants.some((g) => g.role === 'committee_member' && g.communityId === communityId)

/** The caller's own place when they named none. */
function ownScope(actor: Actor): ScopeInput {
  for (const role of ['community_staff', 'street_staff', 'committee_member', 'grid_worker'] as const) {
    const grant = actor.grants.find((g) => g.role === role)
    if (!grant) continue
    if (role === 'street_staff') return { streetId: grant.streetId }
    if (role === 'grid_worker') return { gridId: [...(grant.gridIds ?? [])].sort()[0] }
    return { communityId: grant.communityId }
  }
  if (isAdmin(actor)) throw new AppError('INVALID_INPUT', '请选择街道、社区或网格', { communityId: '请选择街道、社区或网格' })
  throw forbidden()
}

/** Read at most two documents (a grid and its community, or one community or street). */
export async function resolveScope(ctx: ActionContext, input: ScopeInput): Promise<ResolvedScope> {
  const actor = ctx.actor
  const asked = input.communityId || input.streetId || input.gridId ? input : ownScope(actor)
  if (asked.streetId) {
    if (!isStreetStaffOf(actor, asked.streetId)) throw forbidden()
    const street = await docById<{ name?: string }>(ctx.db, Collections.streets, asked.streetId)
    if (!street) throw new AppError('NOT_FOUND', '找不到该街道')
    return { type: 'street', id: asked.streetId, name: street.name ?? '', streetId: asked.streetId }
  }
  if (asked.communityId) {
    const community = await docById<{ name?: string; streetId: string }>(ctx.db, Collections.communities, asked.communityId)
    if (!community) throw new AppError(isAdmin(actor) ? 'NOT_FOUND' : 'FORBIDDEN', isAdmin(actor) ? '找不到该社区' : undefined)
    const id = asked.communityId
    if (!isStaffOf(actor, id) && !isCommitteeOf(actor, id) && !isStreetStaffOf(actor, community.streetId)) throw forbidden()
    return { type: 'community', id, name: community.name ?? '', communityId: id, streetId: community.streetId }
  }
  const gridId = asked.gridId
  if (!gridId) throw forbidden()
  const grid = await docById<{ name?: string; communityId: string }>(ctx.db, Collections.grids, gridId)
  if (!grid) throw new AppError(isAdmin(actor) ? 'NOT_FOUND' : 'FORBIDDEN', isAdmin(actor) ? '找不到该网格' : undefined)
  if (isGridWorkerOf(actor, gridId) || isStaffOf(actor, grid.communityId) || isCommitteeOf(actor, grid.communityId)) {
    const community = await docById<{ streetId: string }>(ctx.db, Collections.communities, grid.communityId)
    return { type: 'grid', id: gridId, name: grid.name ?? '', communityId: grid.communityId, streetId: community?.streetId ?? '' }
  }
  const community = await docById<{ streetId: string }>(ctx.db, Collections.communities, grid.communityId)
  if (!community || !isStreetStaffOf(actor, community.streetId)) throw forbidden()
  return { type: 'grid', id: gridId, name: grid.name ?? '', communityId: grid.communityId, streetId: community.streetId }
}

/** What the caller sees of a refused scope: the same answer whether or not the place exists. */
export { forbidden }
