/** One page of a query: asks for one more than the page so `hasMore` costs no count query. */
import type { contract } from '@honglin/shared'
import type { Db } from './db'

export interface PageOf<T> {
  items: T[]
  hasMore: boolean
}

interface Pageable {
  skip(n: number): Pageable
  limit(n: number): Pageable
  get(): Promise<{ data: unknown[] }>
}

export async function pageOf<T>(query: Pageable, page: contract.Page): Promise<PageOf<T>> {
  const res = await query
    .skip(page.offset)
    .limit(page.limit + 1)
    .get()
  const rows = res.data as T[]
  return { items: rows.slice(0, page.limit), hasMore: rows.length > page.limit }
}

/** One field of a descending sort and the value the last row of the previous page had there. */
export interface SeekKey {
  field: string
  /** null for a row that lacks the field: missing values sort last in a descending order. */
  value: number | string | null
  /** Whether rows may lack the field. */
  optional?: boolean
}

/**
 * The condition for the rows after a key in an order by `keys`, every field descending: the
 * rows equal on the fields before one and below it there (or lacking it). With an index on
 * the same fields this is a bounded range scan, so a page deep into a long history costs what
 * the first one does, unlike `skip`.
 */
export function seekAfter(db: Db, keys: SeekKey[]): unknown {
  const _ = db.command
  const branches: Record<string, unknown>[] = []
  keys.forEach((key, i) => {
    // Within an equal prefix nothing sorts after a missing value.
    if (key.value === null) return
    const prefix = Object.fromEntries(keys.slice(0, i).map((k) => [k.field, k.value]))
    branches.push({ ...prefix, [key.field]: _.lt(key.value) })
    if (key.optional) branches.push({ ...prefix, [key.field]: null })
  })
  return _.or(branches)
}
