/**
 * The stats function's calls with their answers typed by the shared stats types, for as long
 * as `contract.Results` does not list the function yet. Inputs are still checked against the
 * shared contract by `api`.
 */
import type { Hotspots, LedgerRow, MemberYear, Overview, Trend } from '@honglin/shared'
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
  export: (input: Scoped & { sheet: 'ledger' | 'overview' }) =>
    call('stats', 'export', input) as Promise<{ jobId: string; state: ExportState }>,
  exportStatus: (jobId: string) => call('stats', 'exportStatus', { jobId }) as Promise<ExportStatus>,
}

/** A 双报到 yearly report: the members' years and one .docx of their letters (and 喜报). */
export interface AnnualReport {
  year: number
  community: { id: string; name: string }
  members: MemberYear[]
  /** Members evaluated 优秀 (a 喜报 each in the file). */
  outstanding: number
  fileID: string
  fileName: string
  tempFileURL: string
}

export const annual = {
  /** Every in-service member of the caller's community, with all the letters in one file. */
  all: (year: number) => call('stats', 'annualReport', { year }) as Promise<AnnualReport>,
  /** One member's year and letter. */
  one: (year: number, userId: string) => call('stats', 'annualReport', { year, userId }) as Promise<AnnualReport>,
}
