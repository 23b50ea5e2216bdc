/** The organisation tree as far as the client needs it: names of communities and grids, cached. */
import { makeAutoObservable, runInAction } from 'mobx'
import type { contract } from '@honglin/shared'
import type { Api } from '../services/api-core'

export class OrgStore {
  communities: contract.OrgItem[] = []
  gridsByCommunity = new Map<string, contract.OrgItem[]>()
  private names = new Map<string, string>()
  /** Grids being fetched, so many cards of one community ask once. */
  private pending = new Map<string, Promise<contract.OrgItem[]>>()

  constructor(private readonly api: Api) {
    makeAutoObservable<OrgStore, 'api' | 'pending'>(this, { api: false, pending: false }, { autoBind: true })
  }

  /** A community's or grid's name, or undefined until loaded. */
  nameOf(id: string | undefined): string | undefined {
    return id ? this.names.get(id) : undefined
  }

  async loadCommunities(): Promise<contract.OrgItem[]> {
    if (this.communities.length) return this.communities
    const res = await this.api('org', 'communities', {})
    runInAction(() => {
      this.communities = res.items
      for (const c of res.items) this.names.set(c._id, c.name)
    })
    return res.items
  }

  async loadGrids(communityId: string): Promise<contract.OrgItem[]> {
    const cached = this.gridsByCommunity.get(communityId)
    if (cached) return cached
    const asked = this.pending.get(communityId)
    if (asked) return asked
    const ask = this.api('org', 'grids', { communityId }).then(
      (res) => {
        runInAction(() => {
          this.gridsByCommunity.set(communityId, res.items)
          for (const g of res.items) this.names.set(g._id, g.name)
        })
        this.pending.delete(communityId)
        return res.items
      },
      (error: unknown) => {
        this.pending.delete(communityId)
        throw error
      },
    )
    this.pending.set(communityId, ask)
    return ask
  }
}
