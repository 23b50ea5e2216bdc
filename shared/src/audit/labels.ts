/** How the audit log reads to staff: actions, targets and the usual detail members, in Chinese. */
import { RoleLabels, type Role } from '../roles'
import type { AuditAction, AuditSpec } from './types'

export const AuditActionLabels: Record<AuditAction, string> = {
  'role.grant': '授予角色',
  'role.revoke': '撤销角色',
  'volunteer.verify': '志愿者审核',
  'demand.close': '点单销号',
  'points.award': '积分入账',
  'points.correction': '积分更正',
  'account.delete': '注销账号',
  'admin.action': '管理操作',
  'sla.policy': '调整办理时限',
  'mall.reward': '积分超市礼品变更',
  'mall.handover': '礼品核销',
  'mall.reissue': '重新生成兑换码',
  'project.award': '项目定标',
  'project.accept': '项目验收',
  'project.score_withdraw': '撤回评分',
}

export const AuditTargetLabels: Record<AuditSpec['target']['type'], string> = {
  user: '用户',
  demand: '点单',
  ledger: '积分明细',
  community: '社区',
  street: '街道',
  reward: '礼品',
  redemption: '兑换',
  project: '项目',
}

const DETAIL_LABELS: Record<string, string> = {
  role: '角色',
  points: '积分',
  delta: '积分',
  ownerType: '入账对象',
  ownerId: '对象编号',
  demandId: '点单',
  communityId: '社区',
  streetId: '街道',
  unitId: '共建单位',
  approve: '审核结果',
  reason: '原因',
  kind: '类型',
  category: '类别',
  from: '原状态',
  assigneeType: '承接方',
  before: '调整前',
  after: '调整后',
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  ownerType: { user: '个人', unit: '共建单位' },
  assigneeType: { volunteer: '志愿者', unit: '共建单位' },
  kind: { service: '服务', wish: '微心愿', report: '随手拍' },
  approve: { true: '通过', false: '不通过' },
}

export const auditActionLabel = (action: string): string => AuditActionLabels[action as AuditAction] ?? action

/** The detail as lines to show: known members by their Chinese name, others as they are. */
export function auditDetailLines(detail: Record<string, unknown> | undefined): { label: string; value: string }[] {
  if (!detail) return []
  return Object.entries(detail)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([key, v]) => ({ label: DETAIL_LABELS[key] ?? key, value: valueText(key, v) }))
}

function valueText(key: string, value: unknown): string {
  if (key === 'role' && typeof value === 'string') return RoleLabels[value as Role] ?? value
  const known = VALUE_LABELS[key]?.[String(value)]
  if (known) return known
  if (Array.isArray(value)) return value.map((v) => valueText(key, v)).join('、')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
