/**
 * `certificate` (服务时长证明): the caller's service hours, closed items and points for a year,
 * from their street rollups (index `owner_period`; a street's rollup spans its communities),
 * issued with a random verification code kept in `certificates`, so `verify` is one read by id.
 * Asking again answers the same certificate while the numbers are the same; once they changed
 * (a later close, a correction) a new code is issued and the old one says it was superseded.
 * The head (`certificates/head-<user>-<year>`) and the certificates change in one transaction,
 * so two requests at once cannot both issue. Only the volunteer gets their own: the holder is
 * the caller, never a parameter. Round trips: the caller, the rollups, the transaction: 3 (+2
 * reads and 1–2 writes inside it).
 */
import { randomInt } from 'node:crypto'
import {
  AppError,
  CERTIFICATE_CODE_ALPHABET,
  contract,
  periodKeyOf,
  periodLabel,
  roundHours,
  sameCertifiedCounts,
  type HonourRollup,
  type RollupCounts,
} from '@honglin/shared'
import { docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { withTransaction } from '../_runtime/transaction'
import { HONOURS } from './rollup'

export const CERTIFICATES = 'certificates'

export interface CertificateDoc extends RollupCounts {
  _id: string
  kind: 'certificate'
  ownerId: string
  periodKey: string
  name: string
  issuedAt: number
  supersededAt?: number
  supersededBy?: string
}

interface HeadDoc extends RollupCounts {
  kind: 'head'
  code: string
}

export const certificate = action({
  schema: contract.Schemas.points.certificate,
  async run(ctx, input) {
    if (!ctx.user?.volunteer) throw new AppError('FORBIDDEN', '只有志愿者可以开具服务时长证明')
    const year = input.year ?? Number(periodKeyOf('year', ctx.now))
    const periodKey = String(year)
    const me = ctx.actor.userId
    const res = await ctx.db.collection(HONOURS).where({ ownerId: me, periodKey, scope: 'street' }).limit(20).get()
    const counts = (res.data as HonourRollup[]).reduce<RollupCounts>(
      (sum, r) => ({ points: sum.points + r.points, hours: roundHours(sum.hours + r.hours), items: sum.items + r.items }),
      { points: 0, hours: 0, items: 0 },
    )
    if (counts.items === 0) throw new AppError('NOT_FOUND', `${year}年还没有已办结的志愿服务记录，暂不能开具证明`)
    const headId = `head-${me}-${periodKey}`
    const { cert, replaced } = await withTransaction(ctx.db, async (tx) => {
      const head = await docById<HeadDoc>(tx, CERTIFICATES, headId)
      if (head && sameCertifiedCounts(head, counts)) {
        const kept = await docById<CertificateDoc>(tx, CERTIFICATES, head.code)
        if (kept) return { cert: kept, replaced: undefined }
      }
      const code = newCode()
      const cert: CertificateDoc = { _id: code, kind: 'certificate', ownerId: me, periodKey, name: ctx.actor.name, ...counts, issuedAt: ctx.now }
      const { _id, ...data } = cert
      await Promise.all([
        tx.collection(CERTIFICATES).doc(_id).set({ data }),
        tx.collection(CERTIFICATES).doc(headId).set({ data: { kind: 'head', code, ...counts } }),
        head ? tx.collection(CERTIFICATES).doc(head.code).update({ data: { supersededAt: ctx.now, supersededBy: code } }) : undefined,
      ])
      return { cert, replaced: head?.code }
    })
    return {
      code: cert._id,
      year,
      period: { key: periodKey, label: periodLabel(periodKey) },
      name: cert.name,
      hours: cert.hours,
      items: cert.items,
      points: cert.points,
      issuedAt: cert.issuedAt,
      ...(replaced ? { replaced } : {}),
    }
  },
})

/** 12 characters from a 32-letter alphabet (60 bits), from the system's secure random source. */
function newCode(): string {
  const chars = Array.from({ length: 12 }, () => CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}
