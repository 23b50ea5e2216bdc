/** Everything the detail page shows of a project, each part asked only of those who may see it. */
import type { BidView, Objection, ProgressReport, ProjectView, ResultsAnswer } from '@honglin/shared'
import { api, ApiError } from '../../../services/api'

export interface ProjectDetail {
  project: ProjectView
  bids?: BidView[]
  objections?: Objection[]
  reports?: ProgressReport[]
  results?: ResultsAnswer
}

/** A part the caller may not see is left out; any other failure is the page's error. */
async function maybe<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call
  } catch (error) {
    if (error instanceof ApiError && ['FORBIDDEN', 'QUORUM_NOT_REACHED', 'INVALID_STATE', 'NOT_FOUND'].includes(error.code))
      return undefined
    throw error
  }
}

const AFTER_AWARD = ['awarded', 'publicity', 'in_progress', 'completed']
const AT_WORK = ['in_progress', 'completed']

export async function loadDetail(id: string): Promise<ProjectDetail> {
  const project = await api('project', 'get', { id })
  const [bids, objections, reports, results] = await Promise.all([
    project.status === 'draft' ? undefined : maybe(api('project', 'bids', { projectId: id })),
    AFTER_AWARD.includes(project.status) ? maybe(api('project', 'objections', { projectId: id })) : undefined,
    AT_WORK.includes(project.status) ? maybe(api('project', 'reports', { projectId: id })) : undefined,
    project.availableActions.includes('results') ? maybe(api('project', 'results', { projectId: id })) : undefined,
  ])
  return { project, bids: bids?.items, objections: objections?.items, reports: reports?.items, results }
}
