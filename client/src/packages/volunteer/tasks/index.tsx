import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import ActionBar from '../../../components/action-bar'
import DemandList, { LIST_PAGE, useDemandList } from '../../../components/demand-list'
import Screen from '../../../components/screen'
import StatusTabs from '../../../components/status-tabs'
import { TASK_TABS } from '../../../logic/demand-view'
import { api } from '../../../services/api'
import { useStores } from '../../../stores'

/** 我的任务 (volunteers) / 单位任务 (unit contacts): what was assigned to me or my unit. */
function TasksPage() {
  const { session } = useStores()
  const [tab, setTab] = useState('all')
  const status = TASK_TABS.find((t) => t.key === tab)?.status
  const req = useDemandList(
    (cursor) => api('task', 'mine', { status, ...(cursor ? { cursor } : {}), page: { limit: LIST_PAGE } }),
    [status],
  )
  return (
    <Screen>
      <StatusTabs tabs={TASK_TABS} active={tab} onChange={setTab} />
      <DemandList
        req={req}
        showWork
        emptyText={session.activeRole === 'unit_contact' ? '暂时没有派给本单位的任务' : '暂时没有任务，去任务大厅看看吧'}
        actions={(d) => (
          <ActionBar demandId={d._id} demandTitle={d.title} available={d.availableActions} compact onDone={() => req.reload()} />
        )}
      />
    </Screen>
  )
}

export default observer(TasksPage)
