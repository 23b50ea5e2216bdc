/**
 * `ledger` (台账): the demands of a community, street or grid received in a period, newest first,
 * one page per call by key (`next` → `cursor`), with the columns a ledger has (ledger rows in
 * shared/src/stats/ledger.ts, contacts masked). Round trips: the caller, the scope (1–2), its
 * grid names and the page in parallel (1 each; a street's grids 2).
 */
import { contract, LEDGER_FIELDS, ledgerRowOf, type LedgerDemand, type LedgerRow } from '@honglin/shared'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'
import { pageByKey, type Order } from '../_runtime/paging'
import { gridNamesOf, ledgerScope, ledgerWhere, type LedgerScope } from './ledger-scope'

/** The ledger's order: newest first, ties by id; the `ledger_*` indexes hold it after the scope's field. */
export const LEDGER_ORDER: Order = [
  { field: 'createdAt', kind: 'number' },
  { field: '_id', kind: 'string' },
]

export const LEDGER_PROJECTION = Object.fromEntries(LEDGER_FIELDS.map((f) => [f, true]))

export interface LedgerPage {
  scope: Pick<LedgerScope, 'kind' | 'id' | 'name'>
  from: string
  to: string
  items: LedgerRow[]
  hasMore: boolean
  next?: string
}

export const ledger = action({
  schema: contract.Schemas.stats.ledger,
  async run(ctx, input): Promise<LedgerPage> {
    const scope = await ledgerScope(ctx.db, ctx.actor, input)
    const [names, page] = await Promise.all([
      gridNamesOf(ctx.db, scope),
      pageByKey<LedgerDemand>(
        ctx.db,
        Collections.demands,
        ledgerWhere(ctx.db, scope, input.from, input.to),
        LEDGER_ORDER,
        contract.STATS_LEDGER_CURSOR,
        { ...(input.cursor ? { cursor: input.cursor } : {}), page: input.page },
        LEDGER_PROJECTION,
      ),
    ])
    return {
      scope: { kind: scope.kind, id: scope.id, name: scope.name },
      from: input.from,
      to: input.to,
      items: page.items.map((d) => ledgerRowOf(d, names.get(d.gridId))),
      hasMore: page.hasMore,
      ...(page.next ? { next: page.next } : {}),
    }
  },
})
