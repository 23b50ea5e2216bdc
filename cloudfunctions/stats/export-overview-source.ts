/**
 * The overview sheet's figures: what `stats.overview` answers for the job's place and days,
 * computed as the person who asked for the export (their permission is checked again when the
 * job runs, so one who lost the role meanwhile gets no file).
 */
import type cloudModule from 'wx-server-sdk'
import { AppError, type Overview } from '@honglin/shared'
import { actorOf, type UserDoc } from '../_runtime/actor'
import { Collections, getDoc, type Db } from '../_runtime/db'
import type { ExportJob } from './export-jobs'
import { overview } from './overview'

export async function overviewFor(env: { db: Db; cloud: typeof cloudModule; now: number }, job: ExportJob): Promise<Overview> {
  const user = await getDoc<UserDoc>(env.db, Collections.users, job.requestedBy)
  if (!user) throw new AppError('FORBIDDEN')
  const ctx = { db: env.db, cloud: env.cloud, openid: user.openid ?? '', actor: actorOf(user), user, now: env.now }
  return overview.run(ctx, { [job.scope.field]: job.scope.id, from: job.from, to: job.to })
}
