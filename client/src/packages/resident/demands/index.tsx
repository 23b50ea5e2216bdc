import { useState } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import DemandCard from '../../../components/demand-card'
import PageState from '../../../components/page-state'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { useRequest } from '../../../hooks/use-request'
import { RESIDENT_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

/** 我的点单: the person's own demands, newest first, by status. */
function DemandsPage() {
  const { session, org } = useStores()
  const [tab, setTab] = useState('all')
  const status = RESIDENT_TABS.find((t) => t.key === tab)?.status
  const req = useRequest(
    async () => {
      const res = await api('demand', 'listMine', { status, page: { limit: 50 } })
      if (session.communityId) void org.loadGrids(session.communityId).catch(() => undefined)
      return res
    },
    [session.openid, status],
    { enabled: session.ready },
  )
  const items = req.data?.items ?? []
  return (
    <Screen>
      <StatusTabs tabs={RESIDENT_TABS} active={tab} onChange={setTab} />
      <PageState
        loading={!session.ready || req.loading}
        error={session.error || req.error}
        onRetry={req.reload}
        hasData={req.data !== undefined}
        empty={items.length === 0}
        emptyText="还没有点单，回首页点一单吧"
      >
        <View>
          {items.map((d) => (
            <DemandCard key={d._id} demand={d} />
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(DemandsPage)
