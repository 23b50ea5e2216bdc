/**
 * The ranking of bids from the members' scores. A bid's total is the mean of the weighted
 * totals it received. Ties are broken, in order, by:
 * 1. the higher mean on the most heavily weighted criterion (the first listed among equals);
 * 2. more scores received;
 * 3. the earlier bid (submitted first);
 * and, should all of these be equal, by bid id, so the order is always the same.
 */
import { weightedTotal } from './criteria'
import type { Criterion } from './types'
import type { RankedBid } from './views'

export const TIE_BREAK_RULE = '总分相同时，依次比较：权重最高的评分标准平均分高者在前；获得评分人数多者在前；揭榜时间早者在前。'

export interface RankInput {
  bid: { _id: string; unitId: string; unitName: string; createdAt: number }
  scores: { scores: Record<string, number> }[]
}

const round2 = (n: number) => Math.round(n * 100) / 100

export function topCriterion(criteria: readonly Criterion[]): Criterion | undefined {
  return criteria.reduce<Criterion | undefined>((best, c) => (!best || c.weight > best.weight ? c : best), undefined)
}

export function rankBids(criteria: readonly Criterion[], inputs: readonly RankInput[]): RankedBid[] {
  const top = topCriterion(criteria)
  const rows = inputs.map(({ bid, scores }) => {
    const n = scores.length
    const byCriterion = Object.fromEntries(
      criteria.map((c) => [c.name, n ? round2(scores.reduce((s, x) => s + (x.scores[c.name] ?? 0), 0) / n) : 0]),
    )
    const exact = n ? scores.reduce((s, x) => s + weightedTotal(criteria, x.scores), 0) / n : 0
    return { bid, n, byCriterion, exact, total: round2(exact), topMean: top ? (byCriterion[top.name] ?? 0) : 0 }
  })
  type Row = (typeof rows)[number]
  const steps: [RankedBid['tieBreak'], (a: Row, b: Row) => number][] = [
    ['top_criterion', (a, b) => b.topMean - a.topMean],
    ['score_count', (a, b) => b.n - a.n],
    ['earlier_bid', (a, b) => a.bid.createdAt - b.bid.createdAt],
  ]
  const compare = (a: Row, b: Row) => {
    if (a.total !== b.total) return b.total - a.total
    for (const [, f] of steps) if (f(a, b) !== 0) return f(a, b)
    return a.bid._id < b.bid._id ? -1 : a.bid._id > b.bid._id ? 1 : 0
  }
  rows.sort(compare)
  return rows.map((r, i) => {
    const prev = rows[i - 1]
    const tie = prev && prev.total === r.total ? steps.find(([, f]) => f(prev, r) !== 0)?.[0] : undefined
    return {
      bidId: r.bid._id,
      unitId: r.bid.unitId,
      unitName: r.bid.unitName,
      total: r.total,
      byCriterion: r.byCriterion,
      scoreCount: r.n,
      rank: i + 1,
      ...(tie ? { tieBreak: tie } : {}),
    }
  })
}
