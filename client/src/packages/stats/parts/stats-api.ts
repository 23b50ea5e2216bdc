/**
 * The stats function's calls with their answers typed by the shared stats types, for as long
 * as `contract.Results` does not list the function yet. Inputs are still checked against the
 * shared contract by `api`.
 */
import type { Evaluation, Hotspots, LedgerRow, Overview, Trend } from '@honglin/shared'
import type { KeyPage } from '../../../hooks/use-paged-list'
import { api } from '../../../services/api'

type Loose = (fn: string, action: string, input: object) => Promise<unknown>
const call = api as unknown as Loose

export type Scoped = { communityId?: string; streetId?: string; gridId?: string; from: string; to: string }

export type ExportState = 'queued' | 'running' | 'done' | 'failed'

export interface ExportStatus {
  jobId: string
  state: ExportState
  /** Rows written so far. */
  rows: number
  scope?: { name: string }
  error?: string
  fileID?: string
  fileName?: string
  tempFileURL?: string
}

export interface LedgerPage extends KeyPage<LedgerRow> {
  scope: { name: string }
}

export const stats = {
  overview: (input: Scoped) => call('stats', 'overview', input) as Promise<Overview>,
  trend: (input: Scoped & { period: 'day' | 'week' | 'month' }) => call('stats', 'trend', input) as Promise<Trend>,
  hotspots: (input: Scoped) => call('stats', 'hotspots', input) as Promise<Hotspots>,
  ledger: (input: Scoped & { cursor?: string }) => call('stats', 'ledger', input) as Promise<LedgerPage>,
  export: (input: Scoped & { sheet: 'ledger' | 'overview' }) => call('stats', 'export', input) as Promise<{ jobId: string; state: ExportState }>,
  exportStatus: (jobId: string) => call('stats', 'exportStatus', { jobId }) as Promise<ExportStatus>,
}

/** One in-service party member's year, as the 双报到 yearly report lists it. */
export interface AnnualMember {
  userId: string
  name: string
  unitName?: string
  hours: number
  items: number
  rated: number
  averageStars: number | null
  comments: string[]
  evaluation: Evaluation
}

export interface AnnualReport {
  year: number
  communityName?: string
  members: AnnualMember[]
}

export interface AnnualLetter {
  member: AnnualMember
  fileID: string
  tempFileURL: string
  fileName?: string
}

export const annual = {
  list: (year: number) => call('stats', 'annualReport', { year }) as Promise<AnnualReport>,
  letter: (year: number, userId: string) => call('stats', 'annualReport', { year, userId }) as Promise<AnnualLetter>,
}
