/**
 * The 台账 (ledger) of demands: what one row says about a demand, for the listing and for the
 * exported sheet alike. A ledger leaves the system (printed, filed, sent to the street), so the
 * contact is masked as masked views mask it (王** 138****5678) and phone and house numbers in
 * the text are starred; the address stays as staff see it, since the ledger locates the work.
 */
import { findCategory } from '../demand/categories'
import { DemandKindLabels, DemandStatusLabels, type Demand, type DemandKind, type DemandStatus } from '../demand/types'
import { maskName, maskPhone } from '../demand/visibility'
import { maskFreeText } from '../privacy/mask'
import { dayStart } from './calendar'
import { chinaDate, chinaDateTime, type SheetColumn } from './sheet'

/**
 * A demand belongs to the ledger of the China days `from`..`to` (both included) when it was
 * received (submitted) on one of them: the membership of the dashboards' "收到" (metrics.ts),
 * so a ledger lists exactly the demands the overview counts as received.
 */
export function ledgerBounds(from: string, to: string): { start: number; end: number } {
  return { start: dayStart(from), end: dayStart(to) + DAY_MS }
}

export const inLedgerPeriod = (createdAt: number, from: string, to: string): boolean => {
  const { start, end } = ledgerBounds(from, to)
  return createdAt >= start && createdAt < end
}

const DAY_MS = 86_400_000

export interface LedgerRow {
  id: string
  createdAt: number
  /** 日期 (China time). */
  date: string
  kind: DemandKind
  kindLabel: string
  category: string
  categoryLabel: string
  gridId: string
  gridName: string
  address: string
  /** Title and description, numbers starred. */
  content: string
  /** Masked name and phone; empty once retention erased them. */
  contact: string
  status: DemandStatus
  statusLabel: string
  /** 办理人: the volunteer or unit it was assigned to. */
  handler: string
  acceptedAt?: number
  closedAt?: number
  rating?: { stars: number; comment?: string }
}

/** The fields of a demand a ledger row needs (the read's projection). */
export const LEDGER_FIELDS = [
  '_id',
  'createdAt',
  'kind',
  'category',
  'gridId',
  'address',
  'title',
  'detail',
  'contactName',
  'contactPhone',
  'status',
  'assignee',
  'timeline',
  'rating',
] as const

export type LedgerDemand = Pick<Demand, (typeof LEDGER_FIELDS)[number]>

export function ledgerRowOf(demand: LedgerDemand, gridName: string | undefined): LedgerRow {
  const names = [demand.contactName]
  const accepted = demand.timeline.find((e) => e.from === 'submitted' && e.to === 'accepted')
  const closed = [...demand.timeline].reverse().find((e) => e.to === 'closed')
  const contact = [demand.contactName ? maskName(demand.contactName) : '', demand.contactPhone ? maskPhone(demand.contactPhone) : '']
    .filter(Boolean)
    .join(' ')
  const content = maskFreeText(demand.detail && demand.detail !== demand.title ? `${demand.title}：${demand.detail}` : demand.title, names)
  return {
    id: demand._id,
    createdAt: demand.createdAt,
    date: chinaDate(demand.createdAt),
    kind: demand.kind,
    kindLabel: DemandKindLabels[demand.kind] ?? demand.kind,
    category: demand.category,
    categoryLabel: findCategory(demand.kind, demand.category)?.label ?? demand.category,
    gridId: demand.gridId,
    gridName: gridName ?? demand.gridId,
    address: demand.address ?? '',
    content,
    contact,
    status: demand.status,
    statusLabel: DemandStatusLabels[demand.status] ?? demand.status,
    handler: demand.assignee?.name ?? '',
    ...(accepted ? { acceptedAt: accepted.at } : {}),
    ...(closed ? { closedAt: closed.at } : {}),
    ...(demand.rating
      ? {
          rating: {
            stars: demand.rating.stars,
            ...(demand.rating.comment ? { comment: maskFreeText(demand.rating.comment, names) } : {}),
          },
        }
      : {}),
  }
}

/** The sheet's columns, in order (widths in character columns, a Chinese character counting 2). */
export const LEDGER_COLUMNS: readonly SheetColumn[] = [
  { key: 'seq', header: '序号', min: 6, max: 8 },
  { key: 'id', header: '编号', min: 10, max: 28 },
  { key: 'date', header: '日期', min: 12, max: 12 },
  { key: 'kind', header: '类型', min: 8, max: 10 },
  { key: 'category', header: '类别', min: 10, max: 14 },
  { key: 'grid', header: '网格', min: 10, max: 20 },
  { key: 'address', header: '地址', min: 16, max: 30 },
  { key: 'content', header: '内容', min: 24, max: 50 },
  { key: 'contact', header: '联系人', min: 12, max: 22 },
  { key: 'status', header: '状态', min: 8, max: 10 },
  { key: 'handler', header: '办理人', min: 10, max: 20 },
  { key: 'accepted', header: '受理时间', min: 18, max: 18 },
  { key: 'closed', header: '办结时间', min: 18, max: 18 },
  { key: 'rating', header: '评价', min: 10, max: 30 },
]

export const ratingText = (rating: LedgerRow['rating']): string =>
  rating ? `${'★'.repeat(rating.stars)}${'☆'.repeat(Math.max(0, 5 - rating.stars))}${rating.comment ? ` ${rating.comment}` : ''}` : ''

/** A row's cells in `LEDGER_COLUMNS` order; `seq` is its place in the ledger (1, 2, …). */
export function ledgerCells(row: LedgerRow, seq: number): string[] {
  return [
    String(seq),
    row.id,
    row.date,
    row.kindLabel,
    row.categoryLabel,
    row.gridName,
    row.address,
    row.content,
    row.contact,
    row.statusLabel,
    row.handler,
    row.acceptedAt ? chinaDateTime(row.acceptedAt) : '',
    row.closedAt ? chinaDateTime(row.closedAt) : '',
    ratingText(row.rating),
  ]
}
