/**
 * The only place that loads Tencent's management SDK (@cloudbase/manager-node, written against
 * 5.6.5). Everything else talks to `ManagerApi` (api.ts), which the recorder also implements.
 */
import CloudBase from '@cloudbase/manager-node'
import type { ManagerApi } from './api'

export const MISSING_CREDENTIALS =
  '缺少腾讯云 API 密钥：请设置环境变量 TCB_SECRET_ID 与 TCB_SECRET_KEY（临时密钥另加 TCB_TOKEN）/ missing credentials: set TCB_SECRET_ID and TCB_SECRET_KEY (and TCB_TOKEN for temporary keys)'

/** The management API of `envId`, with credentials from the environment variables. */
export function connect(envId: string, env: NodeJS.ProcessEnv = process.env): ManagerApi {
  const secretId = env.TCB_SECRET_ID?.trim()
  const secretKey = env.TCB_SECRET_KEY?.trim()
  if (!secretId || !secretKey) throw new Error(MISSING_CREDENTIALS)
  const app = new CloudBase({
    secretId,
    secretKey,
    token: env.TCB_TOKEN?.trim() || undefined,
    envId,
    region: env.TCB_REGION?.trim() || undefined,
  })
  return {
    envId,
    database: app.database,
    functions: app.functions,
    storage: app.storage,
    tcb: app.commonService('tcb', '2018-06-08'),
  }
}
