/**
 * `certificate` (服务时长证明): the caller's service hours, closed items and points for a year,
 * from their street rollups (index `owner_period`; a street's rollup spans its communities),
 * issued with a random verification code kept in `certificates`, so `verify` is one read by id.
 * Asking again answers the same certificate while the numbers are the same; once they changed
 * (a later close, a correction) a new code is issued and the old one says it was superseded.
 * The head (`certificates/head-<user>-<year>`, a copy of the current certificate) and the
 * certificates change in one transaction, so two requests at once cannot both issue. Only the
 * volunteer gets their own: the holder is the caller, never a parameter. Round trips: the
 * caller, the rollups ‖ the head: 3; issuing adds the community's name (kept on the
 * certificate) and a transaction (start, the head, 2–3 writes, commit: 5–6). The answer also
 * carries the name the holder chose for honours (full or masked), which the shareable image
 * shows, and the community.
 */
import { randomInt } from 'node:crypto'
import {
  AppError,
  CERTIFICATE_CODE_ALPHABET,
  contract,
  honourName,
  periodKeyOf,
  periodLabel,
  roundHours,
  sameCertifiedCounts,
  type HonourRollup,
  type RollupCounts,
} from '@honglin/shared'
import { Collections, docById } from '../_runtime/db'
import { action } from '../_runtime/function'
import { allWrites, withTransaction } from '../_runtime/transaction'
import { HONOURS } from './rollup'

export const CERTIFICATES = 'certificates'

export interface CertificateDoc extends RollupCounts {
  _id: string
  kind: 'certificate'
  ownerId: string
  periodKey: string
  name: string
  /** The holder's community when it was issued (absent on certificates from before it was kept). */
  communityName?: string
  issuedAt: number
  supersededAt?: number
  supersededBy?: string
  /** The code this one replaced (its numbers had changed). */
  replaced?: string
}

/** The certificate a volunteer's year currently has: a copy of it under a fixed id. */
interface HeadDoc extends Omit<CertificateDoc, '_id' | 'kind'> {
  kind: 'head'
  code: string
}

export const certificate = action({
  schema: contract.Schemas.points.certificate,
  async run(ctx, input) {
    // A revoked volunteer keeps the record of the service they did; an applicant has none yet.
    const status = ctx.user?.volunteer?.status
    if (status !== 'verified' && status !== 'revoked') throw new AppError('FORBIDDEN', '只有志愿者可以开具服务时长证明')
    const year = input.year ?? Number(periodKeyOf('year', ctx.now))
    const periodKey = String(year)
    const me = ctx.actor.userId
    const headId = `head-${me}-${periodKey}`
    const [rollups, seen] = await Promise.all([
      ctx.db.collection(HONOURS).where({ ownerId: me, periodKey, scope: 'street' }).limit(20).get(),
      docById<HeadDoc>(ctx.db, CERTIFICATES, headId),
    ])
    const counts = (rollups.data as HonourRollup[]).reduce<RollupCounts>(
      (sum, r) => ({ points: sum.points + r.points, hours: roundHours(sum.hours + r.hours), items: sum.items + r.items }),
      { points: 0, hours: 0, items: 0 },
    )
    if (counts.items === 0) throw new AppError('NOT_FOUND', `${year}年还没有已办结的志愿服务记录，暂不能开具证明`)
    const shareName = honourName(ctx.actor.name, ctx.user?.honourName)
    // The usual case, asking again with nothing new: the current certificate, no transaction.
    if (seen && sameCertifiedCounts(seen, counts) && seen.communityName !== undefined) return answerOf(year, seen, shareName)
    const communityId = ctx.user?.volunteer?.communityId
    const community = communityId ? await docById<{ name?: string }>(ctx.db, Collections.communities, communityId) : undefined
    const communityName = community?.name ?? ''
    const issued = await withTransaction(ctx.db, async (tx) => {
      const head = await docById<HeadDoc>(tx, CERTIFICATES, headId)
      if (head && sameCertifiedCounts(head, counts)) return { ...head, communityName: head.communityName ?? communityName }
      const code = newCode()
      const cert: Omit<CertificateDoc, '_id'> = {
        kind: 'certificate',
        ownerId: me,
        periodKey,
        name: ctx.actor.name,
        communityName,
        ...counts,
        issuedAt: ctx.now,
      }
      const next: HeadDoc = { ...cert, kind: 'head', code, ...(head ? { replaced: head.code } : {}) }
      await allWrites([
        tx.collection(CERTIFICATES).doc(code).set({ data: cert }),
        tx.collection(CERTIFICATES).doc(headId).set({ data: next }),
        ...(head
          ? [
              tx
                .collection(CERTIFICATES)
                .doc(head.code)
                .update({ data: { supersededAt: ctx.now, supersededBy: code } }),
            ]
          : []),
      ])
      return next
    })
    return answerOf(year, issued, shareName)
  },
})

function answerOf(year: number, head: HeadDoc, shareName: string) {
  return {
    code: head.code,
    year,
    period: { key: head.periodKey, label: periodLabel(head.periodKey) },
    name: head.name,
    shareName,
    communityName: head.communityName ?? '',
    hours: head.hours,
    items: head.items,
    points: head.points,
    issuedAt: head.issuedAt,
    ...(head.replaced ? { replaced: head.replaced } : {}),
  }
}

/** 12 characters from a 32-letter alphabet (60 bits), from the system's secure random source. */
function newCode(): string {
  const chars = Array.from({ length: 12 }, () => CERTIFICATE_CODE_ALPHABET[randomInt(CERTIFICATE_CODE_ALPHABET.length)])
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`
}
