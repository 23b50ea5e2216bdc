/**
 * `hotspots` ({ scope…, from, to }, at most 93 days): 高频问题 with the demands behind each, so
 * staff can take one up as a need:
 * - surges: a grid × category whose week received at least SURGE_MIN and SURGE_FACTOR × the
 *   mean of its previous BASELINE_WEEKS weeks (shared/src/stats/hotspots.ts), from the weekly
 *   counters of the place (≤ 14 + 8 documents, one query); its demands by index
 *   `grid_category_created`;
 * - repeated addresses: the address counters of the months the period touches with at least
 *   REPEAT_MIN demands (index `<place>_month_count`, the strongest 20 per month);
 * - similar titles: the newest CLUSTER_SCANNED demands of the period (index `<place>_created`),
 *   clustered; the answer says whether that was all of them.
 * Round trips: the caller, the place (1–3), then week cells ‖ address months ‖ the newest
 * demands, then the names of the surges' grids ‖ one query per surge shown (at most
 * HOTSPOTS_PER_KIND, side by side). Bounded whatever the data: at city scale every week has its
 * surges, so it costs about 20 queries more than on a quiet data set.
 */
import {
  ADDRESS_IDS,
  BASELINE_WEEKS,
  CLUSTER_SCANNED,
  categoryLabelOf,
  clustersOf,
  contract,
  dayNumber,
  dayOfNumber,
  dayStart,
  HOTSPOT_IDS,
  HOTSPOTS_PER_KIND,
  periodKeyLabel,
  periodsBetween,
  REPEAT_MIN,
  surgesOf,
  type AddressCell,
  type Counters,
  type Hotspot,
  type Hotspots,
  type TitledDemand,
} from '@honglin/shared'
import { Collections, type Db } from '../_runtime/db'
import { action } from '../_runtime/function'
import { cellsOf } from './cells'
import { ADDRESSES } from './count'
import { resolveScope, type ResolvedScope } from './scope'

export const hotspots = action({
  schema: contract.Schemas.stats.hotspots,
  async run(ctx, input): Promise<Hotspots> {
    const scope = await resolveScope(ctx, input)
    const weeks = periodsBetween('week', input.from, input.to)
    const historyFrom = dayOfNumber(dayNumber(weeks[0]!.first) - 7 * BASELINE_WEEKS)
    const history = periodsBetween('week', historyFrom, dayOfNumber(dayNumber(weeks[0]!.first) - 1))
    const months = periodsBetween('month', input.from, input.to).map((m) => m.key)
    const [cells, addresses, recent] = await Promise.all([
      cellsOf(
        ctx.db,
        scope,
        [...history, ...weeks].map((w) => w.key),
        [scope.type === 'grid' ? 'by' : 'gc'],
      ),
      repeatedAddresses(ctx.db, scope, months),
      newestDemands(ctx.db, scope, input.from, input.to),
    ])
    const byWeek = new Map<string, Record<string, Counters>>([...cells].map(([k, c]) => [k, (scope.type === 'grid' ? c.by : c.gc) ?? {}]))
    const prefix = scope.type === 'grid' ? 'c~' : 'gc~'
    const surges = surgesOf(
      weeks.map((w) => w.key),
      history.map((w) => w.key),
      byWeek,
      prefix,
    ).slice(0, HOTSPOTS_PER_KIND)
    const weekOf = new Map(weeks.map((w) => [w.key, w]))
    const surgeCells = surges.map((s): SurgeCell => {
      const [gridId, category] = scope.type === 'grid' ? [scope.id, s.dim.slice(2)] : (s.dim.slice(3).split('~') as [string, string])
      const week = weekOf.get(s.week)!
      return { gridId: gridId!, category: category!, from: dayStart(week.first), to: dayStart(week.last) + DAY_MS }
    })
    const [grids, ids] = await Promise.all([
      scope.type === 'grid'
        ? new Map<string, GridName>()
        : gridNames(
            ctx.db,
            surgeCells.map((c) => c.gridId),
          ),
      Promise.all(surgeCells.map((c) => demandsOfCell(ctx.db, c))),
    ])
    const surgeItems = surges.map((s, i): Hotspot => {
      const { gridId, category } = surgeCells[i]!
      const grid = grids.get(gridId)
      const place = scope.type === 'grid' ? scope.name : (grid?.name ?? gridId)
      const communityId = scope.communityId ?? grid?.communityId
      return {
        kind: 'surge',
        title: `${place} · ${categoryLabelOf(category)} · ${periodKeyLabel(s.week)}`,
        gridId,
        ...(communityId ? { communityId } : {}),
        category,
        periodKey: s.week,
        count: s.count,
        baseline: s.baseline,
        demandIds: ids[i]!,
      }
    })
    const addressItems: Hotspot[] = addresses.slice(0, HOTSPOTS_PER_KIND).map((a) => ({
      kind: 'address',
      title: a.address,
      communityId: a.communityId,
      periodKey: a.month,
      count: a.count,
      demandIds: a.demandIds.slice(0, Math.min(ADDRESS_IDS, HOTSPOT_IDS)),
    }))
    const clusters = clustersOf(recent)
      .slice(0, HOTSPOTS_PER_KIND)
      .map((c): Hotspot => ({
        kind: 'similar',
        title: c[0]!.title,
        ...(c.every((d) => d.communityId === c[0]!.communityId) ? { communityId: c[0]!.communityId } : {}),
        category: c[0]!.category,
        count: c.length,
        demandIds: c.slice(0, HOTSPOT_IDS).map((d) => d._id),
      }))
    return {
      scope: { type: scope.type, id: scope.id, name: scope.name },
      from: input.from,
      to: input.to,
      items: [...surgeItems, ...addressItems, ...clusters],
      similar: { scanned: recent.length, complete: recent.length < CLUSTER_SCANNED },
    }
  },
})

