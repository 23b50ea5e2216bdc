/**
 * Objections during the notice period (公示异议): `object` by anyone of the community
 * (residents, units), `objections` listed to staff and the street (and each person their own),
 * `answerObjection` by staff. Every objection must be answered before work starts; the
 * project counts the open ones in the same transaction as each objection and answer. The
 * answer is due within the community's objection window (SLA timer).
 */
import { AppError, assertProjectStaff, belongsTo, contract, isProjectStaff, oversees, type Objection, type Project } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { checkText } from '../_runtime/content'
import { docById, getDoc } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { idOf, loadProject, P, staffKeys, tell } from './store'

export const object = action({
  schema: contract.Schemas.project.object,
  async run(ctx, { projectId, reason, requestId }) {
    const project = await loadProject(ctx.db, ctx.actor, projectId)
    if (!belongsTo(ctx.actor, project)) throw new AppError('FORBIDDEN', '只有本社区居民和共建单位可以提出异议')
    // Those who decide answer objections; they do not lodge them.
    if (isProjectStaff(ctx.actor, project)) throw new AppError('FORBIDDEN', '社区工作人员负责答复异议，不能提出异议')
    const id = requestId ? idOf('o', ctx.actor.userId, requestId) : undefined
    if (id) {
      const earlier = await getDoc<Objection>(ctx.db, P.objections, id)
      if (earlier) return { ...earlier, created: false }
    }
    await checkText(ctx, reason)
    const made = await withTransaction(ctx.db, async (tx) => {
      if (id) {
        const again = await docById<Objection>(tx, P.objections, id)
        if (again) return { ...again, created: false }
      }
      const p = (await docById<Project>(tx, P.projects, projectId))!
      if (p.status !== 'publicity') throw new AppError('INVALID_STATE', '项目不在公示期')
      if (ctx.now >= (p.publicityEndsAt ?? 0)) throw new AppError('INVALID_STATE', '公示期已结束')
      const objection: Omit<Objection, '_id'> = {
        projectId,
        communityId: p.communityId,
        userId: ctx.actor.userId,
        userName: ctx.actor.name,
        reason,
        status: 'open',
        dueAt: ctx.now + p.rules.objectionHours * 3600_000,
        alertAt: ctx.now + p.rules.objectionHours * 3600_000,
        createdAt: ctx.now,
      }
      const res = await tx.collection(P.objections).add({ data: id ? { _id: id, ...objection } : objection })
      await tx
        .collection(P.projects)
        .doc(projectId)
        .update({ data: { openObjections: ctx.db.command.inc(1), updatedAt: ctx.now } })
      return { _id: id ?? (res._id as string), ...objection, created: true }
    })
    if (made.created)
      await tell(ctx, [{ audience: staffKeys(project), type: 'project.objection', title: '项目公示收到异议', body: project.title }])
    return made
  },
})

export const objections = action({
  schema: contract.Schemas.project.objections,
  async run(ctx, { projectId }) {
    const project = await loadProject(ctx.db, ctx.actor, projectId)
    const all = await readAll<Objection>(ctx.db, P.objections, { projectId })
    const items = oversees(ctx.actor, project) ? all : all.filter((o) => o.userId === ctx.actor.userId)
    return { items: items.sort((a, b) => a.createdAt - b.createdAt) }
  },
})

export const answerObjection = action({
  schema: contract.Schemas.project.answerObjection,
  async run(ctx, { objectionId, answer }) {
    await checkText(ctx, answer)
    const answered = await withTransaction(ctx.db, async (tx) => {
      const o = await docById<Objection>(tx, P.objections, objectionId)
      if (!o) throw new AppError('NOT_FOUND', '找不到该异议')
      const p = (await docById<Project>(tx, P.projects, o.projectId))!
      assertProjectStaff(ctx.actor, p)
      if (o.status === 'answered') {
        if (o.answer === answer) return o
        throw new AppError('INVALID_STATE', '该异议已答复')
      }
      const patch = { status: 'answered' as const, answer, answeredBy: ctx.actor.userId, answeredAt: ctx.now }
      await tx
        .collection(P.objections)
        .doc(objectionId)
        .update({ data: { ...patch, alertAt: ctx.db.command.remove() } })
      await tx
        .collection(P.projects)
        .doc(o.projectId)
        .update({ data: { openObjections: ctx.db.command.inc(-1), updatedAt: ctx.now } })
      return { ...o, ...patch }
    })
    await tell(ctx, [
      {
        audience: [`user:${answered.userId}`],
        type: 'project.objection_answered',
        title: '您提出的异议已答复',
        body: answered.answer ?? '',
      },
    ])
    return answered
  },
})
