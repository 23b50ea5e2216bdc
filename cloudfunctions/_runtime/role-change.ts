/**
 * Writing a change to someone's roles: one transaction reads the user, writes their grants
 * (and volunteer registration) whole, keeps their 大党委 row in step with a committee grant
 * and appends the audit entry. Either all of it commits or none of it does; two changes of
 * one user at once serialize (the loser runs again on a fresh read and typically finds the
 * change already made), so a user never ends up with two grants of one key.
 */
import { AppError, type AuditSpec, type RoleGrant, type VolunteerRegistration } from '@honglin/shared'
import type { UserDoc } from './actor'
import { appendAudit } from './audit'
import { Collections, docById, type Db } from './db'
import type { ActionContext } from './function'
import { withTransaction } from './transaction'

export interface CommitteeRow {
  _id: string
  communityId: string
  userId: string
  unitId?: string
  title?: string
}

export interface RoleTarget {
  userId: string
  /** The user's committee row in `communityId`: where it is, or where a new one goes. */
  committee?: { communityId: string; rowId: string }
  /** Also read the caller's own document, and let the change write it. */
  withCaller?: boolean
}

export interface RoleRead {
  tx: Db
  user: UserDoc
  /** The committee row, when the target names one (null: there is none). */
  committeeRow?: CommitteeRow | null
  caller?: UserDoc
}

export interface RoleWrite<T> {
  /** The user's grants after the change, written whole; absent: unchanged. */
  grants?: RoleGrant[]
  /** The registration after the change, written whole; absent: unchanged. */
  volunteer?: VolunteerRegistration
  /** Whether the user sits on the committee of the target's community afterwards. */
  committee?: { present: boolean; unitId?: string }
  /**
   * Write the caller's document too. Two admins revoking each other at once then write the
   * same two documents, so only one of them commits and an admin always remains.
   */
  touchCaller?: boolean
  audit?: AuditSpec
  answer: T
}

/** Lost races retried beyond the transaction's own attempts: ten identical grants at once all answer. */
const ROUNDS = 3

export async function changeRoles<T>(
  ctx: ActionContext,
  target: RoleTarget,
  decide: (read: RoleRead) => RoleWrite<T> | Promise<RoleWrite<T>>,
): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await withTransaction(ctx.db, (tx) => changeIn(ctx, tx, target, decide))
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'CONFLICT') || round >= ROUNDS) throw error
    }
  }
}

async function changeIn<T>(
  ctx: ActionContext,
  tx: Db,
  target: RoleTarget,
  decide: (read: RoleRead) => RoleWrite<T> | Promise<RoleWrite<T>>,
): Promise<T> {
  const [user, committeeRow, caller] = await Promise.all([
    docById<UserDoc>(tx, Collections.users, target.userId),
    target.committee ? docById<CommitteeRow>(tx, Collections.committee, target.committee.rowId) : undefined,
    target.withCaller ? docById<UserDoc>(tx, Collections.users, ctx.actor.userId) : undefined,
  ])
  if (!user) throw new AppError('NOT_FOUND', '找不到该用户')
  const write = await decide({ tx, user, committeeRow: target.committee ? (committeeRow ?? null) : undefined, caller })

  const _ = ctx.db.command
  const users = tx.collection(Collections.users)
  const patch: Record<string, unknown> = {}
  if (write.grants) patch.grants = _.set(write.grants)
  if (write.volunteer) patch.volunteer = _.set(write.volunteer)
  if (Object.keys(patch).length > 0) await users.doc(user._id).update({ data: { ...patch, updatedAt: ctx.now } })
  if (write.touchCaller) await users.doc(ctx.actor.userId).update({ data: { updatedAt: ctx.now } })
  if (target.committee && write.committee) await seat(ctx, tx, target.committee, user._id, committeeRow, write.committee)
  if (write.audit) await appendAudit(tx, ctx, write.audit)
  return write.answer
}

/** Puts the committee row where the grants say it belongs; repairs a row a crash left behind or lost. */
async function seat(
  ctx: ActionContext,
  tx: Db,
  where: { communityId: string; rowId: string },
  userId: string,
  row: CommitteeRow | undefined,
  want: { present: boolean; unitId?: string },
): Promise<void> {
  const rows = tx.collection(Collections.committee)
  if (!want.present) {
    if (row) await rows.doc(where.rowId).remove()
    return
  }
  const unit = want.unitId ? { unitId: want.unitId } : {}
  if (!row) {
    await rows.doc(where.rowId).set({ data: { communityId: where.communityId, userId, ...unit, title: '委员', createdAt: ctx.now } })
  } else if (want.unitId && row.unitId !== want.unitId) {
    // Keep the row and its title (书记, 兼职委员…); only the unit follows the grant.
    await rows.doc(where.rowId).update({ data: { unitId: want.unitId, updatedAt: ctx.now } })
  }
}
