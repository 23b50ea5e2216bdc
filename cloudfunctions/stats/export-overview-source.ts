/** Where the overview sheet's figures come from: the `overview` action's computation. */
import { AppError, type Overview } from '@honglin/shared'
import type { Db } from '../_runtime/db'
import type { ExportJob } from './export-jobs'

export async function overviewFor(_env: { db: Db; now: number }, _job: ExportJob): Promise<Overview> {
  throw new AppError('INVALID_STATE', '统计表导出暂不可用')
}
