/**
 * `verify` (证书核验): anyone, registered or not (a school, an employer), checks a service-hour
 * certificate by its code: one read by id. It answers what the certificate says, with the
 * holder's name masked, and whether a later certificate for the same period replaced it. A
 * code nobody issued is refused with a message, never guessed at. Round trips: 1.
 */
import { AppError, contract, honourName, periodLabel } from '@honglin/shared'
import { docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { CERTIFICATES, type CertificateDoc } from './certificate'

export const verify = action({
  schema: contract.Schemas.points.verify,
  auth: 'none',
  async run(ctx, { code }) {
    const cert = await docById<CertificateDoc>(ctx.db, CERTIFICATES, code)
    if (!cert || cert.kind !== 'certificate') throw new AppError('NOT_FOUND', '查无此证书编号，请核对后重新输入')
    return {
      genuine: true as const,
      code: cert._id,
      name: honourName(cert.name, 'masked'),
      period: { key: cert.periodKey, label: periodLabel(cert.periodKey) },
      hours: cert.hours,
      items: cert.items,
      points: cert.points,
      issuedAt: cert.issuedAt,
      ...(cert.supersededAt && cert.supersededBy ? { superseded: { at: cert.supersededAt, by: cert.supersededBy } } : {}),
    }
  },
})
