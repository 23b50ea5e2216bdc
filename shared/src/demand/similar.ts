/**
 * Likely duplicates (the same broken light reported twice): open demands of the same grid and
 * category whose titles share enough two-character pieces. `demand.similar` offers them when a
 * resident orders, `dispatch.similar` when staff merge; both read only the newest open demands
 * of that grid and category through an index, so the rule here ranks a bounded handful.
 */
import type { Demand, DemandStatus } from './types'

/** Demands still being handled: following or merging into one of these still helps. */
export const SimilarStatuses: readonly DemandStatus[] = ['submitted', 'accepted', 'dispatched', 'open', 'in_progress']

/** How far back a duplicate is looked for. */
export const SIMILAR_WINDOW_MS = 30 * 24 * 3600 * 1000
/** How many of the newest open demands of the grid and category are compared. */
export const SIMILAR_SCANNED = 50
/** How many are offered. */
export const SIMILAR_SHOWN = 5
/** Below this share of common pieces two titles are about different things. */
export const SIMILAR_THRESHOLD = 0.25
/** The most residents one demand keeps as co-reporters (跟进); more adds nothing for staff. */
export const MAX_FOLLOWERS = 50

/** Letters, digits and CJK only: "3号楼 路灯不亮！" and "3号楼路灯不亮" are the same words. */
function normalise(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** The two-character pieces of a text (a single character is its own piece). */
export function bigrams(s: string): Set<string> {
  const t = normalise(s)
  if (t.length < 2) return new Set(t ? [t] : [])
  return new Set(Array.from({ length: t.length - 1 }, (_, i) => t.slice(i, i + 2)))
}

/** Dice's coefficient of the two titles' pieces: 1 for the same words, 0 for nothing shared. */
export function titleSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const p of x) if (y.has(p)) shared++
  return (2 * shared) / (x.size + y.size)
}

type Candidate = Pick<Demand, '_id' | 'title' | 'createdAt'>

/** The candidates similar enough to `title`, most similar first (newer first among equals), at most `shown`. */
export function rankSimilar<T extends Candidate>(
  title: string,
  candidates: readonly T[],
  shown = SIMILAR_SHOWN,
): (T & { similarity: number })[] {
  return candidates
    .map((c) => ({ ...c, similarity: Math.round(titleSimilarity(title, c.title) * 100) / 100 }))
    .filter((c) => c.similarity >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity || b.createdAt - a.createdAt || (a._id < b._id ? -1 : 1))
    .slice(0, shown)
}

export const FollowRefusals = {
  not_resident: '只有本社区的居民可以跟进',
  own_demand: '这是您自己的点单，不用跟进',
  finished: '该点单已结束，不能再跟进',
  full: '跟进的人数已满，社区已知晓此问题',
} as const
export type FollowRefusal = keyof typeof FollowRefusals

interface Follower {
  userId: string
  grants: readonly { role: string; communityId?: string }[]
}

/** Whether `person` may follow `demand` as a co-reporter; already following is allowed (a retry). */
export function followVerdict(
  person: Follower,
  demand: Pick<Demand, 'ownerId' | 'createdBy' | 'communityId' | 'status' | 'followers'>,
): { allowed: true } | { allowed: false; reason: FollowRefusal; message: string } {
  const refuse = (reason: FollowRefusal) => ({ allowed: false as const, reason, message: FollowRefusals[reason] })
  if (demand.ownerId === person.userId || demand.createdBy === person.userId) return refuse('own_demand')
  if (!person.grants.some((g) => g.role === 'resident' && g.communityId === demand.communityId)) return refuse('not_resident')
  const following = demand.followers ?? []
  if (following.includes(person.userId)) return { allowed: true }
  if (!SimilarStatuses.includes(demand.status)) return refuse('finished')
  if (following.length >= MAX_FOLLOWERS) return refuse('full')
  return { allowed: true }
}
