/**
 * `heat` ({ communityId? | streetId? | gridId?, from, to }): demands received by place one level
 * down × category, for the dashboard's heat table: a community's grids (its crossed cells' `gc`
 * part), a street's communities (`mc`). Reads the same counter cover as `overview`, crossed part only,
 * and names every place below, so a quiet one shows as a row of 0. A grid has no table.
 * Round trips: the caller, the place (1–3), then cells ‖ names of the places below.
 */
import { categoryLabelOf, contract, coverOf, type Heat } from '@honglin/shared'
import { action } from '../_runtime/function'
import { cellsOf } from './cells'
import { placeNames } from './overview'
import { resolveScope } from './scope'

export const heat = action({
  schema: contract.Schemas.stats.heat,
  async run(ctx, input): Promise<Heat> {
    const scope = await resolveScope(ctx, input)
    const base = { scope: { type: scope.type, id: scope.id, name: scope.name }, from: input.from, to: input.to }
    if (scope.type === 'grid') return { ...base, placeType: null, places: [], categories: [], cells: {}, cellsRead: 0 }
    const keys = coverOf(input.from, input.to).map((c) => c.key)
    const family = scope.type === 'street' ? 'mc' : 'gc'
    const [read, names] = await Promise.all([cellsOf(ctx.db, scope, keys, [family]), placeNames(ctx.db, scope)])
    const prefix = `${family}~`
    const cells: Record<string, Record<string, number>> = {}
    const byPlace = new Map<string, number>([...names.keys()].map((k) => [k, 0]))
    const byCategory = new Map<string, number>()
    for (const cell of read.values()) {
      for (const [dim, counters] of Object.entries(cell.gc ?? {})) {
        const received = counters.received ?? 0
        if (!dim.startsWith(prefix) || received === 0) continue
        const [place, category] = dim.slice(prefix.length).split('~') as [string, string]
        const row = (cells[place] ??= {})
        row[category] = (row[category] ?? 0) + received
        byPlace.set(place, (byPlace.get(place) ?? 0) + received)
        byCategory.set(category, (byCategory.get(category) ?? 0) + received)
      }
    }
    const busiestFirst = <T extends { key: string; received: number }>(a: T, b: T) => b.received - a.received || (a.key < b.key ? -1 : 1)
    return {
      ...base,
      placeType: scope.type === 'street' ? 'community' : 'grid',
      places: [...byPlace].map(([key, received]) => ({ key, name: names.get(key) ?? key, received })).sort(busiestFirst),
      categories: [...byCategory].map(([key, received]) => ({ key, label: categoryLabelOf(key), received })).sort(busiestFirst),
      cells,
      cellsRead: read.size,
    }
  },
})
