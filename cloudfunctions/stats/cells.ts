/** Reading counter documents by id: the cover of a period is at most ~90 of them per place, one query per 100. */
import { addCounters, cellId, crossCellId, unpackCell, type Counters, type StatsCell, type StoredCell } from '@honglin/shared'
import type { Db } from '../_runtime/db'
import { CELLS } from './count'
import type { ResolvedScope } from './scope'

const CHUNK = 100

/** The cells of `scope` under `keys` that exist, by key; one round trip per 100 keys. */
export async function cellsOf(
  db: Db,
  scope: ResolvedScope,
  keys: readonly string[],
  /**
   * The parts to read besides `key` (a trend needs only the totals); the crossed breakdowns
   * (`gc` grid × category, `mc` a street's community × category) are documents of their own
   * (contribution.ts says why), read apart from the rest.
   */
  parts: readonly ('total' | 'by' | 'gc' | 'mc')[],
): Promise<Map<string, StatsCell>> {
  const _ = db.command
  const cross = parts.some((p) => p === 'gc' || p === 'mc')
  if (cross && parts.some((p) => p === 'total' || p === 'by')) throw new Error('cellsOf: the crossed breakdowns are read on their own')
  const idOf = cross ? crossCellId : cellId
  const ids = [...new Set(keys.map((k) => idOf(scope.type, scope.id, k)))]
  const chunks = Array.from({ length: Math.ceil(ids.length / CHUNK) }, (_x, i) => ids.slice(i * CHUNK, (i + 1) * CHUNK))
  const results = await Promise.all(
    chunks.map((chunk) =>
      db
        .collection(CELLS)
        .where({ _id: _.in(chunk) })
        .limit(chunk.length)
        .field(Object.fromEntries([['key', true], ...parts.map((p) => [p, true])]))
        .get(),
    ),
  )
  const byKey = new Map<string, StatsCell>()
  for (const res of results) for (const c of res.data as StoredCell[]) byKey.set(c.key, unpackCell(c))
  return byKey
}

/** Totals and breakdowns summed over cells. */
export function sumCells(cells: Iterable<StatsCell>): { total: Counters; by: Record<string, Counters> } {
  let total: Counters = {}
  const by: Record<string, Counters> = {}
  for (const c of cells) {
    total = addCounters(total, c.total)
    for (const [dim, v] of Object.entries(c.by ?? {})) by[dim] = addCounters(by[dim] ?? {}, v)
  }
  return { total, by }
}
