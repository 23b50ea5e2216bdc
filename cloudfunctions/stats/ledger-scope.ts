/**
 * Whose 台账 a caller may read and how to find its demands: a community (its staff, the staff
 * of its street, admins), a grid (the same, and the grid's own grid worker) or a street (its
 * street staff, admins). Answers the filter the ledger indexes serve (`ledger_community`,
 * `ledger_grid`, `ledger_street`: the scope's field, then `createdAt`, `_id`) and the grid
 * names the rows show. Round trips: the scope's documents (1–2) and its grids (1 + 1 per 1,000).
 */
import { AppError, ledgerBounds, isGridWorkerOf, isStaffOf, isStreetStaffOf, type Actor } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections, getDoc, type Db } from '../_runtime/db'

export interface ScopeInput {
  communityId?: string
  streetId?: string
  gridId?: string
}

export interface LedgerScope {
  kind: 'community' | 'street' | 'grid'
  id: string
  /** What the title says: 新园社区, 果园新村街道, 新园社区第1网格. */
  name: string
  /** The equality the ledger index starts with. */
  field: 'communityId' | 'streetId' | 'gridId'
}

interface Named {
  _id: string
  name: string
  streetId?: string
  communityId?: string
}

const DENIED = '您没有查看该范围台账的权限'

export async function ledgerScope(db: Db, actor: Actor, given: ScopeInput): Promise<LedgerScope> {
  const input = given.communityId || given.streetId || given.gridId ? given : ownPlace(actor)
  if (input.streetId) {
    if (!isStreetStaffOf(actor, input.streetId)) throw new AppError('FORBIDDEN', DENIED)
    const street = await getDoc<Named>(db, Collections.streets, input.streetId)
    if (!street) throw new AppError('NOT_FOUND', '找不到该街道')
    return { kind: 'street', id: street._id, name: street.name, field: 'streetId' }
  }
  if (input.gridId) {
    const grid = await getDoc<Named>(db, Collections.grids, input.gridId)
    if (!grid) throw new AppError('NOT_FOUND', '找不到该网格')
    const community = await communityFor(db, actor, grid.communityId!, isGridWorkerOf(actor, grid._id))
    return {
      kind: 'grid',
      id: grid._id,
      name: grid.name.startsWith(community.name) ? grid.name : `${community.name}${grid.name}`,
      field: 'gridId',
    }
  }
  const community = await communityFor(db, actor, input.communityId!, false)
  return { kind: 'community', id: community._id, name: community.name, field: 'communityId' }
}

/** No scope given: the caller's own community, street or grid, in that order. */
function ownPlace(actor: Actor): ScopeInput {
  const grant = (role: string) => actor.grants.find((g) => g.role === role)
  const staff = grant('community_staff')?.communityId
  if (staff) return { communityId: staff }
  const street = grant('street_staff')?.streetId
  if (street) return { streetId: street }
  const grid = [...(grant('grid_worker')?.gridIds ?? [])].sort()[0]
  if (grid) return { gridId: grid }
  if (actor.grants.some((g) => g.role === 'admin'))
    throw new AppError('INVALID_INPUT', '请选择社区、街道或网格', { communityId: '请选择社区、街道或网格' })
  throw new AppError('FORBIDDEN', DENIED)
}

async function communityFor(db: Db, actor: Actor, communityId: string, allowed: boolean): Promise<Named> {
  const community = await getDoc<Named>(db, Collections.communities, communityId)
  if (!community) throw new AppError('NOT_FOUND', '找不到该社区')
  if (allowed || isStaffOf(actor, community._id) || (community.streetId && isStreetStaffOf(actor, community.streetId))) return community
  throw new AppError('FORBIDDEN', DENIED)
}

/** The names of the grids the scope's demands lie in (a street's: every grid of its communities). */
export async function gridNamesOf(db: Db, scope: LedgerScope): Promise<Map<string, string>> {
  const _ = db.command
  let grids: Named[]
  if (scope.kind === 'grid') {
    const grid = await getDoc<Named>(db, Collections.grids, scope.id)
    grids = grid ? [grid] : []
  } else if (scope.kind === 'community') {
    grids = await readAll<Named>(db, Collections.grids, { communityId: scope.id }, { name: true })
  } else {
    const communities = await readAll<Named>(db, Collections.communities, { streetId: scope.id }, { _id: true })
    grids =
      communities.length === 0
        ? []
        : await readAll<Named>(db, Collections.grids, { communityId: _.in(communities.map((c) => c._id)) }, { name: true })
  }
  return new Map(grids.map((g) => [g._id, g.name]))
}

/** The ledger's demands of `scope` received on the days `from`..`to` (shared `ledgerBounds`), as a filter. */
export function ledgerWhere(db: Db, scope: LedgerScope, from: string, to: string): Record<string, unknown> {
  const _ = db.command
  const { start, end } = ledgerBounds(from, to)
  return { [scope.field]: scope.id, createdAt: _.gte(start).and(_.lt(end)) }
}
