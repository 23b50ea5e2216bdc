/**
 * Reading everything a query matches, never a silent first page: `get()` answers a cloud
 * function at most 1,000 documents (100 unless asked for more) and `aggregate()` 20 unless
 * limited, with nothing in the answer to say more were left. Pages go by key (`_id`
 * ascending), so each needs an index on the filter's fields followed by `_id`, and a page
 * deep into the set costs what the first does. A set that fits one page costs one round trip.
 */
import type { Db } from './db'

/** The most one read answers a cloud function. */
export const MAX_READ = 1000

/** Every document of `collection` matching `where`, with `fields` (and `_id`), in `_id` order. */
export async function readAll<T extends { _id: string }>(
  db: Db,
  collection: string,
  where: Record<string, unknown>,
  fields?: Record<string, true>,
  pageSize = MAX_READ,
): Promise<T[]> {
  const _ = db.command
  const all: T[] = []
  for (;;) {
    const last = all.at(-1)?._id
    // Without a filter every page, the first too, is a range of the `_id` index (ids are
    // non-empty strings, all after '').
    const after = { _id: _.gt(last ?? '') }
    const unfiltered = Object.keys(where).length === 0
    let query = db.collection(collection).where(unfiltered ? after : last === undefined ? where : _.and([where, after]))
    if (fields) query = query.field({ ...fields, _id: true })
    const rows = (await query.orderBy('_id', 'asc').limit(pageSize).get()).data as T[]
    all.push(...rows)
    if (rows.length < pageSize) return all
  }
}

/**
 * How many documents matching `match` hold each value of `key`: one aggregate whose head the
 * index on `match`'s fields serves, grouped in the database (only the counts travel), its
 * groups paged by value so none is dropped past the aggregate's default of 20.
 */
export async function countsBy(
  db: Db,
  collection: string,
  match: Record<string, unknown>,
  key: string,
  pageSize = MAX_READ,
): Promise<Map<string, number>> {
  const _ = db.command
  const counts = new Map<string, number>()
  let last: string | undefined
  for (;;) {
    let pipeline = db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: `$${key}`, n: _.aggregate.sum(1) })
    if (last !== undefined) pipeline = pipeline.match({ _id: _.gt(last) })
    const groups = (await pipeline.sort({ _id: 1 }).limit(pageSize).end()).list as { _id: string | null; n: number }[]
    for (const g of groups) if (g._id !== null && g._id !== undefined) counts.set(String(g._id), g.n)
    if (groups.length < pageSize) return counts
    last = String(groups.at(-1)!._id)
  }
}
