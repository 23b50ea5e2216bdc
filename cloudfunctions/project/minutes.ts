/**
 * `minutes` (联席会议纪要): a Word document of the review — who took part, who was recused and
 * why, every member's scores per criterion, totals, ranking, the decision and its reason —
 * written to cloud storage with a temporary link. Only once the review has closed, for staff,
 * the street and the reviewers.
 */
import { AppError, contract, isReviewer, oversees } from '@honglin/shared'
import { action } from '../_runtime/function'
import { minutesDocument } from './minutes-doc'
import { resultsOf } from './results'
import { loadProject } from './store'

const LINK_SECONDS = 3600

export const minutes = action({
  schema: contract.Schemas.project.minutes,
  async run(ctx, { projectId }) {
    const project = await loadProject(ctx.db, ctx.actor, projectId)
    if (!oversees(ctx.actor, project) && !isReviewer(ctx.actor, project))
      throw new AppError('FORBIDDEN', '只有社区、街道工作人员和评审委员可以查看会议纪要')
    const results = await resultsOf(ctx.db, project)
    const content = await minutesDocument(project, results, ctx.now)
    const cloudPath = `minutes/${project.communityId}/${project._id}-${ctx.now}.docx`
    const { fileID } = await ctx.cloud.uploadFile({ cloudPath, fileContent: content })
    const res = await ctx.cloud.getTempFileURL({ fileList: [{ fileID, maxAge: LINK_SECONDS }] })
    const tempFileURL = res?.fileList?.[0]?.tempFileURL
    if (!tempFileURL) throw new Error(`no temporary link for ${fileID}`)
    return { fileID, tempFileURL }
  },
})
