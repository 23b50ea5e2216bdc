/**
 * Finding a redemption by the code a holder shows, for those who hand rewards over. A code
 * re-issued away is told apart from one that never existed, so staff know to ask for the new
 * one. Someone who may not hand this reward over learns nothing about it.
 */
import { AppError, mayHandOver, type Actor, type Redemption } from '@honglin/shared'
import type { Db } from '../_runtime/db'
import { MallCollections } from '../_runtime/mall'

export async function findByCode(db: Db, actor: Actor, code: string): Promise<Redemption> {
  const [current, revoked] = await Promise.all([
    db.collection(MallCollections.redemptions).where({ code }).limit(1).get(),
    db.collection(MallCollections.redemptions).where({ revokedCodes: code }).limit(1).get(),
  ])
  const r = current.data[0] as Redemption | undefined
  const old = revoked.data[0] as Redemption | undefined
  if (r && mayHandOver(actor, r)) return r
  if (!r && old && mayHandOver(actor, old)) throw new AppError('INVALID_STATE', '该兑换码已作废（已重新生成），请让兑换人出示新码')
  throw new AppError('NOT_FOUND', '兑换码不存在或不属于您可以核销的礼品')
}
