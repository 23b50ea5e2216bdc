/**
 * The organisation tree any registered user may browse: streets → communities → grids. Each
 * list is read whole (`readAll`: by key, 1,000 a round trip), so a long list is never cut; a
 * street, its communities and their grids fit one page in every city we know of.
 */
import { contract } from '@honglin/shared'
import { readAll } from '../_runtime/all'
import { Collections } from '../_runtime/db'
import { action } from '../_runtime/function'

/** The most members a community's 大党委 list holds (dozens in practice); more is an error, not a cut. */
export const LIST_LIMIT = 100

interface OrgDoc {
  _id: string
  name?: string
  streetId?: string
}

export const streets = action({
  schema: contract.Schemas.org.streets,
  async run(ctx) {
    const items = await readAll<OrgDoc>(ctx.db, Collections.streets, {})
    return { items: items.sort((a, b) => compare(a.name ?? '', b.name ?? '') || compare(a._id, b._id)) }
  },
})

export const communities = action({
  schema: contract.Schemas.org.communities,
  async run(ctx, input) {
    const items = await readAll<OrgDoc>(ctx.db, Collections.communities, input.streetId ? { streetId: input.streetId } : {})
    return { items: items.sort((a, b) => compare(a.streetId ?? '', b.streetId ?? '') || compare(a._id, b._id)) }
  },
})

export const grids = action({
  schema: contract.Schemas.org.grids,
  async run(ctx, input) {
    return { items: await readAll<OrgDoc>(ctx.db, Collections.grids, { communityId: input.communityId }) }
  },
})

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
