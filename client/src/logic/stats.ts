/**
 * Where the statistics pages are (the `packages/stats` subpackage), who starts from them, and
 * the small decisions their screens make: what an export's answer asks for, the heat table's
 * rows, who may turn a 高频问题 into a need and what that need proposes.
 */
import type { Hotspot, Role, RoleGrant } from '@honglin/shared'
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

/** What an export's answer asks of the page: hand the file out, ask again later, or nothing more. */
export function exportNext(status: { state: 'queued' | 'running' | 'done' | 'failed'; tempFileURL?: string }): 'open' | 'poll' | 'stop' {
  if (status.state === 'queued' || status.state === 'running') return 'poll'
  return status.state === 'done' && status.tempFileURL ? 'open' : 'stop'
}

/** The heat table's rows: the busiest places first, at most `max` of them. */
export function heatRows(places: readonly { key: string; name: string }[], max: number): { key: string; label: string }[] {
  return places.slice(0, max).map((p) => ({ key: p.key, label: p.name }))
}

/** A need is of one community; only its community staff (or an admin) put one on its list, as the project function checks. */
export function canPromote(hotspot: Pick<Hotspot, 'communityId'>, grants: readonly Pick<RoleGrant, 'role' | 'communityId'>[]): boolean {
  const communityId = hotspot.communityId
  if (!communityId) return false
  return grants.some((g) => g.role === 'admin' || (g.role === 'community_staff' && g.communityId === communityId))
}

/** At most this many demands go with a need (the contract's limit). */
export const NEED_MAX_DEMANDS = 50
export const NEED_TITLE_MAX = 40
const NEED_DETAIL_MAX = 1000

/** The first `max` UTF-16 units of `text` (as the contract counts), never half a character. */
function cut(text: string, max: number): string {
  let out = ''
  for (const ch of text) {
    if (out.length + ch.length > max) break
    out += ch
  }
  return out.trim()
}

/** The need a hotspot proposes: its title cut to fit, a line saying where it came from, its demands. */
export function needDraft(hotspot: Pick<Hotspot, 'title' | 'count' | 'demandIds'>): { title: string; detail: string; demandIds: string[] } {
  const title = hotspot.title.trim()
  return {
    title: cut(title, NEED_TITLE_MAX),
    detail: cut(`由高频问题生成：${title}，共 ${hotspot.count} 条点单`, NEED_DETAIL_MAX),
    demandIds: hotspot.demandIds.slice(0, NEED_MAX_DEMANDS),
  }
}

/**
 * The request id of turning a hotspot into a need: the same for the same hotspot whenever the
 * page is opened again, so promoting it twice (a reload, another tap) answers the need made the
 * first time (`created: false`) instead of making a second. The server keys it by the caller too.
 */
export function promoteRequestId(hotspot: Pick<Hotspot, 'kind' | 'periodKey' | 'title' | 'communityId' | 'gridId' | 'category'>): string {
  const key = [hotspot.kind, hotspot.communityId, hotspot.gridId, hotspot.category, hotspot.periodKey, hotspot.title].join('|')
  // FNV-1a twice with different multipliers: short, plain characters, whatever the title's.
  let a = 0x811c9dc5
  let b = 0x01000193
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193) >>> 0
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0
  }
  return `hotspot-${a.toString(36)}${b.toString(36)}`
}
