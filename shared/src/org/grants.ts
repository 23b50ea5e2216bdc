/**
 * Who may grant or revoke which role to whom, and what a user's grants become.
 *
 * - Nobody changes their own roles: a staff member who could make themselves a volunteer
 *   could claim the task they just published.
 * - Community staff manage their own community's roles (resident, volunteer, grid worker,
 *   unit contact, committee member); street staff appoint community staff in their street;
 *   admins manage any role anywhere.
 * - A grant attaches someone to a place: non-admins grant only to people of their own street
 *   (or to people attached nowhere yet, such as a new resident), and never touch an admin.
 * - The last admin is never removed.
 *
 * The functions ask `roleChangeRefusal` as they learn more (before any read, once the scope
 * is resolved, once the target and the number of admins are read); each call repeats the
 * earlier checks, which cost nothing.
 */
import { hasRole, isAdmin, isStaffOf, isStreetStaffOf, type Actor, type Role, type RoleGrant } from '../roles'

export const CommunityRoles: readonly Role[] = ['resident', 'volunteer', 'grid_worker', 'unit_contact', 'committee_member']

export type RoleChangeKind = 'grant' | 'revoke'

export interface RoleChange {
  kind: RoleChangeKind
  /** The user whose roles change. */
  userId: string
  role: Role
  communityId?: string
  /** The street of a street-staff grant, or of the community once it is resolved. */
  streetId?: string
}

export interface RoleChangeFacts {
  /** The target's grants, once read. */
  targetGrants?: readonly RoleGrant[]
  /** How many users hold `admin`, once counted (when revoking an admin). */
  adminCount?: number
}

export interface Refusal {
  code: 'FORBIDDEN' | 'INVALID_STATE'
  message: string
}

export const RoleChangeRefusals = {
  self: '不能为自己授予或撤销角色',
  role: '您没有权限管理该角色',
  scope: '只能管理本社区（街道）范围内的角色',
  adminTarget: '管理员的角色只能由管理员调整',
  elsewhere: '该用户属于其他街道，不能为其授予角色',
  lastAdmin: '不能撤销最后一位管理员，请先任命另一位管理员',
} as const

/** Could `actor` manage `role` anywhere at all? */
export function mayEverManage(actor: Actor, role: Role): boolean {
  if (isAdmin(actor)) return true
  if (CommunityRoles.includes(role)) return hasRole(actor, 'community_staff')
  return role === 'community_staff' && hasRole(actor, 'street_staff')
}

/** May `actor` grant or revoke `role` in `scope` (a community with its street, or a street)? */
export function mayManage(actor: Actor, role: Role, scope: { communityId?: string; streetId?: string }): boolean {
  if (isAdmin(actor)) return true
  if (CommunityRoles.includes(role)) return !!scope.communityId && isStaffOf(actor, scope.communityId)
  if (role === 'community_staff') return !!scope.streetId && isStreetStaffOf(actor, scope.streetId)
  return false
}

const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message })

/** Why `actor` may not make `change`, from what is known so far; undefined: nothing against it. */
export function roleChangeRefusal(actor: Actor, change: RoleChange, facts: RoleChangeFacts = {}): Refusal | undefined {
  if (change.userId === actor.userId) return forbidden(RoleChangeRefusals.self)
  if (!mayEverManage(actor, change.role)) return forbidden(RoleChangeRefusals.role)
  if (scopeKnown(change) && !mayManage(actor, change.role, change)) return forbidden(RoleChangeRefusals.scope)
  if (change.kind === 'grant' && facts.targetGrants && !isAdmin(actor)) {
    if (facts.targetGrants.some((g) => g.role === 'admin')) return forbidden(RoleChangeRefusals.adminTarget)
    const streets = new Set(facts.targetGrants.map((g) => g.streetId).filter((s): s is string => !!s))
    if ([...streets].some((s) => s !== change.streetId)) return forbidden(RoleChangeRefusals.elsewhere)
  }
  if (change.kind === 'revoke' && change.role === 'admin' && facts.adminCount !== undefined && facts.adminCount <= 1) {
    return { code: 'INVALID_STATE', message: RoleChangeRefusals.lastAdmin }
  }
  return undefined
}

/** Whether `change` names enough of its place for `mayManage` to judge it. */
function scopeKnown(change: RoleChange): boolean {
  if (CommunityRoles.includes(change.role)) return !!change.communityId
  if (change.role === 'community_staff') return !!change.streetId
  return true
}

/**
 * Grants that stand for the same position (a grant's key): one role per community (per unit
 * for unit contacts), one street-staff grant per street, one admin grant.
 */
export function sameScope(a: RoleGrant, b: RoleGrant): boolean {
  if (a.role !== b.role) return false
  if (a.role === 'admin') return true
  if (a.role === 'street_staff') return a.streetId === b.streetId
  if (a.communityId !== b.communityId) return false
  return a.role !== 'unit_contact' || a.unitId === b.unitId
}

const grantKey = (g: RoleGrant) =>
  [g.role, g.streetId ?? '', g.communityId ?? '', g.unitId ?? '', [...(g.gridIds ?? [])].sort().join(',')].join('|')

export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  return grantKey(a) === grantKey(b)
}

/**
 * `grants` with `grant` holding its position: every grant of the same key gives way to it, so
 * a user never holds two (a grid worker's narrowed grids replace the old ones whole, and
 * copies an older race left behind go too). Unchanged when exactly that grant is held once.
 */
export function withGrant(grants: readonly RoleGrant[], grant: RoleGrant): { grants: RoleGrant[]; changed: boolean } {
  const same = grants.filter((g) => sameScope(g, grant))
  if (same.length === 1 && sameGrant(same[0]!, grant)) return { grants: [...grants], changed: false }
  const at = grants.findIndex((g) => sameScope(g, grant))
  const next = grants.filter((g) => !sameScope(g, grant))
  next.splice(at >= 0 ? at : next.length, 0, grant)
  return { grants: next, changed: true }
}

/** The fields that pick out grants to revoke (a role and its scope). */
export type GrantMatcher = Partial<Pick<RoleGrant, 'role' | 'streetId' | 'communityId' | 'unitId'>>

export function matchesGrant(grant: RoleGrant, matcher: GrantMatcher): boolean {
  return Object.entries(matcher).every(([key, value]) => (grant as unknown as Record<string, unknown>)[key] === value)
}

/** `grants` without those `matcher` picks out. */
export function withoutGrants(grants: readonly RoleGrant[], matcher: GrantMatcher): RoleGrant[] {
  return grants.filter((g) => !matchesGrant(g, matcher))
}
