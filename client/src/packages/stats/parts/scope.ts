/**
 * The place a dashboard looks at, as the stats functions take it (one of communityId,
 * streetId, gridId), and where each role starts: community staff and committee members on
 * their community, street staff on their street, an admin on the first street.
 */
import type { Role, RoleGrant } from '@honglin/shared'

export type StatsScope = { communityId: string } | { streetId: string } | { gridId: string }

export interface ScopeLevel {
  level: 'street' | 'community' | 'grid'
  id: string
}

export const scopeOf = ({ level, id }: ScopeLevel): StatsScope =>
  level === 'street' ? { streetId: id } : level === 'community' ? { communityId: id } : { gridId: id }

/** Where the active role starts; undefined for an admin until the streets are known. */
export function homeScope(role: Role, grants: readonly RoleGrant[]): ScopeLevel | undefined {
  const grant = grants.find((g) => g.role === role)
  if ((role === 'community_staff' || role === 'committee_member') && grant?.communityId)
    return { level: 'community', id: grant.communityId }
  if (role === 'street_staff' && grant?.streetId) return { level: 'street', id: grant.streetId }
  return undefined
}

/** The scope and period as a page's query (`communityId=…&from=…&to=…`). */
export function scopeQuery(scope: StatsScope, range: { from: string; to: string }): string {
  const [[field, id]] = Object.entries(scope) as [[string, string]]
  return `${field}=${encodeURIComponent(id)}&from=${range.from}&to=${range.to}`
}

/** The scope a page was opened with (the query `scopeQuery` wrote), if any. */
export function scopeFromQuery(q: Record<string, string | undefined>): StatsScope | undefined {
  if (q.gridId) return { gridId: q.gridId }
  if (q.communityId) return { communityId: q.communityId }
  if (q.streetId) return { streetId: q.streetId }
  return undefined
}
