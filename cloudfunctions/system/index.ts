/**
 * `system`: health and identity check used by the client's first screen and by operators.
 * Actions:
 * - `ping` → `{ ok: true, data: { openid, serverTime, env } }`: who the platform says the
 *   caller is (never taken from the payload) and the server's clock.
 */
import cloud from 'wx-server-sdk'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

interface Event {
  action?: string
}

export async function main(event: Event | null) {
  const { OPENID, ENV } = cloud.getWXContext()
  switch (event?.action) {
    case 'ping':
      return { ok: true, data: { openid: OPENID ?? '', serverTime: new Date().toISOString(), env: ENV ?? '' } }
    default:
      // Never repeat what was sent: the message is shown to whoever sent it.
      return { ok: false, error: { code: 'UNKNOWN_ACTION', message: '不支持的操作' } }
  }
}
