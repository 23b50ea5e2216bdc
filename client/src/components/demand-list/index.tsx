/**
 * The list every role's demand page shows (我的点单, 任务大厅, 我的任务, 受理台): one request
 * with loading / empty / error states, a card per demand, and whatever actions the page puts
 * under each card.
 */
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import DemandCard from '../demand-card'
import PageState, { stateOf } from '../page-state'
import { useRequest, type RequestState } from '../../hooks/use-request'
import { useStores } from '../../stores'

type Item = contract.DemandView & { late?: boolean }

/**
 * Loads a page of demands once the session is ready, and again when `deps` change; also warms
 * the grid names the cards show for `communityId` (the caller's community by default).
 */
export function useDemandList(
  load: () => Promise<{ items: Item[] }>,
  deps: unknown[],
  communityId?: string,
): RequestState<{ items: Item[] }> {
  const { session, org } = useStores()
  return useRequest(
    async () => {
      const res = await load()
      const community = communityId ?? session.communityId
      if (community) void org.loadGrids(community).catch(() => undefined)
      return res
    },
    [session.openid, ...deps],
    { enabled: session.ready },
  )
}

interface Props {
  req: RequestState<{ items: Item[] }>
  emptyText: string
  /** Show who is doing the work and by when (everyone but the resident). */
  showWork?: boolean
  /** What goes under each card, e.g. its action buttons. */
  actions?: (demand: Item) => ReactNode
}

function DemandList({ req, emptyText, showWork, actions }: Props) {
  const { session } = useStores()
  const items = req.data?.items ?? []
  return (
    <PageState {...stateOf(session, req)} empty={items.length === 0} emptyText={emptyText}>
      <View>
        {items.map((d) => (
          <DemandCard key={d._id} demand={d} showWork={showWork}>
            {actions?.(d)}
          </DemandCard>
        ))}
      </View>
    </PageState>
  )
}

export default observer(DemandList)
