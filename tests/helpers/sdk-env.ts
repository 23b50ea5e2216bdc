/**
 * Environment that makes the unmodified wx-server-sdk (via @cloudbase/node-sdk) talk to a local
 * emulator. `TENCENTCLOUD=true` stops node-sdk from probing the cloud metadata host on every
 * request (see the wire-protocol notes); the secrets are dummies the emulator ignores.
 */
export const SDK_BASE_ENV: Record<string, string> = {
  TENCENTCLOUD: 'true',
  TENCENTCLOUD_REGION: 'ap-shanghai',
  TENCENTCLOUD_SECRETID: 'local-secret-id',
  TENCENTCLOUD_SECRETKEY: 'local-secret-key',
  SCF_NAMESPACE: 'local',
  TCB_ENV: 'local',
}

export function applySdkEnv(serviceUrl: string): void {
  Object.assign(process.env, SDK_BASE_ENV, { TCB_CONTEXT_CNFG: JSON.stringify({ URL: serviceUrl }) })
}
