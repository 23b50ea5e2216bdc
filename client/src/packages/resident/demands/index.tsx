import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import DemandList, { LIST_PAGE, SearchBox, useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { RESIDENT_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'

/** 我的点单: the person's own demands, newest first, by status; search by title or address. */
function DemandsPage() {
  const [tab, setTab] = useState('all')
  const [q, setQ] = useState('')
  const status = RESIDENT_TABS.find((t) => t.key === tab)?.status
  const req = useDemandList(
    (cursor) => api('demand', 'listMine', { status, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}), page: { limit: LIST_PAGE } }),
    [status, q],
  )
  return (
    <Screen>
      <StatusTabs tabs={RESIDENT_TABS} active={tab} onChange={setTab} />
      <SearchBox placeholder="搜索标题或地址" value={q} onSearch={setQ} />
      <DemandList req={req} emptyText="还没有点单，回首页点一单吧" />
    </Screen>
  )
}

export default observer(DemandsPage)
