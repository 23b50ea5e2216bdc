import { useState } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import ActionBar from '../../../components/action-bar'
import DemandCard from '../../../components/demand-card'
import PageState from '../../../components/page-state'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { useRequest } from '../../../hooks/use-request'
import { TASK_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

/** 我的任务 (volunteers) / 单位任务 (unit contacts): what was assigned to me or my unit. */
function TasksPage() {
  const { session, org } = useStores()
  const [tab, setTab] = useState('all')
  const status = TASK_TABS.find((t) => t.key === tab)?.status
  const req = useRequest(
    async () => {
      const res = await api('task', 'mine', { status, page: { limit: 50 } })
      if (session.communityId) void org.loadGrids(session.communityId).catch(() => undefined)
      return res
    },
    [session.openid, status],
    { enabled: session.ready },
  )
  const items = req.data?.items ?? []
  return (
    <Screen>
      <StatusTabs tabs={TASK_TABS} active={tab} onChange={setTab} />
      <PageState
        loading={!session.ready || req.loading}
        error={session.error || req.error}
        onRetry={req.reload}
        hasData={req.data !== undefined}
        empty={items.length === 0}
        emptyText={session.activeRole === 'unit_contact' ? '暂时没有派给本单位的任务' : '暂时没有任务，去任务大厅看看吧'}
      >
        <View>
          {items.map((d) => (
            <DemandCard key={d._id} demand={d} showWork>
              <ActionBar demandId={d._id} available={d.availableActions} compact onDone={() => req.reload()} />
            </DemandCard>
          ))}
        </View>
      </PageState>
    </Screen>
  )
}

export default observer(TasksPage)
