/** One page of a query: asks for one more than the page so `hasMore` costs no count query. */
import type { contract } from '@honglin/shared'

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
