/**
 * Storing a new demand, shared by `create` and `createOnBehalf`. Idempotent through the
 * unique index `request` {createdBy, requestId}: the insert of a retried request fails on the
 * duplicate key and the demand stored by the first attempt is answered, so even two retries
 * racing each other leave one demand. The normal path pays no extra lookup for this.
 */
import { AppError, type contract, type Demand } from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { Collections, getDoc, type Db } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { isDuplicateKey } from '../_runtime/transaction'
import { compact } from '../_runtime/transition'

export interface GridDoc {
  _id: string
  communityId: string
  streetId: string
  name: string
}

/** The grid a demand is for: it decides the community and street that handle it. */
export async function gridOf(db: Db, gridId: string): Promise<GridDoc> {
  const grid = await getDoc<GridDoc>(db, Collections.grids, gridId)
  if (!grid) throw new AppError('INVALID_INPUT', '所选网格不存在', { gridId: '所选网格不存在' })
  return grid
}

export interface NewDemand {
  input: contract.DemandCreateInput
  grid: GridDoc
  ownerId: string
  /** Timeline note, e.g. who a grid worker ordered for. */
  note?: string
}

/** Answers the stored demand and whether this call created it (false: a retry). */
export async function insertDemand(ctx: ActionContext, spec: NewDemand): Promise<{ demand: Demand; created: boolean }> {
  const { input, grid } = spec
  const demand: Omit<Demand, '_id'> = compact({
    kind: input.kind,
    category: input.category,
    title: input.title,
    detail: input.detail,
    photos: input.photos,
    address: input.address,
    streetId: grid.streetId,
    communityId: grid.communityId,
    gridId: grid._id,
    urgency: input.urgency,
    preferredTime: input.preferredTime || undefined,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    ownerId: spec.ownerId,
    createdBy: ctx.actor.userId,
    requestId: input.requestId,
    status: 'submitted',
    createdAt: ctx.now,
    updatedAt: ctx.now,
    timeline: [
      compact({ at: ctx.now, action: 'create', to: 'submitted', actorId: ctx.actor.userId, actorName: ctx.actor.name, note: spec.note }),
    ],
    version: 1,
  })
  const demands = ctx.db.collection(Collections.demands)
  try {
    const res = await demands.add({ data: demand })
    return { demand: { ...demand, _id: res._id as string }, created: true }
  } catch (error) {
    if (!isDuplicateKey(error)) throw error
    const res = await demands.where({ createdBy: ctx.actor.userId, requestId: input.requestId }).limit(1).get()
    const existing = res.data[0] as Demand | undefined
    if (!existing) throw error
    return { demand: existing, created: false }
  }
}

/** New demands go to the community's staff for triage (受理). */
export const NEW_FOR_STAFF = { type: 'demand.submitted', title: '有新的点单待受理' }

export async function announceNew(ctx: ActionContext, demand: Demand): Promise<void> {
  await announce(ctx, demand, ['staff'], NEW_FOR_STAFF)
}
