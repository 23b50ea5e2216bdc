/**
 * Lists paged by key: each page starts right after the sort key of the previous page's last
 * item (its `next`, passed back as `cursor`), so a page deep into a long history costs what
 * the first one does and items added meanwhile neither repeat nor shift the pages, unlike
 * `skip`. Every order here is descending on all its fields and ends with `_id`; a declared
 * index must hold the same fields after the list's equality fields.
 */
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

/**
 * A page by `skip`: kept for code written against it; every list of this project pages by
 * key (`pageByKey`), since `skip` reads everything before the page.
 */
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

/** One field of a list's order (descending) as a cursor holds it. */
export interface OrderField {
  field: string
  kind: 'number' | 'string'
  /** Rows may lack it (an empty part of the cursor). */
  optional?: boolean
}

export type Order = readonly OrderField[]

/** The value at a dotted path (`overdue.since`). */
function valueAt(row: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row)
}

/** The cursor after `row` in `order`: its values joined by `.`, empty for a missing one. */
export function cursorAt(row: unknown, order: Order): string {
  return order.map((f) => String(valueAt(row, f.field) ?? '')).join('.')
}

/** The seek keys of a cursor the contract's `pattern` accepted (its groups: one per field). */
export function keysOf(cursor: string, pattern: RegExp, order: Order): SeekKey[] {
  const parts = pattern.exec(cursor)!.slice(1)
  return order.map((f, i) => {
    const part = parts[i]
    const value = part === undefined || part === '' ? null : f.kind === 'number' ? Number(part) : part
    return { field: f.field, value, ...(f.optional ? { optional: true } : {}) }
  })
}

export interface KeyPage<T> {
  items: T[]
  hasMore: boolean
  /** Pass as `cursor` for the following page; absent on the last one. */
  next?: string
}

export interface KeyPageInput {
  cursor?: string
  page: contract.Page
}

/**
 * One page of `where` in `order`: one query, one row more than the page so `hasMore` costs
 * no count. Without a cursor `page.offset` still skips, for clients from before cursors.
 */
export async function pageByKey<T>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  order: Order,
  pattern: RegExp,
  input: KeyPageInput,
  projection?: Record<string, boolean>,
): Promise<KeyPage<T>> {
  const after = input.cursor ? seekAfter(db, keysOf(input.cursor, pattern, order)) : undefined
  let query = db.collection(collection).where(after ? db.command.and([where, after]) : where)
  for (const f of order) query = query.orderBy(f.field, 'desc')
  if (!after && input.page.offset > 0) query = query.skip(input.page.offset)
  query = query.limit(input.page.limit + 1)
  if (projection) query = query.field(projection)
  const rows = (await query.get()).data as T[]
  const items = rows.slice(0, input.page.limit)
  const hasMore = rows.length > input.page.limit
  return { items, hasMore, ...(hasMore ? { next: cursorAt(items.at(-1), order) } : {}) }
}

export type SearchReport = contract.SearchReport

/**
 * A page of the rows of `where` in `order` that `matches`, looking at no more than `window`
 * rows after the cursor: a search that a condition no index serves (words inside a title)
 * would otherwise read the whole history. The window is read with only the fields `matches`
 * needs, then the page's rows whole by id, so a call costs two queries at most whatever the
 * history's length. `next` continues after the last row looked at (or the last one answered),
 * so "加载更多" searches further back one window at a time.
 */
export async function searchByKey<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  order: Order,
  pattern: RegExp,
  input: KeyPageInput & { window: number; fields: string[] },
  matches: (row: Record<string, unknown>) => boolean,
): Promise<KeyPage<T> & { search: SearchReport }> {
  const projection = Object.fromEntries([...input.fields, ...order.map((f) => f.field)].map((f) => [f, true]))
  const scan = await pageByKey<Record<string, unknown>>(
    db,
    collection,
    where,
    order,
    pattern,
    { ...(input.cursor ? { cursor: input.cursor } : {}), page: { offset: 0, limit: input.window } },
    projection,
  )
  const found = scan.items.filter(matches)
  const shown = found.slice(0, input.page.limit)
  // More to answer: further matches in this window, or rows beyond it not looked at yet.
  const hasMore = found.length > shown.length || scan.hasMore
  const last = found.length > shown.length ? shown.at(-1) : scan.items.at(-1)
  const ids = shown.map((r) => r._id as string)
  const whole =
    ids.length === 0
      ? []
      : ((
          await db
            .collection(collection)
            .where({ _id: db.command.in(ids) })
            .limit(ids.length)
            .get()
        ).data as T[])
  const byId = new Map(whole.map((d) => [d._id, d]))
  return {
    items: ids.map((id) => byId.get(id)).filter((d): d is T => d !== undefined),
    hasMore,
    ...(hasMore && last ? { next: cursorAt(last, order) } : {}),
    search: { scanned: scan.items.length, window: input.window, complete: !scan.hasMore },
  }
}

/** Case-insensitive: does any of `texts` contain `q`. */
export function mentions(q: string, ...texts: unknown[]): boolean {
  const needle = q.toLowerCase()
  return texts.some((t) => typeof t === 'string' && t.toLowerCase().includes(needle))
}
