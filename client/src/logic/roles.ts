/** Roles as the client presents them: order, names and the pages each role works in. */
import { RoleLabels, type Role, type RoleGrant } from '@honglin/shared'

/** Most specific work first: the role a person most likely opens the app for. */
export const ROLE_ORDER: readonly Role[] = [
  'community_staff',
  'street_staff',
  'grid_worker',
  'unit_contact',
  'volunteer',
  'committee_member',
  'resident',
  'admin',
]

export function orderedRoles(grants: readonly RoleGrant[]): Role[] {
  const held = new Set(grants.map((g) => g.role))
  return ROLE_ORDER.filter((r) => held.has(r))
}

export const roleLabel = (role: Role): string => RoleLabels[role]

export const Paths = {
  home: '/pages/index/index',
  inbox: '/pages/inbox/index',
  mine: '/pages/mine/index',
  order: (kind: string, onBehalf = false) => `/packages/resident/order/index?kind=${kind}${onBehalf ? '&onBehalf=1' : ''}`,
  demands: '/packages/resident/demands/index',
  demand: (id: string) => `/packages/resident/demand/index?id=${encodeURIComponent(id)}`,
  register: '/packages/volunteer/register/index',
  hall: '/packages/volunteer/hall/index',
  tasks: '/packages/volunteer/tasks/index',
  points: '/packages/volunteer/points/index',
  triage: '/packages/staff/inbox/index',
  dispatch: (id: string) => `/packages/staff/dispatch/index?id=${encodeURIComponent(id)}`,
  volunteers: '/packages/staff/volunteers/index',
  audit: '/packages/staff/audit/index',
  onBehalf: '/packages/staff/on-behalf/index',
  following: '/packages/resident/following/index',
  ranking: '/packages/honours/ranking/index',
  certificate: '/packages/honours/certificate/index',
  verify: '/packages/honours/verify/index',
} as const

export interface Entry {
  title: string
  hint: string
  url: string
}

/** The pages a role works in, as big entries on 我的 and the home page. */
export function entriesFor(role: Role): Entry[] {
  switch (role) {
    case 'community_staff':
    case 'street_staff':
    case 'admin':
      return [
        { title: '受理台', hint: '待受理、待派单、待销号，逾期优先', url: Paths.triage },
        ...(role === 'community_staff' ? [{ title: '志愿者审核', hint: '双报到申请', url: Paths.volunteers }] : []),
      ]
    case 'grid_worker':
      return [
        { title: '代居民点单 · 服务', hint: '为不方便上网的居民点单', url: Paths.order('service', true) },
        { title: '代居民点单 · 微心愿', hint: '帮居民说出小心愿', url: Paths.order('wish', true) },
        { title: '代居民点单 · 随手拍', hint: '上报网格里的问题', url: Paths.order('report', true) },
        { title: '我代办的点单', hint: '为居民点的单办到哪一步了', url: Paths.onBehalf },
      ]
    case 'volunteer':
      return [
        { title: '任务大厅', hint: '认领身边的服务', url: Paths.hall },
        { title: '我的任务', hint: '接单、开始、完成', url: Paths.tasks },
        { title: '我的积分', hint: '积分余额与明细', url: Paths.points },
      ]
    case 'unit_contact':
      return [{ title: '单位任务', hint: '派给本单位的点单', url: Paths.tasks }]
    default:
      return [
        { title: '我的点单', hint: '查看办理进度', url: Paths.demands },
        { title: '我跟进的问题', hint: '邻居先反映、您也遇到的问题', url: Paths.following },
        { title: '志愿者报到', hint: '双报到，加入社区志愿服务', url: Paths.register },
      ]
  }
}
