/**
 * Who sees a demand, and how much. Contact details, photos and what the resident wrote are
 * personal data: the owner, community staff, street staff and the grid worker of the demand's
 * grid see them; a volunteer or unit sees them only while the demand is assigned to them and
 * not finished; volunteers browsing the task hall see a masked view; anyone else sees nothing.
 */
import type { Actor } from '../roles'
import { maskFreeText } from '../privacy/mask'
import { relationsOf } from './machine'
import type { Demand, DemandStatus, TimelineEntry } from './types'

export type View = 'full' | 'masked' | 'none'

const ASSIGNED_STATUSES: readonly DemandStatus[] = ['dispatched', 'in_progress', 'done', 'reviewed']

export function viewOf(actor: Actor, demand: Demand): View {
  const r = relationsOf(actor, demand)
  if (r.has('owner') || r.has('creator') || r.has('staff') || r.has('street') || r.has('grid_worker')) return 'full'
  if (r.has('assignee')) return ASSIGNED_STATUSES.includes(demand.status) ? 'full' : 'masked'
  if (r.has('hall_volunteer') && demand.status === 'open') return 'masked'
  // A co-reporter follows the progress of what she reported, not the other resident's details.
  if (demand.followers?.includes(actor.userId)) return 'masked'
  return 'none'
}

/** 13812345678 → 138****5678; shorter numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`
}

/**
 * Keeps the part before the first house number (the compound or street) and hides the rest;
 * an address that starts with a number keeps nothing, so no number ever shows.
 */
export function maskAddress(address: string): string {
  const cut = address.search(/\d/)
  const kept = cut >= 0 ? address.slice(0, cut) : address.slice(0, Math.min(4, address.length))
  return `${kept}****`
}

export function maskName(name: string): string {
  if (name.length <= 1) return name
  return `${name[0]}${'*'.repeat(Math.min(2, name.length - 1))}`
}

/**
 * The demand as `view` allows; `none` should have been answered NOT_FOUND before this. A
 * masked view keeps what is asked, where roughly, and what happened when; it leaves out or
 * masks everything that points at a person: contact details, phone and house numbers and the
 * resident's name in free text, photos (only their number), and other people's user ids.
 */
export function present(demand: Demand, view: View): Demand {
  if (view === 'full') return demand
  const names = [demand.contactName, ...demand.timeline.filter((e) => e.actorId === demand.ownerId).map((e) => e.actorName)]
  const text = (s: string) => maskFreeText(s, names)
  // `loadOf` names the volunteer it is counted for, as `declinedBy` names those who declined.
  const { declinedBy: _declined, consent: _consent, loadOf: _load, followers, ...rest } = demand
  const masked: Demand = {
    ...rest,
    title: text(demand.title),
    detail: text(demand.detail),
    photos: [],
    photoCount: demand.photos.length,
    contactName: maskName(demand.contactName),
    contactPhone: maskPhone(demand.contactPhone),
    address: maskAddress(demand.address),
    ownerId: '',
    createdBy: '',
    requestId: '',
    timeline: demand.timeline.map((e) => maskedEntry(e, text)),
  }
  if (demand.preferredTime !== undefined) masked.preferredTime = text(demand.preferredTime)
  if (demand.rejectReason !== undefined) masked.rejectReason = text(demand.rejectReason)
  if (demand.rating)
    masked.rating = demand.rating.comment === undefined ? demand.rating : { ...demand.rating, comment: text(demand.rating.comment) }
  if (demand.completion) {
    const { note, photos, hours, at } = demand.completion
    masked.completion = { note: text(note), photos: [], photoCount: photos.length, hours, at }
  }
  if (demand.assignee) {
    // A unit is an organisation, not a person: its id stays. A volunteer's does not.
    const { workerUserId: _worker, ...assignee } = demand.assignee
    masked.assignee = { ...assignee, id: assignee.type === 'unit' ? assignee.id : '', assignedBy: '' }
  }
  if (demand.hall) masked.hall = { ...demand.hall, publishedBy: '' }
  // Who else follows is nobody else's business; how many is.
  if (followers?.length) masked.followerCount = followers.length
  return masked
}

/** A timeline entry in a masked view: what happened and when, names shortened, notes masked, photos counted. */
function maskedEntry(e: TimelineEntry, text: (s: string) => string): TimelineEntry {
  const entry: TimelineEntry = { at: e.at, action: e.action, to: e.to, actorId: '', actorName: maskName(e.actorName) }
  if (e.from !== undefined) entry.from = e.from
  if (e.note !== undefined) entry.note = text(e.note)
  if (e.photos?.length) entry.photoCount = e.photos.length
  if (e.hours !== undefined) entry.hours = e.hours
  return entry
}
