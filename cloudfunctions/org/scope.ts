/**
 * The grant a `grantRole` / `revokeRole` input describes, checked against the organisation
 * data: every community, grid and unit it names must exist and belong together. Who may
 * make the change is the shared rule (shared/src/org/grants.ts).
 */
import { AppError, type Refusal, type Role, type RoleGrant } from '@honglin/shared'
import { Collections, getDoc } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'

export interface GrantInput {
  userId: string
  role: Role
  streetId?: string
  communityId?: string
  gridIds?: string[]
  unitId?: string
}

/** Answers a refusal of the shared rule as the function's error. */
export function refuse(refusal: Refusal | undefined): void {
  if (refusal) throw new AppError(refusal.code, refusal.message)
}

export const required = (value: string | undefined, field: string, message: string): string => {
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

/** What the audit log records of a grant: its role and scope, nothing personal. */
export function auditDetail(grant: Partial<RoleGrant>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(grant).filter(([, v]) => v !== undefined))
}
