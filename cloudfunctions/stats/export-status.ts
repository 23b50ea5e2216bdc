/**
 * `exportStatus` ({ jobId }): where an export stands, for the person who asked for it (and
 * admins): `{ state, rows, fileID?, tempFileURL? }`, the link (one hour) once the file is made.
 * Someone else's job is NOT_FOUND, as if it did not exist; so is one whose file is past its
 * keeping (a day: the retention run has deleted it). Round trips: the caller, the job, and for
 * a made file the link: 2–3.
 */
import { AppError, contract, isAdmin, type Results } from '@honglin/shared'
import { EXPORT_KEEP_MS, LINK_SECONDS } from '../_runtime/data-exports'
import { docById } from '../_runtime/db'
import { action, type ActionContext } from '../_runtime/function'
import { EXPORT_JOBS, type ExportJob } from './export-jobs'

export const exportStatus = action({
  schema: contract.Schemas.stats.exportStatus,
  async run(ctx, input) {
    const job = await docById<ExportJob>(ctx.db, EXPORT_JOBS, input.jobId)
    if (!job || (job.requestedBy !== ctx.actor.userId && !isAdmin(ctx.actor))) throw new AppError('NOT_FOUND', '找不到该导出任务')
    return statusOf(ctx, job)
  },
})

/** What the asker sees of a job: with a fresh link once its file is made. */
export async function statusOf(ctx: Pick<ActionContext, 'cloud' | 'now'>, job: ExportJob): Promise<Results['stats']['exportStatus']> {
  if (job.finishedAt !== undefined && ctx.now - job.finishedAt > EXPORT_KEEP_MS)
    throw new AppError('NOT_FOUND', '该导出文件已过期，请重新导出')
  const base = {
    jobId: job._id,
    sheet: job.sheet,
    state: job.state,
    scope: { kind: job.scope.kind, id: job.scope.id, name: job.scope.name },
    from: job.from,
    to: job.to,
    rows: job.rows,
    ...(job.error ? { error: job.error } : {}),
  }
  if (job.state !== 'done' || !job.fileID) return base
  const res = await ctx.cloud.getTempFileURL({ fileList: [{ fileID: job.fileID, maxAge: LINK_SECONDS }] })
  const tempFileURL = res?.fileList?.[0]?.tempFileURL
  if (!tempFileURL) throw new Error(`no temporary link for ${job.fileID}`)
  return {
    ...base,
    fileID: job.fileID,
    ...(job.fileName ? { fileName: job.fileName } : {}),
    tempFileURL,
    expiresAt: ctx.now + LINK_SECONDS * 1000,
  }
}
