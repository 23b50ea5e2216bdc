/** The stats counters as tests compare them: stored ones read back, and any set of cells made comparable. */
import { addCounters, unpackCell, type Counters, type StatsCell, type StoredCell } from '@honglin/shared'

export type CellView = { total: Counters; by: Record<string, Counters> }

/** Cells by id, the crossed breakdowns merged into `by`, empty breakdowns and empty cells left out. */
export function normaliseCells(cells: Iterable<Pick<StatsCell, '_id' | 'total' | 'by' | 'gc'>>): Map<string, CellView> {
  const out = new Map<string, CellView>()
  for (const c of cells) {
    const by = Object.fromEntries(Object.entries({ ...c.by, ...c.gc }).filter(([, v]) => Object.keys(v).length > 0))
    if (Object.keys(c.total).length === 0 && Object.keys(by).length === 0) continue
    out.set(c._id, { total: addCounters({}, c.total), by })
  }
  return out
}

/** Stored cells keep their counters packed (shared/src/stats/contribution.ts says why): read back through unpackCell. */
export const storedCells = (documents: StoredCell[]): Map<string, CellView> => normaliseCells(documents.map(unpackCell))
