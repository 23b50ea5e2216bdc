/**
 * `overview` ({ communityId? | streetId? | gridId?, from, to }): every metric of the place over
 * the period (shared/src/stats/metrics.ts), by kind, by category, and the places one level down
 * side by side, ranked with the minimum-sample rule; plus the demands overdue right now.
 * Reads the counter documents covering the period (whole years, months, then days: at most
 * ~90, one query) and counts the overdue through an index; never the demands themselves.
 * Round trips: the caller, the place (1–3), then cells ‖ overdue count ‖ names of the places below.
 */
import {
  breakdownOf,
  categoryLabelOf,
  contract,
  coverOf,
  DemandKindLabels,
  MIN_SAMPLE,
  metricsOf,
  rankRows,
  SlaStages,
  type BreakdownFigures,
  type Counters,
  type Overview,
} from '@honglin/shared'
import { Collections, type Db } from '../_runtime/db'
import { action } from '../_runtime/function'
import { cellsOf, sumCells } from './cells'
import { resolveScope, type ResolvedScope } from './scope'

export const overview = action({
  schema: contract.Schemas.stats.overview,
  async run(ctx, input): Promise<Overview> {
    const scope = await resolveScope(ctx, input)
    const keys = coverOf(input.from, input.to).map((c) => c.key)
    const [cells, overdueNow, names] = await Promise.all([
      cellsOf(ctx.db, scope, keys, ['total', 'by']),
      overdueCount(ctx.db, scope),
      placeNames(ctx.db, scope),
    ])
    const { total, by } = sumCells(cells.values())
    const placeType = scope.type === 'street' ? 'community' : scope.type === 'community' ? 'grid' : null
    const placePrefix = placeType === 'community' ? 'm~' : 'g~'
    return {
      scope: { type: scope.type, id: scope.id, name: scope.name },
      from: input.from,
      to: input.to,
      ...metricsOf(total),
      overdueNow,
      byKind: rowsOf(by, 'k~', (k) => DemandKindLabels[k as keyof typeof DemandKindLabels] ?? k, false),
      byCategory: rowsOf(by, 'c~', categoryLabelOf, false),
      byPlace: placeType ? rankRows(placeRows(by, placePrefix, names)) : [],
      placeType,
      minSample: MIN_SAMPLE,
      cellsRead: cells.size,
    }
  },
})

function rowsOf(by: Record<string, Counters>, prefix: string, label: (key: string) => string, rank: boolean): BreakdownFigures[] {
  const rows = Object.entries(by)
    .filter(([dim]) => dim.startsWith(prefix) && !dim.slice(prefix.length).includes('~'))
    .map(([dim, c]) => breakdownOf(dim.slice(prefix.length), label(dim.slice(prefix.length)), c))
    .sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : 1))
  return rank ? rankRows(rows) : rows
}

/** Every place below, the quiet ones too (a grid with nothing received is shown as 0). */
function placeRows(by: Record<string, Counters>, prefix: string, names: Map<string, string>): BreakdownFigures[] {
  const keys = new Set([...names.keys(), ...Object.keys(by).flatMap((d) => (d.startsWith(prefix) ? [d.slice(prefix.length)] : []))])
  return [...keys].map((key) => breakdownOf(key, names.get(key) ?? key, by[`${prefix}${key}`] ?? {}))
}

/**
 * Demands overdue now (`overdue` marked by the SLA timer), counted from an index alone: the
 * place and the stage it is overdue at, every stage listed (`$in`), so no document is read.
 */
export async function overdueCount(db: Db, scope: ResolvedScope): Promise<number> {
  const stage = { 'overdue.stage': db.command.in([...SlaStages]) }
  const where =
    scope.type === 'street'
      ? { streetId: scope.id, ...stage }
      : scope.type === 'community'
        ? { communityId: scope.id, ...stage }
        : { gridId: scope.id, ...stage }
  const res = await db.collection(Collections.demands).where(where).count()
  return res.total as number
}

/** The names of the communities of a street or the grids of a community (at most 1,000). */
export async function placeNames(db: Db, scope: ResolvedScope): Promise<Map<string, string>> {
  if (scope.type === 'grid') return new Map()
  const [collection, where] =
    scope.type === 'street' ? [Collections.communities, { streetId: scope.id }] : [Collections.grids, { communityId: scope.id }]
  const res = await db.collection(collection).where(where).orderBy('_id', 'asc').limit(1000).field({ _id: true, name: true }).get()
  return new Map((res.data as { _id: string; name?: string }[]).map((p) => [p._id, p.name ?? p._id]))
}
