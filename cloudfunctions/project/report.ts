/**
 * `report` / `reports`: the awarded unit's contacts report progress against the milestones,
 * with photos; the project keeps the latest percentage. With a requestId a retry answers the
 * first report. Reports are public with the project. Round trips: caller, project, (retry
 * check), transaction, notice.
 */
import { AppError, contactUnits, contract, eventOf, type ProgressReport, type Project } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { checkImages, checkText } from '../_runtime/content'
import { docById, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { idOf, loadProject, P, staffKeys, streetKeys, tell } from './store'

export const report = action({
  schema: contract.Schemas.project.report,
  async run(ctx, input) {
    const project = await loadProject(ctx.db, ctx.actor, input.projectId)
    if (!project.award || !contactUnits(ctx.actor).includes(project.award.unitId))
      throw new AppError('FORBIDDEN', '只有中标单位联系人可以报告进度')
    const id = input.requestId ? idOf('r', ctx.actor.userId, input.requestId) : undefined
    if (id) {
      const earlier = await getDoc<ProgressReport>(ctx.db, P.reports, id)
      if (earlier) return { ...earlier, created: false }
    }
    if (project.status !== 'in_progress') throw new AppError('INVALID_STATE', '项目不在实施中')
    await checkText(ctx, input.note, input.milestone)
    await checkImages(ctx, input.photos)
    const made = await withTransaction(ctx.db, async (tx) => {
      if (id) {
        const again = await docById<ProgressReport>(tx, P.reports, id)
        if (again) return { ...again, created: false }
      }
      const p = (await docById<Project>(tx, P.projects, project._id))!
      if (p.status !== 'in_progress') throw new AppError('INVALID_STATE', '项目不在实施中')
      const row: Omit<ProgressReport, '_id'> = {
        projectId: p._id,
        unitId: p.award!.unitId,
        userId: ctx.actor.userId,
        userName: ctx.actor.name,
        progress: input.progress,
        note: input.note,
        ...(input.milestone ? { milestone: input.milestone } : {}),
        photos: input.photos,
        createdAt: ctx.now,
      }
      const res = await tx.collection(P.reports).add({ data: id ? { _id: id, ...row } : row })
      const event = eventOf(
        ctx.actor,
        'report',
        ctx.now,
        p.status,
        p.status,
        `进度 ${input.progress}%${input.milestone ? `（${input.milestone}）` : ''}`,
      )
      await tx
        .collection(P.projects)
        .doc(p._id)
        .update({ data: { progress: input.progress, timeline: ctx.db.command.push([event]), updatedAt: ctx.now } })
      return { _id: id ?? (res._id as string), ...row, created: true }
    })
    if (made.created)
      await tell(ctx, [
        {
          audience: [...staffKeys(project), ...streetKeys(project)],
          type: 'project.report',
          title: `项目进度 ${input.progress}%`,
          body: project.title,
        },
      ])
    return made
  },
})

export const reports = action({
  schema: contract.Schemas.project.reports,
  async run(ctx, { projectId }) {
    await loadProject(ctx.db, ctx.actor, projectId)
    const all = await readAll<ProgressReport>(ctx.db, P.reports, { projectId })
    return { items: all.sort((a, b) => a.createdAt - b.createdAt) }
  },
})
