/**
 * Who may hand out which role, and the grant as stored. Community staff manage the roles of
 * their own community (resident, volunteer, grid worker, unit contact, committee member);
 * street staff appoint community staff in their street's communities; admins manage any role.
 * Every community, grid and unit a grant names must exist and belong together.
 */
import { AppError, hasRole, isAdmin, isStaffOf, isStreetStaffOf, type Actor, type Role, type RoleGrant } from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

export const CommunityRoles: readonly Role[] = ['resident', 'volunteer', 'grid_worker', 'unit_contact', 'committee_member']

export interface GrantInput {
  userId: string
  role: Role
  streetId?: string
  communityId?: string
  gridIds?: string[]
  unitId?: string
}

/** May `actor` grant or revoke `role` in `scope` (a community with its street, or a street)? */
export function mayManage(actor: Actor, role: Role, scope: { communityId?: string; streetId?: string }): boolean {
  if (isAdmin(actor)) return true
  if (CommunityRoles.includes(role)) return !!scope.communityId && isStaffOf(actor, scope.communityId)
  if (role === 'community_staff') return !!scope.streetId && isStreetStaffOf(actor, scope.streetId)
  return false
}

/**
 * Refuses, before anything is read, a caller who could not manage `role` anywhere, or who
 * names a community they do not run.
 */
export function precheck(actor: Actor, input: GrantInput): void {
  const couldEver =
    isAdmin(actor) ||
    (CommunityRoles.includes(input.role)
      ? hasRole(actor, 'community_staff')
      : input.role === 'community_staff' && hasRole(actor, 'street_staff'))
  if (!couldEver) throw new AppError('FORBIDDEN')
  if (CommunityRoles.includes(input.role) && input.communityId && !mayManage(actor, input.role, { communityId: input.communityId }))
    throw new AppError('FORBIDDEN')
}

const required = (value: string | undefined, field: string, message: string): string => {
  if (!value) throw new AppError('INVALID_INPUT', message, { [field]: message })
  return value
}

/** The grant `input` describes, checked against the organisation data. */
export async function resolveGrant(ctx: ActionContext, input: GrantInput): Promise<RoleGrant> {
  const { role } = input
  if (role === 'admin') return { role }
  if (role === 'street_staff') {
    const streetId = required(input.streetId, 'streetId', '请选择街道')
    if (!(await getDoc(ctx.db, Collections.streets, streetId))) throw new AppError('NOT_FOUND', '找不到该街道')
    return { role, streetId }
  }
  const communityId = required(input.communityId, 'communityId', '请选择社区')
  const gridIds = role === 'grid_worker' ? [...new Set(input.gridIds ?? [])] : undefined
  if (gridIds?.length === 0) throw new AppError('INVALID_INPUT', '请选择网格', { gridIds: '请选择网格' })
  const unitId =
    role === 'unit_contact' ? required(input.unitId, 'unitId', '请选择共建单位') : role === 'committee_member' ? input.unitId : undefined
  const [community, grids, unit] = await Promise.all([
    getDoc<{ streetId: string }>(ctx.db, Collections.communities, communityId),
    gridIds ? gridsOf(ctx, gridIds) : undefined,
    unitId ? getDoc<{ communityIds?: string[] }>(ctx.db, Collections.units, unitId) : undefined,
  ])
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  if (input.streetId && input.streetId !== community.streetId)
    throw new AppError('INVALID_INPUT', '该社区不属于所选街道', { streetId: '该社区不属于所选街道' })
  const grant: RoleGrant = { role, streetId: community.streetId, communityId }
  if (gridIds && grids) {
    if (grids.length < gridIds.length) throw new AppError('NOT_FOUND', '找不到该网格')
    if (grids.some((g) => g.communityId !== communityId))
      throw new AppError('INVALID_INPUT', '所选网格不属于该社区', { gridIds: '所选网格不属于该社区' })
    grant.gridIds = [...gridIds].sort()
  }
  if (unitId) {
    if (!unit) throw new AppError('NOT_FOUND', '找不到该共建单位')
    if (!(unit.communityIds ?? []).includes(communityId))
      throw new AppError('INVALID_INPUT', '该单位不是本社区的共建单位', { unitId: '该单位不是本社区的共建单位' })
    grant.unitId = unitId
  }
  return grant
}

async function gridsOf(ctx: ActionContext, ids: string[]): Promise<{ _id: string; communityId: string }[]> {
  const res = await ctx.db
    .collection(Collections.grids)
    .where({ _id: ctx.db.command.in(ids) })
    .field({ communityId: true })
    .get()
  return res.data
}

/**
 * Grants that stand for the same position: one role per community (per unit for unit
 * contacts), one street-staff grant per street, one admin grant. Granting again in the same
 * scope updates that grant (a grid worker's grids) instead of adding another.
 */
export function sameScope(a: RoleGrant, b: RoleGrant): boolean {
  if (a.role !== b.role) return false
  if (a.role === 'admin') return true
  if (a.role === 'street_staff') return a.streetId === b.streetId
  if (a.communityId !== b.communityId) return false
  return a.role !== 'unit_contact' || a.unitId === b.unitId
}

export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  const key = (g: RoleGrant) =>
    [g.role, g.streetId ?? '', g.communityId ?? '', g.unitId ?? '', [...(g.gridIds ?? [])].sort().join(',')].join('|')
  return key(a) === key(b)
}
