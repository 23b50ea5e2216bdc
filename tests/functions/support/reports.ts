/**
 * A community of the reports' own (红邻测试社区 in 果园新村街道, three grids, its own staff) and
 * demands placed in it directly, as the functions would have left them, at chosen times: the
 * ledgers, exports and letters are checked against what was put there, untouched by the demo's
 * own demands.
 */
import { DefaultPointsPolicy, type Demand, type DemandStatus } from '@honglin/shared'
import type { Honglin } from '../../helpers/honglin'
import { insertUsers } from './demands'

export const RL_STREET = 'street-guoyuan'
export const RL = 'community-rl'
export const RL_NAME = '红邻测试社区'
export const RL_GRIDS = [1, 2, 3].map((n) => ({ _id: `${RL}-grid-${n}`, name: `${RL_NAME}第${n}网格`, communityId: RL }))
export const RL_STAFF = { _id: 'rl-staff', openid: 'rl-staff', name: '测试书记' }

export function insertPlace(t: Honglin, communityId = RL, name = RL_NAME, grids = RL_GRIDS): void {
  t.emulator.database.insertMany('communities', [{ _id: communityId, name, streetId: RL_STREET }])
  t.emulator.database.insertMany('grids', grids as unknown as Record<string, unknown>[])
}

export function insertStaff(t: Honglin, communityId = RL, who = RL_STAFF): void {
  insertUsers(t, [{ ...who, grants: [{ role: 'community_staff', communityId, streetId: RL_STREET }] }])
}

/** `2026-11-05` 10:00 China time plus `minutes`. */
export const chinaTime = (day: string, minutes = 0): number => Date.parse(`${day}T10:00:00+08:00`) + minutes * 60_000

let seq = 0

export interface PlacedDemand {
  id?: string
  createdAt: number
  communityId?: string
  gridId?: string
  status?: DemandStatus
  extra?: Partial<Demand>
}

export function placedDemand(p: PlacedDemand): Demand {
  const communityId = p.communityId ?? RL
  const status = p.status ?? 'submitted'
  const id = p.id ?? `rl-${(seq++).toString(36).padStart(5, '0')}`
  return {
    _id: id,
    kind: 'service',
    category: 'elderly_care',
    title: `帮忙买菜 ${id}`,
    detail: '腿脚不便，请联系 13912345678',
    photos: [],
    address: '新园里3号楼2门301',
    streetId: RL_STREET,
    communityId,
    gridId: p.gridId ?? `${communityId}-grid-1`,
    urgency: 'normal',
    contactName: '张阿姨',
    contactPhone: '13800000001',
    ownerId: 'user-resident',
    createdBy: 'user-resident',
    requestId: `rq-${id}`,
    status,
    createdAt: p.createdAt,
    updatedAt: p.createdAt,
    timeline: [{ at: p.createdAt, action: 'create', to: 'submitted', actorId: 'user-resident', actorName: '张阿姨' }],
    pointsTerms: DefaultPointsPolicy,
    version: 1,
    ...p.extra,
  }
}

export function insertDemands(t: Honglin, demands: Demand[]): void {
  for (let i = 0; i < demands.length; i += 500)
    t.emulator.database.insertMany('demands', demands.slice(i, i + 500) as unknown as Record<string, unknown>[])
}

/** Newest first, ties by id (descending): the ledger's order. */
export const ledgerOrder = (a: Demand, b: Demand): number => b.createdAt - a.createdAt || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0)

/** Pages through `stats.ledger` to the end; answers every row id in order and the pages' round trips. */
export async function pageThrough(
  t: Honglin,
  params: Record<string, unknown>,
  openid: string,
  limit = 20,
): Promise<{ ids: string[]; pages: number; maxTrips: number; rows: any[] }> {
  const rows: any[] = []
  let cursor: string | undefined
  let pages = 0
  let maxTrips = 0
  for (;;) {
    const res = await t.call('stats', 'ledger', { ...params, page: { limit }, ...(cursor ? { cursor } : {}) }, openid)
    if (!res.ok) throw new Error(`ledger: ${res.error?.code} ${res.error?.message}`)
    pages += 1
    maxTrips = Math.max(maxTrips, res.stats.roundTrips)
    rows.push(...res.data.items)
    if (!res.data.hasMore) return { ids: rows.map((r) => r.id), pages, maxTrips, rows }
    cursor = res.data.next
    if (pages > 1000) throw new Error('ledger does not end')
  }
}
