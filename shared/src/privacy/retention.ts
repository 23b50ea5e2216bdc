/**
 * Keeping personal data no longer than needed. When a demand has ended (closed, rejected,
 * cancelled, merged) and a community's retention period has passed, its contact details are
 * erased: contact name and phone emptied, the address cut to its masked form, phone and house
 * numbers starred in every free text, the resident's name shortened. What was asked and done
 * stays, for the ledger (台账). A deleted account is anonymised the same way, at once.
 */
import { maskAddress, maskName } from '../demand/visibility'
import { FinalStatuses, type Demand, type TimelineEntry } from '../demand/types'
import type { CommunityPrivacySettings } from './limits'
import { maskFreeText } from './mask'

export const DEFAULT_RETENTION_DAYS = 180
const MAX_RETENTION_DAYS = 3650
const DAY_MS = 24 * 3600 * 1000

/** Stands for a person whose account was deleted, wherever their name was. */
export const DELETED_USER_NAME = '已注销用户'

/** The community's retention period in days (a missing or malformed setting: the default). */
export function retentionDaysOf(community: CommunityPrivacySettings | undefined): number {
  const days = community?.retentionDays
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS ? days : DEFAULT_RETENTION_DAYS
}

/** Demands that ended before this moment are due. */
export function retentionCutoff(now: number, days: number): number {
  return now - days * DAY_MS
}

/**
 * Ended demands stay unchanged after they end, so `updatedAt` is when they ended; erasure
 * does not touch it.
 */
export function isDueForErasure(demand: Pick<Demand, 'status' | 'updatedAt' | 'contactErasedAt'>, now: number, days: number): boolean {
  return FinalStatuses.includes(demand.status) && !demand.contactErasedAt && demand.updatedAt < retentionCutoff(now, days)
}

/** The demand fields erasure or anonymisation rewrites. */
export type DemandPatch = Partial<
  Pick<
    Demand,
    | 'title'
    | 'detail'
    | 'address'
    | 'contactName'
    | 'contactPhone'
    | 'preferredTime'
    | 'rejectReason'
    | 'timeline'
    | 'completion'
    | 'rating'
    | 'assignee'
    | 'contactErasedAt'
  >
>

/** Only what differs from `demand` (absent values are never written: they would remove a field). */
function changes(demand: Demand, next: DemandPatch): DemandPatch {
  const patch: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue
    if (JSON.stringify(value) !== JSON.stringify((demand as unknown as Record<string, unknown>)[key])) patch[key] = value
  }
  return patch as DemandPatch
}

/** Names the resident went by on this demand: the contact, and their own timeline entries. */
function ownerNames(demand: Demand): string[] {
  return [demand.contactName, ...demand.timeline.filter((e) => e.actorId === demand.ownerId).map((e) => e.actorName)]
}

/** Masking twice must not grow the address ("新园里****" stays as it is). */
const erasedAddress = (address: string) => (address.endsWith('****') ? address : maskAddress(address))

/** Rewrites every free text of the demand with `text`. */
function rewriteTexts(demand: Demand, text: (s: string) => string, entry: (e: TimelineEntry) => TimelineEntry): DemandPatch {
  return {
    title: text(demand.title),
    detail: text(demand.detail),
    preferredTime: demand.preferredTime === undefined ? undefined : text(demand.preferredTime),
    rejectReason: demand.rejectReason === undefined ? undefined : text(demand.rejectReason),
    timeline: demand.timeline.map((e) => entry(e.note === undefined ? e : { ...e, note: text(e.note) })),
    completion: demand.completion && { ...demand.completion, note: text(demand.completion.note) },
    rating:
      demand.rating && (demand.rating.comment === undefined ? demand.rating : { ...demand.rating, comment: text(demand.rating.comment) }),
  }
}

/** Retention: the fields to write so the demand keeps no contact details (empty when nothing is left to erase). */
export function erasedContact(demand: Demand, now: number): DemandPatch {
  const names = ownerNames(demand)
  return changes(demand, {
    ...rewriteTexts(
      demand,
      (s) => maskFreeText(s, names),
      (e) => (e.actorId === demand.ownerId ? { ...e, actorName: maskName(e.actorName) } : e),
    ),
    contactName: '',
    contactPhone: '',
    address: erasedAddress(demand.address),
    contactErasedAt: demand.contactErasedAt ?? now,
  })
}

function replaceNames(text: string, names: string[]): string {
  return names.reduce((s, name) => s.split(name).join(DELETED_USER_NAME), text)
}

/**
 * Account deletion: the fields to write so `user` no longer shows on `demand`. On their own
 * demands the contact details are erased and their name becomes "已注销用户"; on demands they
 * entered for someone else or worked on, only their name is replaced.
 */
export function anonymisedFor(demand: Demand, user: { id: string; name: string }, now: number): DemandPatch {
  const own = demand.ownerId === user.id
  const names = [...new Set([user.name, ...(own ? ownerNames(demand) : [])])].filter(
    (n) => n && n.trim().length >= 2 && n !== DELETED_USER_NAME,
  )
  const text = (s: string) => replaceNames(own ? maskFreeText(s) : s, names)
  const entry = (e: TimelineEntry) => (e.actorId === user.id ? { ...e, actorName: DELETED_USER_NAME } : e)
  const assignee = demand.assignee
  return changes(demand, {
    ...rewriteTexts(demand, text, entry),
    assignee: assignee?.type === 'volunteer' && assignee.id === user.id ? { ...assignee, name: DELETED_USER_NAME } : undefined,
    ...(own
      ? {
          contactName: DELETED_USER_NAME,
          contactPhone: '',
          address: erasedAddress(demand.address),
          contactErasedAt: demand.contactErasedAt ?? now,
        }
      : {}),
  })
}
