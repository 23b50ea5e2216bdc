/**
 * The 双报到 registration and the `volunteer` grant never disagree: a person has a volunteer
 * grant for a community exactly when their one registration is verified for it. Each change
 * below is written together with the grants it implies, in one write.
 */
import type { VolunteerRegistration } from '../contract/results'
import { AppError } from '../errors'
import type { RoleGrant } from '../roles'
import { withGrant } from './grants'

/** The registration without an earlier decision (a new application, or a decision to come). */
function undecided(r: VolunteerRegistration): VolunteerRegistration {
  const { decidedAt: _at, decidedBy: _by, reason: _reason, ...rest } = r
  return rest
}

/**
 * The registration once staff make the person a volunteer of `communityId` (by verifying it,
 * or by granting the role); undefined when it already is. A person registered in another
 * community (waiting or verified) belongs to that community's staff: INVALID_STATE.
 */
export function verifiedRegistration(
  current: VolunteerRegistration | undefined | null,
  communityId: string,
  decision: { at: number; by: string },
): VolunteerRegistration | undefined {
  if (current && current.communityId !== communityId && (current.status === 'pending' || current.status === 'verified')) {
    throw new AppError('INVALID_STATE', '该用户已在其他社区报到为志愿者')
  }
  if (current?.communityId === communityId && current.status === 'verified') return undefined
  const base: VolunteerRegistration =
    current?.communityId === communityId
      ? undecided(current)
      : { status: 'verified', skills: [], isPartyMember: false, communityId, appliedAt: decision.at }
  return { ...base, status: 'verified', decidedAt: decision.at, decidedBy: decision.by }
}

/** The registration once the volunteer role of `communityId` is taken away; undefined: nothing to mark. */
export function revokedRegistration(
  current: VolunteerRegistration | undefined | null,
  communityId: string,
  decision: { at: number; by: string },
): VolunteerRegistration | undefined {
  if (!current || current.communityId !== communityId || current.status !== 'verified') return undefined
  return { ...undecided(current), status: 'revoked', decidedAt: decision.at, decidedBy: decision.by }
}

/**
 * `grants` with the volunteer grant `grant` as the only one: a person is the volunteer of the
 * one community their registration names.
 */
export function withVolunteerGrant(grants: readonly RoleGrant[], grant: RoleGrant): { grants: RoleGrant[]; changed: boolean } {
  const kept = grants.filter((g) => g.role !== 'volunteer' || g.communityId === grant.communityId)
  const next = withGrant(kept, grant)
  return { grants: next.grants, changed: next.changed || kept.length !== grants.length }
}
