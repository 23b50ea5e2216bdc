/**
 * The audit log (操作日志): an append-only, hash-chained record of what changes trust —
 * role changes, closes, point awards and corrections, and every admin action. Each chain
 * (one per community, plus `global` for street/admin-wide acts) numbers its entries and links
 * each to the previous entry's hash, so a deleted or edited entry breaks the chain.
 */
export const AuditActions = [
  'role.grant',
  'role.revoke',
  'volunteer.verify',
  'demand.close',
  'points.award',
  'points.correction',
  'account.delete',
  'admin.action',
  'sla.policy',
  'mall.reward',
  'mall.handover',
  'mall.reissue',
  'project.award',
  'project.accept',
  'project.score_withdraw',
] as const
export type AuditAction = (typeof AuditActions)[number]

/** The chain of acts that belong to no community (street staff, admin). */
export const GLOBAL_CHAIN = 'global'

/** What an action asks to record; the runtime adds the chain fields. */
export interface AuditSpec {
  action: AuditAction
  /** The community whose chain the entry joins; absent: the `global` chain. */
  communityId?: string
  /**
   * The street an entry of the `global` chain concerns, so that street staff see it. When
   * absent it is taken from a `street` target or a `streetId` in the detail.
   */
  streetId?: string
  /** What the action was done to. */
  target: { type: 'user' | 'demand' | 'ledger' | 'community' | 'street' | 'reward' | 'redemption' | 'project'; id: string }
  /** Small, non-personal facts (role, scope, points); never phone numbers or addresses. */
  detail?: Record<string, unknown>
}

export interface AuditEntry extends AuditSpec {
  _id: string
  chain: string
  seq: number
  at: number
  actorId: string
  actorName: string
  prevHash: string
  hash: string
}

/** The newest entry of a chain, kept in its own document so appenders conflict on it. */
export interface AuditHead {
  _id: string
  seq: number
  hash: string
  at: number
}

/** Why a chain does not verify at `seq`: the entry's own hash, its link to the previous one, or a missing entry. */
export interface AuditBreak {
  seq: number
  reason: 'hash' | 'link' | 'gap'
}

export interface AuditVerification {
  ok: boolean
  /** Entries found intact, in order, before the first break (all of them when ok). */
  checked: number
  firstBroken?: AuditBreak
  /** False when the walk stopped for time before the end of the chain. */
  complete: boolean
}
