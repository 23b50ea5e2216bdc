/**
 * Roles and where they apply. A person may hold several grants (a volunteer who is also a
 * grid worker); each grant is scoped to the organisation it was given in.
 */
export const Roles = [
  'resident',
  'volunteer',
  'grid_worker',
  'community_staff',
  'unit_contact',
  'committee_member',
  'street_staff',
  'admin',
] as const
export type Role = (typeof Roles)[number]

export const RoleLabels: Record<Role, string> = {
  resident: '居民',
  volunteer: '志愿者',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  unit_contact: '共建单位联系人',
  committee_member: '大党委委员',
  street_staff: '街道工作人员',
  admin: '管理员',
}

export interface RoleGrant {
  role: Role
  /** The street the grant belongs to (street staff; derived for community grants). */
  streetId?: string
  communityId?: string
  /** Grid workers: the grids they own. */
  gridIds?: string[]
  /** Unit contacts and committee members: their co-building unit. */
  unitId?: string
}

/**
 * Where a 双报到 registration stands. `revoked`: the community took the volunteer role away;
 * the person may register again.
 */
export const VolunteerStatuses = ['pending', 'verified', 'rejected', 'revoked'] as const
export type VolunteerStatus = (typeof VolunteerStatuses)[number]

export const VolunteerStatusLabels: Record<VolunteerStatus, string> = {
  pending: '报到审核中',
  verified: '已认证志愿者',
  rejected: '报到未通过',
  revoked: '志愿者资格已撤销',
}

/** What the rules need of a person's registration: its status and community. */
export interface VolunteerStanding {
  status: VolunteerStatus
  communityId: string
}

/** Who is acting: resolved from the WeChat OPENID by the function, never from the payload. */
export interface Actor {
  userId: string
  openid: string
  name: string
  grants: RoleGrant[]
  /**
   * Their volunteer registration (null: none). A volunteer grant counts only together with a
   * registration verified for the same community (org/assignee.ts).
   */
  volunteer?: VolunteerStanding | null
}

export const hasRole = (actor: Actor, role: Role): boolean => actor.grants.some((g) => g.role === role)

export const isAdmin = (actor: Actor): boolean => hasRole(actor, 'admin')

/** Community staff of `communityId` (admins count everywhere). */
export function isStaffOf(actor: Actor, communityId: string): boolean {
  return isAdmin(actor) || actor.grants.some((g) => g.role === 'community_staff' && g.communityId === communityId)
}

/** Street staff of `streetId` (admins count everywhere). */
export function isStreetStaffOf(actor: Actor, streetId: string): boolean {
  return isAdmin(actor) || actor.grants.some((g) => g.role === 'street_staff' && g.streetId === streetId)
}

export function isGridWorkerOf(actor: Actor, gridId: string): boolean {
  return actor.grants.some((g) => g.role === 'grid_worker' && (g.gridIds ?? []).includes(gridId))
}

export function isVolunteerIn(actor: Actor, communityId: string): boolean {
  return actor.grants.some((g) => g.role === 'volunteer' && g.communityId === communityId)
}

export function unitIdsOf(actor: Actor): string[] {
  return actor.grants.filter((g) => g.role === 'unit_contact' && g.unitId).map((g) => g.unitId!)
}
