/**
 * Who sees a demand, and how much. Contact phone and exact address are personal data: the
 * owner, community staff, street staff and the grid worker of the demand's grid see them;
 * a volunteer or unit sees them only while the demand is assigned to them and not finished;
 * volunteers browsing the task hall see masked values; anyone else sees nothing.
 */
import type { Actor } from '../roles'
import { relationsOf } from './machine'
import type { Demand, DemandStatus } from './types'

export type View = 'full' | 'masked' | 'none'

const ASSIGNED_STATUSES: readonly DemandStatus[] = ['dispatched', 'in_progress', 'done', 'reviewed']

export function viewOf(actor: Actor, demand: Demand): View {
  const r = relationsOf(actor, demand)
  if (r.has('owner') || r.has('creator') || r.has('staff') || r.has('street') || r.has('grid_worker')) return 'full'
  if (r.has('assignee')) return ASSIGNED_STATUSES.includes(demand.status) ? 'full' : 'masked'
  if (r.has('hall_volunteer') && demand.status === 'open') return 'masked'
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

/** The demand as `view` allows; `none` should have been answered NOT_FOUND before this. */
export function present(demand: Demand, view: View): Demand {
  if (view === 'full') return demand
  return {
    ...demand,
    contactName: maskName(demand.contactName),
    contactPhone: maskPhone(demand.contactPhone),
    address: maskAddress(demand.address),
    requestId: '',
    // Entries name the resident who ordered and may quote them; a masked view keeps what
    // happened and when, with names masked and notes left out.
    timeline: demand.timeline.map(({ at, action, from, to, actorName }) => ({
      at,
      action,
      from,
      to,
      actorId: '',
      actorName: maskName(actorName),
    })),
  }
}
