/**
 * Who may read (list and verify) which chain. Community staff read their community's chain;
 * street staff the chain of a community of their street, and the entries of the `global`
 * chain that concern their street; admins every chain. Verifying needs the whole chain, so
 * the `global` chain is verified by admins only.
 */
import { AppError } from '../errors'
import { isAdmin, isStaffOf, isStreetStaffOf, type Actor } from '../roles'
import { GLOBAL_CHAIN } from './types'

export interface AuditScope {
  chain: string
  /** Only the entries concerning these streets (street staff reading the global chain). */
  streetIds?: string[]
}

/** Whether deciding needs the street of `communityId` (a street staff member asking for a community they are not staff of). */
export function needsCommunityStreet(actor: Actor, communityId: string | undefined): boolean {
  return Boolean(communityId) && !isStaffOf(actor, communityId!) && actor.grants.some((g) => g.role === 'street_staff')
}

/**
 * The chain `actor` reads for `communityId` (absent: their own scope); `communityStreetId` is
 * the street of `communityId` when `needsCommunityStreet` asked for it (undefined if there is
 * no such community). Throws FORBIDDEN for anyone else.
 */
export function auditScopeOf(
  actor: Actor,
  purpose: 'list' | 'verify',
  communityId: string | undefined,
  communityStreetId?: string,
): AuditScope {
  if (communityId) {
    if (isStaffOf(actor, communityId)) return { chain: communityId }
    if (communityStreetId && isStreetStaffOf(actor, communityStreetId)) return { chain: communityId }
    throw new AppError('FORBIDDEN', '您不能查看该社区的操作日志')
  }
  if (isAdmin(actor)) return { chain: GLOBAL_CHAIN }
  const own = actor.grants.find((g) => g.role === 'community_staff' && g.communityId)?.communityId
  if (own) return { chain: own }
  const streetIds = [...new Set(actor.grants.filter((g) => g.role === 'street_staff' && g.streetId).map((g) => g.streetId!))]
  if (streetIds.length > 0) {
    if (purpose === 'verify') throw new AppError('FORBIDDEN', '全局日志由管理员核验，请选择本街道的社区')
    return { chain: GLOBAL_CHAIN, streetIds }
  }
  throw new AppError('FORBIDDEN', '仅社区、街道工作人员和管理员可以查看操作日志')
}

/** The street an entry of the `global` chain concerns, if the spec says: its own field, a street target, or the detail's `streetId`. */
export function auditStreetOf(spec: {
  streetId?: string
  target: { type: string; id: string }
  detail?: Record<string, unknown>
}): string | undefined {
  if (spec.streetId) return spec.streetId
  if (spec.target.type === 'street') return spec.target.id
  const fromDetail = spec.detail?.streetId
  return typeof fromDetail === 'string' && fromDetail ? fromDetail : undefined
}
