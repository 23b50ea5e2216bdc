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
] as const
export type AuditAction = (typeof AuditActions)[number]

/** What an action asks to record; the runtime adds the chain fields. */
export interface AuditSpec {
  action: AuditAction
  /** The community whose chain the entry joins; absent: the `global` chain. */
  communityId?: string
  /** What the action was done to. */
  target: { type: 'user' | 'demand' | 'ledger' | 'community' | 'street'; id: string }
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
