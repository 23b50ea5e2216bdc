import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { Categories } from '@honglin/shared'
import ActionBar from '../../../components/action-bar'
import DemandCard from '../../../components/demand-card'
import PageState from '../../../components/page-state'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { useRequest } from '../../../hooks/use-request'
import { Paths } from '../../../logic/roles'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

const CATEGORY_TABS = [{ key: '', label: '全部' }, ...Categories.map((c) => ({ key: c.id, label: c.label }))]

/** 任务大厅: open items of my community, by category; 认领 takes one. */
function HallPage() {
  const { session, org } = useStores()
  const [category, setCategory] = useState('')
  const req = useRequest(
    async () => {
      const res = await api('task', 'hall', { category: category || undefined, page: { limit: 50 } })
      if (session.communityId) void org.loadGrids(session.communityId).catch(() => undefined)
      return res
    },
    [session.openid, category],
    { enabled: session.ready },
  )
  const items = req.data?.items ?? []
  return (
    <Screen>
      <StatusTabs tabs={CATEGORY_TABS} active={category} onChange={setCategory} />
      <PageState
        loading={!session.ready || req.loading}
        error={session.error || req.error}
        onRetry={req.reload}
        hasData={req.data !== undefined}
        empty={items.length === 0}
        emptyText="暂时没有待认领的任务"
      >
        <View>
          {items.map((d) => (
            <DemandCard key={d._id} demand={d} showWork>
              <ActionBar
                demandId={d._id}
                available={d.availableActions}
                only={['claim']}
                compact
                onDone={() => {
                  req.reload()
                  void Taro.navigateTo({ url: Paths.demand(d._id) })
                }}
              />
            </DemandCard>
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(HallPage)
