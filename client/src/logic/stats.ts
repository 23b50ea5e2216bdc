/** Where the statistics pages are (the `packages/stats` subpackage) and who starts from them. */
import type { Role } from '@honglin/shared'
import type { Entry } from './roles'

export const StatsPaths = {
  dashboard: '/packages/stats/dashboard/index',
  definitions: (metric?: string) => `/packages/stats/definitions/index${metric ? `?metric=${encodeURIComponent(metric)}` : ''}`,
  /** `query`: the scope and period, as `scopeQuery` writes them. */
  hotspots: (query: string) => `/packages/stats/hotspots/index?${query}`,
  ledger: (query: string) => `/packages/stats/ledger/index?${query}`,
  annual: '/packages/stats/annual/index',
} as const

/** The dashboards answer for a community or a street: the people who must answer for it. */
export function statsEntriesFor(role: Role): Entry[] {
  const dashboard = { title: '数据看板', hint: '解决率、满意度、响应时长、逾期与高频问题', url: StatsPaths.dashboard }
  if (role === 'community_staff')
    return [dashboard, { title: '双报到年度报告', hint: '在职党员的服务情况与给单位的反馈函', url: StatsPaths.annual }]
  if (role === 'street_staff' || role === 'admin' || role === 'committee_member') return [dashboard]
  return []
}
