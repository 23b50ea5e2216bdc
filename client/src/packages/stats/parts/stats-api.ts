/**
 * The stats function's calls as the screens make them, typed by `contract.Results.stats` and
 * checked against the shared contract by `api`.
 */
import type { contract } from '@honglin/shared'
import { api, type InputOf } from '../../../services/api'

type Results = contract.Results['stats']

/** A place (at most one of the three) and a period. */
export type Scoped = { communityId?: string; streetId?: string; gridId?: string; from: string; to: string }

export type ExportSheet = InputOf<'stats', 'export'>['sheet']
export type ExportStatus = Results['exportStatus']
export type ExportState = ExportStatus['state']
export type LedgerPage = Results['ledger']
export type AnnualReport = Results['annualReport']
export type Heat = Results['heat']

export const stats = {
  overview: (input: Scoped) => api('stats', 'overview', input),
  trend: (input: Scoped & { period: 'day' | 'week' | 'month' }) => api('stats', 'trend', input),
  hotspots: (input: Scoped) => api('stats', 'hotspots', input),
  /** Received demands by place one level down × category, in one call. */
  heat: (input: Scoped) => api('stats', 'heat', input),
  ledger: (input: Scoped & { cursor?: string }) => api('stats', 'ledger', input),
  /** Answers as `exportStatus`: `done` with the file when it was made within the call. */
  export: (input: Scoped & { sheet: ExportSheet }) => api('stats', 'export', input),
  exportStatus: (jobId: string) => api('stats', 'exportStatus', { jobId }),
}

export const annual = {
  /** Every in-service member of the caller's community, with all the letters in one file. */
  all: (year: number) => api('stats', 'annualReport', { year }),
  /** One member's year and letter. */
  one: (year: number, userId: string) => api('stats', 'annualReport', { year, userId }),
}
