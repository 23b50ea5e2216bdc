/** What a list of likely duplicates shows of each: enough to recognise the problem, nothing personal. */
import type { contract, Demand } from '@honglin/shared'

export function similarOf(d: Demand, similarity: number, following?: boolean): contract.SimilarDemand {
  return {
    _id: d._id,
    kind: d.kind,
    category: d.category,
    title: d.title,
    address: d.address,
    gridId: d.gridId,
    status: d.status,
    urgency: d.urgency,
    createdAt: d.createdAt,
    similarity,
    followerCount: d.followerCount ?? d.followers?.length ?? 0,
    ...(following ? { following: true } : {}),
  }
}
