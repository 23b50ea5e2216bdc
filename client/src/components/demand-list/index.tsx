/**
 * The list every role's demand page shows (我的点单, 任务大厅, 我的任务, 受理台): the first
 * page with loading / empty / error states, a card per demand, whatever actions the page puts
 * under each card, and "加载更多" for the following pages (paged by key).
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { contract } from '@honglin/shared'
import DemandCard from '../demand-card'
import PageState, { stateOf } from '../page-state'
import { usePagedList, type KeyPage, type PagedList } from '../../hooks/use-paged-list'
import { useStores } from '../../stores'
import './index.scss'

export { default as SearchBox } from './search-box'

type Item = contract.DemandView & { late?: boolean }

/** Demands a list page asks for at once. */
export const LIST_PAGE = 50

/**
 * Loads the first page of demands once the session is ready, and again when `deps` change;
 * `load` gets the cursor of the page to load next. Also warms the grid names the cards show
 * for `communityId` (the caller's community by default).
 */
export function useDemandList(load: (cursor?: string) => Promise<KeyPage<Item>>, deps: unknown[], communityId?: string): PagedList<Item> {
  const { session, org } = useStores()
  return usePagedList(
    async (cursor) => {
      const res = await load(cursor)
      const community = communityId ?? session.communityId
      if (community && !cursor) void org.loadGrids(community).catch(() => undefined)
      return res
    },
    [session.openid, ...deps],
    { enabled: session.ready },
  )
}

interface Props {
  req: PagedList<Item>
  emptyText: string
  /** Show who is doing the work and by when (everyone but the resident). */
  showWork?: boolean
  /** What goes under each card, e.g. its action buttons. */
  actions?: (demand: Item) => ReactNode
}

/** What a search looked through, in words: a search never reads the whole history at once. */
function searchNote(search: contract.SearchReport | undefined, found: number, more: boolean): string | undefined {
  if (!search) return undefined
  if (search.complete) return found === 0 ? '没有找到相符的点单' : undefined
  return `只搜索最近 ${search.window} 条${more ? '，点"加载更多"继续往前搜' : ''}`
}

function DemandList({ req, emptyText, showWork, actions }: Props) {
  const { session } = useStores()
  const { items } = req
  const note = searchNote(req.search, items.length, req.canLoadMore)
  // Searching: an empty window is not an empty list, so the note and "加载更多" stay in view.
  const searching = req.search !== undefined
  return (
    <PageState {...stateOf(session, req)} empty={items.length === 0 && !searching} emptyText={emptyText}>
      <View>
        {note && <Text className="hint demand-list__note">{note}</Text>}
        {items.map((d) => (
          <DemandCard key={d._id} demand={d} showWork={showWork}>
            {actions?.(d)}
          </DemandCard>
        ))}
        {req.moreError && <Text className="form-failure">{req.moreError}</Text>}
        {req.canLoadMore && (
          <Button block fill="outline" disabled={req.loadingMore} onClick={req.loadMore}>
            {req.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        )}
      </View>
    </PageState>
  )
}

export default observer(DemandList)
