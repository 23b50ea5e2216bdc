/**
 * The hash chain of the audit log, as plain functions. The hash function is a parameter
 * because this package runs in the mini-program too and must not import node:crypto; the
 * cloud functions pass sha256.
 *
 * An entry's hash is taken over its canonical serialisation: every field but `hash`, object
 * keys sorted, no whitespace. Because `prevHash` is one of those fields, changing any entry
 * changes its hash, and the next entry no longer links to it.
 */
import type { AuditBreak, AuditEntry, AuditHead, AuditSpec, AuditVerification } from './types'

/** `hex(sha256(text))` or any other digest of the UTF-8 text. */
export type HashFn = (text: string) => string

/** What the first entry of every chain links to. */
export const GENESIS_HASH = '0'.repeat(64)

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort`) and
 * undefined members left out, so the same entry always gives the same text, whatever order
 * the database returns its fields in. Anything that is not plain JSON data is refused rather
 * than hashed in some way a verifier could not repeat.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a finite number`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
      const proto = Object.getPrototypeOf(value)
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects')
      const record = value as Record<string, unknown>
      const members = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`)
      return `{${members.join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: cannot serialise a ${typeof value}`)
  }
}

/** The text an entry's hash is taken over: every field but `hash`. */
export function hashInput(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _omitted, ...rest } = entry
  void _omitted
  return canonicalJson(rest)
}

export const entryHash = (entry: Omit<AuditEntry, 'hash'> & { hash?: string }, hash: HashFn): string => hash(hashInput(entry))

/** Deterministic, so two appenders of one sequence number collide on the id as well. */
export const auditEntryId = (chain: string, seq: number): string => `${chain}#${seq}`

/** One entry as an action asks for it, with who and when. */
export type AuditDraft = AuditSpec & { at: number; actorId: string; actorName: string }

/**
 * The entries that follow `head` (none yet: the genesis) for `drafts` in order, and the head
 * after them. All drafts must belong to `chain`.
 */
export function chainEntries(
  chain: string,
  head: Pick<AuditHead, 'seq' | 'hash'> | undefined,
  drafts: AuditDraft[],
  hash: HashFn,
): { entries: AuditEntry[]; head: Omit<AuditHead, '_id'> } {
  let seq = head?.seq ?? 0
  let prevHash = head?.hash ?? GENESIS_HASH
  let at = 0
  const entries = drafts.map((draft) => {
    seq += 1
    const body: Omit<AuditEntry, 'hash'> = { ...draft, _id: auditEntryId(chain, seq), chain, seq, prevHash }
    const entry: AuditEntry = { ...body, hash: entryHash(body, hash) }
    prevHash = entry.hash
    at = draft.at
    return entry
  })
  return { entries, head: { seq, hash: prevHash, at } }
}

/** Where a walk over a chain stands: the next sequence number expected and the hash it must link to. */
export interface VerifyState {
  nextSeq: number
  lastHash: string
  checked: number
}

export const startVerify = (): VerifyState => ({ nextSeq: 1, lastHash: GENESIS_HASH, checked: 0 })

/**
 * Checks the next entries of a chain, in ascending `seq`, continuing from `state`. Answers the
 * state after them, or the first break: an entry missing (`gap`), an entry whose stored hash
 * is not the hash of its content (`hash`: it was edited), or one that does not link to the
 * previous entry's hash (`link`: the previous entry was replaced, or this one re-linked).
 */
export function verifyEntries(state: VerifyState, entries: AuditEntry[], hash: HashFn): { state: VerifyState; broken?: AuditBreak } {
  let { nextSeq, lastHash, checked } = state
  for (const entry of entries) {
    if (entry.seq > nextSeq) return { state: { nextSeq, lastHash, checked }, broken: { seq: nextSeq, reason: 'gap' } }
    if (entry.seq !== nextSeq) return { state: { nextSeq, lastHash, checked }, broken: { seq: nextSeq, reason: 'link' } }
    if (safeHash(entry, hash) !== entry.hash) return { state: { nextSeq, lastHash, checked }, broken: { seq: entry.seq, reason: 'hash' } }
    if (entry.prevHash !== lastHash) return { state: { nextSeq, lastHash, checked }, broken: { seq: entry.seq, reason: 'link' } }
    lastHash = entry.hash
    nextSeq += 1
    checked += 1
  }
  return { state: { nextSeq, lastHash, checked } }
}

/**
 * After the last entry: the head must name that entry. A head ahead of the entries means the
 * newest entries were deleted; one that disagrees with the last entry's hash means that
 * entry was replaced as a whole. (A chain without a head is one nothing was appended to.)
 */
export function verifyHead(state: VerifyState, head: Pick<AuditHead, 'seq' | 'hash'> | undefined): AuditBreak | undefined {
  const last = state.nextSeq - 1
  if (!head) return last === 0 ? undefined : { seq: last, reason: 'link' }
  if (head.seq > last) return { seq: last + 1, reason: 'gap' }
  if (head.seq < last || head.hash !== state.lastHash) return { seq: head.seq, reason: 'link' }
  return undefined
}

/** A whole chain at once (small chains, tests); the function walks large ones page by page. */
export function verifyChain(entries: AuditEntry[], head: Pick<AuditHead, 'seq' | 'hash'> | undefined, hash: HashFn): AuditVerification {
  const walked = verifyEntries(startVerify(), entries, hash)
  const broken = walked.broken ?? verifyHead(walked.state, head)
  return { ok: !broken, checked: walked.state.checked, complete: true, ...(broken ? { firstBroken: broken } : {}) }
}

/** An entry edited into something that is not plain data cannot be its own hash. */
function safeHash(entry: AuditEntry, hash: HashFn): string | undefined {
  try {
    return entryHash(entry, hash)
  } catch {
    return undefined
  }
}
