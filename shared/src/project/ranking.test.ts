import { rankBids } from './ranking'

const C = [
  { name: '可行性', weight: 40, max: 10 },
  { name: '投入', weight: 40, max: 10 },
  { name: '经验', weight: 20, max: 10 },
]
const bid = (id: string, createdAt: number) => ({ _id: id, unitId: `u-${id}`, unitName: id, createdAt })
const s = (a: number, b: number, c: number) => ({ scores: { 可行性: a, 投入: b, 经验: c } })

describe('ranking and its tie-break', () => {
  test('by the mean of the weighted totals', () => {
    const r = rankBids(C, [
      { bid: bid('a', 1), scores: [s(5, 5, 5), s(7, 7, 7)] },
      { bid: bid('b', 2), scores: [s(9, 9, 9)] },
    ])
    expect(r.map((x) => [x.bidId, x.total, x.rank, x.tieBreak])).toEqual([
      ['b', 90, 1, undefined],
      ['a', 60, 2, undefined],
    ])
  })

  test('equal totals: the higher mean on the top-weighted criterion (the first listed of equal weights) wins', () => {
    // Both 60: a has 可行性 8 (top: first of the 40s), b has 投入 8.
    const r = rankBids(C, [
      { bid: bid('b', 1), scores: [s(4, 8, 6)] },
      { bid: bid('a', 2), scores: [s(8, 4, 6)] },
    ])
    expect(r.map((x) => [x.bidId, x.total, x.tieBreak])).toEqual([
      ['a', 60, undefined],
      ['b', 60, 'top_criterion'],
    ])
  })

  test('then more scores, then the earlier bid', () => {
    const more = rankBids(C, [
      { bid: bid('a', 1), scores: [s(6, 6, 6)] },
      { bid: bid('b', 2), scores: [s(6, 6, 6), s(6, 6, 6)] },
    ])
    expect(more.map((x) => [x.bidId, x.tieBreak])).toEqual([
      ['b', undefined],
      ['a', 'score_count'],
    ])
    const earlier = rankBids(C, [
      { bid: bid('late', 9), scores: [s(6, 6, 6)] },
      { bid: bid('early', 3), scores: [s(6, 6, 6)] },
    ])
    expect(earlier.map((x) => [x.bidId, x.tieBreak])).toEqual([
      ['early', undefined],
      ['late', 'earlier_bid'],
    ])
  })
})
