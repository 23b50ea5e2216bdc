/**
 * Export jobs (`export_jobs`): an export is recorded by the `export` action and made by the
 * `stats` timer (every minute, export-run.ts), so the caller is answered at once and the work
 * is not tied to a request (the function's one timer trigger counts first, then runs exports). Why the timer and not `cloud.callFunction` from the action: a
 * function is frozen the moment it returns, so a call it did not wait for may never leave, and
 * one it waits for holds the caller's request for the whole export; a queued job that any run
 * can pick up also survives a run that is killed at the time limit.
 *
 * A job is worked on by one run at a time: a run claims it by moving its lease forward in one
 * conditional write (`leaseUntil` still what it read), and every progress write is conditional
 * on the run's id, so a run that overstayed its lease stops at its next write. Progress (the key
 * of the last demand read, the part files written, the widest text per column) is on the job:
 * a run cut off anywhere leaves the job where its last write put it, and the next run goes on.
 */
import type { LedgerScope } from './ledger-scope'

export const EXPORT_JOBS = 'export_jobs'

export const ExportStates = ['queued', 'running', 'done', 'failed'] as const
export type ExportState = (typeof ExportStates)[number]

/** Demands read per query (`get()` answers at most 1,000; the pager asks one more than a page). */
export const EXPORT_PAGE = 999
/**
 * A run (counted from the timer's start: the counters go first) stops reading after this long,
 * leaving the rest of the function's 60 s to record progress and, when reading is done, write
 * and upload the file.
 */
export const RUN_READ_MS = 30_000
/** A claim lasts longer than the function may run (60 s), so a live run never loses it. */
export const LEASE_MS = 75_000
/**
 * The most rows one ledger export holds. The workbook is written in a single run after the
 * reading: measured on the emulator (2 shared cores, busy) at 1,200–2,400 rows a second with
 * memory flat (heap about 70 MB whatever the rows), so about 50,000 rows fit in what a 60 s run
 * leaves after counting. A longer ledger is asked for in shorter periods. (HONGLIN_EXPORT_MAX_ROWS
 * lowers it, to test the refusal without inserting 50,000 demands.)
 */
export const MAX_EXPORT_ROWS = 50_000
export const maxExportRows = (): number => Number(process.env.HONGLIN_EXPORT_MAX_ROWS) || MAX_EXPORT_ROWS

/** Exports of one person with the same scope, days and sheet within this window are one job. */
export const EXPORT_WINDOW_MS = 10 * 60 * 1000

export interface ExportJob {
  _id: string
  sheet: 'ledger' | 'overview'
  scope: LedgerScope
  from: string
  to: string
  requestedBy: string
  requestedByName: string
  state: ExportState
  /** 0 while nobody works on it; a run's claim ends then. */
  leaseUntil: number
  runId?: string
  runs: number
  /** `read` the demands into part files; `write` the workbook from them. */
  phase: 'read' | 'write'
  /** The ledger key (`createdAt.id`) of the last demand read. */
  cursor?: string
  /** Part files in cloud storage, in order, each the cells of at most EXPORT_PAGE rows. */
  partFiles: string[]
  rows: number
  /** Widest text per column so far (display width), for the column widths. */
  widths: number[]
  /** The most rows any run held at once (one part): the export never holds the ledger whole. */
  maxRowsHeld: number
  /** Test and operations knob: pages a run reads at most (absent: until RUN_READ_MS). */
  pagesPerRun?: number
  /** Runs that failed on it; the job is given up after MAX_FAILURES (export-run.ts). */
  failures?: number
  fileID?: string
  fileName?: string
  error?: string
  createdAt: number
  updatedAt: number
  finishedAt?: number
}
