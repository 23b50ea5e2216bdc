/**
 * `verify`: walks a chain from its first entry, a page at a time, recomputing every hash and
 * link. The head is read first and the walk stops at its seq, so entries appended meanwhile
 * are left for the next check instead of looking like a mismatch. Each page is one round trip
 * of at most PAGE entries; the walk stops for time well inside the function's timeout and says
 * so (`complete: false`) rather than being cut off without an answer.
 */
import { contract, startVerify, verifyEntries, verifyHead, type AuditBreak, type AuditEntry } from '@honglin/shared'
import { AuditCollections, readHead, sha256 } from '../_runtime/audit'
import { action } from '../_runtime/function'
import { scopeOf } from './scope'

/** The most the service returns for one query. */
const PAGE = 1000
/** The function may run 60 s (config.json); leave room to answer. */
const TIME_BUDGET_MS = 45_000

export const verify = action({
  schema: contract.Schemas.audit.verify,
  async run(ctx, { communityId }) {
    const started = Date.now()
    const { chain } = await scopeOf(ctx, 'verify', communityId)
    const head = await readHead(ctx.db, chain)
    const _ = ctx.db.command
    let state = startVerify()
    let broken: AuditBreak | undefined
    let complete = true
    for (;;) {
      if (head && state.nextSeq > head.seq) break
      if (Date.now() - started > TIME_BUDGET_MS) {
        complete = false
        break
      }
      const seq = head ? _.gte(state.nextSeq).and(_.lte(head.seq)) : _.gte(state.nextSeq)
      const res = await ctx.db.collection(AuditCollections.log).where({ chain, seq }).orderBy('seq', 'asc').limit(PAGE).get()
      const page = res.data as AuditEntry[]
      const walked = verifyEntries(state, page, sha256)
      state = walked.state
      broken = walked.broken
      if (broken || page.length < PAGE) break
    }
    if (!broken && complete) broken = verifyHead(state, head)
    return { chain, ok: !broken, checked: state.checked, complete, ...(broken ? { firstBroken: broken } : {}) }
  },
})
