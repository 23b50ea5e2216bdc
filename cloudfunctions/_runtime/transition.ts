/**
 * Applying one transition of the demand's state machine (shared/demand/machine.ts): ask the
 * machine, check the user's text and photos, append the timeline entry and write conditionally on the
 * version read, in one round trip. A lost race writes nothing and answers CONFLICT (or the
 * code the caller names, e.g. ALREADY_CLAIMED).
 */
import {
  AppError,
  availableActions,
  decide,
  loadChanges,
  present,
  slaFields,
  viewOf,
  type Actor,
  type Demand,
  type DemandAction,
  type DemandStatus,
  type ErrorCode,
  type TimelineEntry,
} from '@honglin/shared'
import { checkImages, checkText } from './content'
import { writeDemandIfUnchanged, type Db } from './db'
import type { ActionContext } from './function'

/**
 * The status `action` leads to, or the error: someone who may not even see the demand gets
 * NOT_FOUND (as from `get`), so neither its existence nor its state is revealed to them.
 */
export function authorize(actor: Actor, action: DemandAction, demand: Demand): DemandStatus {
  const decision = decide(actor, action, demand)
  if (decision.allowed) return decision.to
  if (viewOf(actor, demand) === 'none') throw new AppError('NOT_FOUND', '找不到该点单')
  throw new AppError(decision.code)
}

/** Demand fields an action changes besides status and timeline; `undefined` removes a field. */
export type DemandChanges = { [K in keyof Demand]?: Demand[K] | undefined }

export interface TransitionOptions {
  /** Recorded in the timeline entry; user text, so checked for content security first… */
  note?: string
  /** …unless the function composed it from text already stored (false). */
  checkNote?: boolean
  photos?: string[]
  /** The client's id for this entry, so a retry can find it (a progress note). */
  requestId?: string
  hours?: number
  changes?: DemandChanges
  /** Answered when another write got there first (default CONFLICT). */
  lostCode?: ErrorCode
}

/** Runs `action` on `demand` as `ctx.actor`; answers the demand as written. */
export async function transition(
  ctx: ActionContext,
  demand: Demand,
  action: DemandAction,
  options: TransitionOptions = {},
): Promise<Demand> {
  const to = authorize(ctx.actor, action, demand)
  if (options.checkNote !== false) await checkText(ctx, options.note)
  if (options.photos?.length) await checkImages(ctx, options.photos)
  const entry = compact<TimelineEntry>({
    at: ctx.now,
    action,
    from: demand.status,
    to,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.name,
    note: options.note || undefined,
    photos: options.photos?.length ? options.photos : undefined,
    hours: options.hours,
    requestId: options.requestId,
  })
  const changes: DemandChanges = { ...options.changes, status: to, updatedAt: ctx.now }
  // The deadline of the stage it now waits in, in the same write: an item that moved on is no
  // longer overdue, and the SLA timer finds it again only when its new deadline passes.
  Object.assign(changes, slaChanges(demand, applyChanges(demand, changes, entry), ctx.now))
  // What it leaves the settle timer (a load counter to move, a close to record and pay) is
  // marked in the same write, so it is owed exactly when the transition happened.
  Object.assign(changes, settleChanges(demand, applyChanges(demand, changes, entry), ctx.now))
  const next = applyChanges(demand, changes, entry)
  const outcome = await writeDemandIfUnchanged(ctx.db, demand, toPatch(ctx.db, changes, entry))
  if (outcome === 'lost') throw new AppError(options.lostCode ?? 'CONFLICT')
  return next
}

/** The SLA fields of `next` that differ from what `demand` stored (`undefined`: remove). */
export function slaChanges(demand: Demand, next: Demand, now: number): DemandChanges {
  const fields = slaFields(next, now)
  const changes: DemandChanges = {}
  for (const key of ['sla', 'wakeAt', 'overdue'] as const) {
    if (JSON.stringify(fields[key]) !== JSON.stringify(demand[key])) changes[key] = fields[key] as never
  }
  return changes
}

/**
 * `settleAt` when `next` owes the settle timer work. Written even when the demand already
 * waited (with its first time, so oldest goes first): the timer may have settled it between
 * this read and this write, since settling leaves the version alone.
 */
export function settleChanges(demand: Demand, next: Demand, now: number): DemandChanges {
  return next.outbox || loadChanges(demand, next) ? { settleAt: demand.settleAt ?? now } : {}
}

function applyChanges(demand: Demand, changes: DemandChanges, entry: TimelineEntry): Demand {
  const next: Demand = { ...demand, timeline: [...demand.timeline, entry], version: demand.version + 1 }
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete (next as unknown as Record<string, unknown>)[key]
    else (next as unknown as Record<string, unknown>)[key] = value
  }
  return next
}

/**
 * The update document: sub-documents are replaced whole (`_.set`; a plain object would be
 * merged field by field into what is stored), absent values removed, the entry appended.
 */
export function toPatch(db: Db, changes: DemandChanges, entry?: TimelineEntry): Record<string, unknown> {
  const _ = db.command
  const patch: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) patch[key] = _.remove()
    else if (value !== null && typeof value === 'object' && !Array.isArray(value)) patch[key] = _.set(compact(value as object))
    else patch[key] = value
  }
  if (entry) patch.timeline = _.push([entry])
  return patch
}

/** A copy without undefined fields (the wire format has no `undefined`). */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

export type DemandView = Demand & { availableActions: DemandAction[] }

/** The demand as `actor` may see it, with what they may do next (the client's buttons). */
export function viewFor(actor: Actor, demand: Demand): DemandView {
  const view = viewOf(actor, demand)
  if (view === 'none') throw new AppError('NOT_FOUND', '找不到该点单')
  return { ...present(withoutBookkeeping(demand), view), availableActions: availableActions(actor, demand) }
}

/** The settle timer's fields are for the timer: `loadOf` names a volunteer masked views hide. */
function withoutBookkeeping(demand: Demand): Demand {
  const { loadOf: _load, outbox: _outbox, settleAt: _settle, ...rest } = demand
  return rest
}

/**
 * After an action that ends the caller's part (a volunteer who declined): the view if they
 * still have one, else just what they need to update their list.
 */
export function viewAfter(actor: Actor, demand: Demand): DemandView | Pick<Demand, '_id' | 'status' | 'version'> {
  if (viewOf(actor, demand) === 'none') return { _id: demand._id, status: demand.status, version: demand.version }
  return viewFor(actor, demand)
}
