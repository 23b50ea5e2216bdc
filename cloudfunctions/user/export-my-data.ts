/**
 * `user.exportMyData` ("我的数据"): everything stored about the caller as one JSON file — their
 * user document and consent records, the demands they own or entered, their points ledger and
 * their messages — answered as a link that works for an hour. Nothing about anyone else goes
 * in: other people's ids, names and contact details are left out or masked
 * (shared/privacy/export.ts). The file is deleted after a day (sla → retention). Asking again
 * within ten minutes (a second tap, a retry) answers the same file with a fresh link.
 */
import { buildExport, contract, type Demand, type InboxReadState } from '@honglin/shared'
import { recentExport, writeExport } from '../_runtime/data-exports'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { notificationsForExport } from '../_runtime/personal-notifications'
import { callerOf } from './profile'

/** Rows read per request; an export reads every page of each list. */
const PAGE = 1000

interface Query {
  skip(n: number): Query
  limit(n: number): Query
  get(): Promise<{ data: unknown[] }>
}

async function everything<T>(query: Query): Promise<T[]> {
  const rows: T[] = []
  for (;;) {
    const res = await query.skip(rows.length).limit(PAGE).get()
    rows.push(...(res.data as T[]))
    if (res.data.length < PAGE) return rows
  }
}

export const exportMyData = action({
  schema: contract.Schemas.user.exportMyData,
  async run(ctx) {
    const user = callerOf(ctx)
    const id = user._id
    const recent = await recentExport(ctx, id)
    if (recent) return recent
    const demands = ctx.db.collection(Collections.demands)
    const [owned, entered, ledger, notifications] = await Promise.all([
      everything<Demand>(demands.where({ ownerId: id }).orderBy('createdAt', 'desc')),
      everything<Demand>(demands.where({ createdBy: id })),
      everything<Record<string, unknown>>(ctx.db.collection(Collections.ledger).where({ ownerId: id }).orderBy('createdAt', 'desc')),
      notificationsForExport(ctx.db, id, (user as { inboxRead?: InboxReadState }).inboxRead),
    ])
    const byId = new Map([...owned, ...entered].map((d) => [d._id, d]))
    const file = buildExport({ user: { ...user }, demands: [...byId.values()], ledger, notifications, now: ctx.now })
    return writeExport(ctx, id, file)
  },
})
