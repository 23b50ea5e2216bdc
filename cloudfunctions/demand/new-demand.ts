/**
 * Storing a new demand, shared by `create` and `createOnBehalf`, as one transaction: the
 * demand, the day's counter of the person ordering (daily limits), a new offline resident's
 * account (代办) and the resident's consent. All or nothing: a refused or failed create leaves
 * no account behind and counts nothing.
 *
 * Idempotent through the unique index `request` {createdBy, requestId}: a retried request's
 * insert fails on the duplicate key, its transaction writes nothing, and the demand stored by
 * the first attempt is answered, so even racing retries leave one demand, counted once. The
 * normal path pays no lookup for this; only a refused transaction (duplicate, limit reached,
 * conflict) looks for a stored demand before answering.
 */
import { randomBytes } from 'node:crypto'
import {
  AppError,
  type CommunityPrivacySettings,
  type PointsPolicy,
  DefaultPointsPolicy,
  type ConsentRecord,
  type contract,
  type Demand,
  type QuotaBucket,
  type SlaPolicy,
  dailyLimitsOf,
  slaFields,
  slaPolicyOf,
  slaTermsFor,
} from '@honglin/shared'
import { announce } from '../_runtime/announce'
import { Collections, getDoc, type Db } from '../_runtime/db'
import type { ActionContext } from '../_runtime/function'
import { reserveDailyQuota } from '../_runtime/quota'
import { isConflict, isDuplicateKey, withTransaction } from '../_runtime/transaction'
import { compact } from '../_runtime/transition'

export interface GridDoc {
  _id: string
  communityId: string
  streetId: string
  name: string
}

export interface CommunityDoc extends CommunityPrivacySettings {
  _id: string
  name?: string
  /** Its deadlines, as staff tuned them (org.setSlaPolicy); unset stages take the defaults. */
  slaPolicy?: Partial<SlaPolicy>
  /** The bounds of points per demand (none: the default policy). */
  pointsPolicy?: PointsPolicy
}

/** The grid a demand is for, and its community's settings (limits): they decide who handles it and how much one may order. */
export async function placeOf(db: Db, gridId: string): Promise<{ grid: GridDoc; community: CommunityDoc | undefined }> {
  const grid = await getDoc<GridDoc>(db, Collections.grids, gridId)
  if (!grid) throw new AppError('INVALID_INPUT', '所选网格不存在', { gridId: '所选网格不存在' })
  return { grid, community: await getDoc<CommunityDoc>(db, Collections.communities, grid.communityId) }
}

/** Who a demand is for, as one attempt to store it found them. */
export interface Owner {
  id: string
  name: string
  openid?: string
  /** A new offline resident's account, stored with the demand. */
  account?: { _id: string }
  /** Their acceptance of the privacy notice, when their user document does not hold it yet. */
  consent?: ConsentRecord
}

export interface NewDemand {
  input: contract.DemandCreateInput
  grid: GridDoc
  community: CommunityDoc | undefined
  /** Which daily count the create goes to. */
  bucket: QuotaBucket
  /** Recorded on the demand. */
  consent: ConsentRecord
  /** Asked on every attempt: a racing 代办 may have created the offline resident meanwhile. */
  owner: () => Promise<Owner>
  /** Timeline note, e.g. who a grid worker ordered for. */
  note?: (owner: Owner) => string
}

const REQUEST_REUSED = '请求编号已用于另一条点单，请重新打开表单提交'
const ATTEMPTS = 4

/** Answers the stored demand, whether this call created it (false: a retry) and its owner. */
export async function storeDemand(ctx: ActionContext, spec: NewDemand): Promise<{ demand: Demand; created: boolean; owner: Owner }> {
  for (let attempt = 1; ; attempt++) {
    const owner = await spec.owner()
    const demand = newDemand(ctx, spec, owner)
    try {
      await withTransaction(ctx.db, async (tx) => {
        // The counter is checked first and written last: past the limit nothing is staged, and
        // a retried request fails on the insert before its count is.
        const count = await reserveDailyQuota(tx, {
          userId: ctx.actor.userId,
          now: ctx.now,
          bucket: spec.bucket,
          use: { demands: 1, photos: demand.photos.length },
          limits: dailyLimitsOf(spec.community, spec.bucket),
        })
        await tx.collection(Collections.demands).add({ data: demand })
        await count()
        if (owner.account) await tx.collection(Collections.users).add({ data: owner.account })
        else if (owner.consent)
          await tx
            .collection(Collections.users)
            .doc(owner.id)
            .update({ data: { consent: ctx.db.command.set(owner.consent) } })
      })
      return { demand, created: true, owner }
    } catch (error) {
      if (!isRefusal(error)) throw error
      const stored = await storedByRequest(ctx.db, ctx.actor.userId, spec.input.requestId)
      if (stored) {
        if (stored.ownerId !== owner.id) throw new AppError('INVALID_INPUT', REQUEST_REUSED, { requestId: REQUEST_REUSED })
        return { demand: stored, created: false, owner }
      }
      if (error instanceof AppError && error.code === 'RATE_LIMITED') throw error
      if (attempt >= ATTEMPTS) throw error instanceof AppError ? error : new AppError('CONFLICT')
      // Another key than the request's (the same offline resident created by a racing call), or
      // a conflict on the counter with a create still under way: look again and retry.
      await pause(10 * attempt)
    }
  }
}

function newDemand(ctx: ActionContext, spec: NewDemand, owner: Owner): Demand {
  const demand = draftOf(ctx, spec, owner)
  // The community's deadlines are snapshotted onto the demand, so no later transition needs
  // to read the community to know them.
  demand.slaTerms = slaTermsFor(slaPolicyOf(spec.community), demand)
  // The points bounds likewise, for dispatch.assign and dispatch.publish.
  demand.pointsTerms = spec.community?.pointsPolicy ?? DefaultPointsPolicy
  return compact({ ...demand, ...slaFields(demand, ctx.now) })
}

function draftOf(ctx: ActionContext, spec: NewDemand, owner: Owner): Demand {
  const { input, grid } = spec
  return compact({
    // Chosen here so the demand can be stored inside the transaction with its id known.
    _id: randomBytes(16).toString('hex'),
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
    ownerId: owner.id,
    createdBy: ctx.actor.userId,
    requestId: input.requestId,
    status: 'submitted',
    consent: spec.consent,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    timeline: [
      compact({
        at: ctx.now,
        action: 'create',
        to: 'submitted',
        actorId: ctx.actor.userId,
        actorName: ctx.actor.name,
        note: spec.note?.(owner),
      }),
    ],
    version: 1,
  })
}

function isRefusal(error: unknown): boolean {
  if (error instanceof AppError) return error.code === 'RATE_LIMITED' || error.code === 'CONFLICT'
  return isDuplicateKey(error) || isConflict(error)
}

async function storedByRequest(db: Db, createdBy: string, requestId: string): Promise<Demand | undefined> {
  const res = await db.collection(Collections.demands).where({ createdBy, requestId }).limit(1).get()
  return res.data[0] as Demand | undefined
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms + Math.floor(Math.random() * ms)))

/** New demands go to the community's staff for triage (受理). */
export const NEW_FOR_STAFF = { type: 'demand.submitted', title: '有新的点单待受理' }

export async function announceNew(ctx: ActionContext, demand: Demand): Promise<void> {
  await announce(ctx, demand, ['staff'], NEW_FOR_STAFF)
}
