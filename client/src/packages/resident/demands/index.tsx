import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import DemandList, { useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { RESIDENT_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'

/** 我的点单: the person's own demands, newest first, by status. */
function DemandsPage() {
  const [tab, setTab] = useState('all')
  const status = RESIDENT_TABS.find((t) => t.key === tab)?.status
  const req = useDemandList(() => api('demand', 'listMine', { status, page: { limit: 50 } }), [status])
  return (
    <Screen>
      <StatusTabs tabs={RESIDENT_TABS} active={tab} onChange={setTab} />
      <DemandList req={req} emptyText="还没有点单，回首页点一单吧" />
    </Screen>
  )
}

export default observer(DemandsPage)