interface GridName {
  _id: string
  name?: string
  communityId: string
}

/** The names and communities of the grids surges name (at most HOTSPOTS_PER_KIND, one query). */
async function gridNames(db: Db, ids: string[]): Promise<Map<string, GridName>> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return new Map()
  const res = await db
    .collection(Collections.grids)
    .where({ _id: db.command.in(unique) })
    .limit(unique.length)
    .field({ _id: true, name: true, communityId: true })
    .get()
  return new Map((res.data as GridName[]).map((g) => [g._id, g]))
}

const placeField = (scope: ResolvedScope) => (scope.type === 'street' ? 'streetId' : scope.type === 'community' ? 'communityId' : 'gridId')

async function repeatedAddresses(db: Db, scope: ResolvedScope, months: string[]): Promise<AddressCell[]> {
  const _ = db.command
  const field = placeField(scope)
  const results = await Promise.all(
    months.map((month) =>
      db
        .collection(ADDRESSES)
        .where({ [field]: scope.id, month, count: _.gte(REPEAT_MIN) })
        .orderBy('count', 'desc')
        .limit(HOTSPOTS_PER_KIND)
        .get(),
    ),
  )
  return results.flatMap((r) => r.data as AddressCell[]).sort((a, b) => b.count - a.count || (a.month < b.month ? 1 : -1))
}

type PlacedDemand = TitledDemand & { communityId: string }

async function newestDemands(db: Db, scope: ResolvedScope, from: string, to: string): Promise<PlacedDemand[]> {
  const _ = db.command
  const res = await db
    .collection(Collections.demands)
    .where({ [placeField(scope)]: scope.id, createdAt: _.gte(dayStart(from)).and(_.lt(dayStart(to) + 86_400_000)) })
    .orderBy('createdAt', 'desc')
    .limit(CLUSTER_SCANNED)
    .field({ _id: true, title: true, category: true, createdAt: true, communityId: true })
    .get()
  return res.data as PlacedDemand[]
}

const DAY_MS = 86_400_000

/** A surge's grid, category and week (`from` ≤ createdAt < `to`). */
interface SurgeCell {
  gridId: string
  category: string
  from: number
  to: number
}

/** The newest demands (at most HOTSPOT_IDS) behind a surge (index `grid_category_created`). */
async function demandsOfCell(db: Db, cell: SurgeCell): Promise<string[]> {
  const _ = db.command
  const res = await db
    .collection(Collections.demands)
    .where({ gridId: cell.gridId, category: cell.category, createdAt: _.gte(cell.from).and(_.lt(cell.to)) })
    .orderBy('createdAt', 'desc')
    .limit(HOTSPOT_IDS)
    .field({ _id: true })
    .get()
  return (res.data as { _id: string }[]).map((d) => d._id)
}
