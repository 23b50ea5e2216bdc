/**
 * Upload authorization. `storage.getUploadMetadata` hands out an `authorization` bound to one
 * cloud path and a time window, in the shape of a COS signature; the upload route accepts a
 * PUT only with a matching, unexpired one, as COS does. The key lives in memory, so
 * authorizations do not survive a restart (real ones expire within minutes anyway).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Clock } from '../clock'

/** How long an upload authorization stays valid. */
export const UPLOAD_AUTH_TTL_SECONDS = 15 * 60

export interface UploadGrant {
  authorization: string
  /** Sent back by the SDK as `x-cos-security-token`; informational only. */
  token: string
}

export class UploadSigner {
  private readonly key = randomBytes(32)

  constructor(private readonly clock: Clock) {}

  issue(cloudPath: string): UploadGrant {
    const start = Math.floor(this.clock.now() / 1000)
    const keyTime = `${start};${start + UPLOAD_AUTH_TTL_SECONDS}`
    return {
      authorization: `q-sign-algorithm=local-hmac-sha256&q-key-time=${keyTime}&q-signature=${this.sign(cloudPath, keyTime)}`,
      token: randomBytes(16).toString('hex'),
    }
  }

  /** Why `authorization` does not allow a PUT of `cloudPath` now, or undefined when it does. */
  problem(
    cloudPath: string,
    authorization: string | undefined,
  ): { code: 'AccessDenied' | 'SignatureDoesNotMatch'; message: string } | undefined {
    if (!authorization) return { code: 'AccessDenied', message: 'Access Denied. (missing authorization)' }
    const fields = new URLSearchParams(authorization)
    const keyTime = fields.get('q-key-time') ?? ''
    const signature = fields.get('q-signature') ?? ''
    const expected = this.sign(cloudPath, keyTime)
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      return { code: 'SignatureDoesNotMatch', message: 'The Signature you specified does not match this upload (path or signature differ)' }
    }
    const [start, end] = keyTime.split(';').map(Number)
    const now = Math.floor(this.clock.now() / 1000)
    if (!(now >= (start ?? Infinity) - 60 && now <= (end ?? -Infinity))) return { code: 'AccessDenied', message: 'Request has expired' }
    return undefined
  }

  private sign(cloudPath: string, keyTime: string): string {
    return createHmac('sha256', this.key).update(`${keyTime}\n${cloudPath}`).digest('hex')
  }
}
