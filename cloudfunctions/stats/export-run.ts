/**
 * The export timer (`stats`, trigger `exports`, every minute): claims the oldest export job
 * nobody works on and moves it on (export-jobs.ts says why a timer). A ledger export reads the
 * scope's demands by key, a page (≤ 999) at a time, each page written at once as a part file in
 * cloud storage with the job's progress; after RUN_READ_MS the run stops and the next run goes
 * on from the recorded key. Once everything is read a run writes the workbook from the parts
 * with the streaming writer (export-xlsx.ts), uploads it, records it with the data exports (so
 * the daily retention run deletes it a day later) and deletes the parts. Nothing holds the
 * ledger whole: a run holds one part. A small export is made the same way within the `export`
 * call (claimJob, moveJobOn). Finished jobs go once their file is past its keeping
 * (removeOldJobs). Only the platform's timer runs the queue (timer-guard.ts).
 */
import { randomBytes } from 'node:crypto'
import { createReadStream, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import cloud from 'wx-server-sdk'
import { AppError, contract, ledgerCells, ledgerRowOf, widerOf, type LedgerDemand, type Result } from '@honglin/shared'
import { serverNow } from '../_runtime/clock'
import { DATA_EXPORTS, EXPORT_KEEP_MS } from '../_runtime/data-exports'
import { Collections, createDb, type Db } from '../_runtime/db'
import { fromPlatformTimer, isTimerEvent } from '../_runtime/timer'
import { EXPORT_JOBS, EXPORT_PAGE, LEASE_MS, RUN_READ_MS, type ExportJob } from './export-jobs'
import { ledgerLayout, officialWorkbook } from './export-xlsx'
import { exportOverviewSheet } from './export-overview'
import { LEDGER_ORDER, LEDGER_PROJECTION } from './ledger'
import { gridNamesOf, ledgerWhere } from './ledger-scope'
import { pageByKey } from '../_runtime/paging'

/** A job whose runs failed this often is given up (the person is told to try again). */
const MAX_FAILURES = 3

type Cloud = typeof cloud
export interface ExportEnv {
  db: Db
  cloud: Cloud
  now: number
  /** When this run began (the function's own clock: the read budget is real time). */
  startedAt: number
  /** How long the run may read before it stops (default RUN_READ_MS). */
  budgetMs?: number
}
type Env = ExportEnv

export interface ExportRunSummary {
  jobs: number
  pages: number
  rows: number
  done: number
  failed: number
  /** Whether a job was left for the next run. */
  more: boolean
  /** How long writing and uploading workbooks took in this run (ms), and the instance's memory at the end (MB). */
  writeMs: number
  rssMb: number
  heapMb: number
  /** Finished jobs past their file's keeping, removed. */
  removed: number
}

type Main = (event: unknown) => Promise<Result<unknown>>

/**
 * `main` with exports after the timer's other work: a function has one timer trigger, so each
 * run first does what `main` does with a timer event (the counters; it also refuses any event
 * that is not the platform's timer), then moves exports on in the time left, and answers both
 * (`exports` beside the counting's figures).
 */
export function withExportTimer(main: Main): Main {
  return async (event) => {
    if (!isTimerEvent(event)) return main(event)
    const startedAt = Date.now()
    const first = await main(event)
    if (!fromPlatformTimer(event)) return first
    try {
      const exports = await runExports({ db: createDb(cloud), cloud, now: serverNow(), startedAt })
      return first.ok ? { ok: true, data: { ...(first.data as object), exports } } : first
    } catch (error) {
      console.error('stats exports failed:', error)
      return first.ok ? { ok: false, error: new AppError('INTERNAL').toBody() } : first
    }
  }
}

const elapsed = (env: Env) => Date.now() - env.startedAt
const spent = (env: Env) => elapsed(env) >= (env.budgetMs ?? RUN_READ_MS)

export async function runExports(env: Env): Promise<ExportRunSummary> {
  const summary = emptySummary()
  try {
    await exportJobs(env, summary)
    summary.removed = await removeOldJobs(env)
  } finally {
    const memory = process.memoryUsage()
    summary.rssMb = Math.round(memory.rss / 1e6)
    summary.heapMb = Math.round(memory.heapUsed / 1e6)
  }
  return summary
}

async function exportJobs(env: Env, summary: ExportRunSummary): Promise<ExportRunSummary> {
  const _ = env.db.command
  while (!spent(env)) {
    const found = await env.db
      .collection(EXPORT_JOBS)
      .where({ state: _.in(['queued', 'running']), leaseUntil: _.lt(env.now) })
      .orderBy('leaseUntil', 'asc')
      .limit(1)
      .get()
    const job = found.data[0] as ExportJob | undefined
    if (!job) return summary
    const mine = await claimJob(env, job)
    // Another run took it between the read and the claim: look for the next one.
    if (!mine) continue
    summary.jobs += 1
    const after = await moveJobOn(env, mine, summary)
    if (after.state === 'done') summary.done += 1
    else if (after.state === 'failed') summary.failed += 1
    if (after.state !== 'done') {
      summary.more = after.state !== 'failed'
      return summary
    }
  }
  summary.more = true
  return summary
}

/**
 * Takes `job` as it was read, in one conditional write: nobody else holds it (its lease is
 * what was read) and it is not finished. Answers the job as now held, or undefined.
 */
export async function claimJob(env: Env, job: ExportJob): Promise<ExportJob | undefined> {
  if (job.state === 'done' || job.state === 'failed' || job.leaseUntil >= env.now) return undefined
  const runId = randomBytes(8).toString('hex')
  const claimed = await env.db
    .collection(EXPORT_JOBS)
    .where({ _id: job._id, leaseUntil: job.leaseUntil, state: job.state })
    .update({ data: { state: 'running', leaseUntil: env.now + LEASE_MS, runId, runs: env.db.command.inc(1), updatedAt: env.now } })
  return claimed.stats.updated === 1 ? { ...job, state: 'running', runId } : undefined
}

/**
 * Moves a claimed job on as far as the run's budget allows and answers it as left: `done` (with
 * its file), `failed`, or still `running` with its lease given back for the next run. A failure
 * is recorded on the job, never thrown.
 */
export async function moveJobOn(env: Env, job: ExportJob, summary: ExportRunSummary = emptySummary()): Promise<ExportJob> {
  try {
    const finished = await work(env, job, summary)
    return finished ?? { ...job, leaseUntil: 0 }
  } catch (error) {
    // A refusal (the asker lost the role meanwhile) will not change by trying again; anything else is tried up to MAX_FAILURES runs.
    const refused = error instanceof AppError
    if (!refused) console.error(`export ${job._id} failed:`, error)
    const failures = (job.failures ?? 0) + 1
    const givenUp = refused || failures >= MAX_FAILURES
    const failed = givenUp ? { state: 'failed' as const, error: refused ? error.message : '导出失败，请重新导出', finishedAt: env.now } : {}
    await env.db
      .collection(EXPORT_JOBS)
      .where({ _id: job._id, runId: job.runId })
      .update({ data: { failures, leaseUntil: 0, updatedAt: env.now, ...failed } })
    // The parts of a job given up are of no use to anyone.
    if (givenUp && job.partFiles.length > 0) {
      try {
        await env.cloud.deleteFile({ fileList: job.partFiles })
      } catch (cleanup) {
        console.error(`export ${job._id}: its parts were not deleted:`, cleanup)
      }
    }
    return { ...job, failures, leaseUntil: 0, ...failed }
  }
}

const emptySummary = (): ExportRunSummary => ({
  jobs: 0,
  pages: 0,
  rows: 0,
  done: 0,
  failed: 0,
  more: false,
  writeMs: 0,
  rssMb: 0,
  heapMb: 0,
  removed: 0,
})

/** Jobs removed per run at most (a run a minute keeps far ahead of what people ask for). */
const REMOVE_PER_RUN = 100

/**
 * Finished jobs whose file is past its keeping (the retention run has deleted it): nothing is
 * left to hand out, so the job goes too (index `state_finished`).
 */
async function removeOldJobs(env: Env): Promise<number> {
  const _ = env.db.command
  const old = await env.db
    .collection(EXPORT_JOBS)
    .where({ state: _.in(['done', 'failed']), finishedAt: _.lt(env.now - EXPORT_KEEP_MS) })
    .orderBy('finishedAt', 'asc')
    .limit(REMOVE_PER_RUN)
    .field({ _id: true })
    .get()
  const ids = (old.data as { _id: string }[]).map((j) => j._id)
  if (ids.length === 0) return 0
  const res = await env.db
    .collection(EXPORT_JOBS)
    .where({ _id: _.in(ids) })
    .remove()
  return res.stats.removed
}

/** Moves one claimed job on; the job as finished, or undefined when it waits for another run. */
async function work(env: Env, job: ExportJob, summary: ExportRunSummary): Promise<ExportJob | undefined> {
  if (job.sheet === 'overview') {
    const path = join(tmpdir(), `${job._id}.xlsx`)
    try {
      await exportOverviewSheet(env, job, path)
      return await finish(env, job, path, 0)
    } finally {
      await fs.rm(path, { force: true })
    }
  }
  if (job.phase === 'read') {
    const read = await readParts(env, job, summary)
    if (!read) return release(env, job)
    job = read
  }
  // The workbook is written in one go: leave it to a fresh run if this one has spent its time.
  if (spent(env)) return release(env, job)
  const writing = Date.now()
  const done = await writeLedger(env, job)
  summary.writeMs += Date.now() - writing
  return done
}

async function release(env: Env, job: ExportJob): Promise<undefined> {
  await env.db
    .collection(EXPORT_JOBS)
    .where({ _id: job._id, runId: job.runId })
    .update({ data: { leaseUntil: 0, updatedAt: env.now } })
  return undefined
}

/** Reads pages into part files until the budget is spent; the job as read to the end, or undefined. */
async function readParts(env: Env, job: ExportJob, summary: ExportRunSummary): Promise<ExportJob | undefined> {
  const names = await gridNamesOf(env.db, job.scope)
  const where = ledgerWhere(env.db, job.scope, job.from, job.to)
  let pages = 0
  for (;;) {
    if (spent(env) || (job.pagesPerRun !== undefined && pages >= job.pagesPerRun)) return undefined
    const page = await pageByKey<LedgerDemand>(
      env.db,
      Collections.demands,
      where,
      LEDGER_ORDER,
      contract.STATS_LEDGER_CURSOR,
      { ...(job.cursor ? { cursor: job.cursor } : {}), page: { offset: 0, limit: EXPORT_PAGE } },
      LEDGER_PROJECTION,
    )
    const cells = page.items.map((d, i) => ledgerCells(ledgerRowOf(d, names.get(d.gridId)), job.rows + i + 1))
    const partFiles = [...job.partFiles]
    if (cells.length > 0) {
      const cloudPath = `exports/stats/${job._id}/part-${String(partFiles.length + 1).padStart(5, '0')}.json`
      const { fileID } = await env.cloud.uploadFile({ cloudPath, fileContent: Buffer.from(JSON.stringify(cells), 'utf8') })
      partFiles.push(fileID)
    }
    const last = page.items.at(-1)
    const next: ExportJob = {
      ...job,
      partFiles,
      rows: job.rows + cells.length,
      widths: widerOf(job.widths, cells),
      maxRowsHeld: Math.max(job.maxRowsHeld, cells.length),
      ...(last ? { cursor: `${last.createdAt}.${last._id}` } : {}),
      phase: page.hasMore ? 'read' : 'write',
    }
    const saved = await env.db
      .collection(EXPORT_JOBS)
      .where({ _id: job._id, runId: job.runId })
      .update({
        data: {
          partFiles: next.partFiles,
          rows: next.rows,
          widths: next.widths,
          maxRowsHeld: next.maxRowsHeld,
          phase: next.phase,
          ...(next.cursor ? { cursor: next.cursor } : {}),
          updatedAt: env.now,
        },
      })
    if (saved.stats.updated !== 1) throw new Error(`export ${job._id}: the claim was lost`)
    summary.pages += 1
    summary.rows += cells.length
    pages += 1
    job = next
    if (!page.hasMore) return job
  }
}

async function writeLedger(env: Env, job: ExportJob): Promise<ExportJob> {
  const path = join(tmpdir(), `${job._id}.xlsx`)
  try {
    const workbook = officialWorkbook(path)
    const sheet = workbook.sheet(ledgerLayout(job.scope.name, job.from, job.to, job.widths, env.now))
    for (const fileID of job.partFiles) {
      // One part in memory at a time.
      const { fileContent } = await env.cloud.downloadFile({ fileID })
      const rows = JSON.parse((fileContent as Buffer).toString('utf8')) as string[][]
      for (const cells of rows) sheet.row(cells)
    }
    sheet.done()
    await workbook.finish()
    return await finish(env, job, path, job.partFiles.length)
  } finally {
    await fs.rm(path, { force: true })
  }
}

/** Uploads the workbook, records it for retention, marks the job done and deletes the parts. */
async function finish(env: Env, job: ExportJob, path: string, parts: number): Promise<ExportJob> {
  const what = job.sheet === 'ledger' ? '台账' : '统计表'
  const fileName = `${job.scope.name}${what}_${job.from}_${job.to}.xlsx`
  const { fileID } = await env.cloud.uploadFile({
    cloudPath: `exports/stats/${job._id}/${randomBytes(12).toString('hex')}.xlsx`,
    fileContent: createReadStream(path),
  })
  await env.db
    .collection(DATA_EXPORTS)
    .doc(job._id)
    .set({ data: { userId: job.requestedBy, fileID, createdAt: env.now } })
  const saved = await env.db
    .collection(EXPORT_JOBS)
    .where({ _id: job._id, runId: job.runId })
    .update({ data: { state: 'done', fileID, fileName, leaseUntil: 0, finishedAt: env.now, updatedAt: env.now } })
  if (saved.stats.updated !== 1) {
    await env.cloud.deleteFile({ fileList: [fileID] })
    throw new Error(`export ${job._id}: the claim was lost`)
  }
  if (parts > 0) await env.cloud.deleteFile({ fileList: job.partFiles })
  return { ...job, state: 'done', fileID, fileName, leaseUntil: 0, finishedAt: env.now, updatedAt: env.now }
}
