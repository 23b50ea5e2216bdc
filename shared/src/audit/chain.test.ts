import { createHash } from 'node:crypto'
import {
  auditEntryId,
  canonicalJson,
  chainEntries,
  entryHash,
  GENESIS_HASH,
  hashInput,
  startVerify,
  verifyChain,
  verifyEntries,
  verifyHead,
  type AuditDraft,
} from './chain'
import type { AuditEntry } from './types'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

const draft = (i: number, extra: Partial<AuditDraft> = {}): AuditDraft => ({
  action: 'demand.close',
  communityId: 'c1',
  target: { type: 'demand', id: `d${i}` },
  detail: { kind: 'service', points: i },
  at: 1_700_000_000_000 + i,
  actorId: 'u-staff',
  actorName: '刘书记',
  ...extra,
})

function chainOf(n: number): { entries: AuditEntry[]; head: { seq: number; hash: string } } {
  return chainEntries(
    'c1',
    undefined,
    Array.from({ length: n }, (_, i) => draft(i + 1)),
    sha256,
  )
}

describe('canonical serialisation', () => {
  test('sorts keys at every depth, drops undefined members, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: '红' }, u: undefined })).toBe('{"a":{"c":"红","d":[3,1]},"b":1}')
    expect(canonicalJson({ a: { c: '红', d: [3, 1] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [3, 1], c: '红' } }))
  })

  test('strings are escaped as JSON, numbers and literals as JSON', () => {
    expect(canonicalJson({ s: 'a"b\\c\n', n: 1.5, z: 0, t: true, f: false, x: null })).toBe(
      '{"f":false,"n":1.5,"s":"a\\"b\\\\c\\n","t":true,"x":null,"z":0}',
    )
    expect(canonicalJson([undefined, 1])).toBe('[null,1]')
  })

  test('refuses what is not plain data instead of hashing it some unrepeatable way', () => {
    expect(() => canonicalJson({ at: new Date(0) })).toThrow(TypeError)
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError)
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError)
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError)
  })

  test('the hash covers every field but the hash itself', () => {
    const [entry] = chainOf(1).entries
    expect(hashInput(entry!)).not.toContain('"hash"')
    expect(hashInput(entry!)).toContain('"prevHash"')
    expect(hashInput({ ...entry!, hash: 'anything' })).toBe(hashInput(entry!))
    // A field added later is covered as well.
    expect(entryHash({ ...entry!, extra: 1 } as AuditEntry, sha256)).not.toBe(entry!.hash)
  })

  test('a fixed entry has a fixed hash (the seed and any other verifier must agree)', () => {
    const entry = {
      _id: 'c1#1',
      chain: 'c1',
      seq: 1,
      at: 1_700_000_000_000,
      actorId: 'u1',
      actorName: '刘书记',
      action: 'demand.close' as const,
      communityId: 'c1',
      target: { type: 'demand' as const, id: 'd1' },
      detail: { points: 20 },
      prevHash: GENESIS_HASH,
    }
    expect(hashInput(entry)).toBe(
      '{"_id":"c1#1","action":"demand.close","actorId":"u1","actorName":"刘书记","at":1700000000000,"chain":"c1","communityId":"c1",' +
        `"detail":{"points":20},"prevHash":"${GENESIS_HASH}","seq":1,"target":{"id":"d1","type":"demand"}}`,
    )
    expect(entryHash(entry, sha256)).toBe(sha256(hashInput(entry)))
  })
})

describe('appending', () => {
  test('numbers entries from 1, links the first to the genesis and each to the one before', () => {
    const { entries, head } = chainOf(3)
    expect(entries.map((e) => [e._id, e.seq])).toEqual([
      ['c1#1', 1],
      ['c1#2', 2],
      ['c1#3', 3],
    ])
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH)
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash)
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash)
    expect(head).toEqual({ seq: 3, hash: entries[2]!.hash, at: entries[2]!.at })
    for (const e of entries) expect(e.hash).toBe(entryHash(e, sha256))
  })

  test('continues from a head', () => {
    const first = chainOf(2)
    const next = chainEntries('c1', first.head, [draft(3)], sha256)
    expect(next.entries[0]).toMatchObject({ _id: auditEntryId('c1', 3), seq: 3, prevHash: first.head.hash })
    expect(verifyChain([...first.entries, ...next.entries], next.head, sha256)).toEqual({ ok: true, checked: 3, complete: true })
  })
})

describe('verifying', () => {
  test('an intact chain verifies, and so does an empty one', () => {
    const { entries, head } = chainOf(5)
    expect(verifyChain(entries, head, sha256)).toEqual({ ok: true, checked: 5, complete: true })
    expect(verifyChain([], undefined, sha256)).toEqual({ ok: true, checked: 0, complete: true })
  })

  test('an edited detail breaks that entry’s hash', () => {
    const { entries, head } = chainOf(5)
    entries[2] = { ...entries[2]!, detail: { kind: 'service', points: 300 } }
    expect(verifyChain(entries, head, sha256)).toEqual({ ok: false, checked: 2, complete: true, firstBroken: { seq: 3, reason: 'hash' } })
  })

  test('an edited entry given a fresh hash breaks the next entry’s link', () => {
    const { entries, head } = chainOf(5)
    const forged = { ...entries[2]!, actorName: '别人' }
    entries[2] = { ...forged, hash: entryHash(forged, sha256) }
    expect(verifyChain(entries, head, sha256).firstBroken).toEqual({ seq: 4, reason: 'link' })
  })

  test('a deleted entry is a gap at its seq; a deleted newest entry is a gap against the head', () => {
    const { entries, head } = chainOf(5)
    expect(verifyChain([entries[0]!, entries[1]!, entries[3]!, entries[4]!], head, sha256).firstBroken).toEqual({ seq: 3, reason: 'gap' })
    expect(verifyChain(entries.slice(1), head, sha256).firstBroken).toEqual({ seq: 1, reason: 'gap' })
    expect(verifyChain(entries.slice(0, 4), head, sha256)).toMatchObject({ ok: false, checked: 4, firstBroken: { seq: 5, reason: 'gap' } })
  })

  test('a newest entry replaced as a whole disagrees with the head; a missing head is reported', () => {
    const { entries, head } = chainOf(3)
    const replaced = chainEntries('c1', { seq: 2, hash: entries[1]!.hash }, [draft(9)], sha256).entries[0]!
    expect(verifyChain([entries[0]!, entries[1]!, replaced], head, sha256).firstBroken).toEqual({ seq: 3, reason: 'link' })
    expect(verifyChain(entries, undefined, sha256).firstBroken).toEqual({ seq: 3, reason: 'link' })
  })

  test('an entry edited into something that is not plain data fails its hash instead of throwing', () => {
    const { entries, head } = chainOf(2)
    entries[1] = { ...entries[1]!, detail: { n: Number.NaN } }
    expect(verifyChain(entries, head, sha256).firstBroken).toEqual({ seq: 2, reason: 'hash' })
  })

  test('page by page gives the same answer as all at once', () => {
    const { entries, head } = chainOf(7)
    let state = startVerify()
    for (let i = 0; i < entries.length; i += 3) {
      const walked = verifyEntries(state, entries.slice(i, i + 3), sha256)
      expect(walked.broken).toBeUndefined()
      state = walked.state
    }
    expect(state).toEqual({ nextSeq: 8, lastHash: head.hash, checked: 7 })
    expect(verifyHead(state, head)).toBeUndefined()
  })
})
