/**
 * "我的数据" export: everything stored about a person, and nothing about anyone else. Their
 * own demands come whole, except other people's user ids (left out) and names (shortened);
 * demands they entered for someone else (代办) come as the masked view, with their own
 * timeline entries kept; notes and messages that quote someone's demand are masked.
 */
import { maskName, present } from '../demand/visibility'
import type { Demand, TimelineEntry } from '../demand/types'
import type { ConsentRecord } from './consent'
import { PRIVACY_VERSION } from './consent'
import { maskFreeText } from './mask'

/** Ids that are not a person's (the SLA timer). */
const SYSTEM_IDS = new Set(['system'])

function keepIf(id: string | undefined, userId: string): string {
  return id !== undefined && (id === userId || SYSTEM_IDS.has(id)) ? id : ''
}

/** One of the person's own demands (they are its owner). */
function ownDemand(demand: Demand, userId: string): Demand {
  const { declinedBy: _declined, loadOf: _load, ...rest } = demand
  const out: Demand = {
    ...rest,
    createdBy: keepIf(demand.createdBy, userId),
    timeline: demand.timeline.map((e) => {
      const mine = e.actorId === userId || SYSTEM_IDS.has(e.actorId)
      return mine ? e : { ...e, actorId: '', actorName: maskName(e.actorName) }
    }),
  }
  if (demand.consent) {
    const { by, ...consent } = demand.consent
    out.consent = by && by !== userId ? consent : demand.consent
  }
  if (demand.assignee) {
    const { workerUserId: _worker, ...a } = demand.assignee
    const person = a.type === 'volunteer' && a.id !== userId
    out.assignee = { ...a, id: person ? '' : a.id, name: person ? maskName(a.name) : a.name, assignedBy: keepIf(a.assignedBy, userId) }
  }
  if (demand.hall) out.hall = { ...demand.hall, publishedBy: keepIf(demand.hall.publishedBy, userId) }
  return out
}

/** A demand the person entered or worked on for someone else: the masked view, their own entries whole. */
function othersDemand(demand: Demand, userId: string): Demand {
  const masked = present(demand, 'masked')
  const timeline: TimelineEntry[] = masked.timeline.map((e, i) => {
    const original = demand.timeline[i]!
    return original.actorId === userId ? { ...e, actorId: userId, actorName: original.actorName } : e
  })
  return { ...masked, timeline }
}

export function exportedDemand(demand: Demand, userId: string): Demand {
  return demand.ownerId === userId ? ownDemand(demand, userId) : othersDemand(demand, userId)
}

export interface ExportSources {
  /** The person's user document as stored. */
  user: Record<string, unknown> & { _id: string }
  /** Demands they own or entered (each once). */
  demands: Demand[]
  ledger: { createdBy?: string; note?: string }[]
  notifications: { body?: string; title?: string }[]
  now: number
}

export interface ExportDocument {
  format: 'honglin-export'
  privacyVersion: string
  exportedAt: number
  user: Record<string, unknown>
  consents: { current?: ConsentRecord; demands: { demandId: string; consent: ConsentRecord }[] }
  demands: Demand[]
  ledger: Record<string, unknown>[]
  notifications: Record<string, unknown>[]
}

/** The user document as stored, less the ids of people who acted on it (who verified the registration, who created it). */
function exportedUser(user: ExportSources['user']): Record<string, unknown> {
  const out: Record<string, unknown> = { ...user }
  if (typeof out.createdBy === 'string') out.createdBy = keepIf(out.createdBy, user._id)
  const volunteer = out.volunteer as { decidedBy?: string } | undefined
  if (volunteer?.decidedBy) out.volunteer = { ...volunteer, decidedBy: keepIf(volunteer.decidedBy, user._id) }
  return out
}

/** The export file's content. */
export function buildExport({ user, demands, ledger, notifications, now }: ExportSources): ExportDocument {
  const userId = user._id
  const exported = demands.map((d) => exportedDemand(d, userId))
  return {
    format: 'honglin-export',
    privacyVersion: PRIVACY_VERSION,
    exportedAt: now,
    user: exportedUser(user),
    consents: {
      current: user.consent as ConsentRecord | undefined,
      demands: exported.filter((d) => d.ownerId === userId && d.consent).map((d) => ({ demandId: d._id, consent: d.consent! })),
    },
    demands: exported,
    ledger: ledger.map((e) => ({ ...e, createdBy: keepIf(e.createdBy, userId), ...(e.note ? { note: maskFreeText(e.note) } : {}) })),
    notifications: notifications.map((n) => ({ ...n, ...(n.body ? { body: maskFreeText(n.body) } : {}) })),
  }
}
