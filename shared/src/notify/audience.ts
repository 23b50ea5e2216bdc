/**
 * Who an announcement is for, as audience keys stored on the event row: `user:<userId>`,
 * `staff:<communityId>` (its community staff), `street:<streetId>` (its street staff),
 * `unit:<unitId>` (the unit's contacts, who act for it), `volunteers:<communityId>` (the
 * community's volunteers, e.g. a new reward in its mall). Keys are computed from the demand and
 * the grants alone, never looked up: publishing costs one insert, and a person's inbox is one
 * query for the events whose audience holds one of their own keys.
 */
import type { RoleGrant } from '../roles'

export type AudienceKey = `${'user' | 'staff' | 'street' | 'unit' | 'volunteers'}:${string}`

export const userKey = (userId: string): AudienceKey => `user:${userId}`
export const staffKey = (communityId: string): AudienceKey => `staff:${communityId}`
export const streetKey = (streetId: string): AudienceKey => `street:${streetId}`
export const unitKey = (unitId: string): AudienceKey => `unit:${unitId}`
/**
 * A community's volunteers, however many: read in their inboxes only. `parseAudienceKey` does
 * not know it, so the subscribe-message queue never expands it into every volunteer; an
 * announcement to it costs one insert whatever the community's size.
 */
export const communityVolunteersKey = (communityId: string): AudienceKey => `volunteers:${communityId}`

/** The people a demand's transition can concern. */
export type Party = 'owner' | 'creator' | 'assignee' | 'staff'

/** The fields of a demand its parties come from. */
export interface PartiesOf {
  ownerId: string
  createdBy: string
  communityId: string
  assignee?: { type: 'volunteer' | 'unit'; id: string } | null
  /** Co-reporters, told what the owner is told. */
  followers?: readonly string[]
}

/**
 * The audience of a message to `parties` of `demand`, without the actor's own `user:` key (the
 * caller is never told about their own action; a staff actor still shares `staff:` with their
 * colleagues, so readers also leave out events whose `actorId` is theirs).
 */
export function audienceOf(demand: PartiesOf, parties: readonly Party[], actorId?: string): AudienceKey[] {
  const keys = new Set<AudienceKey>()
  for (const party of parties) {
    if (party === 'owner' && demand.ownerId) keys.add(userKey(demand.ownerId))
    if (party === 'owner') for (const f of demand.followers ?? []) keys.add(userKey(f))
    if (party === 'creator' && demand.createdBy) keys.add(userKey(demand.createdBy))
    if (party === 'staff' && demand.communityId) keys.add(staffKey(demand.communityId))
    const a = party === 'assignee' ? demand.assignee : undefined
    if (a?.id) keys.add(a.type === 'unit' ? unitKey(a.id) : userKey(a.id))
  }
  if (actorId) keys.delete(userKey(actorId))
  return [...keys]
}

/** The keys whose events reach a user: their own, and one per staff, unit-contact or volunteer grant. */
export function keysOfUser(userId: string, grants: readonly RoleGrant[] = []): AudienceKey[] {
  const keys = new Set<AudienceKey>([userKey(userId)])
  for (const g of grants) {
    if (g.role === 'community_staff' && g.communityId) keys.add(staffKey(g.communityId))
    if (g.role === 'street_staff' && g.streetId) keys.add(streetKey(g.streetId))
    if (g.role === 'unit_contact' && g.unitId) keys.add(unitKey(g.unitId))
    if (g.role === 'volunteer' && g.communityId) keys.add(communityVolunteersKey(g.communityId))
  }
  return [...keys]
}

export interface ParsedKey {
  kind: 'user' | 'staff' | 'street' | 'unit'
  id: string
}

/** A stored key's kind and id; undefined for anything else. */
export function parseAudienceKey(key: string): ParsedKey | undefined {
  const match = /^(user|staff|street|unit):(.+)$/.exec(key)
  return match ? { kind: match[1] as ParsedKey['kind'], id: match[2]! } : undefined
}

/** Whether a user holding `grants` is reached by `key` (the queue checks each holder it found). */
export function grantReaches(grant: RoleGrant, key: ParsedKey): boolean {
  if (key.kind === 'staff') return grant.role === 'community_staff' && grant.communityId === key.id
  if (key.kind === 'street') return grant.role === 'street_staff' && grant.streetId === key.id
  if (key.kind === 'unit') return grant.role === 'unit_contact' && grant.unitId === key.id
  return false
}
